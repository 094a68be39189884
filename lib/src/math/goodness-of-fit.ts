import { checkNumber, invalid } from "../core/validate";

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
 * @throws ParameterError for an empty sample, kMax not a positive integer, minExpected <= 0
 * @returns the {@link ChiSquareResult}
 */
export function chiSquareTest(
  samples: ArrayLike<number>,
  pmf: (k: number) => number,
  options: { kMax: number; minExpected?: number; threshold?: number },
): ChiSquareResult {
  const where = "chiSquareTest";
  if (samples.length === 0) invalid(where, "samples", samples, "a non-empty array of counts");
  const kMax = checkNumber(where, "kMax", options.kMax, { min: 1, integer: true });
  const minExpected = checkNumber(where, "minExpected", options.minExpected ?? 5, { min: 0, minInclusive: false });
  const threshold = checkNumber(where, "threshold", options.threshold ?? 3, { min: 0, minInclusive: false });
  const n = samples.length;
  const obs = new Float64Array(kMax + 1);
  for (let i = 0; i < n; i++) obs[Math.min(samples[i], kMax)]++;
  const exp = Array.from({ length: kMax + 1 }, (_, k) => n * pmf(k));
  let lo = 0, hi = kMax, cum = 0;
  while (cum + exp[lo] < minExpected) cum += exp[lo++];
  cum = 0;
  while (cum + exp[hi] < minExpected) cum += exp[hi--];
  let statistic = 0, classes = 0;
  const add = (o: number, e: number) => { statistic += (o - e) ** 2 / e; classes++; };
  add(sum(obs, 0, lo + 1), sum(exp, 0, lo + 1));
  for (let k = lo + 1; k < hi; k++) add(obs[k], exp[k]);
  add(sum(obs, hi, kMax + 1), sum(exp, hi, kMax + 1));
  const dof = classes - 1;
  const z = (statistic - dof) / Math.sqrt(2 * dof);
  return { statistic, dof, z, consistent: Math.abs(z) < threshold };
}
