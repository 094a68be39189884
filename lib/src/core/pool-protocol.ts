/**
 * Internal to the worker pool (not re-exported from the package): what the calling thread, the
 * pool's supervisor thread and its runner threads share. One SharedArrayBuffer of Int32 control
 * words (a counter of events the calling thread waits on, whether the supervisor has started,
 * and per runner the job to cancel and whether it has stopped), the messages of a job and its
 * reply, and errors sent across threads as plain data.
 */
import type { MessagePort } from "node:worker_threads";
import { CancelledError } from "./run-control";
import { ParameterError } from "./validate";

/** Word counting the events the calling thread waits for: a reply sent, a runner stopped. */
export const EVENTS = 0;
/** Word the supervisor sets to 1 once it runs. */
export const STARTED = 1;
/** Word holding the id of the job runner `slot` must give up (0: none). */
export const cancelWord = (slot: number): number => 2 + 2 * slot;
/** Word set to 1 once runner `slot` has stopped (by an error, an exit, or running out of memory). */
export const stoppedWord = (slot: number): number => 3 + 2 * slot;
/** Bytes of the control words of a pool of `size` runners. */
export const controlBytes = (size: number): number => 4 * (2 + 2 * size);

/** Adds one event and wakes the calling thread. */
export function signalEvent(words: Int32Array): void {
  Atomics.add(words, EVENTS, 1);
  Atomics.notify(words, EVENTS);
}

/** A job sent to a runner. */
export interface JobMessage {
  /** The job's id (>= 1). */
  id: number;
  /** The name of a task the runner knows. */
  task: string;
  /** Its arguments (structured-cloneable). */
  args: unknown;
}

/** An error as plain data (what survives the structured clone). */
export interface ErrorData {
  /** The error's name (e.g. "ParameterError"). */
  name: string;
  /** Its message. */
  message: string;
  /** Its stack, where it had one. */
  stack: string | undefined;
}

/** A runner's reply to the job `id`: its value, or the error it threw, and the warnings the job gave (for the calling thread to print once). */
export type ReplyMessage = ({ id: number; ok: true; value: unknown } | { id: number; ok: false; error: ErrorData }) & { warnings: string[] };

/** What the supervisor sends when a runner stops. */
export interface StopMessage {
  /** The runner's slot (0 .. size - 1). */
  slot: number;
  /** Why it stopped (its error, or its exit code). */
  reason: string;
}

/** What the supervisor receives at its start. */
export interface SupervisorData {
  /** Marks the worker data as the supervisor's. */
  kind: "ei-balance/pool-supervisor";
  /** The runners' worker script. */
  runnerScript: string;
  /** The control words. */
  control: SharedArrayBuffer;
  /** One port per runner (its jobs and replies), passed on to it. */
  ports: MessagePort[];
  /** The port of the supervisor's own messages ({@link StopMessage}). */
  reports: MessagePort;
}

/** What a runner receives at its start. */
export interface RunnerData {
  /** Marks the worker data as a runner's. */
  kind: "ei-balance/pool-runner";
  /** The runner's slot (0 .. size - 1). */
  slot: number;
  /** The control words. */
  control: SharedArrayBuffer;
  /** Its port: jobs in, replies out. */
  port: MessagePort;
}

/** An error thrown anywhere, as plain data. */
export function errorData(e: unknown): ErrorData {
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack };
  return { name: "Error", message: String(e), stack: undefined };
}

/**
 * The error to throw in the calling thread for an error of a runner: a {@link ParameterError} or
 * {@link CancelledError} again as itself (same message), any other error as an Error of the same
 * name and message whose stack is the runner's.
 */
export function reviveError(data: ErrorData): Error {
  if (data.name === "ParameterError") return new ParameterError(data.message);
  if (data.name === "AbortError") return new CancelledError(data.message);
  const e = new Error(data.message);
  e.name = data.name;
  if (data.stack !== undefined) e.stack = data.stack;
  return e;
}
