/**
 * The model's single neuron as a Markov chain on a grid of V: the exact transfer of the discrete
 * (forward-Euler) model, without the diffusion approximation.
 *
 * One bin of the model maps V to a V + X (a = 1 - dt/tau, X the jump of the bin, on a lattice of
 * unit u, see {@link jumpDistribution}); if the result exceeds V_th (strictly) the neuron spikes
 * and V = 0. The chain keeps the probability of V on the grid g_i = (i - i0) h, h = u / m (m
 * grid points per lattice unit, so every jump moves mass by a whole number of grid points, and
 * the reset 0 is a grid point). One step:
 *
 * 1. **leak**: the mass at g_i moves to y = a g_i, split over the three grid points around the
 *    nearest one, c - 1, c, c + 1, with the weights of quadratic interpolation,
 *    d(d - 1)/2, 1 - d^2, d(d + 1)/2 (d = (y - g_c)/h in [-1/2, 1/2]): the split conserves the
 *    mass, the mean and the second moment exactly, so the grid adds no variance (a two-point
 *    linear split would add d(1 - d) h^2 per bin, a numerical diffusion that biases the rate by
 *    several percent for mean-driven input unless h is tiny). One weight is negative (at most
 *    1/8), so grid values can be slightly negative near sharp features;
 * 2. **jump**: convolution with the distribution of X (a shift by whole grid points), done group
 *    by group (E, then I, then X: sum of the groups' taps instead of their product);
 * 3. **threshold**: decided on the exact position a g_i + X of each source's mass before its
 *    split (not on the grid points it is split to), so the threshold carries no O(h) error: mass
 *    that crosses V_th is removed (a spike) and, in the stationary chain, put back at V = 0.
 *
 * Mass pushed below the lowest grid point is kept there (reflecting floor; the floor is set low
 * enough that this mass is negligible).
 */
import { BandMatrix } from "../math/band-lu";
import { checkNumber, invalid, ParameterError, within } from "../core/validate";
import { combineJumps, LatticeDistribution } from "./input-jumps";
import { applyStage, stageBuffers } from "./chain-taps";

/** Options of the grid of {@link EulerChain}. */
export interface EulerChainGrid {
  /** Membrane time constant tau (s), > dt. */
  tau: number;
  /** Bin width dt (s). */
  dt: number;
  /** Threshold V_th > 0 (units of V). */
  vTh: number;
  /** Grid points per lattice unit m (integer >= 1). */
  subdivisions: number;
  /** Lowest grid value (units of V), < 0. */
  vMin: number;
}

/** Largest number of grid points of a chain. */
const MAX_GRID_POINTS = 200000;

/**
 * The transition operator of the discrete LIF neuron on a grid (see the module header). Build
 * once per jump distribution; {@link EulerChain.step} applies one bin.
 */
export class EulerChain {
  /** The jump distribution of each input group (one lattice unit u), as given. */
  readonly parts: readonly LatticeDistribution[];
  /** The grid options, as given. */
  readonly grid: Readonly<EulerChainGrid>;
  /** Grid spacing h = u / m (units of V). */
  readonly h: number;
  /** Index of V = 0 (the reset). */
  readonly i0: number;
  /** Index of the last grid point <= V_th. */
  readonly mth: number;
  /** Number of grid points, mth + 3 (the points above V_th hold mass whose exact position stayed below it). */
  readonly n: number;
  /** Nearest grid point c_i of a g_i, and the three weights at c_i - 1, c_i, c_i + 1. */
  private readonly centre: Int32Array;
  private readonly wm: Float64Array;
  private readonly w0: Float64Array;
  private readonly wp: Float64Array;
  /** Sources whose stencil covers landing point x: [first[x], end[x]). */
  private readonly first: Int32Array;
  private readonly end: Int32Array;
  /** Per group: jump of each tap in grid points and its probability (for the bulk, group by group). */
  private readonly stages: { taps: Int32Array; weights: Float64Array; from: number; to: number }[];
  /** Start of the stage buffers (most negative landing index reached). */
  private readonly base: number;
  /** Numbers per stage buffer (the buffers are {@link stageBuffers}'), and the most taps of a stage. */
  private readonly bufferSize: number;
  private readonly stageTaps: number;
  /** Combined jump of each tap in grid points, its probability, and the first source that spikes under it. */
  private readonly taps: Int32Array;
  private readonly weights: Float64Array;
  private readonly spikeFrom: Int32Array;
  private readonly leaked: Float64Array;

