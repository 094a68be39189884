/**
 * Worker entry of {@link buildConnectivity} (compiled to lib/dist/connectivity-worker.js and
 * started from there; internal, not re-exported). It takes the blocks [from, 6) unless the
 * calling thread has already taken them (compare-and-swap on the CLAIM word), advances its copy
 * of the random stream past blocks [0, from), builds its blocks and transfers their arrays to the
 * calling thread through `port` (no copy; the caller reads them with receiveMessageOnPort), then
 * reports FINISHED (or FAILED, and the calling thread builds them itself) and wakes the caller.
 */
import { isMainThread, workerData, type MessagePort } from "node:worker_threads";
import { BY_WORKER, buildBlocks, CLAIM, FAILED, FINISHED, OUTCOME, skipIncoming, UNCLAIMED, type CsrBlock, type XorState } from "./connectivity-blocks";

interface WorkerJob {
  kind: "ei-balance/connectivity";
  N: number;
  K: number;
  from: number;
  /** The stream's state at the start of block 0. */
  g: XorState;
  control: Int32Array;
  port: MessagePort;
}

function run({ N, K, from, g, control, port }: WorkerJob): void {
  if (Atomics.compareExchange(control, CLAIM, UNCLAIMED, BY_WORKER) !== UNCLAIMED) return;
  let outcome = FAILED;
  try {
    skipIncoming(N, K, g, from);
    const blocks: CsrBlock[] = buildBlocks(N, K, from, 6, g, N <= 65536 ? new Uint16Array(N * K) : new Uint32Array(N * K));
    port.postMessage(blocks, blocks.flatMap((b) => [b.offsets.buffer, b.targets.buffer]));
    outcome = FINISHED;
  } finally {
    Atomics.store(control, OUTCOME, outcome);
    Atomics.notify(control, OUTCOME);
  }
}

if (!isMainThread && workerData && (workerData as WorkerJob).kind === "ei-balance/connectivity") run(workerData as WorkerJob);
