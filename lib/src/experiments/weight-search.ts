import { checkLifOptions, integrateDrive, type ResolvedLif } from "../neuron/lif";
import { checkBudget, type LimitOptions, type Limits, resolveLimits } from "../core/limits";
import { type RunControl, runControl, type RunControlOptions } from "../core/run-control";
import { checkInputGroups, InputGroup } from "../theory/membrane-moments";
import { binCount } from "../core/time-bins";
import { bisect } from "../math/root-finding";
import { drawGroupInputs, groupDrive, groupInputsEstimate } from "./single-neuron";
import { checkNumber, checkSeed, invalid, ParameterError, within } from "../core/validate";

/**
 * The output rate of one LIF neuron as a function of a coupling w (tutorial tasks 4.4 and 5.2):
 * the rate-vs-w curve, and the w giving a target rate by a root finder instead of trial and error.
 *
 * Common random numbers: for one seed, the input trains are drawn once (as in
 * `simulateSingleNeuron` with that seed) and reused for every w, so that the rate-vs-w curve of a
 * seed is a deterministic staircase (steps of 1 / (duration - transient) Hz, one output spike)
 * rather than a noisy cloud, and bisection on it converges. With excitatory inputs a larger w
 * raises V pathwise until the first spike, so the curve rises almost monotonically; after a reset
 * the two paths can cross, so small non-monotone steps are possible (bisection then returns one of
 * the crossings, all within a few spikes' worth of w). The variation of the root from seed to seed
 * is the real uncertainty, which {@link findWeightForRate} reports.
 */

/** Parameters shared by {@link rateVsWeight} and {@link findWeightForRate}. */
export interface WeightSweepOptions extends LimitOptions, RunControlOptions {
  /**
   * The input groups as a function of w, e.g. `(w) => excitatoryInputs({ K: 100, w, rate: 10 })`.
   * Counts and rates must not depend on w (only the weights).
   */
  inputs: (w: number) => InputGroup[];
  /** Seeds of the input trains, at least two; results are averaged over seeds, with their standard error. */
  seeds: Array<number | string>;
  /** Simulated duration per seed (s), a whole number of bins. Default 10. */
  duration?: number;
  /** Initial transient not counted in the rate (s). Default 0.1. */
  transient?: number;
  /** Bin width (s). Default 1e-4. */
  dt?: number;
  /** Membrane time constant (s). Default 0.02. */
  tau?: number;
  /** Threshold. Default 1. */
  vTh?: number;
  /** Called after each simulation with the number done and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Cancels the sweep at its next simulation when aborted (see `core/run-control`). */
  signal?: AbortSignal;
}

/** {@link WeightSweepOptions} validated once, with every default filled in. */
interface Prepared {
  nBins: number;
  dt: number;
  k0: number;
  T: number;
  lif: ResolvedLif;
  seeds: Array<number | string>;
  inputs: (w: number) => InputGroup[];
  reference: InputGroup[];
  limits: Limits;
  run: RunControl;
}

/**
 * Validates the sweep's options once and checks its estimate against the limits: per seed, the
 * inputs ({@link groupInputsEstimate}) and the drive (8 bytes a bin) in memory, and
 * `evaluationsPerSeed` simulations of nBins * (groups + 1) steps each.
 */
function prepare(where: string, o: WeightSweepOptions, evaluationsPerSeed: number): Prepared {
  if (o === null || typeof o !== "object") invalid(where, "options", o, "an object");
  const { inputs, seeds, duration = 10, transient = 0.1, dt = 1e-4, tau = 0.02, vTh = 1 } = o;
  if (typeof inputs !== "function") invalid(where, "inputs", inputs, "a function of w returning input groups");
  if (!Array.isArray(seeds) || seeds.length < 2) invalid(where, "seeds", seeds, "an array of at least 2 seeds (the standard error over seeds needs two)");
  seeds.forEach((s) => checkSeed(where, s));
  const nBins = binCount(where, duration, dt);
  checkNumber(where, "transient", transient, { min: 0, max: duration, maxInclusive: false, unit: "s" });
  const k0 = Math.round(transient / dt);
  const lif = checkLifOptions(where, dt, nBins, { tau, vTh, reset: true, maxSteps: o.maxSteps });
  const reference = checkInputGroups(where, inputs(1), dt);
  const limits = resolveLimits(where, o);
  const e = groupInputsEstimate(reference, nBins, dt);
  const steps = seeds.length * ((e.steps ?? 0) + evaluationsPerSeed * nBins * (reference.length + 1));
  checkBudget(where, limits, { what: `${seeds.length} seed(s) x ${evaluationsPerSeed} simulation(s) of ${e.what}`, bytes: (e.bytes ?? 0) + 8 * nBins, steps });
  const run = runControl(where, o, seeds.length * evaluationsPerSeed, "simulations");
  return { nBins, dt, k0, T: (nBins - k0) * dt, lif, seeds, inputs, reference, limits, run };
}

