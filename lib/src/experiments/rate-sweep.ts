import { NetworkParams } from "../network/params";
import { summarizeRates } from "../network/rates";
import { simulateNetwork } from "../network/simulate";
import { parseSimulationOptions } from "../network/simulation-options";
import { recycleMemory } from "../network/wasm";
import { summarize } from "../math/statistics";
import { runControl, type RunControl } from "../core/run-control";
import { checkNumber, checkSeed, invalid, within } from "../core/validate";
import { poolTask, runGroup, type RunContext } from "./run-pool";

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
  /** Called after each run (in order) with the simulated seconds of the runs done and the total over all runs (s). */
  onProgress?: (doneSeconds: number, totalSeconds: number) => void;
}

/** Population rate of one population at one r_X, over the seeds. */
export interface SweepRate {
  /** Mean rate over neurons of each run, one value per seed in the order of `seeds` (Hz). */
  perSeed: number[];
  /** Mean of `perSeed` (Hz). */
  mean: number;
  /** Standard deviation of `perSeed` across seeds (Hz); at least 2 seeds are required. */
  sd: number;
  /** Standard error of `mean`, sd / sqrt(number of seeds) (Hz). */
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
  const s = summarize(values, "networkRateSweep");
  return { perSeed: values, mean: s.mean, sd: s.sd, sem: s.se };
}

/** The options of a sweep, validated and with every default filled in. */
interface SweepSetup {
  /** The parameters of the runs at each r_X. */
  params: NetworkParams[];
  seeds: (number | string)[];
  initialV: "zero" | "uniform";
  transient: number;
  duration: number;
  control: RunControl;
}

function nonEmpty(where: string, name: string, value: unknown, allowed: string): ArrayLike<unknown> {
  const a = value as ArrayLike<unknown> | null;
  if (a === null || typeof a !== "object" || typeof a.length !== "number" || a.length === 0) invalid(where, name, value, allowed);
  return a as ArrayLike<unknown>;
}

/**
 * Parses the options of {@link networkRateSweep} once, before the first (long) run: rates, seeds,
 * every run's parameters (through the simulator's own parser, so its messages are unchanged),
 * transient and progress.
 */
function parseSweepOptions(options: RateSweepOptions): SweepSetup {
  const where = "networkRateSweep";
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const rX = nonEmpty(where, "rX", options.rX, "a non-empty array of rates (Hz)");
  const seedList = nonEmpty(where, "seeds", options.seeds, "a non-empty array of seeds");
  if (seedList.length < 2) invalid(where, "seeds", options.seeds, "at least 2 seeds (the spread and standard error over seeds need two)");
  const rates = Array.from(rX, (r, q) => checkNumber(where, `rX[${q}]`, r, { min: 0, unit: "Hz" }));
  const seeds = Array.from(seedList, (s) => checkSeed(where, s));
  const params = options.params ?? {};
  const runs = rates.map((r) => within(where, `the runs at rX = ${r} Hz`, () => parseSimulationOptions({ params: { ...params, rX: r }, seed: seeds[0], initialV: options.initialV })));
  const duration = runs[0].p.duration;
  const transient = checkNumber(where, "transient", options.transient ?? 0.2, { min: 0, max: duration, maxInclusive: false, unit: "s" });
  const control = runControl(where, { onProgress: options.onProgress }, rates.length * seeds.length * duration, "s of simulated time");
  return { params: runs.map((r) => r.p), seeds, initialV: runs[0].initialV, transient, duration, control };
}

/** One run of a sweep: its validated parameters, seed, initial V and transient (s). */
interface SweepRun {
  params: NetworkParams;
  seed: number | string;
  initialV: "zero" | "uniform";
  transient: number;
}

/** One run of {@link networkRateSweep}: the mean E and I rates after the transient (Hz). */
const sweepRun = poolTask("networkRateSweep", (a: SweepRun, context: RunContext): [number, number] => {
  const run = simulateNetwork({ params: a.params, seed: a.seed, initialV: a.initialV, threads: context.threads, onProgress: context.checkpoint });
  recycleMemory(run.connectivity.memory);
  const m = summarizeRates(run, a.transient);
  return [m.E.mean, m.I.mean];
});

/**
 * Population rates of the E/I/X network against the external rate r_X (tutorial task 6.3): for every
 * r_X and every seed, one run of `simulateNetwork`, and the mean rate over the N neurons of E
 * and of I counted after the transient (`meanRates`). At each r_X the runs are summarised across
 * seeds: mean, standard deviation and standard error = sd / sqrt(number of seeds). The seed-to-seed
 * spread is the honest uncertainty of a population rate: the neurons of one run share the same
 * network fluctuations, so the standard error across neurons of one run understates it.
 *
 * The same seed is used at every r_X (common random numbers: the same connectivity and the same
 * X random stream), so the differences between r_X values are less noisy than the error bars.
 *
 * The runs are independent: they run side by side on the run pool's worker threads (one per
 * core, up to N K = 10^7) and are taken in order, with the same results, bit for bit, as one run
 * after another.
 *
 * @param options r_X values (Hz), seeds, other parameters, transient (s), initial V, progress.
 * @returns one {@link RateSweepPoint} per r_X, in the order given.
 * @throws Error when rX or seeds is empty or not an array, an r_X or seed is invalid, the
 *   transient is not in [0, duration), or the parameters are invalid (see `networkParams`).
 */
export function networkRateSweep(options: RateSweepOptions): RateSweepPoint[] {
  const { params, seeds, initialV, transient, duration, control } = parseSweepOptions(options);
  const S = seeds.length;
  const e = params.map((): number[] => []);
  const i = params.map((): number[] => []);
  let done = 0;
  runGroup("networkRateSweep", params[0], {
    task: sweepRun, count: params.length * S,
    args: (q) => ({ params: params[Math.floor(q / S)], seed: seeds[q % S], initialV, transient }),
    consume: ([rE, rI], q) => {
      e[Math.floor(q / S)].push(rE);
      i[Math.floor(q / S)].push(rI);
      done += duration;
      control.report(done);
      return true;
    },
  });
  return params.map((p, k) => ({ rX: p.rX, E: seedStats(e[k]), I: seedStats(i[k]) }));
}
