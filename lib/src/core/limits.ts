/**
 * Limits: every entry point that allocates in proportion to its input (bins, neurons, synapses,
 * spikes) or loops over it estimates the memory (bytes) and the work (elementary steps: loop
 * iterations) before it starts, and refuses past a limit with a message giving the estimate, the
 * limit and how to raise it, instead of growing until the machine runs out of memory or running
 * for hours.
 *
 * The limits come from the call's options (`maxBytes`, `maxSteps`), else from the environment
 * variables EI_BALANCE_MAX_BYTES and EI_BALANCE_MAX_STEPS, else from the defaults
 * {@link DEFAULT_MAX_BYTES} and {@link DEFAULT_MAX_STEPS}.
 */
import { checkNumber, invalid, ParameterError } from "./validate";

/** Default memory limit of one call: 2e9 bytes (2 GB). */
export const DEFAULT_MAX_BYTES = 2e9;
/** Default work limit of one call: 2e9 elementary steps (tens of seconds to minutes). */
export const DEFAULT_MAX_STEPS = 2e9;
/** Environment variable that raises (or lowers) the memory limit, in bytes. */
export const MAX_BYTES_ENV = "EI_BALANCE_MAX_BYTES";
/** Environment variable that raises (or lowers) the work limit, in steps. */
export const MAX_STEPS_ENV = "EI_BALANCE_MAX_STEPS";

/** The options an entry point with limits accepts. */
export interface LimitOptions {
  /** Memory limit of the call (bytes), > 0. Default: $EI_BALANCE_MAX_BYTES, else 2e9. */
  maxBytes?: number;
  /** Work limit of the call (elementary steps), > 0. Default: $EI_BALANCE_MAX_STEPS, else 2e9. */
  maxSteps?: number;
}

/** Resolved limits of one call. */
export interface Limits {
  /** Memory limit (bytes). */
  maxBytes: number;
  /** Work limit (steps). */
  maxSteps: number;
}

/** What a call is about to do: its memory and work estimates, and what they are for. */
export interface Estimate {
  /** What is allocated or computed, e.g. "the V trace of 1e10 bins (8 bytes each)". */
  what: string;
  /** Bytes it will allocate (peak). */
  bytes?: number;
  /** Elementary steps (loop iterations) it will run. */
  steps?: number;
}

function fromEnv(where: string, name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new ParameterError(`${where}: the environment variable ${name} must be a finite number > 0, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/**
 * The limits of one call: `options.maxBytes` / `options.maxSteps` when given, else the
 * environment variables {@link MAX_BYTES_ENV} / {@link MAX_STEPS_ENV}, else the defaults.
 * @param where name of the calling function, for error messages.
 * @param options the call's options (only maxBytes and maxSteps are read).
 * @returns the resolved limits.
 * @throws ParameterError when maxBytes or maxSteps (option or environment variable) is not a finite number > 0.
 */
export function resolveLimits(where: string, options: LimitOptions = {}): Limits {
  const { maxBytes, maxSteps } = options;
  return {
    maxBytes:
      maxBytes === undefined ? fromEnv(where, MAX_BYTES_ENV, DEFAULT_MAX_BYTES) : checkNumber(where, "maxBytes", maxBytes, { min: 0, minInclusive: false, unit: "bytes" }),
    maxSteps:
      maxSteps === undefined ? fromEnv(where, MAX_STEPS_ENV, DEFAULT_MAX_STEPS) : checkNumber(where, "maxSteps", maxSteps, { min: 0, minInclusive: false, unit: "steps" }),
  };
}

/**
 * A byte count for people: 3 significant digits in B, kB, MB, GB or TB (powers of 1000).
 * A size that overflowed (NaN, Infinity) is printed as it is: the messages of {@link checkBudget} show it.
 * @throws ParameterError when bytes is not a number.
 */
export function formatBytes(bytes: number): string {
  if (typeof bytes !== "number") invalid("formatBytes", "bytes", bytes, "a number");
  const units = ["B", "kB", "MB", "GB", "TB", "PB"];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${Number(v.toPrecision(3))} ${units[u]}`;
}

/**
 * A count for messages: an integer below 1e6, else 3 significant digits in exponent form ("2.5e10").
 * A count that overflowed (NaN, Infinity) is printed as it is.
 * @throws ParameterError when n is not a number.
 */
export function formatCount(n: number): string {
  if (typeof n !== "number") invalid("formatCount", "n", n, "a number");
  return n >= 1e6 ? n.toPrecision(3).replace(/\.?0+e/, "e").replace("e+", "e") : String(Math.round(n));
}

/** A limit to suggest: the estimate rounded up to 2 significant digits. */
function suggestion(n: number): string {
  const e = Math.floor(Math.log10(n)) - 1;
  return formatCount(Math.ceil(n / 10 ** e) * 10 ** e);
}

/**
 * Refuses a call whose estimated memory or work exceeds its limits, before it allocates or
 * starts: the message names the function, what was estimated, the estimate, the limit, and the
 * option and environment variable that raise it, e.g.
 * `poissonTrains: the offsets of n = 1e9 trains would need about 4 GB, above the memory limit of 2 GB;
 * pass maxBytes: 4.1e9 (or set EI_BALANCE_MAX_BYTES=4.1e9) to allow it`.
 * Costs nothing but arithmetic: a refusal takes microseconds whatever the size asked for.
 * @param where name of the calling function.
 * @param limits the call's limits, from {@link resolveLimits}.
 * @param estimate what the call is about to allocate (bytes) and run (steps).
 * @throws ParameterError when estimate.bytes > limits.maxBytes or estimate.steps > limits.maxSteps
 *   (a NaN estimate is refused too: it means a size overflowed).
 */
export function checkBudget(where: string, limits: Limits, estimate: Estimate): void {
  const { what, bytes, steps } = estimate;
  if (bytes !== undefined && typeof bytes !== "number") invalid(where, "estimate.bytes", bytes, "a number of bytes");
  if (steps !== undefined && typeof steps !== "number") invalid(where, "estimate.steps", steps, "a number of steps");
  if (bytes !== undefined && !(bytes <= limits.maxBytes)) {
    throw new ParameterError(
      `${where}: ${what} would need about ${formatBytes(bytes)}, above the memory limit of ${formatBytes(limits.maxBytes)}; ` +
        `pass maxBytes: ${suggestion(bytes)} (or set ${MAX_BYTES_ENV}=${suggestion(bytes)}) to allow it`,
    );
  }
  if (steps !== undefined && !(steps <= limits.maxSteps)) {
    throw new ParameterError(
      `${where}: ${what} would take about ${formatCount(steps)} steps, above the work limit of ${formatCount(limits.maxSteps)} steps; ` +
        `pass maxSteps: ${suggestion(steps)} (or set ${MAX_STEPS_ENV}=${suggestion(steps)}) to allow it`,
    );
  }
}
