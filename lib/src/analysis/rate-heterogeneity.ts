import { SpikeTrains } from "../spikes/spike-trains";
import { summarize } from "../math/statistics";
import { checkNumber, invalid, within } from "../core/validate";
import { firingRates } from "./spike-stats";

/**
 * How much of the spread of single-neuron rates across a population is persistent (a property of
 * each neuron, e.g. of the partners it drew) and how much is count noise that shrinks with the
 * counting window: the SD of the rates against the window length beside pure Poisson count noise,
 * and the split-half covariance of each neuron's rate in two disjoint halves of a run.
 */

/** The spread of single-neuron rates counted in one window; see {@link rateSpreadByWindow}. */
export interface RateSpreadPoint {
  /** Length L of the counting window [start, start + L) (s). */
  window: number;
  /** Mean rate over neurons (Hz). */
  mean: number;
  /** Standard deviation of the single-neuron rates across neurons (Hz). */
  sd: number;
  /** SD that pure Poisson count noise would give at these rates, sqrt(mean / L) (Hz). */
  poissonSd: number;
}

/** Options of {@link rateSpreadByWindow}. */
export interface RateSpreadOptions {
  /** Start of every counting window (s), a whole number of bins; default 0. */
  start?: number;
  /** Window lengths L (s), each a whole number of bins with start + L <= the duration; at least one. */
  windows: ArrayLike<number>;
}

function checkTrains(where: string, trains: unknown): SpikeTrains {
  if (!(trains instanceof SpikeTrains)) invalid(where, "trains", trains, "a SpikeTrains");
  if ((trains as SpikeTrains).n < 2) invalid(where, "trains.n", (trains as SpikeTrains).n, ">= 2 neurons");
  return trains as SpikeTrains;
}

/**
 * SD across neurons of the single-neuron rates r_i = n_i / L counted in [start, start + L), for
 * each window length L, beside what pure count noise would give: if every neuron fired as a
 * Poisson process at a fixed rate, Var(r_i) = r_i / L, so a population with mean rate r has a
 * count-noise SD of sqrt(r / L) (Hz) and no other spread. A measured SD that falls like 1/sqrt(L)
 * is count noise; one that levels off as L grows is persistent heterogeneity of the rates.
 * @param trains the spike trains of a population (n >= 2).
 * @param options start (s) and the window lengths (s).
 * @returns one {@link RateSpreadPoint} per window, in the order given.
 * @throws ParameterError when trains is not a SpikeTrains of at least 2 neurons, windows is empty
 *   or not an array, or a window is not a whole number of bins > 0 ending within the run.
 */
export function rateSpreadByWindow(trains: SpikeTrains, options: RateSpreadOptions): RateSpreadPoint[] {
  const where = "rateSpreadByWindow";
  checkTrains(where, trains);
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const { windows } = options;
  if (windows === null || typeof windows !== "object" || typeof windows.length !== "number" || windows.length === 0) {
    invalid(where, "windows", windows, "a non-empty array of window lengths (s)");
  }
  const start = checkNumber(where, "start", options.start ?? 0, { min: 0, unit: "s" });
  return Array.from(windows, (w, q) => {
    const L = checkNumber(where, `windows[${q}]`, w, { min: 0, minInclusive: false, max: trains.duration - start, unit: "s" });
    const s = summarize(firingRates(trains, { start, end: start + L }));
    return { window: L, mean: s.mean, sd: s.sd, poissonSd: Math.sqrt(s.mean / L) };
  });
}

/** Result of {@link splitHalfRates}. */
export interface SplitHalfResult {
  /** Rate of every neuron in the first half [start, mid) (Hz). */
  first: Float64Array;
  /** Rate of every neuron in the second half [mid, end) (Hz). */
  second: Float64Array;
  /** Length of each half (s). */
  half: number;
  /** Covariance across neurons of the two halves' rates (Hz^2): the persistent variance. */
  covariance: number;
  /** Standard error of `covariance` over neurons (Hz^2). */
  covarianceSe: number;
  /** Pearson correlation of the two halves' rates across neurons. */
  correlation: number;
  /** Persistent SD of the rates, sqrt(max(covariance, 0)) (Hz). */
  persistentSd: number;
}

