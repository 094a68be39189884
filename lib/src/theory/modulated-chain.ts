/**
 * The discrete LIF chain ({@link EulerChain}) driven by input whose rate is modulated by a hidden
 * two-state Markov process (a telegraph process): the exact transfer of the Euler neuron for a
 * doubly stochastic (Cox) input, whose counts are correlated from bin to bin.
 *
 * The hidden state s in {0, 1} sets the jump law of the bin (chain s); after the bin it switches
 * with probability q (s' = 1 - s), so its autocorrelation decays like rho^L, rho = 1 - 2 q. The
 * joint chain on (V, s) has the one-bin operator A~ = (Q^T (x) I) blockdiag(A_0, A_1) (Q the 2 x 2
 * switching matrix, A_s the step of chain s without the reset), and the mass that spikes in state
 * s restarts at V = 0 in the state s' it switches to. Markov renewal theory (started from the reset
 * in state s', y_s'(z) = (I - z A~)^{-1} e_(0, s')) gives
 *
 * - H(z)[s'][t] = z * (mass that spikes out of y_s'(z), switched into state t): the z-transform of
 *   the interval to the next spike and the state it restarts in; H(1) is stochastic;
 * - pi, the stationary restart state (pi = pi H(1)), the mean ISI T = sum_s pi_s 1^T y_s(1) bins
 *   and the rate 1 / (T dt);
 * - the transform of the output's renewal density m(L) = P(spike at L | spike at 0),
 *   M(z) = sum_{L>=1} z^L m(L) = pi^T H(z) (I - H(z))^{-1} 1 (intervals need not be independent);
 *   the same train with its intervals made independent (shuffled) has M(z) = G / (1 - G), G the
 *   transform of the stationary interval law, G = pi^T H(z) 1.
 *
 * Each system is solved by GMRES; the preconditioner is exact for two equal chains: in the sum and
 * difference of the two states the operator splits into I - z A and I - z rho A, each
 * preconditioned by a {@link ChainPreconditioner}.
 */
import { gmres, LinearMap } from "../math/gmres";
import { ChainPreconditioner } from "./chain-preconditioner";
import { ChainOccupancyError } from "./chain-occupancy";
import { EulerChain } from "./euler-chain";

/** Relative residual of each solve (the mean ISI to about 1e-10). */
const SOLVE_TOL = 1e-11;
/** Residual relative to |y| at which a solve also stops (rounding). */
const ROUNDING_TOL = 1e-14;
/** Largest number of GMRES iterations per solve. */
const MAX_ITERATIONS = 400;

/** Preconditioners of one modulated chain's systems, by z: for the sum (z) and difference (z rho) modes. */
export type ModulatedPreconditioners = Map<number, { sum: ChainPreconditioner; diff: ChainPreconditioner; rho: number }>;

/** A kept preconditioner is rebuilt when rho has moved by more than this since it was built. */
const RHO_DRIFT = 0.02;

/** Result of {@link modulatedSolve}: the occupancies from the reset in each state and H(z). */
export interface ModulatedSolve {
  /** y_s(z) for s = 0, 1: the joint occupancy (length 2 n, state 0 then state 1). */
  occupancy: [Float64Array, Float64Array];
  /** 1^T y_s(z): for z = 1 the mean ISI (bins) from a restart in state s. */
  total: [number, number];
  /** H(z), row s: restart state, column t: the state the next spike restarts in. */
  next: [[number, number], [number, number]];
}

/**
 * A modulated chain: the chains of the two hidden states (on one grid) and the switching probability.
 */
export interface ModulatedChain {
  /** The chain of each hidden state; same grid (h, i0, n). */
  chains: [EulerChain, EulerChain];
  /** Switching probability per bin q in [0, 1/2]: rho = 1 - 2 q. */
  switchProb: number;
}

