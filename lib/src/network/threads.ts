/**
 * Internal to the network simulator (not re-exported from the package): the worker threads of a
 * run, seen from the calling thread, which is thread 0 and the coordinator (it draws the X spikes,
 * collects every thread's spikes and calls the progress callback).
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { ABORT, busyWord, doneWord, GO } from "./connectivity-layout";
import { awaitRunWord, type RunPlan } from "./kernel";
import { publishWord } from "./shared-words";
import type { SimulationJob } from "./simulation-worker";
import { kernelModuleOnce, type WasmMemory } from "./wasm";

/** The compiled worker script (lib/dist/network/simulation-worker.js, beside this module's compiled file). */
const WORKER_FILE = join(__dirname, "simulation-worker.js");
/** Longest wait for another thread within one bin (ms) before the run fails. */
const DEADLINE_MS = 120_000;

/** The threads a run starts with, why, and whether a measurement decides whether to keep them. */
export interface ThreadChoice {
  threads: number;
  /** Why this many (the run's result carries it as `threadReason`, completed by the measurement when there is one). */
  reason: string;
  /** True when the run measures its first bins on these threads and drops to one thread if that is faster (see {@link ThreadTrial}). */
  measure: boolean;
}

/**
 * The threads of a run: `requested` (at most the connectivity's parts); one for one part (N K <
 * 2^21 per block: starting threads and a barrier per bin cost more than they save), for a run
 * recording its input, on one core, or where the compiled worker script is absent (ts-jest runs
 * lib/src directly); else one per core up to the parts, measured: the run times its first bins
 * on them and continues on one thread when that is faster ({@link ThreadTrial}). The load
 * average alone does not decide (on a loaded machine two threads still beat one when each gets
 * a core often enough), and the spikes are the same for any number of threads.
 */
export function threadChoice(parts: number, requested: number | undefined, recordsInput: boolean): ThreadChoice {
  if (recordsInput) return { threads: 1, reason: "recordInput: the input recording runs on one thread", measure: false };
  if (!existsSync(WORKER_FILE)) return { threads: 1, reason: "no compiled worker script (running from the TypeScript sources)", measure: false };
  if (requested !== undefined) {
    const threads = Math.min(parts, requested);
    return { threads, reason: threads < requested ? `requested ${requested}, at most the connectivity's ${parts} part(s)` : "requested", measure: false };
  }
  if (parts === 1) return { threads: 1, reason: "one part (N K < 2^21 per block): a second thread and a barrier per bin would cost more than they save", measure: false };
  const cores = availableParallelism();
  if (cores === 1) return { threads: 1, reason: "one core", measure: false };
  return { threads: Math.min(parts, cores), reason: `one per core (${cores}) up to the ${parts} parts`, measure: true };
}

/** Shortest wall time (ms) and fewest bins of the measured start of a run on several threads. */
const TRIAL_MS = 250;
const TRIAL_BINS = 20;

/**
 * The measured start of a run on several threads: thread 0 adds up its own work per bin, each
 * worker publishes its own (busyWord). From the end of bin 1 (the workers are then running: their
 * start-up is not counted), once TRIAL_MS of wall time and TRIAL_BINS bins have passed (or a
 * quarter of the run), the wall time of those bins is compared with the work summed over the
 * threads in them, which is about what one thread would need. More wall time than that: the
 * threads wait for each other more than they help (a thread descheduled at every barrier), and
 * the run continues on one thread.
 */
export class ThreadTrial {
  private t0 = 0;
  private k0 = 0;
  private work0 = 0;
  private busyMs = 0;
  decided = false;

  constructor(private readonly ctrl: Int32Array, private readonly threads: number, private readonly nBins: number) {}

  /** Adds thread 0's work on one bin (ms). */
  addWork(ms: number): void {
    this.busyMs += ms;
  }

  /** Work so far summed over the threads (ms). */
  private work(): number {
    let w = this.busyMs;
    for (let t = 1; t < this.threads; t++) w += this.ctrl[busyWord(t)] / 1e3;
    return w;
  }

  /**
   * After bin k (every thread done with it): undefined while measuring, then once the verdict:
   * whether to drop to one thread, and the sentence saying why.
   */
  verdict(k: number): { dropToOne: boolean; reason: string } | undefined {
    if (this.decided) return undefined;
    if (this.k0 === 0) {
      [this.t0, this.k0, this.work0] = [performance.now(), k, this.work()];
      return undefined;
    }
    const wall = performance.now() - this.t0;
    if ((wall < TRIAL_MS || k - this.k0 < TRIAL_BINS) && k < this.nBins / 4) return undefined;
    this.decided = true;
    const work = this.work() - this.work0;
    const measured = `bins ${this.k0 + 1}-${k} took ${wall.toFixed(0)} ms wall on ${this.threads} threads for ${work.toFixed(0)} ms of work summed over them`;
    return wall > work
      ? { dropToOne: true, reason: `${measured}, so one thread was faster: continued on one thread from bin ${k + 1}` }
      : { dropToOne: false, reason: `${measured}: kept (${(work / wall).toFixed(2)}x one thread)` };
  }
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
