import { SpikeTrains } from "../spikes/spike-trains";
import { checkNumber, invalid, ParameterError } from "../core/validate";
import { timeToBins } from "../core/time-bins";

/**
 * Statistics of spike trains, for one neuron or per neuron of a population: firing rates, spike
 * counts in sliding or non-overlapping windows, Fano factors, inter-spike intervals and their
 * coefficient of variation (tutorial tasks 4.4, 5.2 and the network analyses). All accept a
 * {@link SpikeTrains}; the per-neuron variants return one value per neuron (NaN where undefined).
 */

function checkTrains(where: string, trains: unknown): SpikeTrains {
  if (!(trains instanceof SpikeTrains)) invalid(where, "trains", trains, "a SpikeTrains");
  return trains as SpikeTrains;
}

function checkNeuron(where: string, trains: SpikeTrains, neuron: number): number {
  return checkNumber(where, "neuron", neuron, { integer: true, min: 0, max: trains.n - 1 });
}

/** A time interval [start, end) in seconds, for the functions of this module. */
export interface TimeRange {
  /** Start (s), a whole number of bins, >= 0. Default 0. */
  start?: number;
  /** End (s), a whole number of bins, > start and <= the duration. Default: the duration. */
  end?: number;
}

function binRange(where: string, trains: SpikeTrains, range: TimeRange): [number, number] {
  if (range === null || typeof range !== "object") invalid(where, "options", range, "an object");
  const k0 = timeToBins(where, "start", range.start ?? 0, trains.dt);
  const k1 = range.end === undefined ? trains.nBins : timeToBins(where, "end", range.end, trains.dt);
  if (k1 > trains.nBins) invalid(where, "end", range.end, `<= the duration ${trains.duration} (s)`);
  if (k1 <= k0) {
    const end = range.end ?? trains.duration;
    const what = range.end === undefined ? " (the default end: the trains' duration)" : "";
    throw new ParameterError(`${where}: end must be > start = ${range.start ?? 0} (s), got ${end}${what}`);
  }
  return [k0, k1];
}

