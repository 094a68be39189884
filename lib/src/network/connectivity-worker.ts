/**
 * Worker entry of {@link buildConnectivity} (compiled to lib/dist/network/connectivity-worker.js
 * and started from there; internal, not re-exported). It claims and builds units of the build's
 * relay (connectivity-relay.ts) in turn with the calling thread, writing them into the shared
 * memory, then reports FINISHED (or FAILED, and the calling thread builds what is left itself).
 */
import { isMainThread, workerData } from "node:worker_threads";
import { layoutBuilder, type XorState } from "./connectivity-blocks";
import type { ConnectivityLayout } from "./connectivity-layout";
import { buildClaimed, FAILED, FINISHED, reportOutcome, type Relay } from "./connectivity-relay";

interface WorkerJob {
  kind: "ei-balance/connectivity";
  layout: ConnectivityLayout;
  /** The stream's state at the start of unit 0 (the relay sets each unit's own). */
  g: XorState;
  relay: Relay;
  buffer: SharedArrayBuffer;
}

function run({ layout, g, relay, buffer }: WorkerJob): void {
  let outcome = FAILED;
  try {
    const builder = layoutBuilder(layout, g);
    // the calling thread is drawing the first unit: back this thread's scratch with pages meanwhile
    builder.prefault();
    if (buildClaimed(layout, buffer, relay, builder)) outcome = FINISHED;
  } finally {
    reportOutcome(relay, outcome);
  }
}

if (!isMainThread && workerData && (workerData as WorkerJob).kind === "ei-balance/connectivity") run(workerData as WorkerJob);
