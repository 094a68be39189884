import { simulateNetwork } from "../network/simulate";
import { meanRates } from "../network/rates";
import { NetworkParams, networkParams } from "../network/params";
import { summarize } from "../math/statistics";
import { checkNumber, checkSeed, invalid } from "../core/validate";

/** Options of {@link networkRateSweep}. */
export interface RateSweepOptions {
  /** External rates r_X to simulate (Hz), each >= 0 with r_X dt <= 1; at least one. */
  rX: ArrayLike<number>;
  /** Seeds of the repeated runs at every r_X (numbers or strings); at least one. */
  seeds: ArrayLike<number | string>;
  /** The other model parameters (units in {@link NetworkParams}); a `rX` given here is overridden. */
  params?: Partial<NetworkParams>;
  /** Time dropped at the start of every run before counting spikes (s), default 0.2; 0 counts the whole run. */
  transient?: number;
  /** Initial membrane potentials of every run, as in `simulateNetwork` (default `"zero"`). */
  initialV?: "zero" | "uniform";
  /** Called as the sweep advances with simulated seconds done and the total over all runs (s). */
  onProgress?: (doneSeconds: number, totalSeconds: number) => void;
}

/** Population rate of one population at one r_X, over the seeds. */
export interface SweepRate {
  /** Mean rate over neurons of each run, one value per seed in the order of `seeds` (Hz). */
  perSeed: number[];
  /** Mean of `perSeed` (Hz). */
  mean: number;
  /** Standard deviation of `perSeed` across seeds (Hz); NaN for one seed. */
  sd: number;
  /** Standard error of `mean`, sd / sqrt(number of seeds) (Hz); NaN for one seed. */
  sem: number;
}

/** One point of a {@link networkRateSweep}. */
export interface RateSweepPoint {
  /** The external rate of this point (Hz). */
  rX: number;
  /** Excitatory population rate over the seeds. */
  E: SweepRate;
  /** Inhibitory population rate over the seeds. */
  I: SweepRate;
}

function seedStats(values: number[]): SweepRate {
  const s = summarize(values);
  return { perSeed: values, mean: s.mean, sd: s.sd, sem: s.se };
}

/**
 * Population rates of the E/I/X network against the external rate r_X (SPEC task 5.3): for every
 * r_X and every seed, one run of `simulateNetwork`, and the mean rate over the N neurons of E
 * and of I counted after the transient (`meanRates`). At each r_X the runs are summarised across
 * seeds: mean, standard deviation and standard error = sd / sqrt(number of seeds). The seed-to-seed
 * spread is the honest uncertainty of a population rate: the neurons of one run share the same
 * network fluctuations, so the standard error across neurons of one run understates it.
 *
 * The same seed is used at every r_X (common random numbers: the same connectivity and the same
 * X random stream), so the differences between r_X values are less noisy than the error bars.
 *
 * @param options r_X values (Hz), seeds, other parameters, transient (s), initial V, progress.
 * @returns one {@link RateSweepPoint} per r_X, in the order given.
 * @throws Error when rX or seeds is empty or not an array, an r_X or seed is invalid, the
 *   transient is not in [0, duration), or the parameters are invalid (see `networkParams`).
 */
export function networkRateSweep(options: RateSweepOptions): RateSweepPoint[] {
  const where = "networkRateSweep";
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const { rX, seeds } = options;
  if (rX === null || typeof rX !== "object" || typeof rX.length !== "number" || rX.length === 0) {
    invalid(where, "rX", rX, "a non-empty array of rates (Hz)");
  }
  if (seeds === null || typeof seeds !== "object" || typeof seeds.length !== "number" || seeds.length === 0) {
    invalid(where, "seeds", seeds, "a non-empty array of seeds");
  }
  const rates = Array.from(rX, (r, q) => checkNumber(where, `rX[${q}]`, r, { min: 0, unit: "Hz" }));
  const seedList = Array.from(seeds, (s) => checkSeed(where, s));
  const transient = options.transient ?? 0.2;
  const params = options.params ?? {};
  // validate every run's parameters before the first (long) run
  const duration = rates.map((r) => networkParams({ ...params, rX: r }))[0].duration;
  checkNumber(where, "transient", transient, { min: 0, max: duration, maxInclusive: false, unit: "s" });
  const onProgress = options.onProgress;
  if (onProgress !== undefined && typeof onProgress !== "function") invalid(where, "onProgress", onProgress, "a function (doneSeconds, totalSeconds) => void");
  const total = rates.length * seedList.length * duration;

  let runs = 0;
  const points: RateSweepPoint[] = [];
  for (const r of rates) {
    const e: number[] = [];
    const i: number[] = [];
    for (const seed of seedList) {
      const done = runs * duration;
      const run = simulateNetwork({
        params: { ...params, rX: r },
        seed,
        initialV: options.initialV,
        onProgress: onProgress ? (s) => onProgress(Math.min(done + s, total), total) : undefined,
      });
      const m = meanRates(run, { transient });
      e.push(m.E.mean);
      i.push(m.I.mean);
      runs++;
    }
    points.push({ rX: r, E: seedStats(e), I: seedStats(i) });
  }
  return points;
}