/** Index of the first spike of neuron i at bin >= k (binary search in its sorted row). */
function firstAtOrAfter(trains: SpikeTrains, i: number, k: number): number {
  let lo = trains.offsets[i];
  let hi = trains.offsets[i + 1];
  const bins = trains.bins;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bins[mid] < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Firing rate of every neuron over [start, end): the spike count divided by (end - start).
 * @param trains the spike trains.
 * @param range start and end (s), whole numbers of bins; default the whole duration.
 * @returns a Float64Array of n rates (Hz).
 * @throws Error when trains is not a SpikeTrains or the range is empty, negative or beyond the duration.
 */
export function firingRates(trains: SpikeTrains, range: TimeRange = {}): Float64Array {
  const where = "firingRates";
  checkTrains(where, trains);
  return ratesIn(trains, binRange(where, trains, range));
}

/** Firing rates over bins [k0, k1) of validated trains. */
function ratesIn(trains: SpikeTrains, [k0, k1]: [number, number]): Float64Array {
  const T = (k1 - k0) * trains.dt;
  const out = new Float64Array(trains.n);
  for (let i = 0; i < trains.n; i++) out[i] = (firstAtOrAfter(trains, i, k1) - firstAtOrAfter(trains, i, k0)) / T;
  return out;
}

/**
 * Mean firing rate over neurons and over [start, end): total spikes / (n * (end - start)).
 * For one neuron (n = 1) this is its rate.
 * @param trains the spike trains (n >= 1).
 * @param range start and end (s); default the whole duration.
 * @returns the rate (Hz).
 * @throws Error as {@link firingRates}, or when n = 0.
 */
export function meanRate(trains: SpikeTrains, range: TimeRange = {}): number {
  const where = "meanRate";
  checkTrains(where, trains);
  if (trains.n === 0) invalid(where, "trains.n", 0, ">= 1");
  const r = ratesIn(trains, binRange(where, trains, range));
  let s = 0;
  for (let i = 0; i < r.length; i++) s += r[i];
  return s / r.length;
}

/** Windows for {@link windowSpikeCounts} and {@link fanoFactor}. */
export interface WindowOptions {
  /** Window length (s), a whole number of bins >= 1. */
  window: number;
  /**
   * Step between the starts of successive windows (s), a whole number of bins >= 1. Default: the
   * window (non-overlapping windows). A smaller step slides overlapping windows along the train.
   */
  step?: number;
  /** Time of the first window's start (s), e.g. to skip a transient. Default 0. */
  start?: number;
}

function windowBins(where: string, trains: SpikeTrains, opts: WindowOptions): { W: number; S: number; k0: number; nWin: number } {
  if (opts === null || typeof opts !== "object") invalid(where, "options", opts, "an object { window, step?, start? }");
  const W = timeToBins(where, "window", opts.window, trains.dt, 1);
  const S = opts.step === undefined ? W : timeToBins(where, "step", opts.step, trains.dt, 1);
  const k0 = timeToBins(where, "start", opts.start ?? 0, trains.dt);
  if (k0 + W > trains.nBins) {
    throw new ParameterError(
      `${where}: no window fits: start + window = ${(k0 + W) * trains.dt} s is past the end of the trains (${trains.duration} s); use an earlier start or a shorter window`,
    );
  }
  return { W, S, k0, nWin: Math.floor((trains.nBins - k0 - W) / S) + 1 };
}

function countsInto(trains: SpikeTrains, i: number, W: number, S: number, k0: number, out: Float64Array): void {
  const bins = trains.bins;
  const end = trains.offsets[i + 1];
  let lo = firstAtOrAfter(trains, i, k0);
  let hi = lo;
  for (let w = 0; w < out.length; w++) {
    const a = k0 + w * S;
    while (lo < end && bins[lo] < a) lo++;
    if (hi < lo) hi = lo;
    while (hi < end && bins[hi] < a + W) hi++;
    out[w] = hi - lo;
  }
}

/**
 * Spike counts of one neuron in windows [start + m * step, start + m * step + window), m = 0, 1,
 * ..., for every window that fits in the duration. O(spikes + windows) by two pointers.
 * @param trains the spike trains.
 * @param neuron neuron index (default 0).
 * @param opts window (s), step (s, default = window), start (s, default 0).
 * @returns a Float64Array of counts, one per window.
 * @throws ParameterError when trains is not a SpikeTrains, neuron is out of range, window/step/start
 *   are not whole numbers of bins (window, step >= 1 bin), or no window fits (start + window past the end).
 */
export function windowSpikeCounts(trains: SpikeTrains, opts: WindowOptions, neuron = 0): Float64Array {
  const where = "windowSpikeCounts";
  checkTrains(where, trains);
  checkNeuron(where, trains, neuron);
  const { W, S, k0, nWin } = windowBins(where, trains, opts);
  const out = new Float64Array(nWin);
  countsInto(trains, neuron, W, S, k0, out);
  return out;
}

function fanoOf(c: Float64Array, from: number, to: number): { mean: number; variance: number } {
  const n = to - from;
  let s = 0;
  for (let w = from; w < to; w++) s += c[w];
  const m = s / n;
  let q = 0;
  for (let w = from; w < to; w++) q += (c[w] - m) ** 2;
  return { mean: m, variance: n > 1 ? q / (n - 1) : NaN };
}

/** Options of {@link fanoFactor}. */
export interface FanoOptions extends WindowOptions {
  /** Neuron index (default 0). */
  neuron?: number;
  /** Number of consecutive batches of windows for the standard error, an integer >= 2. Default 10. */
  nBatches?: number;
}

/** Result of {@link fanoFactor}. */
export interface FanoResult {
  /** Fano factor F = variance / mean of the window counts (a silent train is refused). */
  fano: number;
  /**
   * Standard error of F: sd over B consecutive batches of windows of their own Fano factors, divided
   * by sqrt(B) (batch means; honest for correlated, e.g. sliding, windows when a batch is much
   * longer than the correlation time of the counts). Batches without spikes (no Fano factor) are
   * left out, B is the number of the others; fewer than 2 windows per batch, or fewer than 2
   * batches with spikes, are refused.
   */
  se: number;
  /** Mean count per window. */
  mean: number;
  /** Unbiased variance of the counts, sum (c - mean)^2 / (nWindows - 1). */
  variance: number;
  /** Number of windows. */
  nWindows: number;
}

/**
 * Fano factor of the spike count of one neuron in windows of a given length (tutorial tasks 4.4, 5.2):
 * F = Var[count] / E[count] over windows slid along the train with a given step (default:
 * non-overlapping windows). A Poisson process has F = 1, a Bernoulli (discretised Poisson) train
 * F = 1 - r dt, a regular train F -> 0 (exactly 0 when the window is a multiple of the period);
 * cortical neurons have F around 1 (Softky & Koch, J. Neurosci. 13, 334, 1993; Shadlen & Newsome,
 * J. Neurosci. 18, 3870, 1998).
 *
 * For independent non-overlapping windows of a Poisson train, the sampling error of F is about
 * sqrt(2 / nWindows) whatever the mean count (delta method on variance / mean); the `se` returned
 * is the batch estimate, which also holds for overlapping windows and non-Poisson trains.
 *
 * @example
 * fanoFactor(out.spikes, { window: 0.1, step: 0.01, start: 0.1 }); // { fano, se, mean, variance, nWindows }
 * @param trains the spike trains.
 * @param opts window (s), step (s, default = window), start (s, default 0), neuron (default 0),
 *   nBatches (default 10).
 * @returns a {@link FanoResult}.
 * @throws ParameterError as {@link windowSpikeCounts}, when fewer than 2 windows fit, nBatches < 2,
 *   the train has no spikes in the windows (F undefined), a batch has fewer than 2 windows, or fewer
 *   than 2 batches have spikes (no standard error).
 */
export function fanoFactor(trains: SpikeTrains, opts: FanoOptions): FanoResult {
  const where = "fanoFactor";
  checkTrains(where, trains);
  const neuron = opts?.neuron ?? 0;
  checkNeuron(where, trains, neuron);
  const nBatches = opts?.nBatches ?? 10;
  checkNumber(where, "nBatches", nBatches, { integer: true, min: 2 });
  const { W, S, k0, nWin } = windowBins(where, trains, opts);
  if (nWin < 2) throw new ParameterError(`${where}: at least 2 windows must fit in the train, got ${nWin}; use a shorter window or a longer train`);
  const c = new Float64Array(nWin);
  countsInto(trains, neuron, W, S, k0, c);
  const { mean, variance } = fanoOf(c, 0, nWin);
  if (!(mean > 0)) throw new ParameterError(`${where}: neuron ${neuron} has no spikes in the ${nWin} windows counted: the Fano factor (variance / mean) of a silent train is undefined`);
  const L = Math.floor(nWin / nBatches);
  if (L < 2) throw new ParameterError(`${where}: nBatches = ${nBatches} leaves ${L} window(s) per batch for the standard error, at least 2 are needed; use fewer batches, shorter windows or a longer train (${nWin} windows)`);
  // a batch without spikes has no Fano factor: it is left out of the standard error
  const f: number[] = [];
  for (let b = 0; b < nBatches; b++) {
    const r = fanoOf(c, b * L, (b + 1) * L);
    if (r.mean > 0) f.push(r.variance / r.mean);
  }
  const B = f.length;
  if (B < 2) throw new ParameterError(`${where}: only ${B} of ${nBatches} batches of ${L} windows have spikes: the standard error of F needs 2; use fewer batches (nBatches), longer windows or a longer train`);
  const fm = f.reduce((a, x) => a + x, 0) / B;
  const q = f.reduce((a, x) => a + (x - fm) ** 2, 0);
  return { fano: variance / mean, se: Math.sqrt(q / (B - 1) / B), mean, variance, nWindows: nWin };
}

/**
 * Fano factor of every neuron (as {@link fanoFactor}, without the standard error): for network
 * analyses. NaN for a neuron with no spike in the windows.
 * @param trains the spike trains.
 * @param opts window (s), step (s, default = window), start (s, default 0).
 * @returns the Fano factor of each neuron with spikes in the windows ({@link PerNeuron}: silent
 *   neurons are left out and counted).
 * @throws Error as {@link windowSpikeCounts}, or when fewer than 2 windows fit.
 */
export function fanoFactors(trains: SpikeTrains, opts: WindowOptions): PerNeuron {
  const where = "fanoFactors";
  checkTrains(where, trains);
  const { W, S, k0, nWin } = windowBins(where, trains, opts);
  if (nWin < 2) throw new ParameterError(`${where}: at least 2 windows must fit in the train, got ${nWin}; use a shorter window or a longer train`);
  const c = new Float64Array(nWin);
  return perNeuron(trains.n, "no spikes in the windows", (i) => {
    countsInto(trains, i, W, S, k0, c);
    const { mean, variance } = fanoOf(c, 0, nWin);
    return mean > 0 ? variance / mean : null;
  });
}

/**
 * A statistic of each neuron of a population where it is defined: the neurons where it is not
 * (a silent train's Fano factor, the CV of fewer than 2 intervals) are left out and counted,
 * never given as NaN (docs/CONVENTIONS.md, "Undefined results").
 */
export interface PerNeuron {
  /** The statistic of each neuron where it is defined, in neuron order. */
  values: Float64Array;
  /** The neuron of each value (index in the trains). */
  neurons: Uint32Array;
  /** Number of neurons left out. */
  leftOut: number;
  /** Why they were left out, e.g. "no spikes in the windows". */
  reason: string;
}

function perNeuron(n: number, reason: string, of: (i: number) => number | null): PerNeuron {
  const values: number[] = [];
  const neurons: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = of(i);
    if (v === null) continue;
    values.push(v);
    neurons.push(i);
  }
  return { values: Float64Array.from(values), neurons: Uint32Array.from(neurons), leftOut: n - values.length, reason };
}

