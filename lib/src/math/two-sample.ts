import { mean, summarize } from "./statistics";
import { invalid } from "../core/validate";

/** Result of {@link twoSampleDifference}. */
export interface TwoSampleDifference {
  /** mean(b) - mean(a). */
  difference: number;
  /** Pooled standard deviation sqrt(((na - 1) sa^2 + (nb - 1) sb^2) / (na + nb - 2)). */
  pooledSd: number;
  /** Standard error of the difference, pooledSd * sqrt(1/na + 1/nb). */
  se: number;
  /** difference / se. */
  z: number;
  /** Degrees of freedom of the pooled variance, na + nb - 2. */
  df: number;
}

/**
 * Difference of the means of two samples and its standard error from the pooled variance: the
 * two-sample t statistic. Under the hypothesis that both samples come from one distribution
 * (for example the population rates of one model simulated by two engines, one value per
 * seed), the pooled variance is its best estimate, and `z` is t-distributed with na + nb - 2
 * degrees of freedom. It holds for a single value in `b` (nb = 1): then se = sa sqrt(1/na + 1),
 * the prediction interval of one new draw.
 * @param a first sample (at least 2 values)
 * @param b second sample (at least 1 value)
 * @returns the difference mean(b) - mean(a), the pooled SD, the SE, z and the degrees of freedom
 * @throws ParameterError when a has fewer than 2 values or b is empty.
 */
export function twoSampleDifference(a: ArrayLike<number>, b: ArrayLike<number>): TwoSampleDifference {
  const where = "twoSampleDifference";
  if (!(typeof a === "object" && a !== null && a.length >= 2)) invalid(where, "a", a, "an array of at least 2 numbers");
  if (!(typeof b === "object" && b !== null && b.length >= 1)) invalid(where, "b", b, "an array of at least 1 number");
  const sa = summarize(a, where);
  const nb = b.length;
  const sumSqB = nb > 1 ? (nb - 1) * summarize(b, where).variance : 0;
  const df = sa.n + nb - 2;
  const pooledSd = Math.sqrt(((sa.n - 1) * sa.variance + sumSqB) / df);
  const se = pooledSd * Math.sqrt(1 / sa.n + 1 / nb);
  const difference = mean(b, where) - sa.mean;
  return { difference, pooledSd, se, z: difference / se, df };
}
