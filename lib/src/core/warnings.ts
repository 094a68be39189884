/**
 * Internal (not re-exported from the package): warnings printed once per thread, and the
 * warnings a pool runner collects during a job, which the calling thread then prints once.
 */

/** The warnings printed by this thread. */
const printed = new Set<string>();

/** Where this thread's warnings go while a pool runner collects them (undefined: printed). */
let collecting: string[] | undefined;

/**
 * Prints `message` with console.warn unless this thread printed it already; while a pool runner
 * runs a job, collects it instead (see {@link collectWarnings}).
 * @param message the whole line, starting with the name of the function that warns.
 */
export function warnOnce(message: string): void {
  if (printed.has(message)) return;
  printed.add(message);
  if (collecting) collecting.push(message);
  else console.warn(message);
}

/**
 * Runs `fn`, adding the warnings it gives (each new to this thread) to `into` instead of printing
 * them: a pool runner sends them with its reply, for the calling thread to print.
 * @param into where the warnings go (also when `fn` throws).
 * @param fn the job.
 * @returns the value of `fn`; its error is thrown as it is.
 */
export function collectWarnings<T>(into: string[], fn: () => T): T {
  collecting = into;
  try {
    return fn();
  } finally {
    collecting = undefined;
  }
}
