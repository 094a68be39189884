import { checkNumber } from "../core/validate";
import { logGamma } from "./distributions";
import { erfc } from "./error-function";
import { brent } from "./root-finding";

/**
 * Student's t distribution, for verdicts from few repetitions: the mean of n independent runs
 * minus a prediction, over its standard error sd / sqrt(n), follows a t distribution with n - 1
 * degrees of freedom (for normally distributed runs), whose tails are heavier than the normal's.
 */

/** Continued fraction of the incomplete beta function (modified Lentz; Numerical Recipes 3rd ed., 6.4). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 300; m++) {
    for (const num of [(m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)), (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))]) {
      d = 1 + num * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + num / c;
      if (Math.abs(c) < tiny) c = tiny;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-15) break;
  }
  return h;
}

/**
 * Regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b), by its continued
 * fraction (Numerical Recipes 3rd ed., section 6.4); relative accuracy about 1e-13.
 * @param x the argument, in [0, 1].
 * @param a first shape, > 0.
 * @param b second shape, > 0.
 * @returns I_x(a, b), in [0, 1].
 * @throws ParameterError when x is outside [0, 1] or a shape is not in (0, 1e305] (ln Gamma of larger ones overflows).
 */
export function incompleteBeta(x: number, a: number, b: number): number {
  checkNumber("incompleteBeta", "x", x, { min: 0, max: 1 });
  // a + b must keep ln Gamma finite (logGamma's range, 2e305)
  checkNumber("incompleteBeta", "a", a, { min: 0, max: 1e305, minInclusive: false });
  checkNumber("incompleteBeta", "b", b, { min: 0, max: 1e305, minInclusive: false });
  if (x === 0 || x === 1) return x;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(x, a, b)) / a : 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/**
 * Two-sided tail probability of Student's t distribution with df degrees of freedom,
 * P(|T| >= |t|) = I_{df / (df + t^2)}(df / 2, 1 / 2).
 * @param t the t statistic.
 * @param df degrees of freedom, > 0 (n - 1 for the mean of n runs).
 * @returns the probability, in [0, 1].
 * @throws ParameterError when t is not finite or df is not in (0, 1e305].
 */
export function studentTTwoSided(t: number, df: number): number {
  checkNumber("studentTTwoSided", "t", t);
  checkNumber("studentTTwoSided", "df", df, { min: 0, max: 1e305, minInclusive: false });
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** Two-sided tail probability of the standard normal beyond 3, P(|Z| >= 3) = erfc(3 / sqrt 2) = 0.0027. */
export const THREE_SIGMA_TAIL = erfc(3 / Math.SQRT2);

/**
 * The critical value t* with P(|T| >= t*) = tail for Student's t with df degrees of freedom:
 * |t| < t* is the t-test's "agree" at that level. With the default tail, P(|Z| >= 3), t* is the
 * t counterpart of the |z| < 3 rule (3.447 for df = 19; 3 as df grows).
 * @param df degrees of freedom, > 0.
 * @param tail two-sided tail probability, in (0, 1); default {@link THREE_SIGMA_TAIL}.
 * @returns t* (> 0).
 * @throws ParameterError when df is not in (0, 1e305] or tail is not in (0, 1).
 */
export function studentTCritical(df: number, tail: number = THREE_SIGMA_TAIL): number {
  checkNumber("studentTCritical", "df", df, { min: 0, max: 1e305, minInclusive: false });
  checkNumber("studentTCritical", "tail", tail, { min: 0, max: 1, minInclusive: false, maxInclusive: false });
  let hi = 4;
  while (studentTTwoSided(hi, df) > tail) hi *= 2;
  return brent((t) => studentTTwoSided(t, df) - tail, 0, hi).x;
}
