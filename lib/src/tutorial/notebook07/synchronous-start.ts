import { simulateNetwork, type NetworkRun } from "../../network/simulate";
import type { Connectivity } from "../../network/connectivity";
import { checkNumber, invalid } from "../../core/validate";

/**
 * The synchronous start of notebook 07: the tutorial's network started with every V at 0, at
 * K = 100 (N = 1000) and at K = 1000 (N = 10 000), where it can lock into a synchronous state.
 */

/** Options of {@link synchronousStart}. */
export interface SynchronousStartOptions {
  /** Duration of each run (s), > 0. */
  duration: number;
  /** Seed of both runs (default 1). */
  seed?: number;
  /** Connectivity of the K = 1000 run (e.g. one built before with the same seed); built when absent. */
  connectivity?: Connectivity;
  /** E neurons whose V is recorded in the K = 1000 run (default none). */
  recordV?: readonly number[];
  /** Progress in units of a K = 100 run (a K = 1000 run counts 10), total 11. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Two runs from V = 0: K = 100 with N = 1000, and K = 1000 with N = 10 000 (recording V of the
 * `recordV` E neurons), both with the default weights and r_X = 10 Hz.
 * @param options duration (s), seed, connectivity, recordV, onProgress
 * @throws ParameterError for bad options, and as `simulateNetwork`
 * @returns the K = 100 run (`small`) and the K = 1000 run (`large`)
 */
export function synchronousStart(options: SynchronousStartOptions): { small: NetworkRun; large: NetworkRun } {
  const where = "synchronousStart";
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const T = checkNumber(where, "duration", options.duration, { min: 0, minInclusive: false, unit: "s" });
  const seed = options.seed ?? 1;
  const bar = options.onProgress;
  const small = simulateNetwork({ params: { duration: T }, seed, initialV: "zero", onProgress: (d, t) => bar?.(d / t, 11) });
  const large = simulateNetwork({
    params: { N: 10000, K: 1000, duration: T }, seed, initialV: "zero", connectivity: options.connectivity,
    recordV: { E: [...(options.recordV ?? [])] }, onProgress: (d, t) => bar?.(1 + 10 * d / t, 11),
  });
  bar?.(11, 11);
  return { small, large };
}
