/**
 * Firing rates of a network run: single-neuron rates after a transient and their population
 * summaries.
 */
import { SpikeTrains } from "../spikes/spike-trains";
import { checkNumber, invalid } from "../core/validate";
import { summarize } from "../math/statistics";

/** Mean rate of a population with its spread across neurons. */
export interface PopulationRateSummary {
  /** Mean over neurons of the single-neuron rates (Hz). */
  mean: number;
  /** Standard deviation of the single-neuron rates across neurons (Hz); NaN for one neuron. */
  sd: number;
  /** Standard error of the mean, sd / sqrt(n) (Hz); NaN for one neuron. */
  sem: number;
  /** Number of neurons. */
  n: number;
}

/** Result of {@link meanRates}. */
export interface MeanRates {
  /** E population. */
  E: PopulationRateSummary;
  /** I population. */
  I: PopulationRateSummary;
  /** The time dropped at the start (s): the counting window is [transient, duration). */
  transient: number;
  /** End of the counting window (s): the run's duration. */
  duration: number;
}

/** Single-neuron firing rates (Hz) in [from, duration): spikes in bins k with k dt >= from, over the window length. */
function countRates(trains: SpikeTrains, from: number): Float64Array {
  const k0 = Math.ceil(from / trains.dt - 1e-9);
  const T = (trains.nBins - k0) * trains.dt;
  const r = new Float64Array(trains.n);
  for (let i = 0; i < trains.n; i++) {
    let c = 0;
    for (let s = trains.offsets[i]; s < trains.offsets[i + 1]; s++) if (trains.bins[s] >= k0) c++;
    r[i] = c / T;
  }
  return r;
}

/** Mean, sd and sem across neurons of single-neuron rates, by {@link summarize}. */
function summary(r: Float64Array): PopulationRateSummary {
  const s = summarize(r);
  return { mean: s.mean, sd: s.sd, sem: s.se, n: s.n };
}

/**
 * Mean firing rates of E and I after a transient, with standard errors across neurons:
 * single-neuron rates are counted in [transient, duration) (as `firingRates` with `start: transient`); the mean is
 * their average and sem = sd / sqrt(N). Note that the sem measures the spread across neurons of
 * one run, not run-to-run variability (repeat with several seeds for that).
 * @param run a {@link NetworkRun}, or any `{ E, I }` pair of SpikeTrains.
 * @param options.transient time dropped at the start (s), default 0.2; 0 counts the whole run.
 * @throws ParameterError when run is not an object with SpikeTrains E and I (e.g. `meanRates({})`),
 *   or the transient is negative or not shorter than the run.
 */
export function meanRates(run: { E: SpikeTrains; I: SpikeTrains }, options: { transient?: number } = {}): MeanRates {
  const where = "meanRates";
  if (run === null || typeof run !== "object") invalid(where, "run", run, "a NetworkRun or an object { E, I } of SpikeTrains");
  for (const pop of ["E", "I"] as const) {
    if (!(run[pop] instanceof SpikeTrains)) invalid(where, `run.${pop}`, run[pop], "the SpikeTrains of a NetworkRun (pass the result of simulateNetwork)");
  }
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object { transient }");
  const transient = options.transient ?? 0.2;
  checkNumber(where, "transient", transient, { min: 0, max: run.E.duration, maxInclusive: false, unit: "s" });
  return summarizeRates(run, transient);
}

/**
 * {@link meanRates} for arguments already checked (internal: not re-exported from the package).
 * @param transient time dropped at the start (s), in [0, duration).
 */
export function summarizeRates(run: { E: SpikeTrains; I: SpikeTrains }, transient: number): MeanRates {
  return { E: summary(countRates(run.E, transient)), I: summary(countRates(run.I, transient)), transient: transient, duration: run.E.duration };
}