/** Weights J_g of the groups at w, checking that counts and rates match the reference. */
function weightsAt(where: string, p: Prepared, w: number): Float64Array {
  const groups = checkInputGroups(where, p.inputs(w), p.dt);
  if (groups.length !== p.reference.length || groups.some((g, i) => g.count !== p.reference[i].count || g.rate !== p.reference[i].rate)) {
    throw new ParameterError(`${where}: inputs(w) must return the same groups (counts and rates) for every w; only the weights may change`);
  }
  return Float64Array.from(groups, (g) => g.weight);
}

/** Rate (Hz) after the transient for one w on prepared input counts. */
function rateAt(where: string, p: Prepared, binCounts: Float64Array[], drive: Float64Array, w: number): number {
  groupDrive(binCounts, weightsAt(where, p, w), drive);
  const { spikes } = integrateDrive(drive, p.dt, p.lif);
  const b = spikes.bins;
  let n = 0;
  for (let s = b.length - 1; s >= 0 && b[s] >= p.k0; s--) n++;
  return n / p.T;
}

/** One point of the rate-vs-w curve; see {@link rateVsWeight}. */
export interface RatePoint {
  /** The coupling w. */
  w: number;
  /** Output rate averaged over the seeds (Hz). */
  rate: number;
  /** Standard error of `rate` over the seeds (Hz). */
  rateSE: number;
  /** Output rate for each seed (Hz). */
  rates: Float64Array;
}

/**
 * The output rate of one LIF neuron (spike-and-reset on) against the coupling w, with common
 * random numbers (the same input trains of each seed for every w; see the module header). The
 * rate is counted after the transient: spikes in [transient, duration) / (duration - transient).
 * Cost per point per seed O(bins * groups) after drawing the inputs once per seed.
 * @example
 * rateVsWeight({ inputs: (w) => excitatoryInputs({ K: 100, w }), weights: [4, 5, 6, 7], seeds: [1, 2] });
 * @param options inputs, seeds, weights (the w values), duration (s, default 10), transient (s,
 *   default 0.1), dt (s, default 1e-4), tau (s, default 0.02), vTh (default 1), onProgress,
 *   signal (cancels), and the limits maxBytes, maxSteps.
 * @returns one {@link RatePoint} per w, in the given order.
 * @throws ParameterError for non-finite weights, an empty seed list, invalid groups, transient >= duration,
 *   dt >= tau, vTh <= 0, inputs(w) whose counts or rates change with w, or an estimate above
 *   the memory or work limit (e.g. count = 1e9 or duration = 1e5 s); CancelledError when the
 *   signal is aborted.
 */
export function rateVsWeight(options: WeightSweepOptions & { weights: ArrayLike<number> }): RatePoint[] {
  const where = "rateVsWeight";
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const ws = options.weights;
  if (ws === null || typeof ws !== "object" || typeof ws.length !== "number" || ws.length === 0) {
    invalid(where, "weights", ws, "a non-empty array of finite numbers");
  }
  for (let i = 0; i < ws.length; i++) checkNumber(where, `weights[${i}]`, ws[i]);
  const p = prepare(where, options, ws.length);
  const S = p.seeds.length;
  const rates = Array.from({ length: ws.length }, () => new Float64Array(S));
  const drive = new Float64Array(p.nBins);
  let done = 0;
  p.seeds.forEach((seed, s) => {
    const { binCounts } = drawGroupInputs(p.reference, p.nBins, p.dt, seed, p.limits);
    for (let i = 0; i < ws.length; i++) {
      rates[i][s] = rateAt(where, p, binCounts, drive, ws[i]);
      p.run.report(++done);
    }
  });
  return rates.map((r, i) => {
    const m = r.reduce((a, x) => a + x, 0) / S;
    const v = r.reduce((a, x) => a + (x - m) ** 2, 0) / (S - 1);
    return { w: ws[i], rate: m, rateSE: Math.sqrt(v / S), rates: r };
  });
}

