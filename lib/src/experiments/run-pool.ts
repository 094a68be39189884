/**
 * Internal to the experiments (not re-exported from the package): the run pool. An experiment
 * whose runs are independent (one network per seed) defines its run as a pool task and hands the
 * runs to {@link runGroups}, which runs them side by side on one persistent pool of worker
 * threads (one runner per core, started at the first use and kept for the process), each run on
 * one thread, or one after another in the calling thread. Either way a run is the same function
 * of the same arguments, so its value is the same, bit for bit, and the values arrive in order.
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { NetworkParams } from "../network/params";
import { parseSimulationOptions, runBytes } from "../network/simulation-options";
import { resolveLimits } from "../core/limits";
import type { PoolTaskFunction } from "../core/pool-runner";
import { WorkerPool, type PoolJob, type PoolOutcome, type PoolSession } from "../core/worker-pool";

/** The compiled script of the pool's runners (lib/dist/experiments/pool-worker.js, beside this module's compiled file). */
const RUNNER_FILE = join(__dirname, "pool-worker.js");

/**
 * Largest N K of runs that go to the pool. Measured (bench/run-pool.bench.js, 2 cores, quiet):
 * two runs side by side on one thread each finish sooner than one after another, each on the
 * simulator's two threads, at every size the notebooks repeat over seeds, up to N = 10^4,
 * K = 10^3 (1.77 s against 1.96 s a run there; 0.22 s against 0.45 s at N = 4000, K = 400).
 */
const POOL_MAX_NK = 1e7;

/** Where a run executes. */
export interface RunContext {
  /** The `threads` option of simulateNetwork: 1 in a pool runner (which starts no threads of its own), else undefined (the default). */
  threads: number | undefined;
  /** Throws a CancelledError once the run is cancelled (a pool runner's); pass it as simulateNetwork's `onProgress`. */
  checkpoint: () => void;
}

/** A run that the pool's runners know by name. */
export interface PoolTask<A, R> {
  /** The name the runners know it by. */
  readonly name: string;
  /** The run: arguments (structured-cloneable) and context to its value (structured-cloneable). */
  run(args: A, context: RunContext): R;
  /** Restores what the structured clone of a value received from a runner lost (class instances). */
  revive(value: R): R;
}

/** The calling thread's context: the simulator's default threads, nothing to cancel. */
const IN_THREAD: RunContext = { threads: undefined, checkpoint: () => {} };

const tasks = new Map<string, PoolTask<unknown, unknown>>();

/**
 * Defines the pool task `name` (unique among the experiments; its module must be loaded by the
 * runners, see pool-worker.ts).
 * @param name the task's name.
 * @param run the run: arguments (structured-cloneable) and context to value (structured-cloneable).
 * @param revive restores a value received from a runner (default: as it is).
 * @returns the task.
 */
export function poolTask<A, R>(name: string, run: (args: A, context: RunContext) => R, revive: (value: R) => R = (v) => v): PoolTask<A, R> {
  const task: PoolTask<A, R> = { name, run, revive };
  tasks.set(name, task as PoolTask<unknown, unknown>);
  return task;
}

/** Every task defined so far, as a runner serves it: on one thread, cancelled through the runner's checkpoint. */
export function runnerTasks(): Map<string, PoolTaskFunction> {
  return new Map([...tasks].map(([name, t]) => [name, (args: unknown, checkpoint: () => void) => t.run(args, { threads: 1, checkpoint })]));
}

let shared: WorkerPool | undefined;

/** The process's pool, started now if there is none (or it broke). */
function sharedPool(): WorkerPool {
  if (!shared?.healthy) shared = new WorkerPool(RUNNER_FILE, availableParallelism());
  return shared;
}

/**
 * Stops the threads of the run pool (the worker threads on which `asynchronousRates`,
 * `theoryTable`, `networkRateSweep`, `kScan`, `correlationEffect` and `openLoopNeurons` run
 * their runs side by side), if it was started, and frees their memory; a later call starts it again. Not needed
 * before a process ends: the pool's threads never keep it alive.
 */
export function closeRunPool(): void {
  shared?.close();
  shared = undefined;
}

/**
 * What decides whether runs go to the pool: the parameters of the largest network run, or the
 * memory of one run of another kind (bytes, e.g. a single neuron's).
 */
export type RunSize = NetworkParams | { bytesPerRun: number };

/**
 * How many runs of `size` go side by side: 0 (one after another in the calling thread, each
 * on the simulator's default threads) on one core, for a single run, for network runs above
 * {@link POOL_MAX_NK}, or where the compiled scripts are absent (ts-jest); else up to one per
 * core, as many as the memory limit of one call (`maxBytes`) holds.
 */
function sideBySide(where: string, size: RunSize, runs: number, maxBytes: number | undefined): number {
  const cores = availableParallelism();
  const network = "N" in size;
  if (runs < 2 || cores < 2 || (network && size.N * size.K > POOL_MAX_NK) || !WorkerPool.available(RUNNER_FILE) || shared?.busy) return 0;
  const bytes = network ? runBytes(parseSimulationOptions({ params: size, seed: 1, threads: 1, maxBytes: Number.MAX_VALUE })) : size.bytesPerRun;
  const fit = Math.floor(resolveLimits(where, { maxBytes }).maxBytes / bytes);
  return fit >= 2 ? Math.min(cores, fit) : 0;
}

