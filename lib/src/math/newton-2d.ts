import { checkNumber, invalid } from "../core/validate";

/**
 * Root of a map F: R^2 -> R^2 by Newton's method with a forward-difference Jacobian, Broyden's
 * rank-one updates between Jacobian evaluations, a backtracking line search on max_i |F_i| / s_i
 * (s_i = max(1, |x_i|)), and the bound x >= 0 (for rates). Built for self-consistent firing
 * rates, where F(r) = phi(r) - r is smooth but stiff (its slope grows like sqrt(K)) and each
 * evaluation is costly.
 */

/** A point of R^2. */
export type Vec2 = [number, number];

/** Options of {@link newton2d}. */
export interface Newton2dOptions {
  /** Convergence: max_i |F_i(x)| / max(1, |x_i|) <= tol (default 1e-9). */
  tol?: number;
  /** Largest number of Newton steps (default 50). */
  maxIterations?: number;
  /** Relative step of the forward differences (default 1e-6). */
  step?: number;
  /** Recompute the Jacobian by differences every this many steps (default 1: every step; larger values use Broyden updates in between). */
  jacobianEvery?: number;
  /** A starting Jacobian [[dF0/dx0, dF0/dx1], [dF1/dx0, dF1/dx1]] (e.g. from a previous, nearby solve): no differences are taken until the line search fails with it. */
  jacobian?: readonly (readonly number[])[];
}

/**
 * The error {@link newton2d} throws when it does not converge, with where it stopped, so that a
 * caller can word its own message (its `message` starts "newton2d: no convergence").
 */
export class Newton2dError extends Error {
  /**
   * @param message the message.
   * @param x the last accepted point.
   * @param residual max_i |F_i(x)| / max(1, |x_i|) there.
   * @param iterations Newton steps tried, the failed one included.
   * @param reason "stalled" (the line search found no decrease) or "maxIterations".
   */
  constructor(message: string, readonly x: Vec2, readonly residual: number, readonly iterations: number, readonly reason: "stalled" | "maxIterations") {
    super(message);
    this.name = "Newton2dError";
  }
}

/** Result of {@link newton2d}. */
export interface Newton2dResult {
  /** The root. */
  x: Vec2;
  /** F at the root. */
  fx: Vec2;
  /** Newton steps taken. */
  iterations: number;
  /** Evaluations of F. */
  evaluations: number;
  /** The last Jacobian estimate (differences and Broyden updates). */
  jacobian: number[][];
}

function scaledNorm(f: Vec2, x: Vec2): number {
  return Math.max(Math.abs(f[0]) / Math.max(1, Math.abs(x[0])), Math.abs(f[1]) / Math.max(1, Math.abs(x[1])));
}

function solve2(J: number[][], f: Vec2): Vec2 {
  const det = J[0][0] * J[1][1] - J[0][1] * J[1][0];
  if (det === 0 || !Number.isFinite(det)) return [-f[0], -f[1]];
  return [-(J[1][1] * f[0] - J[0][1] * f[1]) / det, -(-J[1][0] * f[0] + J[0][0] * f[1]) / det];
}

/** Broyden's rank-one update J += (df - J ds) ds^T / |ds|^2, in place. */
function broyden(J: number[][], ds: Vec2, df: Vec2): void {
  const d2 = ds[0] * ds[0] + ds[1] * ds[1];
  if (d2 === 0) return;
  for (let a = 0; a < 2; a++) {
    const r = df[a] - (J[a][0] * ds[0] + J[a][1] * ds[1]);
    J[a][0] += (r * ds[0]) / d2;
    J[a][1] += (r * ds[1]) / d2;
  }
}

/**
 * Solves F(x) = 0 for x in [0, inf)^2 (see the module header).
 * @param F the map; must return finite values for x >= 0.
 * @param x0 starting point (each >= 0).
 * @param options tol, maxIterations, step, jacobianEvery, jacobian.
 * @returns the root, F there, steps and evaluations.
 * @throws ParameterError for a bad x0 or option; {@link Newton2dError} "newton2d: no convergence ..."
 *   when the line search stalls or maxIterations is reached.
 */