/** Result of {@link findWeightForRate}. */
export interface WeightForRate {
  /** Mean of the per-seed roots. */
  w: number;
  /** Standard error of `w` over seeds, sd(roots) / sqrt(seeds). */
  se: number;
  /** Standard deviation of the per-seed roots. */
  sd: number;
  /** The root of each seed: the smallest w (to xtol) whose rate is >= targetRate. */
  roots: Float64Array;
  /** Rate resolution of one seed, 1 / (duration - transient) (Hz): one output spike. */
  rateResolution: number;
  /** Total number of simulations run. */
  evaluations: number;
}

/**
 * The coupling w at which one LIF neuron (spike-and-reset on) fires at a target rate (tutorial
 * tasks 4.4 and 5.2), by bisection on the rate-vs-w staircase of each seed (common random numbers; see
 * the module header), then the mean and standard error of the roots over the seeds.
 *
 * For each seed the root is w* = inf { w : rate(w) >= targetRate } located to within xtol, so
 * rate(w*) is the target rounded up to a whole number of output spikes. The bracket wRange must
 * satisfy rate(lo) < targetRate <= rate(hi) for every seed (an error says which seed fails).
 * Bisection needs ceil(log2((hi - lo) / xtol)) + 2 simulations per seed, each O(bins * groups).
 *
 * @example
 * findWeightForRate({ inputs: (w) => excitatoryInputs({ K: 100, w }), targetRate: 10, wRange: [3, 10],
 *   seeds: [1, 2, 3, 4, 5] }); // { w, se, sd, roots, ... }
 * @param options inputs, seeds, targetRate (Hz, > 0), wRange [lo, hi], xtol (default
 *   (hi - lo) * 1e-5), duration (s, default 10), transient (s, default 0.1), dt, tau, vTh,
 *   onProgress (called after every simulation), signal (cancels), maxBytes, maxSteps.
 * @returns a {@link WeightForRate}.
 * @throws Error for targetRate <= 0 or NaN, wRange not [lo, hi] with lo < hi finite, xtol <= 0,
 *   a bracket that does not contain the target rate for some seed, or any error of
 *   {@link rateVsWeight}.
 */
export function findWeightForRate(
  options: WeightSweepOptions & { targetRate: number; wRange: [number, number]; xtol?: number },
): WeightForRate {
  const where = "findWeightForRate";
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const { targetRate, wRange } = options;
  checkNumber(where, "targetRate", targetRate, { min: 0, minInclusive: false, unit: "Hz" });
  if (!Array.isArray(wRange) || wRange.length !== 2) invalid(where, "wRange", wRange, "an array [lo, hi]");
  const [lo, hi] = wRange;
  checkNumber(where, "wRange[0]", lo);
  checkNumber(where, "wRange[1]", hi, { min: lo, minInclusive: false });
  const xtol = options.xtol ?? (hi - lo) * 1e-5;
  checkNumber(where, "xtol", xtol, { min: 0, minInclusive: false });
  // two ends, the bisection steps, and bisect's final evaluation at the midpoint
  const perSeed = Math.max(0, Math.ceil(Math.log2((hi - lo) / xtol))) + 3;
  const p = prepare(where, options, perSeed);
  const total = perSeed * p.seeds.length;
  let evaluations = 0;
  const drive = new Float64Array(p.nBins);
  const roots = new Float64Array(p.seeds.length);
  let done = 0;
  p.seeds.forEach((seed, s) => {
    const { binCounts } = drawGroupInputs(p.reference, p.nBins, p.dt, seed, p.limits);
    const rate = (w: number): number => {
      const r = rateAt(where, p, binCounts, drive, w);
      evaluations++;
      p.run.report(Math.min(++done, total));
      return r;
    };
    const rLo = rate(lo);
    const rHi = rate(hi);
    if (!(rLo < targetRate && rHi >= targetRate)) {
      throw new ParameterError(
        `${where}: wRange must bracket the target rate ${targetRate} Hz for every seed, got ${rLo} Hz at w = ${lo} ` +
          `and ${rHi} Hz at w = ${hi} for seed ${JSON.stringify(seed)}; widen wRange`,
      );
    }
    // sign function: -1 below the target, +1 at or above; the end values are already known
    const f = (w: number): number => (w === lo ? -1 : w === hi ? 1 : rate(w) >= targetRate ? 1 : -1);
    const r = bisect(f, lo, hi, { xtol, maxIterations: 200 });
    roots[s] = r.bracket[1]; // the bracket's upper end: rate >= target there
    done = (s + 1) * perSeed;
    p.run.report(done);
  });
  const S = roots.length;
  const m = roots.reduce((a, x) => a + x, 0) / S;
  const sd = Math.sqrt(roots.reduce((a, x) => a + (x - m) ** 2, 0) / (S - 1));
  return { w: m, se: sd / Math.sqrt(S), sd, roots, rateResolution: 1 / p.T, evaluations };
}

