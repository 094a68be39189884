/**
 * The error function and its complements, erf, erfc and the scaled erfcx(x) = exp(x^2) erfc(x),
 * accurate to a few units in the last place over the whole real line.
 *
 * Method: W. J. Cody's near-minimax rational Chebyshev approximations on |x| <= 0.46875,
 * 0.46875 < |x| <= 4 and |x| > 4 (the last in 1/x^2), with exp(x^2) split as
 * exp(xr^2) exp((x - xr)(x + xr)), xr = x rounded down to a multiple of 1/16, so that no digits
 * are lost in the exponent. Reference: W. J. Cody, "Rational Chebyshev approximations for the
 * error function", Math. Comp. 23 (1969) 631-638; coefficients as in his routine CALERF (netlib's specfun)
 * (Argonne, 1990).
 */
import { invalid } from "../core/validate";

const A = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153];
const B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062];
const C = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909,
  1712.04761263407058, 2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8,
];
const D = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963,
  4362.61909014324716, 3439.36767414372164, 1230.33935480374942,
];
const P = [
  0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766, 6.58749161529837803e-4,
  0.0163153871373020978,
];
const Q = [2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185];

/** 1 / sqrt(pi). */
const INV_SQRT_PI = 0.56418958354775628695;

/** erf(x) / x for |x| <= 0.46875, as a rational function of x^2. */
function erfOverXSmall(x: number): number {
  const z = x * x;
  let num = A[4] * z;
  let den = z;
  for (let i = 0; i < 3; i++) {
    num = (num + A[i]) * z;
    den = (den + B[i]) * z;
  }
  return (num + A[3]) / (den + B[3]);
}

/** erfcx(y) for y >= 0.46875 (y > 0 only). */
function erfcxPositiveTail(y: number): number {
  if (y <= 4) {
    let num = C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]) * y;
      den = (den + D[i]) * y;
    }
    return (num + C[7]) / (den + D[7]);
  }
  if (y >= 6.71e7) return INV_SQRT_PI / y; // 1 - 1/(2 y^2) == 1 in double precision
  const z = 1 / (y * y);
  let num = P[5] * z;
  let den = z;
  for (let i = 0; i < 4; i++) {
    num = (num + P[i]) * z;
    den = (den + Q[i]) * z;
  }
  return (INV_SQRT_PI - (z * (num + P[4])) / (den + Q[4])) / y;
}

/** exp(x^2) without losing digits for large |x|: exp(xr^2) exp((x - xr)(x + xr)), xr = trunc(16 x) / 16. */
function expSquare(x: number): number {
  const xr = Math.trunc(x * 16) / 16;
  return Math.exp(xr * xr) * Math.exp((x - xr) * (x + xr));
}

/** exp(-x^2), split like {@link expSquare}. */
function expMinusSquare(x: number): number {
  const xr = Math.trunc(x * 16) / 16;
  return Math.exp(-xr * xr) * Math.exp(-(x - xr) * (x + xr));
}

function checkArgument(where: string, x: number): void {
  if (typeof x !== "number" || Number.isNaN(x)) invalid(where, "x", x, "a number (not NaN)");
}

/**
 * The scaled complementary error function erfcx(x) = exp(x^2) erfc(x)
 * = (2 / sqrt(pi)) exp(x^2) * integral from x to infinity of exp(-t^2) dt.
 *
 * It is finite and smooth where erfc underflows: erfcx(x) ~ 1 / (x sqrt(pi)) for x -> +infinity.
 * For x < 0, erfcx(x) = 2 exp(x^2) - erfcx(-x) grows like 2 exp(x^2) and exceeds the largest double
 * below x = -26.628 (returns Infinity there). Relative error below about 1e-15 over the real line
 * (W. J. Cody, Math. Comp. 23 (1969) 631-638).
 *
 * In the LIF rate formula, exp(u^2) (1 + erf u) = erfcx(-u).
 *
 * @param x any number; +-Infinity give erfcx(+Infinity) = 0, erfcx(-Infinity) = Infinity.
 * @returns exp(x^2) erfc(x) (dimensionless).
 * @throws ParameterError for NaN or a non-number.
 */
export function erfcx(x: number): number {
  checkArgument("erfcx", x);
  const y = Math.abs(x);
  if (y <= 0.46875) return Math.exp(x * x) * (1 - x * erfOverXSmall(x));
  if (x > 0) return x === Infinity ? 0 : erfcxPositiveTail(y);
  if (x < -26.628) invalid("erfcx", "x", x, ">= -26.628 (below, exp(x^2) erfc(x) is past double precision)");
  const e = expSquare(x);
  return e + e - erfcxPositiveTail(y);
}

/**
 * The complementary error function erfc(x) = 1 - erf(x) = (2 / sqrt(pi)) * integral from x to
 * infinity of exp(-t^2) dt, with full relative accuracy for large x (no cancellation), underflowing
 * to 0 above x = 26.55. Cody (1969), see {@link erfcx}.
 * @param x any number.
 * @returns erfc(x) in [0, 2].
 * @throws ParameterError for NaN or a non-number.
 */
export function erfc(x: number): number {
  checkArgument("erfc", x);
  const y = Math.abs(x);
  if (y <= 0.46875) return 1 - x * erfOverXSmall(x);
  const tail = y >= 26.543 ? 0 : expMinusSquare(y) * erfcxPositiveTail(y);
  return x > 0 ? tail : 2 - tail;
}

/**
 * The error function erf(x) = (2 / sqrt(pi)) * integral from 0 to x of exp(-t^2) dt.
 * Cody (1969), see {@link erfcx}.
 * @param x any number.
 * @returns erf(x) in [-1, 1].
 * @throws ParameterError for NaN or a non-number.
 */
export function erf(x: number): number {
  checkArgument("erf", x);
  const y = Math.abs(x);
  if (y <= 0.46875) return x * erfOverXSmall(x);
  const tail = y >= 26.543 ? 0 : expMinusSquare(y) * erfcxPositiveTail(y);
  const v = 0.5 - tail + 0.5;
  return x < 0 ? -v : v;
}
