/**
 * Worker entry of {@link buildConnectivity} (compiled to lib/dist/network/connectivity-worker.js
 * and started from there; internal, not re-exported). It takes the units [from, 6 parts) unless
 * the calling thread has already taken them (compare-and-swap on the CLAIM word), advances its
 * copy of the random stream past units [0, from), writes its units into the shared memory, then
 * reports FINISHED (or FAILED, and the calling thread builds them itself) and wakes the caller.
 */
import { isMainThread, workerData } from "node:worker_threads";
import { BY_WORKER, buildUnits, CLAIM, FAILED, FINISHED, layoutBuilder, OUTCOME, skipUnits, UNCLAIMED, type XorState } from "./connectivity-blocks";
import type { ConnectivityLayout } from "./connectivity-layout";

interface WorkerJob {
  kind: "ei-balance/connectivity";
  layout: ConnectivityLayout;
  from: number;
  /** The stream's state at the start of unit 0. */
  g: XorState;
  control: Int32Array;
  buffer: SharedArrayBuffer;
}

function run({ layout, from, g, control, buffer }: WorkerJob): void {
  if (Atomics.compareExchange(control, CLAIM, UNCLAIMED, BY_WORKER) !== UNCLAIMED) return;
  let outcome = FAILED;
  try {
    const builder = layoutBuilder(layout, g);
    skipUnits(layout, from, builder);
    buildUnits(layout, buffer, from, 6 * layout.parts, builder);
    outcome = FINISHED;
  } finally {
    Atomics.store(control, OUTCOME, outcome);
    Atomics.notify(control, OUTCOME);
  }
}

if (!isMainThread && workerData && (workerData as WorkerJob).kind === "ei-balance/connectivity") run(workerData as WorkerJob);
