/**
 * A two-grid preconditioner for I - z A, A the one-bin operator of an {@link EulerChain}: an
 * approximate inverse that {@link chainOccupancy} hands to GMRES.
 *
 * Neither part alone does: the chain's slow modes (the escape over the threshold, the relaxation
 * of V on the time scale tau) are spread over the whole range of V, and its jumps (whole lattice
 * units, tens of grid points) keep patterns of the grid's m sub-positions alive for tens of bins.
 * So one application, for a residual r, is
 *
 * 1. **smooth**: e = S r, S the exact inverse (banded LU) of the entries of I - z A within 24
 *    grid points of the diagonal (leak stencil, small jumps: the fine-grid patterns);
 * 2. **coarse correction**: e += P (I - z A_c)^{-1} R (r - (I - z A) e), A_c the same chain on
 *    a grid 4 times coarser (inverted by banded LU on a band that holds all its jumps but a tail
 *    of probability 1e-3), R the restriction of a mass vector to the coarse grid (linear hat
 *    weights in V), P the matching prolongation (each coarse mass spread back in proportion to R);
 * 3. **smooth again**: e += S (r - (I - z A) e).
 *
 * A chain whose grid cannot be coarsened (one grid point per lattice unit) gets a single banded
 * LU that covers its largest jumps. The preconditioner only changes how fast GMRES converges,
 * never what it converges to: at the theory table's points (n of 300 to 3000 grid points) GMRES
 * reaches a residual of 1e-12 in 10 to 16 iterations from a cold start, in 3 to 13 from the
 * previous Newton evaluation.
 */
import { BandLU } from "../math/band-lu";
import { checkNumber, invalid } from "../core/validate";
import { LinearMap } from "../math/gmres";
import { EulerChain } from "./euler-chain";
import { combineJumps } from "./input-jumps";

/** How much coarser the coarse grid is (in grid points per lattice unit). */
const COARSENING = 4;
/** Half-width (grid points) of the fine-grid band that the smoother inverts exactly. */
const SMOOTHER_HALF_WIDTH = 24;
/** Probability of the jumps that the coarse band may leave out (sets its width). */
const JUMP_TAIL = 1e-3;
/** Grid points added to the coarse band beyond the jumps (the leak's shift and its stencil). */
const BAND_MARGIN = 4;
/** Most entries of one band (8e7 bytes): wider jumps on a long grid get a narrower band (a weaker preconditioner, the same solution). */
const MAX_BAND_ENTRIES = 1e7;

/** The half-width to use for a band of `chain`: the wanted one, at most n - 1 and at most MAX_BAND_ENTRIES / (2 n). */
function halfWidth(chain: EulerChain, wanted: number): number {
  return Math.max(0, Math.min(chain.n - 1, wanted, Math.floor(MAX_BAND_ENTRIES / (2 * chain.n))));
}

/**
 * Half-width (grid points of `chain`) of a band that holds the jumps of one bin but a tail of
 * probability {@link JUMP_TAIL}: the smallest R with P(|jump| > R) <= JUMP_TAIL, plus
 * {@link BAND_MARGIN}.
 */
function jumpReach(chain: EulerChain): number {
  const { offset, pmf } = combineJumps([...chain.parts]);
  const far = (R: number) => pmf.reduce((t, p, k) => (Math.abs(offset + k) > R ? t + p : t), 0);
  let R = 0;
  while (far(R) > JUMP_TAIL) R++;
  return R * chain.grid.subdivisions + BAND_MARGIN;
}

/** Restriction weights of each fine point to the coarse grid: coarse index lo and weight 1 - f of lo (f of lo + 1). */
function hatWeights(fine: EulerChain, coarse: EulerChain) {
  const lo = new Int32Array(fine.n);
  const f = new Float64Array(fine.n);
  const columnSum = new Float64Array(coarse.n);
  for (let i = 0; i < fine.n; i++) {
    const c = Math.min(coarse.n - 1, Math.max(0, ((i - fine.i0) * fine.h) / coarse.h + coarse.i0));
    lo[i] = Math.min(coarse.n - 2, Math.floor(c));
    f[i] = c - lo[i];
    columnSum[lo[i]] += 1 - f[i];
    columnSum[lo[i] + 1] += f[i];
  }
  return { lo, f, columnSum };
}

/**
 * The preconditioner of I - z A for one chain (module header), and for chains close to it on the
 * same grid: another jump distribution, another lowest grid point (vMin). For such a chain the
 * residuals of the stages use that chain's own step, the smoother and the coarse LU stay those
 * built here (points the other chain has below this one's grid: the identity).
 * Cost to build: banded LUs of about n x 24^2 (fine) and (n / 4) x (largest jumps in coarse
 * grid points)^2 (coarse) multiply-adds; per application two steps of the chain plus the solves.
 */