function covarianceOf(x: Float64Array, y: Float64Array): { cov: number; se: number } {
  const mx = summarize(x).mean;
  const my = summarize(y).mean;
  const n = x.length;
  const products = x.map((v, i) => (v - mx) * (y[i] - my));
  const s = summarize(products);
  return { cov: (s.mean * n) / (n - 1), se: s.se };
}

/**
 * Split-half estimate of the persistent part of the rate heterogeneity. Each neuron's rate is
 * counted in the first half [start, mid) and the second half [mid, end) of a run, mid the bin
 * nearest (start + end)/2. Writing r_i = p_i + e_i (a persistent rate p_i plus count noise e_i),
 * the noise of two disjoint halves is nearly independent (if its correlation time is much shorter
 * than a half), so the covariance across neurons of the two halves' rates estimates Var(p), the
 * variance of the persistent rates, whatever the noise (Spearman-Brown's split-half reliability).
 * Its standard error is sd_i((r1_i - mean)(r2_i - mean)) / sqrt(n).
 * @param trains the spike trains of a population (n >= 2).
 * @param range start (s, default 0) and end (s, default the duration), whole numbers of bins.
 * @returns the two halves' rates, covariance with its SE, correlation and persistent SD.
 * @throws ParameterError when trains is not a SpikeTrains of at least 2 neurons, or the range is
 *   not whole bins, shorter than 2 bins, or beyond the run.
 */
export function splitHalfRates(trains: SpikeTrains, range: { start?: number; end?: number } = {}): SplitHalfResult {
  const where = "splitHalfRates";
  checkTrains(where, trains);
  if (range === null || typeof range !== "object") invalid(where, "range", range, "an object");
  const start = checkNumber(where, "start", range.start ?? 0, { min: 0, unit: "s" });
  const end = checkNumber(where, "end", range.end ?? trains.duration, { min: start + 2 * trains.dt, max: trains.duration, unit: "s" });
  const k0 = Math.round(start / trains.dt);
  const mid = Math.round((k0 + Math.round(end / trains.dt)) / 2) * trains.dt;
  const first = firingRates(trains, { start, end: mid });
  const second = firingRates(trains, { start: mid, end });
  const { cov, se } = covarianceOf(first, second);
  const correlation = cov / (summarize(first).sd * summarize(second).sd);
  return { first, second, half: mid - start, covariance: cov, covarianceSe: se, correlation, persistentSd: Math.sqrt(Math.max(cov, 0)) };
}

/** Result of {@link rateHeterogeneity}: the spread against the window and its persistent part. */
export interface RateHeterogeneity {
  /** The spread at each window, with the shares of persistent variance and of count noise. */
  windows: (RateSpreadPoint & {
    /** Share of the variance at this window that is persistent, covariance / sd^2. */
    persistentShare: number;
    /** SD of the non-persistent part over the Poisson count-noise SD, sqrt(sd^2 - covariance) / poissonSd. */
    noiseOverPoisson: number;
  })[];
  /** The split-half estimate over [start, start + longest window). */
  split: SplitHalfResult;
}

/**
 * {@link rateSpreadByWindow} and {@link splitHalfRates} together: the rate spread at each window
 * length, the persistent variance Var(p) from the two halves of the longest window, and for each
 * window the share Var(p) / sd^2 of the variance that is persistent and the ratio of the rest,
 * sqrt(sd^2 - Var(p)), to Poisson count noise sqrt(mean / L) (1 for Poisson count noise; above 1
 * when the counts vary more than a Poisson process's, Fano factor above 1).
 * @param trains the spike trains of a population (n >= 2).
 * @param options start (s) and window lengths (s), as in {@link rateSpreadByWindow}.
 * @returns a {@link RateHeterogeneity}.
 * @throws ParameterError as {@link rateSpreadByWindow} and {@link splitHalfRates}.
 */
export function rateHeterogeneity(trains: SpikeTrains, options: RateSpreadOptions): RateHeterogeneity {
  const where = "rateHeterogeneity";
  const spread = within(where, "trains and options", () => rateSpreadByWindow(trains, options));
  const start = options.start ?? 0;
  const split = within(where, "trains and options", () => splitHalfRates(trains, { start, end: start + Math.max(...spread.map((s) => s.window)) }));
  const windows = spread.map((s) => ({
    ...s,
    persistentShare: split.covariance / s.sd ** 2,
    noiseOverPoisson: Math.sqrt(Math.max(s.sd ** 2 - split.covariance, 0)) / s.poissonSd,
  }));
  return { windows, split };
}
