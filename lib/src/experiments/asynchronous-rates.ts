import { NetworkRun, simulateNetwork } from "../network/simulate";
import { meanRates } from "../network/rates";
import { recycleMemory } from "../network/wasm";
import { NetworkParams, networkParams } from "../network/params";
import { defaultSpikeLimits, populationSpikes, scanPopulationSpikes } from "../analysis/synchronous-state";
import { summarize } from "../math/statistics";
import { checkNumber, checkSeed, invalid, within } from "../core/validate";
import { SpikeTrains } from "../spikes/spike-trains";
import { poolTask, runGroup, type RunContext, type RunGroup } from "./run-pool";

/** Options of {@link asynchronousRates}. */
export interface AsynchronousRatesOptions {
  /** Model parameters (units in {@link NetworkParams}); the model's defaults for missing fields. */
  params?: Partial<NetworkParams>;
  /** Seeds of the runs (at least 2 for a standard error). */
  seeds: ArrayLike<number | string>;
  /** Time dropped at the start of every run (s), default 0.2. */
  transient?: number;
  /** Shortest asynchronous window a run must keep to count (s), default 0.3. */
  minWindow?: number;
  /**
   * Stop once this many runs are usable (default: run every seed). With `seeds` a longer list of
   * candidates, runs that lock into the synchronous state are replaced by the next seeds.
   */
  usableWanted?: number;
  /** Called after each run with runs done and the total (usable runs and `usableWanted` when that is given). */
  onProgress?: (done: number, total: number) => void;
}

/** Rate of one population over the usable runs. */
export interface SeedMean {
  /** Mean over the usable runs of the population-mean rate of each run (Hz). */
  mean: number;
  /** Between-run standard error of `mean` (Hz): sd / sqrt(usable runs). */
  se: number;
  /** The rate of each usable run (Hz). */
  perSeed: number[];
}

/**
 * The mean of per-run values with its between-run standard error, sd / sqrt(n).
 * @param perSeed one value per usable run.
 * @returns mean, se and the values themselves.
 * @throws ParameterError for fewer than 2 values (no standard error) or a value that is not finite.
 */
export function seedMean(perSeed: number[]): SeedMean {
  const s = summarize(perSeed, "seedMean");
  return { mean: s.mean, se: s.se, perSeed };
}

/** Result of {@link asynchronousRates}. */
export interface AsynchronousRates {
  /** Excitatory rate. */
  E: SeedMean;
  /** Inhibitory rate. */
  I: SeedMean;
  /** Runs with an asynchronous window of at least `minWindow` (the others are left out). */
  usable: number;
  /** Runs simulated. */
  runs: number;
}

/**
 * Start of a run's asynchronous window (s): the later of `transient` and 0.1 s after the run's
 * last population spike in E or I ({@link populationSpikes}), rounded up to a whole bin. At large
 * K a run can lock into a synchronous state of population spikes before it escapes; counting from
 * here keeps only its asynchronous part.
 * @param run a network run.
 * @param transient time dropped at the start in any case (s), >= 0.
 * @returns the window's start (s); it may lie at or past the end of the run (no asynchronous part).
 * @throws ParameterError when run is not a network run (E and I SpikeTrains, params.dt) or transient is negative.
 */
export function asynchronousFrom(run: NetworkRun, transient: number): number {
  const where = "asynchronousFrom";
  const ok = run !== null && typeof run === "object" && run.E instanceof SpikeTrains && run.I instanceof SpikeTrains && run.params?.dt === run.E.dt;
  if (!ok) invalid(where, "run", run, "a result of simulateNetwork");
  checkNumber(where, "transient", transient, { min: 0, unit: "s" });
  const last = Math.max(populationSpikes(run.E).last ?? -Infinity, populationSpikes(run.I).last ?? -Infinity);
  return windowStart(last, transient, run.params.dt);
}

/** The start of the asynchronous window (s) after a last population spike at `last` (s; -Infinity for none), for bins of dt (s): see {@link asynchronousFrom}. */
const windowStart = (last: number, transient: number, dt: number): number => Math.max(transient, Math.ceil((last + 0.1) / dt) * dt);

/**
 * Internal to the experiments (not re-exported from the package; its arguments are validated by
 * {@link asynchronousRuns}): the stopWhen rule of a run of {@link asynchronousRates} (see simulateNetwork): true once a
 * population spike of E or I ({@link populationSpikes}, default options) found in the bins so far
 * leaves less than minWindow after its window start. Such a run's last population spike can only
 * come later ({@link scanPopulationSpikes}), so the whole run would be left out too.
 * @param a the run's validated parameters, transient (s) and minWindow (s).
 * @returns the rule, for simulateNetwork's `stopWhen`.
 */
export function unusableFrom(a: AsynchronousRun): (binCounts: { E: Uint32Array; I: Uint32Array }, bins: number) => boolean {
  const { N, dt, duration } = a.params;
  const E = lastPopulationSpike(N);
  const I = lastPopulationSpike(N);
  return (binCounts, bins) => windowStart(Math.max(E(binCounts.E, bins), I(binCounts.I, bins)) * dt, a.transient, dt) > duration - a.minWindow;
}

/**
 * The peak bin of the last population spike (default options of {@link populationSpikes}) of a
 * population of n neurons in the bins so far (-Infinity for none), for counts that grow bin by bin:
 * each call scans only the bins after the previous call's, from the start of a run of candidate
 * bins still open there (so the scan costs O(bins) over the whole run).
 */
