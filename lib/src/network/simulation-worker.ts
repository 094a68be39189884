/**
 * Worker entry of the threads of {@link simulateNetwork} (compiled to
 * lib/dist/network/simulation-worker.js and started from there; internal, not re-exported).
 * Thread t (>= 1) runs its share of every bin (see ThreadKernel): it waits until the calling
 * thread has published bin k - 1 (every thread's spikes of k - 1 are then in the shared memory),
 * runs bin k for its neurons, publishes its work so far (for the measured start of the run, see
 * ThreadTrial) and that it is done with k.
 */
import { isMainThread, workerData } from "node:worker_threads";
import { ABORT, busyWord, doneWord, GO } from "./connectivity-layout";
import { awaitRunWord, ThreadKernel, type RunPlan } from "./kernel";
import { publishWord } from "./shared-words";
import { instantiate, type WasmMemory } from "./wasm";

/** What the calling thread sends each worker. */
export interface SimulationJob {
  kind: "ei-balance/simulation";
  module: object;
  memory: WasmMemory;
  plan: RunPlan;
  t: number;
  /** Longest wait for the calling thread (ms) before giving up. */
  deadlineMs: number;
}

function run({ module, memory, plan, t, deadlineMs }: SimulationJob): void {
  const kern = new ThreadKernel(instantiate(module, memory), memory, plan, t);
  const { ctrl } = kern;
  try {
    let busy = 0;
    for (let k = 1; k < plan.nBins; k++) {
      if (!awaitRunWord(ctrl, GO, k - 1, deadlineMs)) return;
      const t0 = performance.now();
      kern.bin(k);
      busy += performance.now() - t0;
      ctrl[busyWord(t)] = Math.min(2 ** 31 - 1, Math.round(busy * 1e3));
      publishWord(ctrl, doneWord(t), k);
    }
  } catch (e) {
    publishWord(ctrl, ABORT, 1);
    throw e;
  }
}

if (!isMainThread && workerData && (workerData as SimulationJob).kind === "ei-balance/simulation") run(workerData as SimulationJob);
