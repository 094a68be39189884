/**
 * Internal (not re-exported from the package): a persistent pool of worker threads for
 * independent jobs, driven synchronously from the calling thread (the library's functions are
 * synchronous): the caller hands out jobs, at most one per runner at a time, and sleeps in
 * Atomics.wait until a runner replies. A supervisor thread starts the runners and watches them, so a runner that dies
 * fails its job instead of leaving the caller waiting. The threads are unreferenced: an idle
 * pool never keeps a process alive.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import {
  cancelWord, controlBytes, EVENTS, reviveError, STARTED, stoppedWord,
  type JobMessage, type ReplyMessage, type StopMessage, type SupervisorData,
} from "./pool-protocol";
import { warnOnce } from "./warnings";

/** The compiled supervisor script (lib/dist/core/pool-supervisor.js, beside this module's compiled file). */
const SUPERVISOR_FILE = join(__dirname, "pool-supervisor.js");
/** Longest wait for the supervisor thread to start (ms) before the pool gives up. */
const START_TIMEOUT_MS = 60_000;
/** The calling thread wakes at least this often (ms) while it waits, to check the start. */
const WAIT_SLICE_MS = 1000;

/** A job. */
export interface PoolJob {
  /** The name of a task the runners know. */
  task: string;
  /** Its arguments (structured-cloneable). */
  args: unknown;
}

/** How a job ended: its value, or its error (a runner's ParameterError or CancelledError as itself, any other error with the runner's stack). */
export type PoolOutcome = { ok: true; value: unknown } | { ok: false; error: Error };

/** What {@link WorkerPool.run} asks for jobs and tells their outcomes. */
export interface PoolSession<J extends PoolJob> {
  /** The next job to hand out, or undefined when none is due now (asked whenever a runner is idle). */
  next(): J | undefined;
  /** Receives the outcome of a job handed out, as jobs finish; false ends the run. */
  receive(job: J, outcome: PoolOutcome): boolean;
}

/** A runner as the calling thread sees it. */
interface Slot {
  port: MessagePort;
  /** Id of the job it runs, 0 when idle. */
  job: number;
  /** Whether its value is still wanted (false once cancelled: its reply is dropped). */
  wanted: boolean;
  stopped: boolean;
}

/**
 * A pool of `size` runner threads, each running the worker script `runnerScript`, which serves
 * jobs with {@link servePoolJobs}. Use {@link WorkerPool.available} first: the scripts are
 * compiled JavaScript (lib/dist), absent where ts-jest runs lib/src.
 */
export class WorkerPool {
  private readonly words: Int32Array;
  private readonly supervisor: Worker;
  private readonly slots: Slot[];
  private readonly reports: MessagePort;
  /** Why runners stopped, by slot, as reported so far. */
  private readonly reasons = new Map<number, string>();
  private readonly startedAt = performance.now();
  private nextId = 1;
  private running = false;
  private closed = false;
  private broken = false;

  /**
   * Starts the supervisor, which starts the runners (about 0.1-0.3 s until they serve; jobs handed
   * out meanwhile wait in their ports).
   * @param runnerScript absolute path of the runners' compiled worker script.
   * @param size number of runners, >= 1.
   */
  constructor(runnerScript: string, size: number) {
    const control = new SharedArrayBuffer(controlBytes(size));
    this.words = new Int32Array(control);
    const channels = Array.from({ length: size }, () => new MessageChannel());
    const reports = new MessageChannel();
    const ports = channels.map((c) => c.port2);
    const data: SupervisorData = { kind: "ei-balance/pool-supervisor", runnerScript, control, ports, reports: reports.port2 };
    this.supervisor = new Worker(SUPERVISOR_FILE, { workerData: data, transferList: [...ports, reports.port2] });
    this.supervisor.unref();
    this.supervisor.on("error", () => {
      this.broken = true; // seen only between runs; a run in progress is ended by the start timeout or its runners' reports
    });
    this.slots = channels.map((c) => ({ port: c.port1, job: 0, wanted: false, stopped: false }));
    this.reports = reports.port1;
    for (const p of [this.reports, ...this.slots.map((s) => s.port)]) p.unref();
  }

  /** Whether the pool's scripts exist: the supervisor's (beside this module) and `runnerScript`. */
  static available(runnerScript: string): boolean {
    return existsSync(SUPERVISOR_FILE) && existsSync(runnerScript);
  }

  /** Number of runners. */
  get size(): number {
    return this.slots.length;
  }

  /** Whether a run is in progress (runs do not nest). */
  get busy(): boolean {
    return this.running;
  }

  /** Whether the pool can run jobs: not closed, and none of its runners has stopped. */
  get healthy(): boolean {
    return !this.closed && !this.broken;
  }

