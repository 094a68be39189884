/**
 * Internal to the network simulator (not re-exported from the package): the worker threads of a
 * run, seen from the calling thread, which is thread 0 and the coordinator (it draws the X spikes,
 * collects every thread's spikes and calls the progress callback).
 */
import { existsSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { ABORT, doneWord, GO } from "./connectivity-layout";
import { awaitRunWord, type RunPlan } from "./kernel";
import { publishWord } from "./shared-words";
import type { SimulationJob } from "./simulation-worker";
import { kernelModuleOnce, type WasmMemory } from "./wasm";

/** The compiled worker script (lib/dist/network/simulation-worker.js, beside this module's compiled file). */
const WORKER_FILE = join(__dirname, "simulation-worker.js");
/** Longest wait for another thread within one bin (ms) before the run fails. */
const DEADLINE_MS = 120_000;

/**
 * The number of threads of a run: `requested` (at most the connectivity's parts), or by default
 * one per core up to the parts when the machine has cores to spare, else one. So one thread for
 * small networks (one part: N K < 2^21 per block, where starting threads and a barrier per bin
 * cost more than they save) and for any network on a machine whose load average is at or above
 * its core count (the threads meet at a barrier in every bin, and a descheduled thread stalls
 * the others: measured at load 22 on 2 cores, N = 10^4, K = 10^3, 1 s took 13.1 s wall on two
 * threads against 9.0 s on one). The spikes are the same for any number of threads, so this
 * choice never changes a result. One thread where the compiled worker script is absent (ts-jest
 * runs lib/src directly).
 */
export function threadCount(parts: number, requested: number | undefined): number {
  if (!existsSync(WORKER_FILE)) return 1;
  const cores = availableParallelism();
  return Math.min(parts, requested ?? (loadavg()[0] < cores ? cores : 1));
}

/** The worker threads 1 .. threads - 1 of a run. */
export class ThreadTeam {
  private readonly workers: Worker[] = [];

  constructor(
    memory: WasmMemory,
    private readonly plan: RunPlan,
    private readonly ctrl: Int32Array,
  ) {
    const module = kernelModuleOnce();
    for (let t = 1; t < plan.threads; t++) {
      const job: SimulationJob = { kind: "ei-balance/simulation", module, memory, plan, t, deadlineMs: DEADLINE_MS };
      const worker = new Worker(WORKER_FILE, { workerData: job });
      worker.unref();
      worker.on("error", () => {}); // a failing worker sets ABORT; the calling thread then throws
      this.workers.push(worker);
    }
  }

  /** Publishes that bin k is complete (its spikes and the X spikes of k are in the memory): the workers start bin k + 1. */
  publish(k: number): void {
    publishWord(this.ctrl, GO, k);
  }

  /**
   * Waits until every worker is done with bin k.
   * @throws Error when a worker failed or stopped responding.
   */
  waitFor(k: number): void {
    for (let t = 1; t < this.plan.threads; t++) {
      if (!awaitRunWord(this.ctrl, doneWord(t), k, DEADLINE_MS)) {
        throw new Error(`simulateNetwork: simulation thread ${t} failed or stopped responding in bin ${k}`);
      }
    }
  }

  /** Stops the workers (at once if the run ended early). */
  stop(): void {
    publishWord(this.ctrl, ABORT, 1);
    for (const w of this.workers) void w.terminate();
  }
}
