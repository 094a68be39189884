/**
 * GMRES (generalised minimal residual method) for a linear system A x = b given only the action
 * of A on a vector, with right preconditioning and restarts: after k steps, x = x0 + M^{-1} V y
 * minimises |b - A x|_2 over the Krylov space V = span{r0, A M^{-1} r0, ...} (modified
 * Gram-Schmidt Arnoldi, Givens rotations). Reference: Y. Saad and M. H. Schultz, "GMRES: a
 * generalized minimal residual algorithm for solving nonsymmetric linear systems", SIAM J. Sci.
 * Stat. Comput. 7, 856-869 (1986).
 */
import { checkNumber, invalid } from "../core/validate";

/** A linear map applied to a vector: out = A v (v is not modified; out has v's length). */
export type LinearMap = (v: Float64Array, out: Float64Array) => void;

/** Options of {@link gmres}. */
export interface GmresOptions {
  /** Right preconditioner M^{-1} (an approximate inverse of A); default the identity. */
  precondition?: LinearMap;
  /** Starting point x0 (length n; not modified); default 0. */
  initial?: Float64Array;
  /** Stop when |b - A x|_2 <= tol |b|_2 (default 1e-10) ... */
  tol?: number;
  /**
   * ... or when |b - A x|_2 <= xTol |x|_2 (default 0): the residual that rounding allows when
   * |x| is much larger than |b| (the rounding error of A x is about 1e-16 |A| |x|).
   */
  xTol?: number;
  /** Krylov vectors kept before a restart (default 40); memory 2 (restart + 1) n numbers. */
  restart?: number;
  /** Largest number of applications of A (default 1000). */
  maxIterations?: number;
}

/** Result of {@link gmres}. */
export interface GmresResult {
  /** The solution. */
  x: Float64Array;
  /** Applications of A (and of the preconditioner), restarts' residuals not counted. */
  iterations: number;
  /** |b - A x|_2 / |b|_2, recomputed from x at the end (0 for b = 0). */
  residual: number;
  /** Whether the residual reached tol |b| or xTol |x|. */
  converged: boolean;
}

/** a . b, with four partial sums (the loop is not bound by one addition's latency). */
function dot(a: Float64Array, b: Float64Array): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < a.length; i += 4) {
    s0 += a[i] * b[i];
    s1 += a[i + 1] * b[i + 1];
    s2 += a[i + 2] * b[i + 2];
    s3 += a[i + 3] * b[i + 3];
  }
  for (; i < a.length; i++) s0 += a[i] * b[i];
  return s0 + s1 + (s2 + s3);
}

/** r = b - A x; returns |r|_2. */
function residualOf(apply: LinearMap, b: Float64Array, x: Float64Array, r: Float64Array): number {
  apply(x, r);
  for (let i = 0; i < b.length; i++) r[i] = b[i] - r[i];
  return Math.sqrt(dot(r, r));
}

/**
 * Work space of one GMRES cycle: Arnoldi basis V, preconditioned vectors Z, Hessenberg H
 * (columns), rotations. The vectors of V and Z are made when a step first needs them (a solve
 * that converges in a few steps does not fill 2 (restart + 1) vectors of n zeros).
 */
class Cycle {
  readonly V: Float64Array[] = [];
  readonly Z: Float64Array[] = [];
  readonly H: Float64Array[];
  readonly cs: Float64Array;
  readonly sn: Float64Array;
  readonly g: Float64Array;
  constructor(
    private readonly n: number,
    m: number,
  ) {
    this.V.push(new Float64Array(n));
    this.H = Array.from({ length: m }, (_, k) => new Float64Array(k + 2));
    this.cs = new Float64Array(m);
    this.sn = new Float64Array(m);
    this.g = new Float64Array(m + 1);
  }

  /** Z[k] (made on first use; V[k] exists from step k - 1). */
  z(k: number): Float64Array {
    if (this.Z.length === k) this.Z.push(new Float64Array(this.n));
    return this.Z[k];
  }

