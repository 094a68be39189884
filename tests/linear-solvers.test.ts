// The linear solvers of lib/src/math: banded LU without pivoting and restarted, right-
// preconditioned GMRES, against dense Gaussian elimination on small systems.
import { BandLU, BandMatrix } from "../lib/src/math/band-lu";
import { gmres, LinearMap } from "../lib/src/math/gmres";
import { Rng } from "../lib/src/core/rng";

/** Dense Gaussian elimination with partial pivoting (the reference). */
function denseSolve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(M[i][k]) > Math.abs(M[p][k])) p = i;
    [M[k], M[p]] = [M[p], M[k]];
    for (let i = k + 1; i < n; i++) {
      const f = M[i][k] / M[k][k];
      for (let j = k; j <= n; j++) M[i][j] -= f * M[k][j];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = M[i][n];
    for (let j = i + 1; j < n; j++) s -= M[i][j] * x[j];
    x[i] = s / M[i][i];
  }
  return x;
}

/** A random non-symmetric band matrix, diagonally dominant by columns (like I - A for a sub-stochastic A). */
function randomBand(n: number, b: number, seed: number): { band: BandMatrix; dense: number[][] } {
  const rng = new Rng(seed);
  const w = 2 * b + 1;
  const entries = new Float64Array(n * w);
  const dense = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    let column = 0;
    for (let t = Math.max(0, j - b); t <= Math.min(n - 1, j + b); t++) {
      if (t === j) continue;
      const a = -rng.uniform() / (2 * b);
      entries[t * w + j - t + b] = a;
      dense[t][j] = a;
      column += Math.abs(a);
    }
    entries[j * w + b] = 1 + column * rng.uniform();
    dense[j][j] = entries[j * w + b];
  }
  return { band: { n, halfWidth: b, entries }, dense };
}

const mul = (A: number[][]): LinearMap => (v, out) => {
  for (let i = 0; i < A.length; i++) out[i] = A[i].reduce((s, a, j) => s + a * v[j], 0);
};

describe("BandLU", () => {
  test.each([[1, 0], [12, 1], [40, 5], [30, 29]])("n = %i, half-width %i: the solve agrees with dense elimination to 1e-12", (n, b) => {
    const { band, dense } = randomBand(n, b, 7 * n + b);
    const rhs = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));
    const x = new Float64Array(n);
    new BandLU(band).solve(rhs, x);
    const want = denseSolve(dense, Array.from(rhs));
    x.forEach((xi, i) => expect(Math.abs(xi - want[i])).toBeLessThan(1e-12 * Math.max(1, Math.abs(want[i]))));
  });

  test("the solve may overwrite its right-hand side, and factoring leaves the matrix as it was", () => {
    const { band } = randomBand(20, 3, 1);
    const copy = Float64Array.from(band.entries);
    const lu = new BandLU(band);
    expect(band.entries).toEqual(copy);
    const rhs = Float64Array.from({ length: 20 }, (_, i) => i);
    const x = new Float64Array(20);
    lu.solve(rhs, x);
    lu.solve(rhs, rhs);
    expect(rhs).toEqual(x);
  });

  test.each([[37, 5], [64, 24], [9, 8]])("n = %i, half-width %i: factors and solves bit for bit as the scalar loops (four partial sums per row)", (n, b) => {
    const { band } = randomBand(n, b, n + 3 * b);
    const w = 2 * b + 1;
    const lu = Float64Array.from(band.entries);
    for (let k = 0; k < n; k++) {
      const last = Math.min(n - 1, k + b);
      for (let t = k + 1; t <= last; t++) {
        const f = (lu[t * w - t + b + k] /= lu[k * w - k + b + k]);
        for (let j = k + 1; j <= last; j++) lu[t * w - t + b + j] -= f * lu[k * w - k + b + j];
      }
    }
    const dot = (row: number, x: Float64Array, from: number, to: number) => {
      const s = [0, 0, 0, 0];
      let j = from;
      for (; j + 3 < to; j += 4) for (let r = 0; r < 4; r++) s[r] += lu[row + j + r] * x[j + r];
      for (; j < to; j++) s[0] += lu[row + j] * x[j];
      return s[0] + s[1] + (s[2] + s[3]);
    };
    const want = Float64Array.from({ length: n }, (_, i) => Math.cos(3 * i + 1));
    const rhs = Float64Array.from(want);
    for (let t = 0; t < n; t++) want[t] -= dot(t * w - t + b, want, Math.max(0, t - b), t);
    for (let t = n - 1; t >= 0; t--) want[t] = (want[t] - dot(t * w - t + b, want, t + 1, Math.min(n, t + b + 1))) / lu[t * w - t + b + t];
    const x = new Float64Array(n);
    new BandLU(band).solve(rhs, x);
    expect(Array.from(x)).toEqual(Array.from(want));
  });

  test("a zero pivot and a malformed matrix throw", () => {
    const entries = new Float64Array(3 * 3);
    entries[1] = 0; // (0, 0) = 0
    expect(() => new BandLU({ n: 3, halfWidth: 1, entries })).toThrow(/BandLU: pivot 0 is 0/);
    const nan = Float64Array.from([0, 1, 0, 0, NaN, 0, 0, 1, 0]);
    expect(() => new BandLU({ n: 3, halfWidth: 1, entries: nan })).toThrow("BandLU: pivot 1 is NaN: the matrix needs pivoting or is singular");
    expect(() => new BandLU({ n: 3, halfWidth: 1, entries: new Float64Array(8) })).toThrow(/BandLU: entries must be a Float64Array of length/);
    expect(() => new BandLU({ n: 0, halfWidth: 1, entries })).toThrow(/BandLU: n must be an integer >= 1/);
  });
});

