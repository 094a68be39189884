/**
 * The distribution of the total jump a neuron receives in one time bin of the model's Euler rule,
 * on the lattice on which all its synaptic weights lie. Building block of the exact discrete
 * transfer ({@link eulerChainRate}).
 *
 * A neuron's input in bin k is sum_g w_g c_g(k): c_g(k) is the number of partners of group g
 * (E, I or X) that spiked in bin k - 1 and w_g = J_ag / sqrt(K) their weight. When every weight is
 * an integer multiple s_g of a unit u (u = 0.5 / sqrt(K) for the model's weights), the jump is
 * u times the integer sum_g s_g c_g, and its distribution is the convolution of the count
 * distributions of the groups, each stretched by s_g.
 */
import { binomialPmf } from "../math/distributions";
import { checkNumber, invalid, ParameterError, within } from "../core/validate";
import { checkBudget, LimitOptions, resolveLimits } from "../core/limits";
import { checkInputGroups, InputGroup } from "./membrane-moments";

/** A distribution on the lattice u * (offset + k), k = 0 .. pmf.length - 1. */
export interface LatticeDistribution {
  /** Lattice unit u (units of V). */
  unit: number;
  /** Integer position of pmf[0]: the jump of pmf[k] is (offset + k) * unit. */
  offset: number;
  /** Probabilities, summing to 1 (tails below `tail` dropped, then renormalised). */
  pmf: Float64Array;
}

/** Probability mass dropped from each tail of a count distribution (default of {@link jumpDistribution}). */
const DEFAULT_TAIL = 1e-15;

/**
 * The largest unit u such that every weight is an integer multiple of u, with at most
 * `maxSteps` units in the largest weight: u = min |w| / q for the smallest q = 1, 2, ... that works
 * (relative tolerance 1e-9). For the model's weights J_ab / sqrt(K) this is 0.5 / sqrt(K).
 * @param weights the weights (units of V); zeros are ignored.
 * @param maxSteps largest allowed |w| / u (default 400).
 * @returns u (units of V); 1 when every weight is 0.
 * @throws ParameterError for weights that are not an array of finite numbers, maxSteps not an
 *   integer in [1, 1e6], or when no such u exists (incommensurate weights).
 */
export function latticeUnit(weights: readonly number[], maxSteps = 400): number {
  const where = "latticeUnit";
  if (!Array.isArray(weights)) invalid(where, "weights", weights, "an array of weights");
  checkNumber(where, "maxSteps", maxSteps, { integer: true, min: 1, max: 1e6 });
  const nz = weights.filter((w) => w !== 0).map((w, k) => Math.abs(checkNumber(where, `weights[${k}]`, w)));
  if (nz.length === 0) return 1;
  const wMin = Math.min(...nz);
  const wMax = Math.max(...nz);
  for (let q = 1; (q * wMax) / wMin <= maxSteps; q++) {
    const u = wMin / q;
    if (nz.every((w) => Math.abs(w / u - Math.round(w / u)) < 1e-9 * (w / u))) return u;
  }
  throw new ParameterError(`${where}: the weights [${weights.join(", ")}] lie on no common lattice with at most ${maxSteps} units in the largest weight`);
}

/**
 * Distribution of one group's jump s * c in lattice units, for a count distribution `count`
 * (count[c] = P(c spikes in the bin)).
 */
function stretch(count: Float64Array, step: number): { offset: number; pmf: Float64Array } {
  const n = count.length - 1;
  if (step === 0) return { offset: 0, pmf: Float64Array.of(1) };
  const pmf = new Float64Array(n * Math.abs(step) + 1);
  for (let c = 0; c <= n; c++) pmf[step > 0 ? c * step : (n - c) * -step] += count[c];
  return { offset: step > 0 ? 0 : n * step, pmf };
}

/** Convolution of two lattice distributions (same unit). */
function convolve(a: { offset: number; pmf: Float64Array }, b: { offset: number; pmf: Float64Array }): { offset: number; pmf: Float64Array } {
  const out = new Float64Array(a.pmf.length + b.pmf.length - 1);
  for (let i = 0; i < a.pmf.length; i++) {
    const x = a.pmf[i];
    if (x === 0) continue;
    for (let j = 0; j < b.pmf.length; j++) out[i + j] += x * b.pmf[j];
  }
  return { offset: a.offset + b.offset, pmf: out };
}

