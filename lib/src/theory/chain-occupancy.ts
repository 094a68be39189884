/**
 * The occupancy of the discrete LIF chain ({@link EulerChain}) started at the reset: one linear
 * solve gives what iterating the chain bin by bin ({@link firstPassage}) gives only in the limit.
 *
 * With A the one-bin operator without reset (leak, jump, removal of the mass that crosses the
 * threshold) and e the unit mass at V = 0, the mass left after n bins is A^n e, so
 *
 *     y(z) = sum_{n>=0} z^n A^n e = (I - z A)^{-1} e,
 *
 * and with S(n) = 1^T A^n e the ISI survival and f(n) = S(n - 1) - S(n) its distribution:
 *
 * - z = 1: the mean ISI is sum_n S(n) = 1^T y(1) bins, and y(1) / 1^T y(1) is the stationary
 *   distribution of V (renewal theory);
 * - 0 < z < 1: the ISI generating function F(z) = sum_{n>=1} f(n) z^n = 1 - (1 - z) 1^T y(z).
 *
 * The system is solved by GMRES ({@link gmres}) with the chain's step as the operator and a
 * two-grid preconditioner ({@link ChainPreconditioner}, built for the chain and z); the cost is a
 * few tens of steps of the chain instead of the thousands of bins the survival takes to become
 * geometric. A chain solved before with the same z (`previous`: e.g. the last evaluation of a
 * Newton iteration) lends its solution as the starting point and its preconditioner, which saves
 * most of the set-up and some iterations; the result is the same to the tolerance. Each chain
 * keeps its solutions and preconditioners (by z) for that purpose while it lives.
 */
import { gmres } from "../math/gmres";
import { checkNumber, invalid } from "../core/validate";
import { ChainPreconditioner } from "./chain-preconditioner";
import { EulerChain } from "./euler-chain";

/** Options of {@link chainOccupancy}. */
export interface ChainOccupancyOptions {
  /** The factor z of A, in (0, 1] (default 1). */
  z?: number;
  /** Relative accuracy of 1^T y (default 1e-10): the solve stops at a residual |e - (I - z A) y|_2 of tol / 100. */
  tol?: number;
  /**
   * A nearby chain solved before with the same z, on the same grid up to its lowest point (same
   * lattice unit, subdivisions and threshold; another jump distribution or vMin): its occupancy
   * starts GMRES and its preconditioner is used (rebuilt once a solve with it needs more than 20
   * iterations). Ignored when it does not fit.
   */
  previous?: EulerChain;
}

/** Result of {@link chainOccupancy}. */
export interface ChainOccupancy {
  /** y = (I - z A)^{-1} e: the expected (z-discounted) number of bins spent at each grid point before the first spike. */
  occupancy: Float64Array;
  /** 1^T y: the mean ISI in bins for z = 1, (1 - F(z)) / (1 - z) otherwise. */
  total: number;
  /** GMRES iterations (each one step of the chain plus the preconditioner's two). */
  iterations: number;
}

/** Largest number of GMRES iterations; the preconditioned solves take about 10 to 30. */
const MAX_ITERATIONS = 300;

/**
 * Residual, relative to |y|_2, at which a solve also stops: a little above rounding, for a chain
 * that fires so rarely (1^T y of 1e5 bins and more) that tol / 100 cannot be reached.
 */
const ROUNDING_TOL = 1e-14;

/** A lent preconditioner is rebuilt for the next chain once a solve with it takes more iterations than this. */
const REBUILD_ITERATIONS = 20;

/**
 * The error {@link chainOccupancy} throws when it cannot solve: GMRES did not reach the tolerance,
 * or the preconditioner's banded LU met a zero pivot (both mean an I - z A that is singular or
 * nearly so: a chain that never or almost never fires).
 */
export class ChainOccupancyError extends Error {
  /** @param message what failed and where. */
  constructor(message: string) {
    super(message);
    this.name = "ChainOccupancyError";
  }
}

/** What each chain keeps by z: its preconditioner (its own or lent) and its last solution. */
const kept = new WeakMap<EulerChain, Map<number, { preconditioner: ChainPreconditioner; occupancy?: Float64Array }>>();
/** Preconditioners found worn out (a solve took more than REBUILD_ITERATIONS). */
const worn = new WeakSet<ChainPreconditioner>();

