/**
 * Worker entry of the pool's supervisor (compiled to lib/dist/core/pool-supervisor.js and started
 * from there by {@link WorkerPool}; internal, not re-exported). It starts the runners and watches
 * them: the calling thread waits synchronously (Atomics.wait) and so never sees a worker's exit
 * event, while this thread's event loop stays free to receive them. When a runner stops (an
 * uncaught error, process.exit, running out of memory), it records why, marks the runner
 * stopped and wakes the calling thread, which then fails the job instead of waiting for ever.
 */
import { isMainThread, Worker, workerData } from "node:worker_threads";
import { signalEvent, STARTED, stoppedWord, type StopMessage, type SupervisorData } from "./pool-protocol";

function supervise({ runnerScript, control, ports, reports }: SupervisorData): void {
  const words = new Int32Array(control);
  Atomics.store(words, STARTED, 1);
  ports.forEach((port, slot) => {
    let reason = "it exited";
    const stopped = (): void => {
      if (Atomics.load(words, stoppedWord(slot)) === 1) return;
      reports.postMessage({ slot, reason } satisfies StopMessage);
      Atomics.store(words, stoppedWord(slot), 1);
      signalEvent(words);
    };
    try {
      const runner = new Worker(runnerScript, { workerData: { kind: "ei-balance/pool-runner", slot, control, port }, transferList: [port] });
      runner.on("error", (e: Error) => {
        reason = `${e.name}: ${e.message}`;
      });
      runner.on("exit", (code: number) => {
        if (reason === "it exited") reason = `it exited with code ${code}`;
        stopped();
      });
    } catch (e) {
      reason = `it could not start: ${(e as Error).message}`;
      stopped();
    }
  });
}

if (!isMainThread && workerData && (workerData as SupervisorData).kind === "ei-balance/pool-supervisor") supervise(workerData as SupervisorData);