/**
 * Inter-spike intervals of one neuron (s): t_{m+1} - t_m for its successive spikes at or after
 * `start`.
 * @param trains the spike trains.
 * @param neuron neuron index (default 0).
 * @param start ignore spikes before this time (s, a whole number of bins; default 0).
 * @returns a Float64Array of (spikes - 1) intervals, empty with fewer than 2 spikes.
 * @throws Error when trains is not a SpikeTrains, neuron is out of range, or start is invalid.
 */
export function interSpikeIntervals(trains: SpikeTrains, neuron = 0, start = 0): Float64Array {
  const where = "interSpikeIntervals";
  checkTrains(where, trains);
  checkNeuron(where, trains, neuron);
  const k0 = timeToBins(where, "start", start, trains.dt);
  const first = firstAtOrAfter(trains, neuron, k0);
  const end = trains.offsets[neuron + 1];
  const out = new Float64Array(Math.max(0, end - first - 1));
  for (let s = first + 1; s < end; s++) out[s - first - 1] = (trains.bins[s] - trains.bins[s - 1]) * trains.dt;
  return out;
}

/** Result of {@link isiCV}. */
export interface IsiCvResult {
  /** Coefficient of variation sd(ISI) / mean(ISI), with the unbiased sd (fewer than 2 intervals are refused by isiCV). */
  cv: number;
  /**
   * Standard error of cv by the delta method for independent intervals (a renewal process):
   * se^2 = (cv^2 / n) [ (m4 - s^4) / (4 s^4) + s^2 / m^2 - m3 / (m s^2) ], with m the mean and
   * s^2, m3, m4 the central moments of the intervals (1/sqrt(n) for exponential intervals).
   */
  se: number;
  /** Mean interval (s). */
  meanIsi: number;
  /** Number of intervals. */
  nIntervals: number;
}

