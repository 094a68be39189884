/**
 * Pairwise spike-count correlation coefficients over a random sample of pairs of neurons.
 */
import { Rng } from "../core/rng";
import { SpikeTrains } from "../spikes/spike-trains";
import { windowSpikeCounts } from "./spike-stats";
import { checkNumber, checkSeed, invalid, ParameterError } from "../core/validate";
import { checkBudget, LimitOptions, resolveLimits } from "../core/limits";
import { timeToBins } from "../core/time-bins";

/** Options of {@link spikeCountCorrelations}. */
export interface CorrelationOptions extends LimitOptions {
  /** Counting window (s), a whole number of bins; non-overlapping windows. */
  window: number;
  /** Start of the first window (s), e.g. to drop a transient. Default 0. */
  start?: number;
  /** Number of pairs to sample, an integer >= 1. */
  pairs: number;
  /** Seed of the pair sample. */
  seed: number | string;
  /**
   * A second population for cross-population pairs (neuron i of `trains` with neuron j of `other`,
   * e.g. E-I pairs), on the same grid. Default: pairs of distinct neurons within `trains`.
   */
  other?: SpikeTrains;
}

/** Result of {@link spikeCountCorrelations}. */
export interface CorrelationResult {
  /** Pearson correlation coefficient of the window counts of each usable pair. */
  coefficients: Float64Array;
  /** The neuron indices of each usable pair, [i0, j0, i1, j1, ...] (j in `other` if given). */
  pairs: Uint32Array;
  /** Mean of the coefficients. */
  mean: number;
  /** Standard error of that mean over pairs (pairs share neurons, so this is a lower bound). */
  standardError: number;
  /** Number of windows per train. */
  nWindows: number;
  /** Sampled pairs dropped because a neuron's count did not vary (e.g. a silent neuron). */
  skipped: number;
}

/**
 * Spike-count correlation coefficients of a seeded random sample of pairs: for neurons i, j with
 * counts n_i(w), n_j(w) in non-overlapping windows w of length `window`,
 *
 *     rho_ij = Cov_w(n_i, n_j) / sqrt(Var_w(n_i) Var_w(n_j)).
 *
 * For independent trains rho_ij has mean about 0 and standard deviation about 1/sqrt(nWindows);
 * identical trains give rho = 1. Pairs are drawn uniformly with replacement among pairs i != j
 * (or all i, j across two populations); pairs where a count is constant are skipped and counted.
 * Cortex in the asynchronous state: mean rho of order 0.01 (Renart et al., Science 327:587, 2010;
 * Ecker et al., Science 327:584, 2010); review: M. R. Cohen and A. Kohn, Nat. Neurosci. 14:811 (2011).
 * @param trains the spike trains (n >= 2, or n >= 1 with `other`).
 * @param options window (s), start (s), pairs, seed, other.
 * @returns the coefficients, pairs, their mean and standard error, nWindows and the skipped count.
 * @throws ParameterError for bad options, fewer than 2 windows, or mismatched grids.
 */
export function spikeCountCorrelations(trains: SpikeTrains, options: CorrelationOptions): CorrelationResult {
  const { window, start = 0, pairs, seed, other } = checkCorrelationInput(trains, options);
  const second = other ?? trains;
  const cache = [new Map<number, Float64Array>(), other === undefined ? undefined : new Map<number, Float64Array>()];
  const countsOf = (which: 0 | 1, i: number): Float64Array => {
    const map = cache[which] ?? cache[0]!;
    let c = map.get(i);
    if (c === undefined) {
      c = windowSpikeCounts(which === 0 ? trains : second, { window, start }, i);
      map.set(i, c);
    }
    return c;
  };
  const nWindows = countsOf(0, 0).length;
  if (nWindows < 2) invalid("spikeCountCorrelations", "number of windows", nWindows, ">= 2 (shorter window or longer trains)");
  const rng = new Rng(seed);
  const coefficients: number[] = [];
  const ids: number[] = [];
  let skipped = 0;
  for (let p = 0; p < pairs; p++) {
    const i = rng.int(trains.n);
    let j: number;
    if (other !== undefined) j = rng.int(other.n);
    else {
      j = rng.int(trains.n - 1);
      if (j >= i) j++;
    }
    const r = pearson(countsOf(0, i), countsOf(1, j), nWindows);
    if (Number.isNaN(r)) {
      skipped++;
      continue;
    }
    coefficients.push(r);
    ids.push(i, j);
  }
  const { mean, se } = meanAndSe(coefficients, skipped);
  return { coefficients: Float64Array.from(coefficients), pairs: Uint32Array.from(ids), mean, standardError: se, nWindows, skipped };
}

/** Validates the public input of {@link spikeCountCorrelations} once; returns the options. */
function checkCorrelationInput(trains: SpikeTrains, options: CorrelationOptions): CorrelationOptions {
  const where = "spikeCountCorrelations";
  if (!(trains instanceof SpikeTrains)) invalid(where, "trains", trains, "a SpikeTrains");
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object { window, pairs, seed, start?, other? }");
  const { pairs, seed, other } = options;
  checkNumber(where, "pairs", pairs, { integer: true, min: 1 });
  checkSeed(where, seed);
  if (other !== undefined) {
    if (!(other instanceof SpikeTrains)) invalid(where, "other", other, "a SpikeTrains");
    if (other.dt !== trains.dt || other.nBins !== trains.nBins) {
      invalid(where, "other", `a grid of ${other.nBins} bins of ${other.dt} s`, `the grid of trains (${trains.nBins} bins of ${trains.dt} s)`);
    }
    if (trains.n < 1 || other.n < 1) invalid(where, "number of neurons", Math.min(trains.n, other.n), ">= 1 in each population");
  } else if (trains.n < 2) {
    invalid(where, "trains.n", trains.n, ">= 2");
  }
  const W = timeToBins(where, "window", options.window, trains.dt, 1);
  const k0 = timeToBins(where, "start", options.start ?? 0, trains.dt);
  const nWindows = k0 + W <= trains.nBins ? Math.floor((trains.nBins - k0) / W) : 0;
  if (nWindows < 2) invalid(where, "window", options.window, `at most half of the trains after start (2 windows at least), got ${nWindows} window(s)`);
  const neurons = trains.n + (other?.n ?? 0);
  checkBudget(where, resolveLimits(where, options), {
    what: `${pairs} pairs of ${nWindows} windows`,
    bytes: 16 * pairs + 8 * nWindows * Math.min(neurons, 2 * pairs),
    steps: pairs * 4 * nWindows,
  });
  return options;
}

/** Pearson correlation of the first n values of a and b; NaN when either has zero variance. */
function pearson(a: Float64Array, b: Float64Array, n: number): number {
  let ma = 0;
  let mb = 0;
  for (let w = 0; w < n; w++) {
    ma += a[w];
    mb += b[w];
  }
  ma /= n;
  mb /= n;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  for (let w = 0; w < n; w++) {
    const da = a[w] - ma;
    const db = b[w] - mb;
    saa += da * da;
    sbb += db * db;
    sab += da * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

/** Mean and standard error of the mean (NaN where undefined: no values, or one for the SE). */
function meanAndSe(x: number[], skipped: number): { mean: number; se: number } {
  const n = x.length;
  if (n < 2) {
    throw new ParameterError(`spikeCountCorrelations: ${n} pair(s) with a defined correlation (${skipped} skipped: a neuron without spikes or with the same count in every window), at least 2 are needed for a mean and its standard error; use more pairs or longer windows`);
  }
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const se = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1) / n);
  return { mean, se };
}
