/**
 * Internal to the theory (not re-exported from the package): one exponential e(L) = A rho^L,
 * L >= 1, matched to a transform T(z) = sum_L e(L) z^L known at z = a and a^2. With
 * T(z) = A rho z / (1 - rho z), the ratio R = T(a) / T(a^2) fixes
 *
 *     rho = (1 - R a) / (a^2 (1 - R)).
 *
 * Shared by the modulation's fit (modulated-mean-field.ts), the output spectra of the
 * cross-covariance (cross-covariance.ts) and the first-order rest (correlated-mean-field.ts),
 * each of which bounds rho as its use needs.
 */

/**
 * The decay per bin rho of one exponential whose transform takes the values t1 at z = a and t2 at
 * z = a^2 (module header); not bounded: a pair that no exponential fits gives rho outside (0, 1)
 * or NaN, for the caller to test.
 * @param t1 the transform at a.
 * @param t2 the transform at a^2.
 * @param a the point, in (0, 1).
 * @returns rho.
 */
export function exponentialDecay(t1: number, t2: number, a: number): number {
  const R = t1 / t2;
  return (1 - R * a) / (a * a * (1 - R));
}
