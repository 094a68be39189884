/**
 * Browser stand-ins for the Node modules the library imports (node:fs, node:os, node:path,
 * node:worker_threads), mapped in by scripts/build-explorer.js. In the browser the library runs on
 * one thread inside the explorer's Web Worker: no worker script exists (so the simulator and the
 * connectivity build stay on the calling thread), one core is reported, and a Worker of Node
 * cannot be started.
 */

/** No file exists in the browser: the library's worker scripts are absent, so it runs in one thread. */
export function existsSync(): boolean {
  return false;
}

/** Reads no file: the explorer never reads spike files. */
export function readFileSync(): never {
  throw new Error("readFileSync: there are no files in the browser");
}

/** One core: the explorer's simulation runs in one Web Worker. */
export function availableParallelism(): number {
  return 1;
}

/** A load average of zero (only read together with availableParallelism). */
export function loadavg(): number[] {
  return [0, 0, 0];
}

/** Joins path parts with "/" (used only to name the library's worker scripts). */
export function join(...parts: string[]): string {
  return parts.join("/");
}

/** True: the Web Worker is the library's main thread. */
export const isMainThread = true;
/** No worker data: the library's own worker entry points do nothing in the browser. */
export const workerData = undefined;

/** Node's worker threads do not exist in the browser. */
export class Worker {
  constructor() {
    throw new Error("worker_threads are not available in the browser");
  }
}

/** Node's message channels do not exist in the browser (the library uses them only for its pools). */
export class MessageChannel {
  constructor() {
    throw new Error("worker_threads are not available in the browser");
  }
}

/** Never called in the browser (the library's pools are not bundled into the explorer). */
export function receiveMessageOnPort(): undefined {
  return undefined;
}