export function newton2d(F: (x: Vec2) => Vec2, x0: readonly number[], options: Newton2dOptions = {}): Newton2dResult {
  const { x: start, tol, maxIterations, step, jacobianEvery, jacobian } = parseNewton2d(F, x0, options);
  let x: Vec2 = start;
  let evaluations = 0;
  const evalF = (y: Vec2): Vec2 => {
    evaluations++;
    return F(y);
  };
  let f = evalF(x);
  let norm = scaledNorm(f, x);
  let J: number[][] = jacobian ?? [[0, 0], [0, 0]];
  // steps taken with the current Jacobian since it was last taken by differences (Infinity: never)
  let age = jacobian === undefined ? Infinity : 1;
  for (let it = 0; it < maxIterations; it++) {
    if (norm <= tol) return { x, fx: f, iterations: it, evaluations, jacobian: J };
    if (age === Infinity || (jacobian === undefined && age >= jacobianEvery)) {
      J = differenceJacobian(evalF, x, f, step);
      age = 0;
    }
    const dx = solve2(J, f);
    let lambda = 1;
    for (;;) {
      const trial: Vec2 = [Math.max(0, x[0] + lambda * dx[0]), Math.max(0, x[1] + lambda * dx[1])];
      const ft = evalF(trial);
      const nt = scaledNorm(ft, trial);
      if (nt < (1 - 1e-4 * lambda) * norm || nt <= tol) {
        broyden(J, [trial[0] - x[0], trial[1] - x[1]], [ft[0] - f[0], ft[1] - f[1]]);
        x = trial;
        f = ft;
        norm = nt;
        age++;
        break;
      }
      lambda /= 2;
      if (lambda < 1e-3 && age > 0) {
        age = Infinity; // a poor (updated or given) Jacobian: take differences again
        break;
      }
      if (lambda < 1e-8) throw new Newton2dError(`newton2d: no convergence: the line search stalled at x = [${x.join(", ")}], |F| = ${norm}`, x, norm, it + 1, "stalled");
    }
  }
  if (norm <= tol) return { x, fx: f, iterations: maxIterations, evaluations, jacobian: J };
  throw new Newton2dError(`newton2d: no convergence to tol = ${tol} within maxIterations = ${maxIterations} (x = [${x.join(", ")}], |F| = ${norm})`, x, norm, maxIterations, "maxIterations");
}

/** Validates the public input of {@link newton2d} once; returns the start, the defaults filled in. */
function parseNewton2d(F: unknown, x0: readonly number[], options: Newton2dOptions) {
  const where = "newton2d";
  if (typeof F !== "function") invalid(where, "F", F, "a function");
  if (!Array.isArray(x0) || x0.length !== 2) invalid(where, "x0", x0, "an array of 2 numbers >= 0");
  const x: Vec2 = [checkNumber(where, "x0[0]", x0[0], { min: 0 }), checkNumber(where, "x0[1]", x0[1], { min: 0 })];
  const { tol = 1e-9, maxIterations = 50, step = 1e-6, jacobianEvery = 1 } = options;
  checkNumber(where, "tol", tol, { min: 0, minInclusive: false });
  checkNumber(where, "maxIterations", maxIterations, { integer: true, min: 1 });
  checkNumber(where, "step", step, { min: 0, minInclusive: false });
  checkNumber(where, "jacobianEvery", jacobianEvery, { integer: true, min: 1 });
  const G = options.jacobian;
  if (G !== undefined && (!Array.isArray(G) || G.length !== 2 || G.some((row) => !Array.isArray(row) || row.length !== 2 || row.some((v) => !Number.isFinite(v))))) {
    invalid(where, "jacobian", G, "a 2x2 array of finite numbers");
  }
  const jacobian = G === undefined ? undefined : [[G[0][0], G[0][1]], [G[1][0], G[1][1]]];
  return { x, tol, maxIterations, step, jacobianEvery, jacobian };
}

/** Jacobian of F at x by forward differences of relative step `step` (f = F(x) given). */
function differenceJacobian(F: (x: Vec2) => Vec2, x: Vec2, f: Vec2, step: number): number[][] {
  const J = [[0, 0], [0, 0]];
  for (let b = 0; b < 2; b++) {
    const h = step * Math.max(1, x[b]);
    const xh: Vec2 = [x[0], x[1]];
    xh[b] += h;
    const fh = F(xh);
    J[0][b] = (fh[0] - f[0]) / h;
    J[1][b] = (fh[1] - f[1]) / h;
  }
  return J;
}
