import { checkNumber, invalid, ParameterError } from "../core/validate";

// Gauss-Kronrod 7/15 nodes and weights on [-1, 1] (Kronrod nodes xk; Gauss nodes are xk[1], xk[3],
// xk[5], xk[7]). Values as tabulated in QUADPACK (Piessens et al. 1983), 33 digits.
const XK = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926,
  0.741531185599394439863864773280788, 0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
  0.207784955007898467600689403773245, 0,
];
const WK = [
  0.02293532201052922496373200805897, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518,
  0.140653259715525918745189590510238, 0.16900472663926790282658342659855, 0.190350578064785409913256402421014,
  0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
];
const WG = [0.129484966168869693270611432679082, 0.27970539148927666790146777142378, 0.381830050505118944950369775488975,
  0.417959183673469387755102040816327];

/** Options of {@link integrate}. */
export interface IntegrateOptions {
  /** Relative tolerance on each subinterval's error estimate (default 1e-12). */
  relTol?: number;
  /** Absolute tolerance on each subinterval's error estimate (default 0). */
  absTol?: number;
  /** Maximum number of bisections in one branch (default 50). */
  maxDepth?: number;
}

/** One 15-point Kronrod estimate and its difference from the embedded 7-point Gauss rule. */
function gk15(f: (x: number) => number, a: number, b: number): [number, number] {
  const c = 0.5 * (a + b);
  const h = 0.5 * (b - a);
  const fc = f(c);
  let k = WK[7] * fc;
  let g = WG[3] * fc;
  for (let j = 0; j < 7; j++) {
    const d = h * XK[j];
    const s = f(c - d) + f(c + d);
    k += WK[j] * s;
    if (j % 2 === 1) g += WG[(j - 1) >> 1] * s;
  }
  return [k * h, Math.abs((k - g) * h)];
}

/**
 * The integral of a smooth function over a finite interval by adaptive Gauss-Kronrod (7/15)
 * quadrature: a subinterval is accepted when |K15 - G7| <= max(absTol, relTol |K15|), otherwise it
 * is bisected. For smooth integrands |K15 - G7| grossly overestimates the error of K15, so the
 * result is usually accurate to near machine precision. Reference: R. Piessens, E. de Doncker-Kapenga,
 * C. W. Ueberhuber, D. K. Kahaner, QUADPACK (Springer, 1983).
 *
 * @param f the integrand, finite on [a, b].
 * @param a lower limit.
 * @param b upper limit (b < a gives minus the integral from b to a).
 * @returns the integral of f from a to b.
 * @throws ParameterError for non-finite limits or bad tolerances; Error when f returns a non-finite
 *   value or the depth limit is reached.
 */
export function integrate(f: (x: number) => number, a: number, b: number, options: IntegrateOptions = {}): number {
  const where = "integrate";
  if (typeof f !== "function") invalid(where, "f", f, "a function");
  checkNumber(where, "a", a);
  checkNumber(where, "b", b);
  const { relTol = 1e-12, absTol = 0, maxDepth = 50 } = options;
  checkNumber(where, "relTol", relTol, { min: 0 });
  checkNumber(where, "absTol", absTol, { min: 0 });
  checkNumber(where, "maxDepth", maxDepth, { integer: true, min: 0, max: 1000 });
  if (relTol === 0 && absTol === 0) invalid(where, "relTol or absTol", 0, "> 0 (one of them)");
  if (a === b) return 0;
  if (b < a) return -integrate(f, b, a, options);
  let total = 0;
  const stack: [number, number, number][] = [[a, b, 0]];
  while (stack.length > 0) {
    const [lo, hi, depth] = stack.pop()!;
    const [value, error] = gk15(f, lo, hi);
    if (!Number.isFinite(value)) throw new ParameterError(`${where}: the integrand is not finite on [${lo}, ${hi}] (f must return finite numbers)`);
    if (error <= Math.max(absTol, relTol * Math.abs(value)) || hi - lo <= 4 * Number.EPSILON * Math.abs(lo)) {
      total += value;
    } else if (depth >= maxDepth) {
      throw new ParameterError(`${where}: no convergence after ${maxDepth} bisections near [${lo}, ${hi}] (error estimate ${error})`);
    } else {
      const mid = 0.5 * (lo + hi);
      stack.push([lo, mid, depth + 1], [mid, hi, depth + 1]);
    }
  }
  return total;
}
