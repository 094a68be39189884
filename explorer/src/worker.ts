/**
 * The explorer's Web Worker: runs one simulation per message and posts its result (typed arrays
 * transferred) or the library's error message. The page terminates a busy worker when the
 * reader changes a setting (a run is synchronous), so a run in progress never blocks the next.
 */
import { exploreRun } from "./run";
import type { Settings } from "./settings";

/** A request from the page. */
export interface RunRequest {
  id: number;
  settings: Settings;
}

/** A reply to the page: the result, or the message of the error that refused the settings. */
export type RunReply = { id: number; result: ReturnType<typeof exploreRun> } | { id: number; error: string; name: string };

interface WorkerScope {
  onmessage: ((event: { data: RunRequest }) => void) | null;
  postMessage(message: RunReply, transfer?: ArrayBuffer[]): void;
}

const scope = self as unknown as WorkerScope;

// A page that is not cross-origin isolated (a file opened from disk, a notebook) has no global
// SharedArrayBuffer, but a shared WebAssembly memory still gives one: the library's connectivity
// build allocates its control words with it (the memory of the simulation is such a memory).
const shared = globalThis as { SharedArrayBuffer?: unknown };
shared.SharedArrayBuffer ??= new WebAssembly.Memory({ initial: 0, maximum: 1, shared: true }).buffer.constructor;

scope.onmessage = ({ data }) => {
  try {
    const result = exploreRun(data.settings);
    const arrays = [result.E.offsets, result.E.bins, result.I.offsets, result.I.bins, result.rates.E, result.rates.I,
      result.populationRate.E, result.populationRate.I];
    scope.postMessage({ id: data.id, result }, arrays.map((a) => a.buffer as ArrayBuffer));
  } catch (e) {
    const err = e as Error;
    scope.postMessage({ id: data.id, error: err.message, name: err.name });
  }
};