  /**
   * @param parts the per-bin jump distribution of each input group (one lattice unit u).
   * @param grid tau, dt (s), vTh, subdivisions m, vMin.
   * @throws ParameterError for dt >= tau, vTh <= 0, vMin >= 0, m not a positive integer, or more
   *   than {@link MAX_GRID_POINTS} grid points.
   */
  constructor(parts: LatticeDistribution[], grid: EulerChainGrid) {
    const where = "EulerChain";
    const jumps = within(where, "parts", () => combineJumps(parts));
    if (grid === null || typeof grid !== "object") invalid(where, "grid", grid, "an object { tau, dt, vTh, subdivisions, vMin }");
    this.parts = parts.slice();
    this.grid = { ...grid };
    const { tau, dt, vTh, subdivisions: m, vMin } = grid;
    checkNumber(where, "dt", dt, { min: 0, minInclusive: false, unit: "s" });
    checkNumber(where, "tau", tau, { min: dt, minInclusive: false, unit: "s (> dt)" });
    checkNumber(where, "vTh", vTh, { min: 0, minInclusive: false });
    checkNumber(where, "subdivisions", m, { integer: true, min: 1 });
    checkNumber(where, "vMin", vMin, { max: 0, maxInclusive: false });
    this.h = jumps.unit / m;
    this.i0 = Math.ceil(-vMin / this.h - 1e-9);
    const whole = Math.floor(vTh / this.h + 1e-9);
    const yTh = this.i0 + Math.max(whole, vTh / this.h); // V_th in grid units
    this.mth = this.i0 + whole;
    this.n = this.mth + 3;
    if (this.n > MAX_GRID_POINTS) {
      throw new ParameterError(`${where}: the grid would have ${this.n} points (> ${MAX_GRID_POINTS}); use fewer subdivisions or a higher vMin`);
    }
    const n = this.n;
    const a = 1 - dt / tau;
    const y = Float64Array.from({ length: n }, (_, i) => this.i0 + a * (i - this.i0));
    this.centre = Int32Array.from(y, (v) => Math.round(v));
    const d = y.map((v, i) => v - this.centre[i]);
    this.wm = d.map((x) => (x * (x - 1)) / 2);
    this.w0 = d.map((x) => 1 - x * x);
    this.wp = d.map((x) => (x * (x + 1)) / 2);
    this.first = new Int32Array(n + 2);
    this.end = new Int32Array(n + 2);
    for (let x = 0, lo = 0, hi = 0; x < n + 2; x++) {
      while (lo < n && this.centre[lo] < x - 1) lo++;
      while (hi < n && this.centre[hi] <= x + 1) hi++;
      this.first[x] = lo;
      this.end[x] = Math.max(lo, hi);
    }
    ({ taps: this.taps, weights: this.weights } = latticeTaps(jumps, m));
    // bulk window [0, mth - 1), computed stage by stage
    const { stages, from, to } = stageRanges(parts, m, this.mth - 1);
    this.stages = stages;
    this.base = Math.min(-1, from);
    this.bufferSize = Math.max(to, this.n + 2) - this.base + 1;
    this.stageTaps = Math.max(0, ...stages.map((st) => st.taps.length));
    // source i spikes under jump D iff y_i + D > V_th (grid units), exactly as in the model
    this.spikeFrom = Int32Array.from(this.taps, (D) => firstWhere(n, (i) => y[i] + D > yTh + 1e-9));
    this.leaked = new Float64Array(n + 2);
  }

