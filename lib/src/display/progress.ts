import type { ProgressCallback } from "../core/run-control";
import { sendDisplay } from "./kernel";

export type { ProgressCallback } from "../core/run-control";

let progressCount = 0;

/**
 * A progress bar for long computations in a notebook: returns a callback that the library's
 * long-running functions accept as `onProgress`. In a kernel it shows one output line that
 * updates in place (`label [#####-----] 50%  3.1 s`); its final state (`label: done`) carries
 * no timing, so re-executing a notebook leaves its saved outputs unchanged. Updates are
 * throttled to every 0.2 s. Outside a kernel it does nothing.
 *
 * @param label what is being computed, e.g. "r_X sweep"
 */
export function progressBar(label: string): ProgressCallback {
  const displayId = `ei-balance-progress-${process.pid}-${++progressCount}`;
  const start = Date.now();
  let last = -Infinity;
  let shown = false;
  return (done: number, total: number) => {
    const now = Date.now();
    const finished = done >= total;
    if (!finished && now - last < 200) return;
    last = now;
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(fraction * 30);
    const text = finished
      ? `${label}: done`
      : `${label} [${"#".repeat(filled)}${"-".repeat(30 - filled)}] ${(100 * fraction).toFixed(0)}%  ${((now - start) / 1000).toFixed(1)} s`;
    sendDisplay({ "text/plain": text }, { displayId, update: shown });
    shown = true;
  };
}
