/**
 * Per-bin count laws of n inputs whose spike counts are more variable than Bernoulli trains, for
 * the Markov chain of the discrete neuron ({@link eulerChainRate}, option `counts`).
 */
import { logGamma } from "../math/distributions";
import { checkNumber } from "../core/validate";
import { checkBudget, resolveLimits } from "../core/limits";
import { binomialCounts, truncatedCounts } from "./input-jumps";

/**
 * The per-bin count of n inputs with mean n p and variance F n p (1 - p), F >= 1: the
 * beta-binomial law (p drawn from a Beta(alpha, beta) in each bin, then Binomial(n, p)),
 *
 *     P(c) = C(n, c) B(c + alpha, n - c + beta) / B(alpha, beta),
 *     alpha = p (1/rho - 1),  beta = (1 - p)(1/rho - 1),  rho = (F - 1) / (n - 1),
 *
 * whose variance is n p (1 - p) (1 + (n - 1) rho) = F n p (1 - p). F = 1 gives the binomial law.
 * Used as the white-noise equivalent of renewal input trains with effective Fano factor F
 * ({@link effectiveFano}): the same mean and the same variance of the free membrane potential.
 * F below 1 (regular trains) has no such law here and is treated as 1.
 * @param n number of inputs (integer >= 1).
 * @param p spike probability of one input per bin, in [0, 1].
 * @param fano F >= 0 (values <= 1 give the binomial law), at most n.
 * @returns P(c) for c = 0 .. cMax, the upper tail beyond cMax below 1e-15 (see {@link truncatedCounts}).
 * @throws ParameterError for n not a positive integer (at most 1e15), p outside [0, 1], fano outside
 *   [0, n], or a law of n + 1 counts past the limits (with the estimate).
 */
export function overdispersedCounts(n: number, p: number, fano: number): Float64Array {
  const where = "overdispersedCounts";
  checkNumber(where, "n", n, { integer: true, min: 1, max: 1e15 });
  checkBudget(where, resolveLimits(where), { what: `the count law of n = ${n} inputs`, bytes: 16 * (n + 1), steps: 60 * (n + 1) });
  checkNumber(where, "p", p, { min: 0, max: 1 });
  checkNumber(where, "fano", fano, { min: 0, max: n });
  if (fano <= 1 || p === 0 || p === 1 || n === 1) return binomialCounts(n, p);
  const rho = (fano - 1) / (n - 1);
  const s = 1 / rho - 1;
  const alpha = p * s;
  const beta = (1 - p) * s;
  const logB = (x: number, y: number) => logGamma(x) + logGamma(y) - logGamma(x + y);
  const norm = logB(alpha, beta);
  const logC = (c: number) => logGamma(n + 1) - logGamma(c + 1) - logGamma(n - c + 1);
  return truncatedCounts(n, n * p, (c) => Math.exp(logC(c) + logB(c + alpha, n - c + beta) - norm));
}