  /** Leak: quadratic three-point split of every source into `leaked` (index x + 1 holds landing point x). */
  private leak(p: Float64Array): void {
    const { leaked, centre, wm, w0, wp, n } = this;
    leaked.fill(0);
    for (let i = 0; i < n; i++) {
      const x = p[i];
      if (x === 0) continue;
      const c = centre[i];
      leaked[c] += wm[i] * x;
      leaked[c + 1] += w0[i] * x;
      leaked[c + 2] += wp[i] * x;
    }
    leaked[1] += leaked[0]; // below the lowest grid point: kept at the floor
    leaked[0] = 0;
  }

  /** Mass of the non-spiking sources (i < stop) of `p` that the leak puts at landing point x. */
  private partial(p: Float64Array, x: number, stop: number): number {
    const { centre, wm, w0, wp } = this;
    let s = 0;
    const last = Math.min(this.end[x], stop);
    for (let i = this.first[x]; i < last; i++) {
      const k = x - centre[i];
      s += (k === -1 ? wm[i] : k === 0 ? w0[i] : wp[i]) * p[i];
    }
    return s;
  }

  /**
   * One bin: leak, jump, threshold. `out` receives the mass that did not spike (length n; `p`
   * and `out` must be different arrays).
   * @param p probability of each grid point before the bin (length n).
   * @param out probability after the bin, without the spiking mass.
   * @returns the spiking mass.
   */
  step(p: Float64Array, out: Float64Array): number {
    this.leak(p);
    const { taps, weights, spikeFrom, mth, n } = this;
    out.fill(0);
    let total = 0;
    for (let i = 0; i < n; i++) total += p[i];
    // below mth - 1 no spiking source can land: full convolution, group by group
    const top = mth - 1;
    const bulk = this.convolveBulk();
    if (top > 0) out.set(bulk.subarray(-this.base, top - this.base));
    for (let q = 0; q < taps.length; q++) {
      const D = taps[q];
      const w = weights[q];
      // points mth - 1 .. mth + 2: only sources that do not spike under this jump
      for (let t = top; t < n; t++) {
        const x = t - D;
        if (x >= 0 && x < n + 1) out[t] += w * this.partial(p, x, spikeFrom[q]);
      }
    }
    out[0] += this.floorMass();
    let kept = 0;
    for (let i = 0; i < n; i++) kept += out[i];
    return total - kept;
  }

  /** The leaked mass convolved with each group's jumps in turn, on the bulk window (buffer index = landing - base). */
  private convolveBulk(): Float64Array {
    const { leaked, base, n } = this;
    let { a: src, b: dst } = stageBuffers(this.bufferSize, this.stageTaps);
    src.fill(0, 0, this.bufferSize);
    let lo = 0;
    let hi = n + 1;
    src.set(leaked.subarray(1, hi + 1), -base);
    for (const st of this.stages) {
      dst.fill(0, st.from - base, st.to - base);
      applyStage(dst, src, st.taps, st.weights, [st.from - base, st.to - base, lo - base, hi - base]);
      [src, dst] = [dst, src];
      lo = st.from;
      hi = st.to;
    }
    return src;
  }

  /**
   * The same chain on another grid of the same range: `subdivisions` grid points per lattice unit
   * instead of m (for a coarse-grid approximation of this chain).
   * @param subdivisions grid points per lattice unit (integer >= 1).
   * @returns the new chain.
   * @throws ParameterError as the constructor.
   */
  withSubdivisions(subdivisions: number): EulerChain {
    return new EulerChain(this.parts.slice(), { ...this.grid, subdivisions });
  }

