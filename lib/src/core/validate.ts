/**
 * Input checks shared by every public function. Each throws an Error whose message names the
 * function, the parameter, the value it got and what is allowed, e.g.
 * `poissonTrains: rate must be a finite number >= 0 (Hz), got -5`.
 */

function show(value: unknown): string {
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (value === null) return "null";
  return typeof value === "object" ? "an object" : String(value);
}

/**
 * The error thrown for bad input. Its `stack` is only its name and message: in a notebook,
 * tslab prints a thrown error's stack, and a student should read what was wrong with the input
 * ("poissonTrains: rate must be ... got -5"), not a list of the library's internal frames.
 */
export class ParameterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ParameterError";
    this.stack = `${this.name}: ${message}`;
  }
}

/** Throws the project's standard validation error (a {@link ParameterError}). */
export function invalid(where: string, name: string, value: unknown, allowed: string): never {
  throw new ParameterError(`${where}: ${name} must be ${allowed}, got ${show(value)}`);
}

/** Options for {@link checkNumber}: bounds and whether they are inclusive. */
export interface NumberBounds {
  /** Lower bound. */
  min?: number;
  /** Whether `min` itself is allowed (default true). */
  minInclusive?: boolean;
  /** Upper bound. */
  max?: number;
  /** Whether `max` itself is allowed (default true). */
  maxInclusive?: boolean;
  /** Whether the value must be an integer (default false). */
  integer?: boolean;
  /** Unit shown in the message, e.g. "s" or "Hz". */
  unit?: string;
}

/**
 * Checks that `value` is a finite number within the given bounds and returns it.
 * @throws Error naming `where`, `name`, the value and the allowed range.
 */
export function checkNumber(where: string, name: string, value: unknown, bounds: NumberBounds = {}): number {
  const { min, max, minInclusive = true, maxInclusive = true, integer = false, unit } = bounds;
  const parts: string[] = [integer ? "an integer" : "a finite number"];
  if (min !== undefined) parts.push(`${minInclusive ? ">=" : ">"} ${min}`);
  if (max !== undefined) parts.push(`${min !== undefined ? "and " : ""}${maxInclusive ? "<=" : "<"} ${max}`);
  const allowed = parts.join(" ") + (unit ? ` (${unit})` : "");
  if (typeof value !== "number" || !Number.isFinite(value)) invalid(where, name, value, allowed);
  const v = value as number;
  if (integer && !Number.isInteger(v)) invalid(where, name, v, allowed);
  if (min !== undefined && (minInclusive ? v < min : v <= min)) invalid(where, name, v, allowed);
  if (max !== undefined && (maxInclusive ? v > max : v >= max)) invalid(where, name, v, allowed);
  return v;
}

/** Checks a random seed: a finite number or a string. */
export function checkSeed(where: string, seed: unknown): number | string {
  if (typeof seed === "string" || (typeof seed === "number" && Number.isFinite(seed))) return seed;
  return invalid(where, "seed", seed, "a finite number or a string");
}

/** Checks that an array-like has the expected length. */
export function checkLength(where: string, name: string, value: ArrayLike<unknown>, length: number): void {
  if (value.length !== length) {
    throw new ParameterError(`${where}: ${name} must have length ${length}, got length ${value.length}`);
  }
}
