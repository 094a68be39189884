/**
 * Run control: progress reports and cancellation for long computations, shared by every
 * entry point with a long loop.
 */
import { invalid } from "./validate";

/** A progress callback: `done` units of `total` finished. */
export type ProgressCallback = (done: number, total: number) => void;

/** The options of a long computation that reports progress and can be cancelled. */
export interface RunControlOptions {
  /** Called now and then with the units done and the total (e.g. a notebook's `progressBar`). */
  onProgress?: ProgressCallback;
  /**
   * Cancels the run when aborted: the computation stops at its next progress report and throws a
   * {@link CancelledError}. The loops are synchronous, so abort it from `onProgress` (e.g. past a
   * deadline) or before the call.
   */
  signal?: AbortSignal;
}

/** The error of a cancelled run; its `name` is "AbortError", like the DOM's. */
export class CancelledError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AbortError";
    this.stack = `${this.name}: ${message}`;
  }
}

/** A validated progress reporter of one run. */
export interface RunControl {
  /**
   * Reports `done` units of the run's total to onProgress, then stops the run if the signal was aborted.
   * @throws CancelledError when the signal is aborted.
   */
  report(done: number): void;
}

/**
 * Validates the onProgress and signal options of a run of `total` units (e.g. seconds of
 * simulated time, or simulations) and returns its reporter. Throws at once if the signal is
 * already aborted.
 * @param where name of the calling function, for messages.
 * @param options onProgress (a function) and signal (an AbortSignal), both optional.
 * @param total the run's total, passed to onProgress.
 * @param unit what is counted, for the cancellation message (e.g. "s of simulated time").
 * @returns the reporter.
 * @throws ParameterError for an onProgress that is not a function or a signal that is not an
 *   AbortSignal; CancelledError for an aborted signal.
 */
export function runControl(where: string, options: RunControlOptions, total: number, unit: string): RunControl {
  const { onProgress, signal } = options;
  if (onProgress !== undefined && typeof onProgress !== "function") invalid(where, "onProgress", onProgress, "a function (done, total) => void");
  if (signal !== undefined && !(signal instanceof AbortSignal)) invalid(where, "signal", signal, "an AbortSignal");
  const stopIfAborted = (done: number) => {
    if (signal?.aborted) throw new CancelledError(`${where}: cancelled by its signal after ${done} of ${total} ${unit}`);
  };
  stopIfAborted(0);
  return {
    report(done: number) {
      onProgress?.(done, total);
      stopIfAborted(done);
    },
  };
}