describe("gmres", () => {
  const n = 60;
  // non-symmetric: convection-diffusion-like tridiagonal plus a long-range coupling
  const A = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 2.5 : j === i - 1 ? -1.4 : j === i + 1 ? -0.6 : j === i + 7 ? 0.2 : 0)));
  const b = Float64Array.from({ length: n }, (_, i) => Math.cos(0.3 * i));
  const want = denseSolve(A, Array.from(b));
  const error = (x: Float64Array) => Math.max(...Array.from(x, (xi, i) => Math.abs(xi - want[i])));

  test("solves a non-symmetric system to the requested residual, also across restarts", () => {
    for (const restart of [60, 8]) {
      const r = gmres(mul(A), b, { tol: 1e-12, restart });
      expect(r.converged).toBe(true);
      expect(r.residual).toBeLessThanOrEqual(1e-12);
      expect(error(r.x)).toBeLessThan(1e-10);
    }
  });

  test("with the exact inverse as preconditioner it takes one iteration; from the solution, none", () => {
    const exact: LinearMap = (v, out) => out.set(denseSolve(A, Array.from(v)));
    const once = gmres(mul(A), b, { precondition: exact, tol: 1e-12 });
    expect(once.iterations).toBe(1);
    expect(error(once.x)).toBeLessThan(1e-12);
    const none = gmres(mul(A), b, { initial: Float64Array.from(want), tol: 1e-10 });
    expect(none.iterations).toBe(0);
  });

  test("stops at xTol |x| when tol |b| is out of reach, and reports a miss", () => {
    const loose = gmres(mul(A), b, { tol: 1e-300, xTol: 1e-6 });
    expect(loose.converged).toBe(true);
    expect(loose.residual * Math.hypot(...b)).toBeLessThanOrEqual(1e-6 * Math.hypot(...loose.x));
    const cut = gmres(mul(A), b, { tol: 1e-14, maxIterations: 3 });
    expect(cut.converged).toBe(false);
    expect(cut.iterations).toBe(3);
  });

  test("bad input throws naming the parameter", () => {
    expect(() => gmres(mul(A), new Float64Array(0))).toThrow(/gmres: b must be a non-empty Float64Array/);
    expect(() => gmres(mul(A), b, { tol: 0 })).toThrow(/gmres: tol must be/);
    expect(() => gmres(mul(A), b, { initial: new Float64Array(3) })).toThrow(/gmres: initial must be a Float64Array of length 60/);
  });
});