  /** Arnoldi step k: column k of H from w = A Z[k], orthogonalised against V[0..k], then rotated. */
  step(k: number, w: Float64Array): number {
    const { V, cs, sn, g } = this;
    const h = this.H[k];
    if (V.length === k + 1) V.push(new Float64Array(this.n));
    for (let j = 0; j <= k; j++) {
      const v = V[j];
      const s = dot(w, v);
      for (let i = 0; i < w.length; i++) w[i] -= s * v[i];
      h[j] = s;
    }
    const norm = Math.sqrt(dot(w, w));
    h[k + 1] = norm;
    const next = V[k + 1];
    if (norm > 0) for (let i = 0; i < w.length; i++) next[i] = w[i] / norm;
    for (let j = 0; j < k; j++) {
      const t = cs[j] * h[j] + sn[j] * h[j + 1];
      h[j + 1] = -sn[j] * h[j] + cs[j] * h[j + 1];
      h[j] = t;
    }
    const d = Math.hypot(h[k], h[k + 1]);
    cs[k] = d === 0 ? 1 : h[k] / d;
    sn[k] = d === 0 ? 0 : h[k + 1] / d;
    h[k] = d;
    h[k + 1] = 0;
    g[k + 1] = -sn[k] * g[k];
    g[k] = cs[k] * g[k];
    return Math.abs(g[k + 1]);
  }

  /** x += Z y with H y = g (the first k columns). */
  update(x: Float64Array, k: number): void {
    const { H, Z, g } = this;
    const y = new Float64Array(k);
    for (let j = k - 1; j >= 0; j--) {
      let s = g[j];
      for (let l = j + 1; l < k; l++) s -= H[l][j] * y[l];
      y[j] = H[j][j] === 0 ? 0 : s / H[j][j];
    }
    for (let j = 0; j < k; j++) {
      const z = Z[j];
      for (let i = 0; i < x.length; i++) x[i] += y[j] * z[i];
    }
  }
}

/**
 * Solves A x = b by restarted, right-preconditioned GMRES (module header).
 * Cost per iteration: one application of A and of the preconditioner, and about 4 k n
 * operations for the orthogonalisation at step k of a cycle.
 * @param apply the map A.
 * @param b the right-hand side (length n >= 1).
 * @param options precondition, initial, tol, xTol, restart, maxIterations.
 * @returns x, the iterations, the final relative residual and whether it reached tol.
 * @throws ParameterError for a malformed b, initial or option.
 */
export function gmres(apply: LinearMap, b: Float64Array, options: GmresOptions = {}): GmresResult {
  const { precondition, tol, xTol, restart, maxIterations, x } = parseGmres(apply, b, options);
  const n = b.length;
  const bNorm = Math.sqrt(dot(b, b));
  const w = new Float64Array(n);
  let beta = residualOf(apply, b, x, w);
  const done = () => beta <= Math.max(tol * bNorm, xTol * Math.sqrt(dot(x, x)));
  if (bNorm === 0 || done()) return { x, iterations: 0, residual: bNorm === 0 ? 0 : beta / bNorm, converged: true };
  const cycle = new Cycle(n, restart);
  let iterations = 0;
  while (iterations < maxIterations && !done()) {
    for (let i = 0; i < n; i++) cycle.V[0][i] = w[i] / beta;
    cycle.g.fill(0);
    cycle.g[0] = beta;
    let k = 0;
    while (k < restart && iterations < maxIterations) {
      precondition(cycle.V[k], cycle.z(k));
      apply(cycle.Z[k], w);
      iterations++;
      const estimate = cycle.step(k, w);
      k++;
      if (estimate <= tol * bNorm) break;
    }
    cycle.update(x, k);
    beta = residualOf(apply, b, x, w);
  }
  return { x, iterations, residual: beta / bNorm, converged: done() };
}

/** Validates {@link gmres}'s input once; returns the options with defaults and the starting x (a copy). */
function parseGmres(apply: unknown, b: Float64Array, options: GmresOptions) {
  const where = "gmres";
  if (typeof apply !== "function") invalid(where, "apply", apply, "a function (v, out) => void");
  if (!(b instanceof Float64Array) || b.length === 0) invalid(where, "b", b, "a non-empty Float64Array");
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const { tol = 1e-10, xTol = 0, restart = 40, maxIterations = 1000 } = options;
  checkNumber(where, "tol", tol, { min: 0, minInclusive: false });
  checkNumber(where, "xTol", xTol, { min: 0 });
  checkNumber(where, "restart", restart, { integer: true, min: 1 });
  checkNumber(where, "maxIterations", maxIterations, { integer: true, min: 1 });
  const p = options.precondition;
  if (p !== undefined && typeof p !== "function") invalid(where, "precondition", p, "a function (v, out) => void");
  const x0 = options.initial;
  if (x0 !== undefined && (!(x0 instanceof Float64Array) || x0.length !== b.length)) invalid(where, "initial", x0, `a Float64Array of length ${b.length}`);
  const precondition: LinearMap = p ?? ((v, out) => out.set(v));
  return { precondition, tol, xTol, restart, maxIterations, x: x0 ? Float64Array.from(x0) : new Float64Array(b.length) };
}
