import { checkNumber, invalid, ParameterError } from "../core/validate";
import { checkBudget, resolveLimits } from "../core/limits";

/**
 * Pearson's chi-square goodness-of-fit test of integer samples (e.g. spike counts) against a
 * discrete law, with the tails pooled so that every class expects enough samples.
 */

/** Result of {@link chiSquareTest}. */
export interface ChiSquareResult {
  /** The statistic sum over classes of (observed − expected)² / expected. */
  statistic: number;
  /** Degrees of freedom, classes − 1 (the law has no fitted parameter). */
  dof: number;
  /** Whether |statistic − dof| < threshold · sqrt(2 dof) (the χ² law has mean dof, SD sqrt(2 dof)). */
  consistent: boolean;
  /** (statistic − dof) / sqrt(2 dof): the statistic in standard deviations of its law. */
  z: number;
}

function sum(x: ArrayLike<number>, from: number, to: number): number {
  let s = 0;
  for (let k = from; k < to; k++) s += x[k];
  return s;
}

/**
 * Chi-square test of integer samples against a law P(k): classes {0..lo}, lo+1, ..., hi−1,
 * {hi..kMax}, where lo and hi pool each tail until it expects at least `minExpected` samples
 * (samples above kMax count in the last class). Under the law the statistic follows χ² with
 * (classes − 1) degrees of freedom (Pearson 1900).
 * @param samples integer samples >= 0 (e.g. spike counts of N neurons)
 * @param pmf the law, P(k) for k = 0..kMax
 * @param options kMax (largest class, integer > 0), minExpected (default 5), threshold (in SDs of
 *   the χ² law for `consistent`, default 3)
 * @throws ParameterError for an empty sample or one that is not counts (integers >= 0), a pmf
 *   that is not a function or gives a value that is not a probability, kMax not a positive integer
 *   or past the memory limit (8 bytes per class, see `core/limits`), fewer than 2 classes of
 *   minExpected samples, minExpected <= 0
 * @returns the {@link ChiSquareResult}
 */
export function chiSquareTest(
  samples: ArrayLike<number>,
  pmf: (k: number) => number,
  options: { kMax: number; minExpected?: number; threshold?: number },
): ChiSquareResult {
  const where = "chiSquareTest";
  const isArray = Array.isArray(samples) || (ArrayBuffer.isView(samples) && !(samples instanceof DataView));
  if (!isArray || samples.length === 0) invalid(where, "samples", samples, "a non-empty array of counts");
  if (typeof pmf !== "function") invalid(where, "pmf", pmf, "a function k => P(k)");
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object { kMax, minExpected?, threshold? }");
  const kMax = checkNumber(where, "kMax", options.kMax, { min: 1, integer: true });
  const minExpected = checkNumber(where, "minExpected", options.minExpected ?? 5, { min: 0, minInclusive: false });
  const threshold = checkNumber(where, "threshold", options.threshold ?? 3, { min: 0, minInclusive: false });
  checkBudget(where, resolveLimits(where), { what: `the ${kMax + 1} classes 0 .. kMax`, bytes: 16 * (kMax + 1), steps: kMax + samples.length });
  const n = samples.length;
  const obs = new Float64Array(kMax + 1);
  for (let i = 0; i < n; i++) obs[Math.min(checkNumber(where, `samples[${i}]`, samples[i], { integer: true, min: 0 }), kMax)]++;
  const exp = Array.from({ length: kMax + 1 }, (_, k) => n * checkNumber(where, `pmf(${k})`, pmf(k), { min: 0, max: 1 }));
  if (sum(exp, 0, kMax + 1) < 2 * minExpected) {
    throw new ParameterError(`${where}: the law expects ${sum(exp, 0, kMax + 1)} of the ${n} samples in 0 .. kMax = ${kMax}, fewer than 2 classes of minExpected = ${minExpected}: the test needs more samples or a smaller minExpected`);
  }
  let lo = 0, hi = kMax, cum = 0;
  while (cum + exp[lo] < minExpected) cum += exp[lo++];
  cum = 0;
  while (cum + exp[hi] < minExpected) cum += exp[hi--];
  // the pooled tails overlap when one count holds most of the law: a single class
  if (hi <= lo) throw new ParameterError(`${where}: pooling the tails to minExpected = ${minExpected} leaves 1 class: the test needs at least 2 (more samples or a smaller minExpected)`);
  let statistic = 0, classes = 0;
  const add = (o: number, e: number) => { statistic += (o - e) ** 2 / e; classes++; };
  add(sum(obs, 0, lo + 1), sum(exp, 0, lo + 1));
  for (let k = lo + 1; k < hi; k++) add(obs[k], exp[k]);
  add(sum(obs, hi, kMax + 1), sum(exp, hi, kMax + 1));
  const dof = classes - 1;
  const z = (statistic - dof) / Math.sqrt(2 * dof);
  return { statistic, dof, z, consistent: Math.abs(z) < threshold };
}
