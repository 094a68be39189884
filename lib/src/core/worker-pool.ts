/**
 * A persistent pool of worker threads for independent jobs, driven synchronously from the calling
 * thread (the library's functions are synchronous): the caller hands jobs in order, at most one
 * per runner at a time, sleeps in Atomics.wait until a runner replies, and receives the values in
 * job order. A supervisor thread starts the runners and watches them, so a runner that dies
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

/** The compiled supervisor script (lib/dist/core/pool-supervisor.js, beside this module's compiled file). */
const SUPERVISOR_FILE = join(__dirname, "pool-supervisor.js");
/** Longest wait for the supervisor thread to start (ms) before the pool gives up. */
const START_TIMEOUT_MS = 60_000;
/** The calling thread wakes at least this often (ms) while it waits, to check the start. */
const WAIT_SLICE_MS = 1000;

/** A job: the name of a task the runners know and its arguments (structured-cloneable). */
export interface PoolJob {
  task: string;
  args: unknown;
}

/** Jobs run by {@link WorkerPool.run}, numbered 0 .. count - 1. */
export interface OrderedJobs {
  /** Number of jobs. */
  count: number;
  /** Job q. */
  job(q: number): PoolJob;
  /**
   * How many jobs past the last one consumed may be running, asked before each is handed out
   * (at least 1 is used); default: as many as the pool has runners.
   */
  ahead?(): number;
  /** Receives the value of job q, in job order; returning false stops: no further job is handed out and the running ones are cancelled. */
  consume(value: unknown, q: number): boolean;
}

/** A runner as the calling thread sees it. */
interface Slot {
  port: MessagePort;
  /** Id of the job it runs, 0 when idle. */
  job: number;
  /** Number of that job in the current run. */
  q: number;
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
    this.slots = channels.map((c) => ({ port: c.port1, job: 0, q: 0, wanted: false, stopped: false }));
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
   * Runs the jobs, at most one per runner at a time and at most `ahead()` past the last one
   * consumed, and passes their values to `consume` in job order. Synchronous: the calling thread
   * sleeps until a runner replies. A job's error is thrown when its turn comes (as the runner's
   * ParameterError or CancelledError, or an Error with the runner's stack); jobs after it are
   * cancelled. Whatever ends the run (the last job, `consume` returning false or throwing, an
   * error), the jobs still running are cancelled and their replies dropped when they come.
   * @param jobs the jobs and what receives their values.
   * @throws the first failed job's error, in job order; Error when a runner stops while running
   *   a wanted job (the pool is then closed), or when the pool is closed or already running.
   */
  run(jobs: OrderedJobs): void {
    if (this.running) throw new Error("WorkerPool.run: the pool is already running jobs (runs do not nest)");
    if (!this.healthy) throw new Error("WorkerPool.run: the pool is closed");
    this.running = true;
    const replies = new Map<number, ReplyMessage>();
    let next = 0;
    try {
      for (let q = 0; q < jobs.count; ) {
        next = this.handOut(jobs, next, q);
        const reply = replies.get(q);
        if (reply === undefined) {
          this.collect(replies);
          continue;
        }
        replies.delete(q);
        if (!reply.ok) throw reviveError(reply.error);
        if (!jobs.consume(reply.value, q++)) return;
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

  /** Hands jobs next, next + 1, ... to idle runners while fewer than ahead() are past job q; returns the next job not handed out. */
  private handOut(jobs: OrderedJobs, next: number, q: number): number {
    for (const s of this.slots) {
      if (next >= jobs.count || next - q >= Math.max(1, jobs.ahead?.() ?? this.size)) break;
      if (s.job !== 0 || s.stopped) continue;
      const { task, args } = jobs.job(next);
      const id = this.nextId++;
      s.port.postMessage({ id, task, args } satisfies JobMessage);
      Object.assign(s, { job: id, q: next++, wanted: true });
    }
    return next;
  }

  /** Waits until at least one reply (or a runner's stop) comes, and files the replies of wanted jobs by job number. */
  private collect(replies: Map<number, ReplyMessage>): void {
    if (this.slots.every((s) => s.job === 0)) {
      const why = this.slots.map((s, slot) => (s.stopped ? `runner ${slot}: ${this.stopReason(slot)}` : "")).filter((w) => w !== "");
      throw new Error(`WorkerPool.run: no runner left to run the jobs (${why.join("; ")})`);
    }
    for (;;) {
      const seen = Atomics.load(this.words, EVENTS);
      if (this.receive(replies)) return;
      if (Atomics.load(this.words, STARTED) === 0 && performance.now() - this.startedAt > START_TIMEOUT_MS) {
        this.broken = true;
        throw new Error(`WorkerPool.run: the pool's supervisor thread did not start within ${START_TIMEOUT_MS / 1000} s`);
      }
      Atomics.wait(this.words, EVENTS, seen, WAIT_SLICE_MS);
    }
  }

  /** Receives every reply waiting and every runner's stop; returns whether there was any. */
  private receive(replies: Map<number, ReplyMessage>): boolean {
    let any = false;
    this.slots.forEach((s, slot) => {
      any = this.drain(s, replies) || any;
      if (s.stopped || Atomics.load(this.words, stoppedWord(slot)) === 0) return;
      any = this.drain(s, replies) || true; // a reply sent just before the runner stopped is in its port
      s.stopped = true;
      this.broken = true;
      if (s.job !== 0 && s.wanted) throw new Error(`WorkerPool.run: runner ${slot} stopped while running job ${s.q}: ${this.stopReason(slot)}`);
      s.job = 0;
    });
    return any;
  }

  /** Files the replies waiting in a runner's port; returns whether there was any. */
  private drain(s: Slot, replies: Map<number, ReplyMessage>): boolean {
    let any = false;
    for (let m = receiveMessageOnPort(s.port); m !== undefined; m = receiveMessageOnPort(s.port)) {
      const reply = m.message as ReplyMessage;
      if (reply.id !== s.job) continue;
      if (s.wanted) replies.set(s.q, reply);
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