/** The joint operator v -> v - z A~ v on (V, s), and the spike mass of each state of one step. */
function jointOperator(mc: ModulatedChain, z: number) {
  const [c0, c1] = mc.chains;
  const n = c0.n;
  const q = mc.switchProb;
  const t0 = new Float64Array(n);
  const t1 = new Float64Array(n);
  const spikes: [number, number] = [0, 0];
  const step = (v: Float64Array) => {
    spikes[0] = c0.step(v.subarray(0, n), t0);
    spikes[1] = c1.step(v.subarray(n), t1);
  };
  const apply: LinearMap = (v, out) => {
    step(v);
    for (let i = 0; i < n; i++) {
      out[i] = v[i] - z * ((1 - q) * t0[i] + q * t1[i]);
      out[n + i] = v[n + i] - z * (q * t0[i] + (1 - q) * t1[i]);
    }
  };
  return { apply, step, spikes };
}

/** The preconditioner of the joint system: sum and difference modes, each by its chain preconditioner. */
function jointPreconditioner(mc: ModulatedChain, pre: { sum: ChainPreconditioner; diff: ChainPreconditioner; rho: number }): LinearMap {
  const c0 = mc.chains[0];
  const n = c0.n;
  const sum = pre.sum.mapFor(c0);
  const diff = pre.diff.mapFor(c0);
  const u = new Float64Array(n);
  const w = new Float64Array(n);
  const U = new Float64Array(n);
  const W = new Float64Array(n);
  return (v, out) => {
    for (let i = 0; i < n; i++) {
      u[i] = 0.5 * (v[i] + v[n + i]);
      w[i] = 0.5 * (v[i] - v[n + i]);
    }
    sum(u, U);
    diff(w, W);
    for (let i = 0; i < n; i++) {
      out[i] = U[i] + W[i];
      out[n + i] = U[i] - W[i];
    }
  };
}

/** The preconditioners for z, kept in `kept` (built on the state-0 chain; reused while they fit the grid). */
function preconditionersFor(mc: ModulatedChain, z: number, kept: ModulatedPreconditioners) {
  const have = kept.get(z);
  const rho = 1 - 2 * mc.switchProb;
  if (have && have.sum.fits(mc.chains[0]) && Math.abs(have.rho - rho) <= RHO_DRIFT) return have;
  const sum = have && have.sum.fits(mc.chains[0]) ? have.sum : new ChainPreconditioner(mc.chains[0], z);
  const made = { sum, diff: new ChainPreconditioner(mc.chains[0], Math.max(1e-6, z * rho)), rho };
  kept.set(z, made);
  return made;
}

/** Result of {@link mixedSolve}: the occupancy from a mixture of the restart states. */
export interface MixedSolve {
  /** y(z) = w_0 y_0(z) + w_1 y_1(z) (length 2 n). */
  occupancy: Float64Array;
  /** 1^T y(z). */
  total: number;
  /** w^T H(z): column t, the mass that spikes and restarts in state t. */
  next: [number, number];
}

/**
 * The solver of (I - z A~) y = w_0 e_(0, 0) + w_1 e_(0, 1) for one modulated chain and z (its
 * operator and preconditioner built once, for several right-hand sides).
 */
function mixtureSolver(mc: ModulatedChain, z: number, kept: ModulatedPreconditioners, tol = SOLVE_TOL) {
  const c0 = mc.chains[0];
  const n = c0.n;
  const { apply, step, spikes } = jointOperator(mc, z);
  const precondition = jointPreconditioner(mc, preconditionersFor(mc, z, kept));
  const q = mc.switchProb;
  return (w: readonly [number, number], initial?: Float64Array): MixedSolve => {
    const e = new Float64Array(2 * n);
    e[c0.i0] = w[0];
    e[n + c0.i0] = w[1];
    const start = initial?.length === 2 * n ? initial : undefined;
    const r = gmres(apply, e, { precondition, initial: start, tol, xTol: ROUNDING_TOL, maxIterations: MAX_ITERATIONS });
    if (!r.converged) throw new ChainOccupancyError(`modulatedSolve: GMRES reached a residual of ${r.residual} after ${r.iterations} iterations; the chain may almost never fire`);
    step(r.x);
    let total = 0;
    for (const x of r.x) total += x;
    return { occupancy: r.x, total, next: [z * ((1 - q) * spikes[0] + q * spikes[1]), z * (q * spikes[0] + (1 - q) * spikes[1])] };
  };
}