/** Result of {@link weightForMeanRate}. */
export interface WeightForMeanRate {
  /** The w at which the seed-averaged rate reaches the target, by linear interpolation. */
  w: number;
  /** Its standard error (delta method over seeds; see {@link weightForMeanRate}). */
  se: number;
  /** Slope of the seed-averaged rate between the two weights (Hz per unit of w). */
  slope: number;
  /** The two points of the curve, with every seed's rate. */
  points: [RatePoint, RatePoint];
}

/**
 * The coupling w at which the MEAN output rate over many input seeds equals a target: the rate of
 * every seed at the two ends of wRange (common random numbers: the same inputs at both weights),
 * then linear interpolation of the seed-averaged rates r̄(lo), r̄(hi):
 *
 *     λ = (target − r̄(lo)) / (r̄(hi) − r̄(lo)),   w = lo + λ (hi − lo).
 *
 * Standard error by the delta method: each seed's interpolated rate y_s = (1 − λ) r_s(lo) + λ r_s(hi)
 * has mean = target, so SE(w) = sd(y_s) / sqrt(S) / slope. With common random numbers r_s(lo) and
 * r_s(hi) are strongly correlated and the slope is measured precisely. Keep wRange narrow (the
 * curve is not linear over wide ranges): the interpolation error is about (hi − lo)² r'' / 8.
 * Cost: 2 simulations per seed.
 * @param options inputs, seeds (at least 2), targetRate (Hz, > 0), wRange [lo, hi] with
 *   r̄(lo) < targetRate < r̄(hi), duration, transient, dt, tau, vTh, onProgress (as {@link rateVsWeight})
 * @throws ParameterError for fewer than 2 seeds, a target not bracketed by the mean rates, or any
 *   error of {@link rateVsWeight}
 * @returns the {@link WeightForMeanRate}
 */
export function weightForMeanRate(
  options: WeightSweepOptions & { targetRate: number; wRange: [number, number] },
): WeightForMeanRate {
  return within("weightForMeanRate", "options", () => {
    const where = "weightForMeanRate";
    const { targetRate, wRange } = options;
    checkNumber(where, "targetRate", targetRate, { min: 0, minInclusive: false, unit: "Hz" });
    if (!Array.isArray(wRange) || wRange.length !== 2) invalid(where, "wRange", wRange, "an array [lo, hi]");
    checkNumber(where, "wRange[1]", wRange[1], { min: checkNumber(where, "wRange[0]", wRange[0]), minInclusive: false });
    if (!Array.isArray(options.seeds) || options.seeds.length < 2) invalid(where, "seeds", options.seeds, "an array of at least 2 seeds");
    const [lo, hi] = rateVsWeight({ ...options, weights: wRange });
    if (!(lo.rate < targetRate && targetRate < hi.rate)) {
      throw new ParameterError(`${where}: wRange must bracket the target rate ${targetRate} Hz on average, got ${lo.rate} Hz at w = ${lo.w} and ${hi.rate} Hz at w = ${hi.w}`);
    }
    const lambda = (targetRate - lo.rate) / (hi.rate - lo.rate);
    const slope = (hi.rate - lo.rate) / (hi.w - lo.w);
    const y = lo.rates.map((r, s) => (1 - lambda) * r + lambda * hi.rates[s]);
    const S = y.length;
    const sd = Math.sqrt(y.reduce((a, x) => a + (x - targetRate) ** 2, 0) / (S - 1));
    return { w: lo.w + lambda * (hi.w - lo.w), se: sd / Math.sqrt(S) / slope, slope, points: [lo, hi] };
  });
}
