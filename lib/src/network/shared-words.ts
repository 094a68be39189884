/**
 * Internal to the network (not re-exported from the package): waiting on and publishing Int32
 * words of a SharedArrayBuffer, how the threads of a build (connectivity-relay.ts) and of a
 * simulation (kernel.ts, threads.ts) hand work to each other.
 */

/** How {@link awaitWord} waits. */
export interface WaitOptions {
  /** Longest wait (ms). */
  deadlineMs: number;
  /** Checked between waits: true stops the wait (the other thread failed or the run was aborted). */
  giveUp: () => boolean;
  /** Reads of the word before the first Atomics.wait (a short spin where the other thread usually answers within microseconds); default 0. */
  spins?: number;
}

/**
 * Waits until Int32 word `index` of `ctrl` is at least `atLeast`: `spins` reads, then
 * Atomics.wait in slices of 100 ms.
 * @returns false if `giveUp()` says so or the deadline passes first.
 */
export function awaitWord(ctrl: Int32Array, index: number, atLeast: number, { deadlineMs, giveUp, spins = 0 }: WaitOptions): boolean {
  for (let spin = 0; spin < spins; spin++) if (Atomics.load(ctrl, index) >= atLeast) return true;
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const v = Atomics.load(ctrl, index);
    if (v >= atLeast) return true;
    if (giveUp() || Date.now() > deadline) return false;
    Atomics.wait(ctrl, index, v, 100);
  }
}

/** Sets Int32 word `index` to `value` and wakes the threads waiting on it. */
export function publishWord(ctrl: Int32Array, index: number, value: number): void {
  Atomics.store(ctrl, index, value);
  Atomics.notify(ctrl, index);
}