  /**
   * The entries of I - z A within `halfWidth` grid points of the diagonal, A the one-bin operator
   * that {@link EulerChain.step} applies (column j: where the mass at grid point j goes without
   * spiking), entry by entry as the step computes it: leak stencil, jump, threshold decided on
   * the exact position, floor. Entries farther from the diagonal are left out, so the result is
   * I - z A itself only when halfWidth >= n - 1 (a banded approximation otherwise, e.g. for a
   * preconditioner). Cost: n x 3 x (jump taps within the band).
   * @param halfWidth half-bandwidth b (integer >= 0), in grid points.
   * @param z factor z of A (1 for the chain itself).
   * @returns the band matrix (rows: landing point, columns: source).
   */
  band(halfWidth: number, z = 1): BandMatrix {
    const { n, taps, weights, spikeFrom, centre } = this;
    const b = halfWidth;
    const w = 2 * b + 1;
    const entries = new Float64Array(n * w);
    const top = this.mth - 1;
    const stencil = [this.wm, this.w0, this.wp];
    for (let j = 0; j < n; j++) {
      for (let k = -1; k <= 1; k++) {
        const s = centre[j] + k;
        const wk = z * stencil[k + 1][j];
        const low = j - b - Math.max(s, 0); // taps below it land more than b below j (or on the floor)
        for (let q = j - b > 0 ? firstWhere(taps.length, (r) => taps[r] >= low) : 0; q < taps.length; q++) {
          // landing -1 is kept at 0 before the jump; below 0 after it: the floor (row 0);
          // rows from top on take only the sources that do not spike under this jump
          let t = Math.max(0, Math.max(s, 0) + taps[q]);
          if (t >= top && (s < 0 || j >= spikeFrom[q])) continue;
          if (t >= top) t = s + taps[q];
          if (j - t > b) continue;
          if (t - j > b) break; // taps ascend
          entries[t * w + j - t + b] -= wk * weights[q];
        }
      }
    }
    for (let t = 0; t < n; t++) entries[t * w + b] += 1;
    return { n, halfWidth: b, entries };
  }

  /** Mass that jumps below the lowest grid point (kept there): sum over taps D < 0 of w * leaked[0 .. -D - 1]. */
  private floorMass(): number {
    const { leaked, taps, weights, n } = this;
    let last = 0;
    while (last < taps.length && taps[last] < 0) last++;
    let floor = 0;
    let cum = 0;
    let s = 0;
    for (let q = last - 1; q >= 0; q--) {
      const stop = Math.min(n + 1, -taps[q]);
      while (s < stop) cum += leaked[1 + s++];
      floor += weights[q] * cum;
    }
    return floor;
  }
}

/** The first i in [0, n) with pred(i) true, n if none, for a predicate false then true as i grows (bisection). */
function firstWhere(n: number, pred: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The non-zero jumps of a lattice distribution, in grid steps (m grid points per lattice unit), and their probabilities. */
function latticeTaps(d: LatticeDistribution, m: number): { taps: Int32Array; weights: Float64Array } {
  const nz: number[] = [];
  for (let k = 0; k < d.pmf.length; k++) if (d.pmf[k] > 0) nz.push(k);
  return { taps: Int32Array.from(nz, (k) => (d.offset + k) * m), weights: Float64Array.from(nz, (k) => d.pmf[k]) };
}

/**
 * The grid range each input group's stage must produce so that the last stage covers [0, top):
 * computed last stage first, each widening the range by its own largest jumps. Returns the stages
 * in application order and the range the first one reads.
 */
function stageRanges(parts: LatticeDistribution[], m: number, top: number) {
  let from = 0;
  let to = top;
  const staged = parts.map((p) => latticeTaps(p, m)).reverse().map((t) => {
    const range = { ...t, from, to };
    from -= t.taps.length > 0 ? Math.max(0, t.taps[t.taps.length - 1]) : 0;
    to -= t.taps.length > 0 ? Math.min(0, t.taps[0]) : 0;
    return range;
  });
  return { stages: staged.reverse(), from, to };
}