/**
 * A count law P(c), c = 0 .. n, computed term by term and cut after the first c >= `mean` where
 * the law decreases and P(c) (n - c) < tail: for a law that keeps decreasing from there (every
 * law used here is unimodal) this bounds the rest of the upper tail by `tail`. (A cut at
 * 1 - (sum so far) < tail fails both ways in floating point: the sum's rounding can keep it above
 * 1 - 1e-15 for ever, which kept all n + 1 terms at K >= 400, or push it there early.)
 * @param n largest count.
 * @param mean the law's mean (no cut below it).
 * @param pmf P(c).
 * @param tail mass allowed beyond the last count kept.
 * @returns P(c) for c = 0 .. cMax (not renormalised).
 */
export function truncatedCounts(n: number, mean: number, pmf: (c: number) => number, tail = DEFAULT_TAIL): Float64Array {
  const out: number[] = [];
  for (let c = 0; c <= n; c++) {
    const q = pmf(c);
    out.push(q);
    if (c >= mean && c > 0 && q <= out[c - 1] && q * (n - c) < tail) break;
  }
  return Float64Array.from(out);
}

/**
 * The binomial count distribution of n independent Bernoulli(p) inputs, truncated where the upper
 * tail falls below `tail` ({@link truncatedCounts}): P(c) = C(n, c) p^c (1 - p)^(n - c), c = 0 .. cMax.
 * @param n number of inputs (integer >= 0).
 * @param p spike probability per bin, in [0, 1].
 * @param tail mass allowed beyond the last count kept, in (0, 1].
 * @param options maxBytes / maxSteps: about n p + 40 sqrt(n p (1 - p)) counts are computed.
 * @returns P(c) for c = 0 .. cMax (not renormalised).
 * @throws ParameterError for n not an integer in [0, 2^53 - 1], p outside [0, 1], tail outside
 *   (0, 1], or more counts than the limits allow (with the estimate).
 */
export function binomialCounts(n: number, p: number, tail = DEFAULT_TAIL, options: LimitOptions = {}): Float64Array {
  const where = "binomialCounts";
  checkNumber(where, "n", n, { integer: true, min: 0, max: Number.MAX_SAFE_INTEGER });
  checkNumber(where, "p", p, { min: 0, max: 1 });
  checkNumber(where, "tail", tail, { min: 0, max: 1, minInclusive: false });
  // the counts kept reach about the mean plus a few standard deviations (the tail's cut)
  const kept = keptCounts(n, p);
  checkBudget(where, resolveLimits(where, options), { what: `the binomial counts of n = ${n} inputs (about ${Math.ceil(kept)} values)`, bytes: 16 * kept, steps: 60 * kept });
  return truncatedCounts(n, n * p, (c) => binomialPmf(n, p, c), tail);
}

/** Options of {@link jumpDistribution}. */
export interface JumpDistributionOptions {
  /** Bin width dt (s), default 1e-4. */
  dt?: number;
  /**
   * Count distribution of each group per bin (P(c) for c = 0, 1, ...), overriding the binomial
   * law of independent Bernoulli inputs (used for non-Poisson input statistics).
   */
  counts?: Float64Array[];
  /** Lattice unit (units of V); default {@link latticeUnit} of the weights. */
  unit?: number;
}

/**
 * The jump distribution of each group in one bin, w_g c_g, on the common lattice of unit u:
 * c_g ~ Binomial(n_g, r_g dt) (independent Bernoulli inputs) unless `counts` is given, w_g = s_g u.
 * Each pmf is renormalised to sum 1 (a binomial is cut where its tail falls below
 * {@link DEFAULT_TAIL}).
 * @param groups inputs { count, weight (units of V), rate (Hz) }.
 * @param options dt (s), counts, unit.
 * @returns one lattice distribution per group (same unit).
 * @throws ParameterError for invalid groups, rate * dt > 1, weights off the lattice, counts of the
 *   wrong length, or (estimated before any count is computed) a convolution of the groups' laws
 *   past the work or memory limits.
 */