export class ChainPreconditioner {
  /** The chain it was built for. */
  readonly chain: EulerChain;
  /** The factor z of A it was built for. */
  readonly z: number;
  /** Exact LU of the band of I - z A near the diagonal (or of all jumps when there is no coarse grid). */
  private readonly smoother: BandLU;
  /** The coarse chain and the LU of its band, absent when the grid has one point per lattice unit. */
  private readonly coarse?: { chain: EulerChain; lu: BandLU };

  /**
   * @param chain the chain.
   * @param z the factor of A, in (0, 1].
   * @throws ParameterError for a chain that is not an EulerChain or z outside (0, 1].
   */
  constructor(chain: EulerChain, z: number) {
    if (!(chain instanceof EulerChain)) invalid("ChainPreconditioner", "chain", chain, "an EulerChain");
    checkNumber("ChainPreconditioner", "z", z, { min: 0, minInclusive: false, max: 1 });
    this.chain = chain;
    this.z = z;
    const m = chain.grid.subdivisions;
    const mc = Math.max(1, Math.round(m / COARSENING));
    if (mc === m) {
      this.smoother = new BandLU(chain.band(halfWidth(chain, jumpReach(chain)), z));
      return;
    }
    const coarse = chain.withSubdivisions(mc);
    this.smoother = new BandLU(chain.band(halfWidth(chain, SMOOTHER_HALF_WIDTH), z));
    this.coarse = { chain: coarse, lu: new BandLU(coarse.band(halfWidth(coarse, jumpReach(coarse)), z)) };
  }

  /**
   * Whether it can serve `other`: the same grid spacing, subdivisions and threshold (so the same
   * grid up to its lowest point).
   * @param other a chain.
   * @returns true when {@link ChainPreconditioner.mapFor} accepts it.
   */
  fits(other: EulerChain): boolean {
    const c = this.chain;
    return other.h === c.h && other.grid.subdivisions === c.grid.subdivisions && other.n - other.i0 === c.n - c.i0;
  }

  /**
   * The approximate inverse of I - z A' for a chain that {@link ChainPreconditioner.fits} (z the
   * factor it was built for).
   * @param other the chain (A' its one-bin operator).
   * @returns the map out = M^{-1} v on `other`'s grid.
   */
  mapFor(other: EulerChain): LinearMap {
    const smooth = shiftedSolve(this.smoother, other.i0 - this.chain.i0, other.n);
    if (this.coarse === undefined) return smooth;
    return twoGrid(other, this.z, smooth, this.coarse.lu, hatWeights(other, this.coarse.chain));
  }
}

/** The solve of `lu` (grid points i - shift of a grid of n points) on that grid; the identity on points it lacks. */
function shiftedSolve(lu: BandLU, shift: number, n: number): LinearMap {
  if (shift === 0 && lu.n === n) return (v, out) => lu.solve(v, out);
  const inner = new Float64Array(lu.n);
  return (v, out) => {
    for (let i = 0; i < lu.n; i++) inner[i] = i + shift >= 0 && i + shift < n ? v[i + shift] : 0;
    lu.solve(inner, inner);
    for (let i = 0; i < n; i++) out[i] = i - shift >= 0 && i - shift < lu.n ? inner[i - shift] : v[i];
  };
}

/** The three stages of the module header as one map, on `chain`'s grid. */
function twoGrid(chain: EulerChain, z: number, smooth: LinearMap, coarseLU: BandLU, hat: ReturnType<typeof hatWeights>): LinearMap {
  const n = chain.n;
  const { lo, f, columnSum } = hat;
  const r = new Float64Array(n);
  const s = new Float64Array(n);
  const stepped = new Float64Array(n);
  const rc = new Float64Array(coarseLU.n);
  /** r = v - (I - z A) e. */
  const residual = (v: Float64Array, e: Float64Array) => {
    chain.step(e, stepped);
    for (let i = 0; i < n; i++) r[i] = v[i] - e[i] + z * stepped[i];
  };
  return (v, out) => {
    smooth(v, out);
    residual(v, out);
    rc.fill(0);
    for (let i = 0; i < n; i++) {
      rc[lo[i]] += (1 - f[i]) * r[i];
      rc[lo[i] + 1] += f[i] * r[i];
    }
    coarseLU.solve(rc, rc);
    for (let j = 0; j < rc.length; j++) rc[j] = columnSum[j] > 0 ? rc[j] / columnSum[j] : 0;
    for (let i = 0; i < n; i++) out[i] += (1 - f[i]) * rc[lo[i]] + f[i] * rc[lo[i] + 1];
    residual(v, out);
    smooth(r, s);
    for (let i = 0; i < n; i++) out[i] += s[i];
  };
}