/** Runs of one experiment (one call, or one point of a table) for {@link runGroups}. */
export interface RunGroup<A, R> {
  /** The run. */
  task: PoolTask<A, R>;
  /** Number of runs. */
  count: number;
  /** Arguments of run q (asked when it is handed out, in order). */
  args(q: number): A;
  /** How many runs past the last one consumed are certainly wanted, whatever their values (default: all). */
  wanted?(): number;
  /** Receives the value of run q, in order; false ends the group (no further run of it starts). */
  consume(value: R, q: number): boolean;
  /** Called once the group has ended, before the next group's first value. */
  end?(): void;
}

/** A run of a group, as handed to the pool. */
interface GroupJob extends PoolJob {
  group: number;
  q: number;
}

/**
 * Hands out the runs of groups to the pool and passes their values on in order: group after
 * group, each in run order. A group's run is handed out only while it is certainly wanted
 * (`wanted()` past the last one consumed), so the runs made are those of one after another; the
 * runs of the next groups start while the current group finishes.
 */
class GroupSchedule implements PoolSession<GroupJob> {
  private current = 0;
  private running = 0;
  private readonly handed: number[];
  private readonly consumed: number[];
  private readonly ended: boolean[];
  private readonly outcomes: Map<number, PoolOutcome>[];

  constructor(
    private readonly groups: readonly RunGroup<unknown, unknown>[],
    private readonly limit: number,
  ) {
    this.handed = groups.map(() => 0);
    this.consumed = groups.map(() => 0);
    this.ended = groups.map(() => false);
    this.outcomes = groups.map(() => new Map());
  }

  next(): GroupJob | undefined {
    if (this.running >= this.limit) return undefined;
    for (let g = this.current; g < this.groups.length; g++) {
      const { task, count, args, wanted } = this.groups[g];
      const q = this.handed[g];
      if (this.ended[g] || q >= count || q - this.consumed[g] >= Math.max(1, wanted?.() ?? count)) continue;
      this.handed[g]++;
      this.running++;
      return { task: task.name, args: args(q), group: g, q };
    }
    return undefined;
  }

  receive(job: GroupJob, outcome: PoolOutcome): boolean {
    this.running--;
    this.outcomes[job.group].set(job.q, outcome);
    while (this.current < this.groups.length && this.consumeNext(this.current));
    return this.current < this.groups.length;
  }

  /** Consumes the next run of group g if its outcome is in; returns whether it did. */
  private consumeNext(g: number): boolean {
    const q = this.consumed[g];
    const outcome = this.outcomes[g].get(q);
    if (outcome === undefined) return false;
    this.outcomes[g].delete(q);
    if (!outcome.ok) throw outcome.error;
    const { task, count, consume, end } = this.groups[g];
    this.consumed[g]++;
    if (!consume(task.revive(outcome.value), q) || q + 1 === count) {
      this.ended[g] = true;
      this.current++;
      end?.();
    }
    return true;
  }
}

/**
 * Runs the runs of several groups (e.g. the points of a table, and their theories), group after
 * group, each in run order (the groups may run different tasks): on the run pool when they suit it (see sideBySide), at most `wanted()` of a group past
 * its last run consumed, the next groups' runs starting while a group finishes; else one after
 * another in the calling thread. The values, the runs made and the calls of `consume` (group
 * after group) are the same either way; so is a run's error (thrown in turn, with the run's own
 * message).
 * @param where name of the experiment (for messages).
 * @param size the largest run's network parameters, or the bytes of one run of another kind (they decide whether the runs go to the pool).
 * @param groups the groups.
 * @param maxBytes the memory limit of the experiment's call (bytes), if it takes one.
 * @throws the first failed run's error, in order; Error when a pool runner stops during a run.
 */
export function runGroups(where: string, size: RunSize, groups: readonly RunGroup<unknown, unknown>[], maxBytes?: number): void {
  const ahead = sideBySide(where, size, groups.reduce((n, g) => n + g.count, 0), maxBytes);
  if (ahead === 0) {
    for (const { task, count, args, consume, end } of groups) {
      for (let q = 0; q < count; q++) if (!consume(task.run(args(q), IN_THREAD), q)) break;
      end?.();
    }
    return;
  }
  sharedPool().run(new GroupSchedule(groups, ahead));
}

/**
 * {@link runGroups} for one group (its types inferred from its task).
 * @param where name of the experiment (for messages).
 * @param size the largest run's network parameters, or the bytes of one run of another kind.
 * @param group the runs.
 * @param maxBytes the memory limit of the experiment's call (bytes), if it takes one.
 * @throws as {@link runGroups}.
 */
export function runGroup<A, R>(where: string, size: RunSize, group: RunGroup<A, R>, maxBytes?: number): void {
  runGroups(where, size, [group], maxBytes);
}