/** CV of the intervals of neuron i after bin k0, computed on integer bin counts (exact for regular trains). */
function cvOf(trains: SpikeTrains, neuron: number, k0: number): IsiCvResult {
  const first = firstAtOrAfter(trains, neuron, k0);
  const end = trains.offsets[neuron + 1];
  const bins = trains.bins;
  const n = Math.max(0, end - first - 1);
  if (n < 2) return { cv: NaN, se: NaN, meanIsi: n === 1 ? (bins[first + 1] - bins[first]) * trains.dt : NaN, nIntervals: n };
  const m = (bins[end - 1] - bins[first]) / n; // mean interval (bins)
  let c2 = 0;
  let c3 = 0;
  let c4 = 0;
  for (let s = first + 1; s < end; s++) {
    const d = bins[s] - bins[s - 1] - m;
    const d2 = d * d;
    c2 += d2;
    c3 += d2 * d;
    c4 += d2 * d2;
  }
  const s2 = c2 / (n - 1);
  const cv = Math.sqrt(s2) / m;
  const m2 = c2 / n;
  const v = s2 > 0 ? ((cv * cv) / n) * ((c4 / n - m2 * m2) / (4 * m2 * m2) + m2 / (m * m) - c3 / n / (m * m2)) : 0;
  return { cv, se: Math.sqrt(Math.max(0, v)), meanIsi: m * trains.dt, nIntervals: n };
}

