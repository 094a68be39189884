import { checkNumber, invalid, ParameterError } from "../core/validate";

/**
 * Root finders for a real function of one variable on a bracket [lo, hi] where it changes sign:
 * bisection (robust, also for step functions such as a firing rate against a weight with common
 * random numbers) and Brent's method (superlinear on smooth functions, never slower than
 * bisection by more than a constant factor).
 */

/** Options of {@link bisect} and {@link brent}. */
export interface RootOptions {
  /** Absolute tolerance on x: the root is bracketed to within xtol. Default 1e-12 * max(1, |lo|, |hi|). */
  xtol?: number;
  /** Maximum number of function evaluations after the two end points. Default 200. */
  maxIterations?: number;
}

/** Result of {@link bisect} and {@link brent}. */
export interface RootResult {
  /** Estimate of the root (for a discontinuous f: of the point where f changes sign). */
  x: number;
  /** f(x) (for bisection, the value at the final midpoint, evaluated once more). */
  fx: number;
  /** Final bracket [lo, hi] with f changing sign on it (lo = hi when f(x) = 0 was hit exactly). */
  bracket: [number, number];
  /** Number of evaluations of f, including the end points. */
  evaluations: number;
}

function setup(where: string, f: (x: number) => number, lo: number, hi: number, options: RootOptions) {
  if (typeof f !== "function") invalid(where, "f", f, "a function");
  checkNumber(where, "lo", lo);
  checkNumber(where, "hi", hi, { min: lo, minInclusive: false });
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const { xtol = 1e-12 * Math.max(1, Math.abs(lo), Math.abs(hi)), maxIterations = 200 } = options;
  checkNumber(where, "xtol", xtol, { min: 0, minInclusive: false });
  checkNumber(where, "maxIterations", maxIterations, { integer: true, min: 1 });
  const g = finiteValues(where, f);
  const flo = g(lo);
  const fhi = g(hi);
  if (flo * fhi > 0) {
    throw new ParameterError(`${where}: f must change sign on [lo, hi], got f(${lo}) = ${flo} and f(${hi}) = ${fhi}`);
  }
  return { g, xtol, maxIterations, flo, fhi };
}

/** `f` evaluated with a check: a value that is not a finite number is refused, naming x. */
function finiteValues(where: string, f: (x: number) => number): (x: number) => number {
  return (x) => {
    const y: unknown = f(x);
    if (typeof y !== "number" || !Number.isFinite(y)) {
      throw new ParameterError(`${where}: f must return a finite number, got f(${x}) = ${typeof y === "number" ? y : String(y)}`);
    }
    return y;
  };
}

/**
 * The root found, checked: where f jumps across zero at a pole (1/x on [-1, 2]), the bracket
 * closes on the pole and |f| there exceeds |f| at both ends; that is refused, not returned as a root.
 */
function checkedRoot(where: string, r: RootResult, flo: number, fhi: number, lo: number, hi: number): RootResult {
  if (Math.abs(r.fx) > Math.max(Math.abs(flo), Math.abs(fhi))) {
    throw new ParameterError(
      `${where}: f changes sign on [${lo}, ${hi}] through a pole or a jump, not a root: |f(${r.x})| = ${Math.abs(r.fx)} exceeds |f| at both ends (${Math.abs(flo)}, ${Math.abs(fhi)})`,
    );
  }
  return r;
}

function noConvergence(where: string, xtol: number, maxIterations: number): never {
  throw new ParameterError(`${where}: no convergence to xtol = ${xtol} within maxIterations = ${maxIterations}; raise maxIterations or xtol`);
}

/**
 * Root of f on [lo, hi] by bisection: halves the bracket, keeping a sign change, until it is
 * shorter than xtol; returns its midpoint. Needs only the sign of f, so it also finds where a
 * monotone step function crosses zero. Iterations: ceil(log2((hi - lo) / xtol)).
 * @param f the function, with f(lo) and f(hi) of opposite signs (or one of them 0).
 * @param lo lower end of the bracket.
 * @param hi upper end, > lo.
 * @param options xtol (absolute), maxIterations.
 * @returns a {@link RootResult}.
 * @throws ParameterError when lo/hi are not finite or hi <= lo, f does not change sign on
 *   [lo, hi], f returns anything but a finite number, the sign change is a pole or jump (|f| at
 *   the end above |f| at both ends), xtol <= 0, or maxIterations is exceeded.
 */