function keptFor(chain: EulerChain, z: number) {
  return kept.get(chain)?.get(z);
}

/** The chain's preconditioner for z: kept, lent by `previous`, or built (and kept). */
function preconditionerOf(chain: EulerChain, z: number, previous?: EulerChain): ChainPreconditioner {
  const own = keptFor(chain, z);
  if (own) return own.preconditioner;
  const lent = previous && keptFor(previous, z)?.preconditioner;
  const p = lent && !worn.has(lent) && lent.fits(chain) ? lent : new ChainPreconditioner(chain, z);
  if (!kept.has(chain)) kept.set(chain, new Map());
  kept.get(chain)?.set(z, { preconditioner: p });
  return p;
}

/** `previous`'s solution for z on `chain`'s grid (points it lacks: 0), or undefined. */
function startFrom(chain: EulerChain, z: number, previous?: EulerChain): Float64Array | undefined {
  const y = previous && keptFor(previous, z)?.occupancy;
  if (!previous || !y || previous.h !== chain.h || previous.n - previous.i0 !== chain.n - chain.i0) return undefined;
  const shift = chain.i0 - previous.i0;
  return Float64Array.from({ length: chain.n }, (_, i) => (i - shift >= 0 && i - shift < y.length ? y[i - shift] : 0));
}

/**
 * Solves (I - z A) y = e for the chain started at the reset V = 0 (module header).
 * Memory: about 90 n numbers (the Krylov vectors and the preconditioner's bands), n <= 200000.
 * @param chain the chain of one neuron's input.
 * @param options z, tol, previous.
 * @returns the occupancy y, its total and the iterations.
 * @throws ParameterError for a chain that is not an EulerChain, z outside (0, 1], tol outside (0, 1) or a previous that is not a
 *   chain; {@link ChainOccupancyError} when it cannot solve (a chain that never or almost never
 *   fires: I - z A singular or nearly).
 */
export function chainOccupancy(chain: EulerChain, options: ChainOccupancyOptions = {}): ChainOccupancy {
  const where = "chainOccupancy";
  if (!(chain instanceof EulerChain)) invalid(where, "chain", chain, "an EulerChain (new EulerChain(parts, grid))");
  const z = checkNumber(where, "z", options.z ?? 1, { min: 0, minInclusive: false, max: 1 });
  const tol = checkNumber(where, "tol", options.tol ?? 1e-10, { min: 0, minInclusive: false, max: 1, maxInclusive: false });
  const previous = options.previous;
  if (previous !== undefined && !(previous instanceof EulerChain)) invalid(where, "previous", previous, "an EulerChain");
  let preconditioner: ChainPreconditioner;
  try {
    preconditioner = preconditionerOf(chain, z, previous);
  } catch (e) {
    throw new ChainOccupancyError(`${where}: no preconditioner (${(e as Error).message}); the chain may never fire`);
  }
  const n = chain.n;
  const stepped = new Float64Array(n);
  const apply = (v: Float64Array, out: Float64Array) => {
    chain.step(v, stepped);
    for (let i = 0; i < n; i++) out[i] = v[i] - z * stepped[i];
  };
  const e = new Float64Array(n);
  e[chain.i0] = 1;
  const initial = startFrom(chain, z, previous);
  const r = gmres(apply, e, { precondition: preconditioner.mapFor(chain), initial, tol: tol / 100, xTol: ROUNDING_TOL, maxIterations: MAX_ITERATIONS });
  if (r.iterations > REBUILD_ITERATIONS) worn.add(preconditioner);
  if (!r.converged) {
    throw new ChainOccupancyError(`${where}: GMRES reached a residual of ${r.residual} after ${r.iterations} iterations (wanted ${tol / 100}); the chain may almost never fire`);
  }
  (keptFor(chain, z) ?? { preconditioner }).occupancy = r.x;
  let total = 0;
  for (let i = 0; i < n; i++) total += r.x[i];
  return { occupancy: r.x, total, iterations: r.iterations };
}
