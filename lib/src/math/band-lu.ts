/**
 * LU factorisation of a banded matrix without pivoting, and solves with it. Meant for matrices
 * that are diagonally dominant or close to it (no pivoting keeps the band), for example as a
 * preconditioner of an iterative solver ({@link gmres}).
 */
import { checkNumber, invalid } from "../core/validate";

/**
 * An n x n matrix with half-bandwidth b (entries with |row - column| <= b), stored by rows:
 * entry (t, j) at `entries[t * (2b + 1) + (j - t + b)]`; entries outside the matrix are ignored.
 */
export interface BandMatrix {
  /** Order n (integer >= 1). */
  n: number;
  /** Half-bandwidth b (integer >= 0). */
  halfWidth: number;
  /** The n (2b + 1) entries, row by row. */
  entries: Float64Array;
}

/**
 * The LU factors of a band matrix, A = L U with L unit lower triangular and U upper triangular,
 * both inside the band (Gaussian elimination without pivoting: no fill outside the band).
 * Cost n b^2 multiply-adds to factor, 2 n b per solve; memory n (2b + 1) numbers.
 */
export class BandLU {
  /** Order n. */
  readonly n: number;
  /** Half-bandwidth b. */
  readonly halfWidth: number;
  private readonly lu: Float64Array;

  /**
   * Factors `matrix` (its entries are copied, not modified).
   * @param matrix the band matrix.
   * @throws ParameterError for a malformed matrix; Error when a pivot is zero or not finite
   *   (the matrix needs pivoting or is singular).
   */
  constructor(matrix: BandMatrix) {
    const where = "BandLU";
    if (matrix === null || typeof matrix !== "object") invalid(where, "matrix", matrix, "{ n, halfWidth, entries }");
    const n = checkNumber(where, "n", matrix.n, { integer: true, min: 1 });
    const b = checkNumber(where, "halfWidth", matrix.halfWidth, { integer: true, min: 0 });
    if (!(matrix.entries instanceof Float64Array) || matrix.entries.length !== n * (2 * b + 1)) {
      invalid(where, "entries", matrix.entries, `a Float64Array of length n (2 halfWidth + 1) = ${n * (2 * b + 1)}`);
    }
    this.n = n;
    this.halfWidth = b;
    this.lu = Float64Array.from(matrix.entries);
    this.factor();
  }

  /** Gaussian elimination in place: row t, column j at lu[t * w + j - t + b]. */
  private factor(): void {
    const { n, halfWidth: b, lu } = this;
    const w = 2 * b + 1;
    for (let k = 0; k < n; k++) {
      const rk = k * w - k + b;
      const pivot = lu[rk + k];
      if (pivot === 0 || !Number.isFinite(pivot)) throw new Error(`BandLU: pivot ${k} is ${pivot}: the matrix needs pivoting or is singular`);
      const last = Math.min(n - 1, k + b);
      for (let t = k + 1; t <= last; t++) {
        const rt = t * w - t + b;
        const f = (lu[rt + k] /= pivot);
        if (f === 0) continue;
        for (let j = k + 1; j <= last; j++) lu[rt + j] -= f * lu[rk + j];
      }
    }
  }

  /**
   * Solves A x = rhs.
   * @param rhs right-hand side (length n; not modified).
   * @param out receives x (length n; may be `rhs` itself).
   */
  solve(rhs: Float64Array, out: Float64Array): void {
    const { n, halfWidth: b, lu } = this;
    const w = 2 * b + 1;
    for (let t = 0; t < n; t++) {
      const rt = t * w - t + b;
      out[t] = rhs[t] - rowDot(lu, rt, out, Math.max(0, t - b), t);
    }
    for (let t = n - 1; t >= 0; t--) {
      const rt = t * w - t + b;
      out[t] = (out[t] - rowDot(lu, rt, out, t + 1, Math.min(n, t + b + 1))) / lu[rt + t];
    }
  }
}

/** sum_{j = from}^{to - 1} a[offset + j] x[j], with four partial sums (the loop is not bound by one addition's latency). */
function rowDot(a: Float64Array, offset: number, x: Float64Array, from: number, to: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = from;
  for (; j + 3 < to; j += 4) {
    s0 += a[offset + j] * x[j];
    s1 += a[offset + j + 1] * x[j + 1];
    s2 += a[offset + j + 2] * x[j + 2];
    s3 += a[offset + j + 3] * x[j + 3];
  }
  for (; j < to; j++) s0 += a[offset + j] * x[j];
  return s0 + s1 + (s2 + s3);
}