export function bisect(f: (x: number) => number, lo: number, hi: number, options: RootOptions = {}): RootResult {
  const where = "bisect";
  const { g, xtol, maxIterations, flo, fhi } = setup(where, f, lo, hi, options);
  if (flo === 0) return { x: lo, fx: 0, bracket: [lo, lo], evaluations: 2 };
  if (fhi === 0) return { x: hi, fx: 0, bracket: [hi, hi], evaluations: 2 };
  const loNegative = flo < 0;
  let a = lo;
  let b = hi;
  let evaluations = 2;
  while (b - a > xtol) {
    const m = a + (b - a) / 2;
    if (m <= a || m >= b) break; // floating-point resolution reached
    if (evaluations - 2 >= maxIterations) noConvergence(where, xtol, maxIterations);
    const fm = g(m);
    evaluations++;
    if (fm === 0) return { x: m, fx: 0, bracket: [m, m], evaluations };
    if (fm < 0 === loNegative) a = m;
    else b = m;
  }
  const x = a + (b - a) / 2;
  return checkedRoot(where, { x, fx: g(x), bracket: [a, b], evaluations: evaluations + 1 }, flo, fhi, lo, hi);
}

/**
 * One step of Brent's method: inverse quadratic interpolation (secant when only two points are
 * distinct), accepted when it stays well inside the bracket and shrinks fast enough; bisection
 * otherwise. Returns the new step d and the step before it, e.
 */
function brentStep(
  a: number, b: number, c: number, fa: number, fb: number, fc: number,
  d: number, e: number, xm: number, tol1: number,
): [number, number] {
  if (Math.abs(e) < tol1 || Math.abs(fa) <= Math.abs(fb)) return [xm, xm];
  const s = fb / fa;
  let p: number;
  let q: number;
  if (a === c) {
    p = 2 * xm * s;
    q = 1 - s;
  } else {
    const qq = fa / fc;
    const r = fb / fc;
    p = s * (2 * xm * qq * (qq - r) - (b - a) * (r - 1));
    q = (qq - 1) * (r - 1) * (s - 1);
  }
  if (p > 0) q = -q;
  p = Math.abs(p);
  if (2 * p < Math.min(3 * xm * q - Math.abs(tol1 * q), Math.abs(e * q))) return [p / q, d];
  return [xm, xm];
}

/**
 * Root of f on [lo, hi] by Brent's method (inverse quadratic interpolation and secant steps,
 * falling back to bisection whenever they do not shrink the bracket fast enough): R. P. Brent,
 * Algorithms for Minimization without Derivatives (1973), ch. 4, as in Numerical Recipes' zbrent.
 * Converges for any f that changes sign on the bracket, superlinearly for smooth f.
 * @param f the function, with f(lo) and f(hi) of opposite signs (or one of them 0).
 * @param lo lower end of the bracket.
 * @param hi upper end, > lo.
 * @param options xtol (absolute), maxIterations.
 * @returns a {@link RootResult} (x is the end of the final bracket with the smaller |f|).
 * @throws ParameterError when lo/hi are not finite or hi <= lo, f does not change sign on
 *   [lo, hi], f returns anything but a finite number, the sign change is a pole or jump (|f| at
 *   the end above |f| at both ends), xtol <= 0, or maxIterations is exceeded.
 */
export function brent(f: (x: number) => number, lo: number, hi: number, options: RootOptions = {}): RootResult {
  const where = "brent";
  const { g, xtol, maxIterations, flo, fhi } = setup(where, f, lo, hi, options);
  const EPS = Number.EPSILON;
  let a = lo;
  let b = hi;
  let c = hi;
  let fa = flo;
  let fb = fhi;
  let fc = fhi;
  let d = 0;
  let e = 0;
  let evaluations = 2;
  for (;;) {
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol1 = 2 * EPS * Math.abs(b) + 0.5 * xtol;
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol1 || fb === 0) {
      return checkedRoot(where, { x: b, fx: fb, bracket: fb === 0 ? [b, b] : [Math.min(b, c), Math.max(b, c)], evaluations }, flo, fhi, lo, hi);
    }
    if (evaluations - 2 >= maxIterations) noConvergence(where, xtol, maxIterations);
    [d, e] = brentStep(a, b, c, fa, fb, fc, d, e, xm, tol1);
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : xm > 0 ? tol1 : -tol1;
    fb = g(b);
    evaluations++;
  }
}