/**
 * Coefficient of variation of the inter-spike intervals of one neuron, CV = sd(ISI) / mean(ISI):
 * 1 for a Poisson process (sqrt(1 - r dt) for a Bernoulli train), 0 for a regular one; cortical
 * neurons have CV around 1 (Softky & Koch, J. Neurosci. 13, 334, 1993).
 * @param trains the spike trains.
 * @param neuron neuron index (default 0).
 * @param start ignore spikes before this time (s; default 0).
 * @returns a {@link IsiCvResult}; cv and se are NaN with fewer than 2 intervals. Computed on the
 *   intervals in whole bins (exact), then meanIsi scaled to seconds.
 * @throws ParameterError when trains is not a SpikeTrains, neuron is out of range, start is
 *   invalid, or the neuron has fewer than 2 intervals after start (no CV).
 */
export function isiCV(trains: SpikeTrains, neuron = 0, start = 0): IsiCvResult {
  const where = "isiCV";
  checkTrains(where, trains);
  checkNeuron(where, trains, neuron);
  const r = cvOf(trains, neuron, timeToBins(where, "start", start, trains.dt));
  if (r.nIntervals < 2) {
    throw new ParameterError(`${where}: neuron ${neuron} has ${r.nIntervals} inter-spike interval(s) after start = ${start} s: the CV needs at least 2 (3 spikes); a silent or nearly silent train has no CV`);
  }
  return r;
}

/**
 * CV of the inter-spike intervals of every neuron (see {@link isiCV}), NaN for a neuron with
 * fewer than 3 spikes after `start`.
 * @param trains the spike trains.
 * @param start ignore spikes before this time (s; default 0).
 * @returns the CV of each neuron with at least 2 intervals ({@link PerNeuron}: the others are
 *   left out and counted).
 * @throws Error when trains is not a SpikeTrains or start is invalid.
 */
export function isiCVs(trains: SpikeTrains, start = 0): PerNeuron {
  checkTrains("isiCVs", trains);
  const k0 = timeToBins("isiCVs", "start", start, trains.dt);
  return perNeuron(trains.n, "fewer than 2 inter-spike intervals", (i) => {
    const r = cvOf(trains, i, k0);
    return r.nIntervals >= 2 ? r.cv : null;
  });
}
