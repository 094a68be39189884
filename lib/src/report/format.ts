import { checkNumber, invalid } from "../core/validate";

/**
 * Number formatting for reports: fixed decimals, an explicit sign for z-scores, a value with its
 * standard error. One place, so that every table prints numbers the same way.
 */

function digitsOf(where: string, digits: unknown): number {
  return checkNumber(where, "digits", digits, { min: 0, max: 20, integer: true });
}

/**
 * `x` with `digits` decimals (`x.toFixed(digits)`), or in exponent form with `digits` decimals
 * of the mantissa when `scientific` is true (`x.toExponential(digits)`).
 * @param x the number (NaN and infinities print as "NaN", "Infinity")
 * @param digits decimals, an integer in 0..20
 * @param scientific exponent form, e.g. "9.207e-2"
 * @throws ParameterError when digits is not an integer in 0..20
 * @returns the formatted number
 */
export function fixed(x: number, digits: number, scientific = false): string {
  const d = digitsOf("fixed", digits);
  return scientific ? x.toExponential(d) : x.toFixed(d);
}

/**
 * A z-score or a difference with its sign always shown: `+0.04`, `-1.29`.
 * @param x the number
 * @param digits decimals, an integer in 0..20 (default 2)
 * @throws ParameterError when digits is not an integer in 0..20
 * @returns the signed, formatted number
 */
export function signed(x: number, digits = 2): string {
  const d = digitsOf("signed", digits);
  return `${x >= 0 ? "+" : ""}${x.toFixed(d)}`;
}

/**
 * A value with its standard error, `19.904 ± 0.140`, both with the same decimals (or both in
 * exponent form: `9.207e-2 ± 4.0e-3`, the SE with one decimal of mantissa).
 * @param value the estimate
 * @param se its standard error
 * @param digits decimals, an integer in 0..20
 * @param scientific exponent form
 * @throws ParameterError when digits is not an integer in 0..20
 * @returns "value ± se"
 */
export function withError(value: number, se: number, digits: number, scientific = false): string {
  return `${fixed(value, digits, scientific)} ± ${scientific ? fixed(se, 1, true) : fixed(se, digits)}`;
}

/**
 * A relative change in percent with its sign and one decimal: 0.0123 → "+1.2%", -0.05 → "-5.0%".
 * @param x the relative change (e.g. theory / simulation - 1)
 * @returns the signed percentage
 */
export function signedPercent(x: number): string {
  return `${x >= 0 ? "+" : ""}${(100 * x).toFixed(1)}%`;
}

/**
 * The range of a list of relative changes in percent, "-3.1% to +2.0%".
 * @param x the relative changes, at least one
 * @throws ParameterError for an empty list
 * @returns "min to max", each as {@link signedPercent}
 */
export function percentRange(x: readonly number[]): string {
  if (!Array.isArray(x) || x.length === 0) invalid("percentRange", "x", x, "a non-empty array of numbers");
  return `${signedPercent(Math.min(...x))} to ${signedPercent(Math.max(...x))}`;
}
