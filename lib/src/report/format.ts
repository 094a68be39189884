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
 * @param x the number, finite (an undefined statistic never reaches a table: docs/CONVENTIONS.md)
 * @param digits decimals, an integer in 0..20
 * @param scientific exponent form, e.g. "9.207e-2"
 * @throws ParameterError when x is not a finite number or digits is not an integer in 0..20
 * @returns the formatted number
 */
export function fixed(x: number, digits: number, scientific = false): string {
  return fixedIn("fixed", "x", x, digits, scientific);
}

function fixedIn(where: string, name: string, x: number, digits: number, scientific: boolean): string {
  checkNumber(where, name, x);
  const d = digitsOf(where, digits);
  return scientific ? x.toExponential(d) : x.toFixed(d);
}

/**
 * A z-score or a difference with its sign always shown: `+0.04`, `-1.29`.
 * @param x the number, finite
 * @param digits decimals, an integer in 0..20 (default 2)
 * @throws ParameterError when x is not a finite number or digits is not an integer in 0..20
 * @returns the signed, formatted number
 */
export function signed(x: number, digits = 2): string {
  return signedIn("signed", x, digits);
}

/** {@link signed}, its errors named after `where`. */
function signedIn(where: string, x: number, digits: number): string {
  return `${x >= 0 ? "+" : ""}${fixedIn(where, "x", x, digits, false)}`;
}

/**
 * A difference with its sign always shown and its standard error, `-0.16 ± 0.08`, both with the
 * same decimals.
 * @param x the difference, finite
 * @param se its standard error, finite
 * @param digits decimals, an integer in 0..20
 * @throws ParameterError when x or se is not a finite number or digits is not an integer in 0..20
 * @returns "±x ± se"
 */
export function signedWithError(x: number, se: number, digits: number): string {
  return `${signedIn("signedWithError", x, digits)} ± ${fixedIn("signedWithError", "se", se, digits, false)}`;
}

/**
 * A value with its standard error, `19.904 ± 0.140`, both with the same decimals (or both in
 * exponent form: `9.207e-2 ± 4.0e-3`, the SE with one decimal of mantissa).
 * @param value the estimate, finite
 * @param se its standard error, finite
 * @param digits decimals, an integer in 0..20
 * @param scientific exponent form
 * @throws ParameterError when value or se is not a finite number or digits is not an integer in 0..20
 * @returns "value ± se"
 */
export function withError(value: number, se: number, digits: number, scientific = false): string {
  const where = "withError";
  return `${fixedIn(where, "value", value, digits, scientific)} ± ${scientific ? fixedIn(where, "se", se, 1, true) : fixedIn(where, "se", se, digits, false)}`;
}

/**
 * A relative change in percent with its sign and one decimal: 0.0123 → "+1.2%", -0.05 → "-5.0%".
 * @param x the relative change (e.g. theory / simulation - 1), finite
 * @returns the signed percentage
 * @throws ParameterError when x is not a finite number
 */
export function signedPercent(x: number): string {
  return percentIn("signedPercent", "x", x);
}

function percentIn(where: string, name: string, x: number): string {
  checkNumber(where, name, x);
  return `${x >= 0 ? "+" : ""}${(100 * x).toFixed(1)}%`;
}

/**
 * The range of a list of relative changes in percent, "-3.1% to +2.0%".
 * @param x the relative changes, at least one
 * @throws ParameterError for an empty list or a value that is not a finite number
 * @returns "min to max", each as {@link signedPercent}
 */
export function percentRange(x: readonly number[]): string {
  if (!Array.isArray(x) || x.length === 0) invalid("percentRange", "x", x, "a non-empty array of numbers");
  x.forEach((v, k) => checkNumber("percentRange", `x[${k}]`, v));
  return `${percentIn("percentRange", "min(x)", Math.min(...x))} to ${percentIn("percentRange", "max(x)", Math.max(...x))}`;
}
