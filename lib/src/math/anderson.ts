/**
 * Anderson acceleration of a fixed-point iteration x = G(x) (Walker & Ni 2011, "Anderson
 * acceleration for fixed-point iterations", SIAM J. Numer. Anal. 49, 1715-1735): from the last
 * m + 1 iterates x_k and their images g_k = G(x_k), with residuals f_k = g_k - x_k, the next iterate is
 *
 *     x_{k+1} = g_k - sum_j gamma_j (g_{k-j+1} - g_{k-j}),
 *     gamma = argmin | f_k - sum_j gamma_j (f_{k-j+1} - f_{k-j}) |_2,
 *
 * the residuals measured in units of a per-component scale (so that components of different sizes
 * count alike). With m = 0 it is plain substitution.
 */
import { checkNumber, invalid } from "../core/validate";

/** The state of an Anderson acceleration (see the module header). */
export class AndersonMixer {
  private readonly depth: number;
  private readonly scale: Float64Array;
  private readonly xs: Float64Array[] = [];
  private readonly gs: Float64Array[] = [];

  /**
   * @param scale the size of each component (> 0): residuals are compared in these units.
   * @param depth m, the differences kept (integer >= 0, default 3).
   * @throws ParameterError for a non-positive scale or a bad depth.
   */
  constructor(scale: readonly number[], depth = 3) {
    if (!Array.isArray(scale) && !ArrayBuffer.isView(scale)) invalid("AndersonMixer", "scale", scale, "an array of positive numbers");
    this.scale = Float64Array.from(scale, (s, i) => checkNumber("AndersonMixer", `scale[${i}]`, s, { min: 0, minInclusive: false }));
    this.depth = checkNumber("AndersonMixer", "depth", depth, { integer: true, min: 0 });
  }

  /**
   * The next iterate from the current one and its image.
   * @param x the current iterate x_k.
   * @param g its image G(x_k).
   * @returns x_{k+1}.
   */
  next(x: readonly number[], g: readonly number[]): number[] {
    this.xs.push(Float64Array.from(x));
    this.gs.push(Float64Array.from(g));
    if (this.xs.length > this.depth + 1) {
      this.xs.shift();
      this.gs.shift();
    }
    const k = this.xs.length - 1;
    if (k === 0) return [...g];
    const f = (j: number) => this.gs[j].map((v, i) => (v - this.xs[j][i]) / this.scale[i]);
    const fs = this.xs.map((_, j) => f(j));
    const dF = Array.from({ length: k }, (_, j) => fs[j + 1].map((v, i) => v - fs[j][i]));
    const gamma = leastSquares(dF, fs[k]);
    return [...g].map((v, i) => v - gamma.reduce((s, c, j) => s + c * (this.gs[j + 1][i] - this.gs[j][i]), 0));
  }
}

/** argmin |b - sum_j c_j A_j|_2 over c, by the normal equations (Gaussian elimination, a tiny ridge for rank loss). */
function leastSquares(A: Float64Array[], b: Float64Array): number[] {
  const k = A.length;
  const dot = (u: Float64Array, v: Float64Array) => u.reduce((s, x, i) => s + x * v[i], 0);
  const M = A.map((u) => A.map((v) => dot(u, v)));
  const r = A.map((u) => dot(u, b));
  const trace = M.reduce((s, row, i) => s + row[i], 0);
  for (let i = 0; i < k; i++) M[i][i] += 1e-12 * trace + 1e-300;
  for (let c = 0; c < k; c++) {
    for (let i = c + 1; i < k; i++) {
      const f = M[i][c] / M[c][c];
      for (let j = c; j < k; j++) M[i][j] -= f * M[c][j];
      r[i] -= f * r[c];
    }
  }
  const out = new Array<number>(k).fill(0);
  for (let i = k - 1; i >= 0; i--) {
    let s = r[i];
    for (let j = i + 1; j < k; j++) s -= M[i][j] * out[j];
    out[i] = s / M[i][i];
  }
  return out;
}
