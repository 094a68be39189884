/**
 * Internal to core (used by Rng; not re-exported from the package): the natural logarithm
 * computed the same way on every JavaScript engine: fdlibm's __ieee754_log
 * (Sun Microsystems, 1993; the algorithm V8's Math.log used in Node 20), in plain double
 * arithmetic. Engines differ in Math.log's last bit (Chromium 156 against Node 20: about 7 % of
 * arguments in [0, 1)), so a random stream that feeds Math.log into a floor (the geometric gaps of
 * Poisson trains) would give different spikes in a browser than in Node for the same seed.
 */

const LN2_HI = 6.93147180369123816490e-01;
const LN2_LO = 1.90821492927058770002e-10;
const TWO54 = 1.80143985094819840000e+16;
const LG1 = 6.666666666666735130e-01;
const LG2 = 3.999999999940941908e-01;
const LG3 = 2.857142874366239149e-01;
const LG4 = 2.222219843214978396e-01;
const LG5 = 1.818357216161805012e-01;
const LG6 = 1.531383769920937332e-01;
const LG7 = 1.479819860511658591e-01;

/** A double and its two 32-bit words (little-endian, as on every platform Node and the browsers run on: word 1 is the high word). */
const bits = new Float64Array(1);
const words = new Int32Array(bits.buffer);

/** log(1 + f) - f for x = 2^k (1 + f) with 1 + f in [sqrt(2)/2, sqrt(2)), hx the high word of 1 + f's mantissa. */
function logMantissa(f: number, k: number, hx: number): number {
  const s = f / (2.0 + f);
  const dk = k;
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const R = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + R));
    return dk * LN2_HI - ((hfsq - (s * (hfsq + R) + dk * LN2_LO)) - f);
  }
  if (k === 0) return f - s * (f - R);
  return dk * LN2_HI - ((s * (f - R) - dk * LN2_LO) - f);
}

/**
 * ln x, bit for bit the same on every engine (fdlibm's algorithm: x = 2^k (1 + f), ln x =
 * k ln 2 + ln(1 + f), the latter from a minimax polynomial in s = f / (2 + f); error < 1 ulp).
 * @param x any number.
 * @returns ln x; -Infinity for 0, NaN for x < 0 or NaN, Infinity for Infinity.
 */
export function ln(x: number): number {
  bits[0] = x;
  let hx = words[1];
  let k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | words[0]) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    bits[0] = x * TWO54;
    hx = words[1];
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  words[1] = hx | (i ^ 0x3ff00000);
  k += i >> 20;
  const f = bits[0] - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + k * LN2_LO;
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    return k === 0 ? f - R : k * LN2_HI - ((R - k * LN2_LO) - f);
  }
  return logMantissa(f, k, hx);
}