  /**
   * Runs the jobs of a session, one per runner at a time: hands out `next()` to every idle runner,
   * sleeps until a job finishes (Atomics.wait: synchronous), passes its outcome to `receive`, and
   * so on, until `receive` returns false, or no job is due and none is running. Whatever ends the
   * run (that, an error thrown by the session, a runner's stop), the jobs still running are
   * cancelled and their replies dropped when they come.
   * @param session what gives the jobs and receives their outcomes.
   * @throws what the session throws; Error when a runner stops while running a job (the pool is
   *   then closed), or when the pool is closed or already running.
   */
  run<J extends PoolJob>(session: PoolSession<J>): void {
    if (this.running) throw new Error("WorkerPool.run: the pool is already running jobs (runs do not nest)");
    if (!this.healthy) throw new Error("WorkerPool.run: the pool is closed");
    this.running = true;
    const jobs = new Map<number, J>();
    try {
      for (;;) {
        const due = this.handOut(session, jobs);
        if (jobs.size === 0 && !due) return;
        for (const [id, outcome] of this.collect()) {
          const job = jobs.get(id) as J;
          jobs.delete(id);
          if (!session.receive(job, outcome)) return;
        }
      }
    } finally {
      this.cancelRunning();
      this.running = false;
      if (this.broken) this.close();
    }
  }

  /** Stops every thread of the pool (at once; a job running is abandoned). Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.supervisor.terminate();
    for (const p of [this.reports, ...this.slots.map((s) => s.port)]) p.close();
  }

  /**
   * Hands `session.next()` to every idle runner, recording each job by its id.
   * @returns false when the session had no job due, true when the runners ran out first.
   */
  private handOut<J extends PoolJob>(session: PoolSession<J>, jobs: Map<number, J>): boolean {
    for (const s of this.slots) {
      if (s.job !== 0 || s.stopped) continue;
      const job = session.next();
      if (job === undefined) return false;
      const id = this.nextId++;
      s.port.postMessage({ id, task: job.task, args: job.args } satisfies JobMessage);
      Object.assign(s, { job: id, wanted: true });
      jobs.set(id, job);
    }
    return true;
  }

  /**
   * Waits until a runner replies (or stops); returns the outcomes of the wanted jobs finished, by
   * job id, in the order they came (none when only a cancelled job's runner became idle).
   */
  private collect(): [number, PoolOutcome][] {
    const done: [number, PoolOutcome][] = [];
    for (;;) {
      const seen = Atomics.load(this.words, EVENTS);
      if (this.receive(done)) return done;
      if (Atomics.load(this.words, STARTED) === 0 && performance.now() - this.startedAt > START_TIMEOUT_MS) {
        this.broken = true;
        throw new Error(`WorkerPool.run: the pool's supervisor thread did not start within ${START_TIMEOUT_MS / 1000} s`);
      }
      Atomics.wait(this.words, EVENTS, seen, WAIT_SLICE_MS);
    }
  }

  /**
   * Receives every reply waiting and every runner's stop (a stop during a wanted job throws).
   * @returns whether there was any.
   */
  private receive(done: [number, PoolOutcome][]): boolean {
    let any = false;
    this.slots.forEach((s, slot) => {
      any = this.drain(s, done) || any;
      if (s.stopped || Atomics.load(this.words, stoppedWord(slot)) === 0) return;
      this.drain(s, done); // a reply sent just before the runner stopped is in its port
      any = s.stopped = this.broken = true;
      if (s.job !== 0 && s.wanted) throw new Error(`WorkerPool.run: runner ${slot} stopped while running a job (${this.stopReason(slot)})`);
      s.job = 0;
    });
    if (this.slots.every((s) => s.stopped)) throw new Error(`WorkerPool.run: every runner stopped (runner 0: ${this.stopReason(0)})`);
    return any;
  }

  /** Files the replies waiting in a runner's port (those of wanted jobs); returns whether there was any. */
  private drain(s: Slot, done: [number, PoolOutcome][]): boolean {
    let any = false;
    for (let m = receiveMessageOnPort(s.port); m !== undefined; m = receiveMessageOnPort(s.port)) {
      const reply = m.message as ReplyMessage;
      for (const w of reply.warnings) warnOnce(w);
      if (reply.id !== s.job) continue;
      if (s.wanted) done.push([reply.id, reply.ok ? { ok: true, value: reply.value } : { ok: false, error: reviveError(reply.error) }]);
      s.job = 0;
      any = true;
    }
    return any;
  }

  /** Why runner `slot` stopped, as the supervisor reported it. */
  private stopReason(slot: number): string {
    for (let m = receiveMessageOnPort(this.reports); m !== undefined; m = receiveMessageOnPort(this.reports)) {
      const stop = m.message as StopMessage;
      this.reasons.set(stop.slot, stop.reason);
    }
    return this.reasons.get(slot) ?? "no reason reported";
  }

  /** Cancels the jobs running: their runners give them up at their next checkpoint, and their replies are dropped. */
  private cancelRunning(): void {
    this.slots.forEach((s, slot) => {
      if (s.job === 0 || !s.wanted) return;
      s.wanted = false;
      Atomics.store(this.words, cancelWord(slot), s.job);
    });
  }
}
