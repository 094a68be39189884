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
  if (value === null || typeof value !== "object" || typeof value.length !== "number") invalid(where, name, value, `an array of length ${length}`);
  if (value.length !== length) {
    throw new ParameterError(`${where}: ${name} must have length ${length}, got length ${value.length}`);
  }
}

/**
 * Checks a computed result: where valid inputs still drive a formula past double precision
 * (an overflow to Infinity, an Infinity - Infinity giving NaN), the call is refused rather than
 * returning a bare NaN or Infinity (docs/CONVENTIONS.md, "Undefined results").
 * @param where name of the function the user called.
 * @param what the result in words, e.g. "the rate" or "the variance of V".
 * @param value the computed value.
 * @param inputs the inputs that led there, in words, for the message.
 * @returns value, when it is a finite number.
 * @throws ParameterError naming where, what, the value and the inputs, when value is not finite.
 */
export function checkResult(where: string, what: string, value: number, inputs: string): number {
  if (!Number.isFinite(value)) {
    throw new ParameterError(`${where}: ${what} is ${value} for ${inputs}: past the range of double precision; use parameters of ordinary magnitude`);
  }
  return value;
}

/**
 * Checks an array of numbers given by the caller: array-like, at least `least` values, every one
 * a finite number (one pass).
 * @param where name of the function the user called.
 * @param name the parameter's name, e.g. "signal".
 * @param x the array.
 * @param least the fewest values allowed.
 * @param why why that many are needed, for the message (e.g. "the mean of no values is undefined").
 * @returns x.
 * @throws ParameterError naming where, name, and the first value that is not a finite number, or the count.
 */
export function checkFiniteArray(where: string, name: string, x: unknown, least = 0, why = ""): ArrayLike<number> {
  if (x === null || typeof x !== "object" || typeof (x as ArrayLike<number>).length !== "number") {
    throw new ParameterError(`${where}: ${name} must be an array of numbers, got ${x === null ? "null" : typeof x}`);
  }
  const a = x as ArrayLike<unknown>;
  if (a.length < least) throw new ParameterError(`${where}: ${name} must hold at least ${least} value(s)${why ? ` (${why})` : ""}, got ${a.length}`);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v !== "number" || !Number.isFinite(v)) throw new ParameterError(`${where}: ${name}[${i}] must be a finite number, got ${String(v)}`);
  }
  return x as ArrayLike<number>;
}

/**
 * Runs `run` (a public function's call of another public function, with arguments derived from
 * its own) so that a ParameterError it throws names the function the user called first: the
 * message becomes "<where>: <what>: <the inner message>" (e.g. "simulateNetwork: params:
 * networkParams: N must be ..."), and keeps the inner function, parameter and value.
 * @param where name of the function the user called.
 * @param what which of its inputs the inner call checks, e.g. "params" or "groups".
 * @param run the inner call.
 * @returns what run returns.
 * @throws ParameterError as described; any other error unchanged.
 */
export function within<T>(where: string, what: string, run: () => T): T {
  if (typeof run !== "function") invalid(where, "run", run, "a function (the inner call)");
  try {
    return run();
  } catch (e) {
    if (e instanceof ParameterError && !e.message.startsWith(`${where}:`) && !e.message.startsWith(`${where}.`)) {
      throw new ParameterError(`${where}: ${what}: ${e.message}`);
    }
    throw e;
  }
}