/**
 * Solves (I - z A~) y = e_(0, s) for both restart states s (module header) and the transform H(z).
 * @param mc the modulated chain.
 * @param z the factor z in (0, 1].
 * @param kept preconditioners kept between calls (by z; filled here).
 * @param initial the occupancies of a nearby solve with the same z (GMRES starting points).
 * @param tol relative residual of each solve (default 1e-11: the mean interval to about 1e-10;
 *   an iteration far from its fixed point may ask less).
 * @returns the occupancies, their totals and H(z).
 * @throws ChainOccupancyError when a solve does not converge (a chain that almost never fires).
 */
export function modulatedSolve(mc: ModulatedChain, z: number, kept: ModulatedPreconditioners, initial?: [Float64Array, Float64Array], tol = SOLVE_TOL): ModulatedSolve {
  const solve = mixtureSolver(mc, z, kept, tol);
  const a = solve([1, 0], initial?.[0]);
  const b = solve([0, 1], initial?.[1]);
  return { occupancy: [a.occupancy, b.occupancy], total: [a.total, b.total], next: [a.next, b.next] };
}

/**
 * Solves (I - z A~) y = w_0 e_(0, 0) + w_1 e_(0, 1), the occupancy from the restart states mixed
 * with weights w, and the row w^T H(z): one solve where {@link modulatedSolve} makes two. With w
 * the stationary restart state pi, the sum of the row is G = pi^T H(z) 1, the transform of the
 * stationary interval law ({@link intervalTransform} is G / (1 - G)).
 * @param mc the modulated chain.
 * @param z the factor z in (0, 1].
 * @param kept preconditioners kept between calls (by z; filled here).
 * @param weights w = [w_0, w_1].
 * @param initial the occupancy of a nearby solve with the same z (GMRES starting point).
 * @param tol relative residual of the solve (default 1e-11, as modulatedSolve's).
 * @returns the occupancy, its total and w^T H(z).
 * @throws ChainOccupancyError when the solve does not converge (a chain that almost never fires).
 */
export function mixedSolve(mc: ModulatedChain, z: number, kept: ModulatedPreconditioners, weights: readonly [number, number], initial?: Float64Array, tol = SOLVE_TOL): MixedSolve {
  return mixtureSolver(mc, z, kept, tol)(weights, initial);
}

/** The stationary restart state pi of a stochastic 2 x 2 H(1): pi = pi H. */
export function restartDistribution(next: ModulatedSolve["next"]): [number, number] {
  const out = next[0][1];
  const back = next[1][0];
  if (!(out + back > 0)) return [0.5, 0.5];
  return [back / (out + back), out / (out + back)];
}

/**
 * The restart state and the mean interval of a modulated chain from its solve at z = 1: the
 * stationary restart state pi ({@link restartDistribution}) and the mean interval between spikes,
 * pi^T (the occupancy's total from each restart state), in bins; the rate is 1 / (meanBins dt).
 * @param one the chain's solve at z = 1.
 * @returns pi and the mean interval (bins).
 */
export function meanInterval(one: ModulatedSolve): { pi: [number, number]; meanBins: number } {
  const pi = restartDistribution(one.next);
  return { pi, meanBins: pi[0] * one.total[0] + pi[1] * one.total[1] };
}

/**
 * The transform of the output's renewal density, M(z) = sum_{L>=1} z^L m(L) = pi^T H (I - H)^{-1} 1
 * (module header), for z < 1.
 * @param pi stationary restart state.
 * @param next H(z).
 * @returns M(z).
 */
export function renewalTransform(pi: [number, number], next: ModulatedSolve["next"]): number {
  const [[a, b], [c, d]] = next;
  // (I - H)^{-1} 1 for the 2 x 2 H
  const det = (1 - a) * (1 - d) - b * c;
  const x0 = (1 - d + b) / det;
  const x1 = (1 - a + c) / det;
  return pi[0] * (a * x0 + b * x1) + pi[1] * (c * x0 + d * x1);
}

/**
 * The transform M(z) of the renewal density of the output with its intervals made independent
 * (a renewal train with the output's stationary interval law): G / (1 - G), G = pi^T H(z) 1.
 * @param pi stationary restart state.
 * @param next H(z), z < 1.
 * @returns M(z).
 */
export function intervalTransform(pi: [number, number], next: ModulatedSolve["next"]): number {
  const G = pi[0] * (next[0][0] + next[0][1]) + pi[1] * (next[1][0] + next[1][1]);
  return G / (1 - G);
}
