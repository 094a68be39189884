import { checkFiniteArray, checkNumber, ParameterError } from "../core/validate";

/**
 * General-purpose descriptive statistics over arrays of numbers: mean, variance, standard error,
 * batch means, and a streaming (Welford) accumulator. All use numerically stable algorithms
 * (two-pass or Welford), so that a variance of 1e-4 on top of a mean of 1 loses no digits.
 */

/** Mean, spread and standard error of a sample; see {@link summarize}. */
export interface SampleSummary {
  /** Number of values. */
  n: number;
  /** Sample mean. */
  mean: number;
  /** Unbiased sample variance, sum (x - mean)^2 / (n - 1). */
  variance: number;
  /** Sample standard deviation, sqrt(variance). */
  sd: number;
  /** Standard error of the mean, sd / sqrt(n), valid for independent values. */
  se: number;
}

function checkArray(where: string, name: string, x: unknown): ArrayLike<number> {
  if (x === null || typeof x !== "object" || typeof (x as ArrayLike<number>).length !== "number") {
    throw new ParameterError(`${where}: ${name} must be an array of numbers, got ${x === null ? "null" : typeof x}`);
  }
  return x as ArrayLike<number>;
}

function checkValues(where: string, x: ArrayLike<number>, least: number, why: string): void {
  checkFiniteArray(where, "x", x, least, why);
}

/**
 * Arithmetic mean, (1/n) sum x_i.
 * @param x the values, at least one, all finite.
 * @param where the function named in errors (a caller's own name; default "mean").
 * @returns the mean.
 * @throws ParameterError when `x` is not array-like, is empty (the mean of nothing is undefined)
 *   or holds a value that is not a finite number.
 */
export function mean(x: ArrayLike<number>, where = "mean"): number {
  checkArray(where, "x", x);
  checkValues(where, x, 1, "the mean of no values is undefined");
  return sum(x) / x.length;
}

function sum(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}

/**
 * Sample variance by the two-pass algorithm, sum (x_i - mean)^2 / (n - ddof), with the
 * compensated correction term of Chan, Golub & LeVeque (1983), which removes the rounding error of
 * the mean.
 * @param x the values.
 * @param ddof delta degrees of freedom: 1 (default) for the unbiased estimator, 0 for the
 *   population variance.
 * @returns the variance.
 * @throws ParameterError when `x` is not array-like, holds ddof values or fewer (the variance is
 *   undefined), or a value that is not a finite number, or ddof is not 0 or 1.
 */
export function variance(x: ArrayLike<number>, ddof = 1): number {
  return varianceOf("variance", x, ddof);
}

function varianceOf(where: string, x: ArrayLike<number>, ddof: number): number {
  checkArray(where, "x", x);
  checkNumber(where, "ddof", ddof, { integer: true, min: 0, max: 1 });
  checkValues(where, x, ddof + 1, ddof === 1 ? "a sample variance needs two" : "the variance of no values is undefined");
  const n = x.length;
  const m = sum(x) / n;
  let s2 = 0;
  let s1 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    s2 += d * d;
    s1 += d;
  }
  return (s2 - (s1 * s1) / n) / (n - ddof);
}

/**
 * Mean, unbiased variance, standard deviation and standard error of the mean (sd / sqrt(n)) of a
 * sample of independent values. For autocorrelated samples (a membrane-potential trace), use
 * {@link batchMeans} or `traceMoments`, whose standard errors account for the correlation.
 * @param x the values (independent draws).
 * @param where the function named in errors (a caller's own name; default "summarize").
 * @returns a {@link SampleSummary}.
 * @throws ParameterError when `x` is not array-like, holds fewer than 2 values (no sample
 *   variance, no standard error) or a value that is not a finite number.
 */
export function summarize(x: ArrayLike<number>, where = "summarize"): SampleSummary {
  return summaryOf(where, x);
}

function summaryOf(where: string, x: ArrayLike<number>): SampleSummary {
  const v = varianceOf(where, x, 1);
  const n = x.length;
  const sd = Math.sqrt(v);
  return { n, mean: sum(x) / n, variance: v, sd, se: sd / Math.sqrt(n) };
}

/**
 * Standard error of the mean of independent values: sd / sqrt(n) with the unbiased sd.
 * @param x the values (independent draws), at least 2.
 * @returns the standard error.
 * @throws ParameterError as {@link summarize}.
 */
export function standardError(x: ArrayLike<number>): number {
  return summaryOf("standardError", x).se;
}

/**
 * Splits `x` into `nBatches` consecutive batches of equal length L = floor(n / nBatches) (the last
 * n - nBatches * L values are dropped) and returns the mean of each batch. For a stationary series
 * whose correlation time is much shorter than a batch, the batch means are nearly independent, so
 * `summarize(batchMeans(x, B)).se` is an honest standard error of the overall mean (the batch-means
 * method; Flyvbjerg & Petersen, J. Chem. Phys. 91, 461, 1989).
 * @param x the series.
 * @param nBatches number of batches, an integer >= 1 and <= x.length.
 * @returns a Float64Array of length nBatches.
 * @throws Error when nBatches is not an integer in [1, x.length].
 */
export function batchMeans(x: ArrayLike<number>, nBatches: number): Float64Array {
  checkArray("batchMeans", "x", x);
  checkNumber("batchMeans", "nBatches", nBatches, { integer: true, min: 1, max: Math.max(1, x.length) });
  if (x.length === 0) throw new ParameterError("batchMeans: x must not be empty");
  const L = Math.floor(x.length / nBatches);
  const out = new Float64Array(nBatches);
  for (let b = 0; b < nBatches; b++) {
    let s = 0;
    for (let i = b * L; i < (b + 1) * L; i++) s += x[i];
    out[b] = s / L;
  }
  return out;
}

/**
 * Streaming mean and variance by Welford's algorithm (Welford 1962; Knuth TAOCP vol. 2, 4.2.2):
 * one pass, O(1) memory, numerically stable. Add values with `push`, read `mean`, `variance`
 * (unbiased), `sd`, `se` (for independent values) at any time.
 * @example
 * const s = new RunningStats(); for (const x of xs) s.push(x); s.mean; s.variance;
 */
export class RunningStats {
  private count = 0;
  private m = 0;
  private m2 = 0;

  /** Adds one value. */
  push(x: number): void {
    if (typeof x !== "number" || !Number.isFinite(x)) throw new ParameterError(`RunningStats.push: x must be a finite number, got ${String(x)}`);
    this.count++;
    const d = x - this.m;
    this.m += d / this.count;
    this.m2 += d * (x - this.m);
  }

  /** Number of values added. */
  get n(): number {
    return this.count;
  }

  /**
   * Mean of the values.
   * @throws ParameterError when no value was pushed (the mean of nothing is undefined).
   */
  get mean(): number {
    if (this.count < 1) throw new ParameterError("RunningStats.mean: no values were pushed: the mean of nothing is undefined");
    return this.m;
  }

  /**
   * Unbiased variance.
   * @throws ParameterError when fewer than 2 values were pushed.
   */
  get variance(): number {
    if (this.count < 2) throw new ParameterError(`RunningStats.variance: a sample variance needs at least 2 values, got ${this.count}`);
    return this.m2 / (this.count - 1);
  }

  /** Standard deviation, sqrt(variance). */
  get sd(): number {
    return Math.sqrt(this.variance);
  }

  /** Standard error of the mean for independent values, sd / sqrt(n). */
  get se(): number {
    return this.sd / Math.sqrt(this.count);
  }
}
