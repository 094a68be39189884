/**
 * The runner side of the worker pool: what a runner's worker script calls to serve jobs (see
 * {@link WorkerPool}). A runner runs one job at a time, synchronously, and replies with its
 * value or its error; a task polls `checkpoint` to give up a job the calling thread no longer
 * wants.
 */
import { isMainThread, workerData } from "node:worker_threads";
import { CancelledError } from "./run-control";
import { collectWarnings } from "./warnings";
import { cancelWord, errorData, signalEvent, type JobMessage, type ReplyMessage, type RunnerData } from "./pool-protocol";

/**
 * A task a runner can run: its arguments (as sent, after the structured clone) and `checkpoint`,
 * which throws a {@link CancelledError} once the job is cancelled (call it now and then in long
 * work); it returns a structured-cloneable value.
 */
export type PoolTaskFunction = (args: unknown, checkpoint: () => void) => unknown;

/** The worker data of a pool runner, or undefined in any other thread. */
function runnerData(): RunnerData | undefined {
  const data = workerData as RunnerData | undefined;
  return !isMainThread && data && data.kind === "ei-balance/pool-runner" ? data : undefined;
}

/** Runs one job and returns the reply (an error becomes an error reply). */
function runJob(job: JobMessage, tasks: ReadonlyMap<string, PoolTaskFunction>, words: Int32Array, slot: number): ReplyMessage {
  const checkpoint = (): void => {
    if (Atomics.load(words, cancelWord(slot)) === job.id) throw new CancelledError(`worker pool: job ${job.id} (${job.task}) cancelled`);
  };
  const warnings: string[] = [];
  try {
    const task = tasks.get(job.task);
    if (task === undefined) throw new Error(`worker pool: no task named ${JSON.stringify(job.task)} in this runner`);
    return { id: job.id, ok: true, value: collectWarnings(warnings, () => task(job.args, checkpoint)), warnings };
  } catch (e) {
    return { id: job.id, ok: false, error: errorData(e), warnings };
  }
}

/**
 * Serves the jobs of the calling thread when this thread is a pool runner (started by the pool's
 * supervisor); does nothing in any other thread, so a runner script can call it at its top level.
 * Each job runs synchronously; its reply (a value that cannot be cloned becomes an error reply)
 * goes back on the runner's port, then the calling thread is woken.
 * @param tasks the tasks by name.
 * @returns whether this thread is a pool runner (and now serves the jobs).
 */
export function servePoolJobs(tasks: ReadonlyMap<string, PoolTaskFunction>): boolean {
  const data = runnerData();
  if (data === undefined) return false;
  const { slot, port } = data;
  const words = new Int32Array(data.control);
  port.on("message", (job: JobMessage) => {
    const reply = runJob(job, tasks, words, slot);
    try {
      port.postMessage(reply);
    } catch (e) {
      port.postMessage({ id: job.id, ok: false, error: errorData(e), warnings: reply.warnings } satisfies ReplyMessage);
    }
    signalEvent(words);
  });
  return true;
}