function lastPopulationSpike(n: number): (counts: Uint32Array, bins: number) => number {
  const need = defaultSpikeLimits.binFraction * n;
  let from = 0;
  let last = -Infinity;
  return (counts, bins) => {
    scanPopulationSpikes(counts, n, from, bins, defaultSpikeLimits, (peak) => {
      last = Math.max(last, peak);
    });
    const scanned = from;
    for (from = bins; from > scanned && counts[from - 1] >= need; ) from--;
    return last;
  };
}

/** Simulated time between two checks of a run's stopWhen rule (s): a run certain to be left out stops at most this long after it is. */
const STOP_CHECK_INTERVAL = 0.05;

/** The arguments of one run of {@link asynchronousRates}. */
export interface AsynchronousRun {
  /** The validated parameters. */
  params: NetworkParams;
  /** The run's seed. */
  seed: number | string;
  /** Time dropped at the start in any case (s). */
  transient: number;
  /** Shortest asynchronous window of a usable run (s). */
  minWindow: number;
}

/**
 * One run of {@link asynchronousRates}: the mean E and I rates over its asynchronous window (Hz),
 * or null when less than minWindow is left (the run stops as soon as that is certain).
 */
const asynchronousRun = poolTask("asynchronousRates", (a: AsynchronousRun, context: RunContext): [number, number] | null => {
  const run = simulateNetwork({
    params: a.params, seed: a.seed, initialV: "uniform", threads: context.threads, onProgress: context.checkpoint,
    progressInterval: STOP_CHECK_INTERVAL, stopWhen: unusableFrom(a),
  });
  recycleMemory(run.connectivity.memory);
  if (run.stopped) return null;
  const from = asynchronousFrom(run, a.transient);
  if (from > a.params.duration - a.minWindow) return null;
  const m = meanRates(run, { transient: from });
  return [m.E.mean, m.I.mean];
});

/** The runs of {@link asynchronousRates} as a run group. */
export interface AsynchronousRuns {
  /** The validated parameters of the runs. */
  params: NetworkParams;
  /** The runs: one per seed, each giving its E and I rates (Hz), or null when not usable. */
  group: RunGroup<AsynchronousRun, [number, number] | null>;
  /** The result, once the group has ended. */
  result(): AsynchronousRates;
}

/**
 * The runs of {@link asynchronousRates} (its options validated once, here) as a run group: run
 * q is seed q, certainly wanted while fewer runs are in progress than usable runs are missing;
 * each run's value is counted in seed order, and the group ends at `usableWanted` usable runs.
 * @param options as for {@link asynchronousRates}.
 * @returns the group, the validated parameters, and the result (after the group has ended).
 * @throws ParameterError as {@link asynchronousRates}.
 */
export function asynchronousRuns(options: AsynchronousRatesOptions): AsynchronousRuns {
  const where = "asynchronousRates";
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const params = networkParams(options.params ?? {});
  const { seeds, transient = 0.2, minWindow = 0.3, onProgress } = options;
  if (seeds === null || typeof seeds !== "object" || typeof seeds.length !== "number" || seeds.length === 0) invalid(where, "seeds", seeds, "a non-empty array of seeds");
  const wanted = options.usableWanted === undefined ? Infinity : checkNumber(where, "usableWanted", options.usableWanted, { integer: true, min: 1, max: seeds.length });
  checkNumber(where, "transient", transient, { min: 0, unit: "s" });
  checkNumber(where, "minWindow", minWindow, { min: 0, minInclusive: false, max: params.duration - transient, unit: "s (transient + minWindow < duration)" });
  const E: number[] = [];
  const I: number[] = [];
  let runs = 0;
  const group: AsynchronousRuns["group"] = {
    task: asynchronousRun, count: seeds.length,
    args: (q) => ({ params, seed: checkSeed(where, seeds[q]), transient, minWindow }),
    wanted: () => wanted - E.length,
    consume: (rates, q) => {
      runs++;
      if (rates !== null) {
        E.push(rates[0]);
        I.push(rates[1]);
      }
      if (wanted === Infinity) onProgress?.(q + 1, seeds.length);
      else onProgress?.(E.length, wanted);
      return E.length < wanted;
    },
  };
  return { params, group, result: () => ({ E: seedMean(E), I: seedMean(I), usable: E.length, runs }) };
}

/**
 * Population rates of the E/I/X network in its asynchronous state, one network per seed (initial
 * V uniform in [0, V_th)). At large K a run can lock into a synchronous state of population spikes
 * ({@link populationSpikes}) before it escapes; each run is therefore counted only from the later
 * of `transient` and 0.1 s after its last population spike, and left out when less than
 * `minWindow` remains; a run stops as soon as a population spike makes that certain (checked
 * every 0.05 s of simulated time), since nothing after it can bring the run back. The
 * uncertainty is the spread between runs (independent networks and inputs): se = sd / sqrt(usable runs).
 *
 * The runs are independent: they run side by side on the run pool's worker threads (one per
 * core, up to N K = 10^7), never more at a time than are certainly needed, and are taken in seed
 * order, so the usable runs, the results and the progress calls are those of one run after
 * another, bit for bit.
 * @param options params, seeds, transient (s), minWindow (s), usableWanted, onProgress.
 * @returns E and I rates (Hz) with between-seed standard errors, how many runs were usable and how many ran.
 * @throws ParameterError for invalid parameters or seeds, or a transient + minWindow not shorter than the run.
 */
export function asynchronousRates(options: AsynchronousRatesOptions): AsynchronousRates {
  return within("asynchronousRates", "options", () => {
    const runs = asynchronousRuns(options);
    runGroup("asynchronousRates", runs.params, runs.group);
    return runs.result();
  });
}