export function groupJumps(groups: InputGroup[], options: JumpDistributionOptions = {}): LatticeDistribution[] {
  const where = "groupJumps";
  const dt = checkNumber(where, "dt", options.dt ?? 1e-4, { min: 0, minInclusive: false, unit: "s" });
  const gs = checkInputGroups(where, groups, dt);
  if (options.counts !== undefined && (!Array.isArray(options.counts) || options.counts.length !== gs.length)) {
    invalid(where, "counts", options.counts, `an array of ${gs.length} count distributions, one per group`);
  }
  const unit = options.unit ?? latticeUnit(gs.map((g) => g.weight));
  checkNumber(where, "unit", unit, { min: 0, minInclusive: false });
  const steps = gs.map((g, i) => {
    const step = Math.round(g.weight / unit);
    if (Math.abs(g.weight - step * unit) > 1e-9 * Math.abs(g.weight)) {
      invalid(where, `groups[${i}].weight`, g.weight, `an integer multiple of the lattice unit ${unit}`);
    }
    return step;
  });
  options.counts?.forEach((c, i) => {
    if (!(c instanceof Float64Array) || c.length === 0) invalid(where, `counts[${i}]`, c, "a non-empty Float64Array of P(c), c = 0, 1, ...");
  });
  // estimated first: the counts of a huge group take seconds to compute, and their convolution far longer
  const lengths = gs.map((g, i) => (keptCounts(g.count, g.rate * dt, options.counts?.[i]) - 1) * Math.abs(steps[i]) + 1);
  checkConvolution(where, lengths);
  return gs.map((g, i) => {
    const counts = options.counts?.[i] ?? binomialCounts(g.count, g.rate * dt);
    const d = stretch(counts, steps[i]);
    let sum = 0;
    for (const x of d.pmf) sum += x;
    return { unit, offset: d.offset, pmf: d.pmf.map((x) => x / sum) };
  });
}

/** Number of counts {@link binomialCounts} keeps for n inputs of probability p (an upper estimate), or the length of the counts given. */
function keptCounts(n: number, p: number, given?: ArrayLike<number>): number {
  if (given !== undefined) return given.length;
  return Math.ceil(Math.min(n + 1, n * p + 40 * Math.sqrt(n * p * (1 - p)) + 10));
}

/**
 * Refuses convolving lattice laws of these lengths past the work or memory limits: the
 * convolutions run one after another, so the work is the sum of the products of the lengths.
 */
function checkConvolution(where: string, lengths: readonly number[]): void {
  let length = lengths[0];
  let steps = 0;
  for (const n of lengths.slice(1)) {
    steps += length * n;
    length += n - 1;
  }
  checkBudget(where, resolveLimits(where), { what: `convolving ${lengths.length} jump laws (${length} lattice points)`, bytes: 16 * length, steps });
}

/**
 * The distribution of the sum of independent lattice jumps (same unit): the convolution of their pmfs.
 * @param parts the distributions (at least one, one unit).
 * @returns the distribution of the sum.
 * @throws ParameterError for an empty list or different units, or convolutions past the work or memory
 *   limits (the sum of the products of the laws' lengths, with the estimate).
 */
export function combineJumps(parts: LatticeDistribution[]): LatticeDistribution {
  if (!Array.isArray(parts) || parts.length === 0) invalid("combineJumps", "parts", parts, "a non-empty array of lattice distributions");
  parts.forEach((d, k) => {
    const ok = d !== null && typeof d === "object" && d.unit > 0 && Number.isInteger(d.offset) && d.pmf instanceof Float64Array && d.pmf.length > 0;
    if (!ok) invalid("combineJumps", `parts[${k}]`, d, "a lattice distribution { unit > 0, offset (integer), pmf (non-empty Float64Array) }");
  });
  const unit = parts[0].unit;
  if (parts.some((d) => d.unit !== unit)) invalid("combineJumps", "parts", parts, "distributions on one lattice unit");
  checkConvolution("combineJumps", parts.map((d) => d.pmf.length));
  return parts.slice(1).reduce((acc, d) => ({ unit, ...convolve(acc, d) }), parts[0]);
}

/**
 * The distribution of the total jump in one bin, sum_g w_g c_g, for independent groups of inputs
 * (docs/MODEL.md, Euler rule): the convolution of {@link groupJumps}.
 * @param groups inputs { count, weight (units of V), rate (Hz) }.
 * @param options dt (s), counts, unit.
 * @returns the lattice distribution of the jump.
 * @throws ParameterError as {@link groupJumps}.
 */
export function jumpDistribution(groups: InputGroup[], options: JumpDistributionOptions = {}): LatticeDistribution {
  return within("jumpDistribution", "groups", () => combineJumps(groupJumps(groups, options)));
}
