import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asynchronousRates as ratesInThread } from "../lib/src/experiments/asynchronous-rates";
import { networkRateSweep as sweepInThread } from "../lib/src/experiments/rate-sweep";
import { kScan as kScanInThread, type KScanRun } from "../lib/src/experiments/k-scan";
import { correlationEffect as correlationsInThread } from "../lib/src/experiments/input-correlations";
import { openLoopNeurons as openInThread } from "../lib/src/experiments/open-loop";
import { networkParams } from "../lib/src/network/params";
import { runnerTasks } from "../lib/src/experiments/run-pool";
import type * as Experiments from "../lib/src/experiments";
import type * as Network from "../lib/src/network";
import type * as Pool from "../lib/src/core/worker-pool";
import type * as RunPool from "../lib/src/experiments/run-pool";
import type * as Rates from "../lib/src/experiments/asynchronous-rates";

// The pool's threads run compiled code (lib/dist/core/pool-supervisor.js and
// lib/dist/experiments/pool-worker.js), so this file drives the built library (`npm test` builds
// it first) and compares it with lib/src, which ts-jest runs in this thread, one run after another.
const dist = join(__dirname, "..", "lib", "dist");
const RUNNER = join(dist, "experiments", "pool-worker.js");
const built = existsSync(RUNNER) && existsSync(join(dist, "core", "pool-supervisor.js"));
const describeBuilt = built ? describe : describe.skip;
/* eslint-disable @typescript-eslint/no-require-imports -- the built library, loaded only where it exists */
const load = <T>(path: string): T => require(join(dist, path)) as T;
/* eslint-enable @typescript-eslint/no-require-imports */

const small = { N: 200, K: 20, duration: 0.6 };

describeBuilt("the run pool", () => {
  const lib = built ? load<typeof Experiments>("experiments") : undefined!;
  const network = built ? load<typeof Network>("network") : undefined!;
  const { WorkerPool } = built ? load<typeof Pool>("core/worker-pool") : ({} as typeof Pool);
  const { closeRunPool } = built ? load<typeof RunPool>("experiments/run-pool") : ({} as typeof RunPool);
  afterAll(() => closeRunPool());

  /** A session handing out `jobs` in order: each value goes to `take` (false ends the run); an error is thrown. */
  const session = (jobs: Pool.PoolJob[], take: (value: unknown, q: number) => boolean): Pool.PoolSession<Pool.PoolJob & { q: number }> => {
    let next = 0;
    return {
      next: () => (next < jobs.length ? { ...jobs[next], q: next++ } : undefined),
      receive: (job, outcome) => {
        if (!outcome.ok) throw outcome.error;
        return take(outcome.value, job.q);
      },
    };
  };
  /** Runs jobs of one task on a new pool of `size` runners; returns the values by job. */
  const onPool = (size: number, task: string, args: unknown[], script = RUNNER): unknown[] => {
    const pool = new WorkerPool(script, size);
    const values: unknown[] = [];
    try {
      pool.run(session(args.map((a) => ({ task, args: a })), (v, q) => (values[q] = v) !== null));
    } finally {
      pool.close();
    }
    return values;
  };

  test("a run gives the same value, bit for bit, on pools of 1, 2 and 3 runners as one after another in this thread", () => {
    const params = networkParams({ ...small, rX: 12 });
    const args = [1, 2, 3, 4, 5].map((seed) => ({ params, seed, initialV: "uniform", transient: 0.2 }));
    // the task as a runner runs it (one thread), here in this thread from lib/src
    const task = runnerTasks().get("networkRateSweep")!;
    const inThread = args.map((a) => task(a, () => {}));
    expect(inThread[0]).toEqual([expect.any(Number), expect.any(Number)]);
    for (const size of [1, 2, 3]) expect(onPool(size, "networkRateSweep", args)).toEqual(inThread);
  });

  test("asynchronousRates: the same usable runs, rates and progress calls as one run after another", () => {
    // at N = 300, K = 100 about 1 run in 3 locks into the synchronous state: the usable ones must be the first in seed order
    for (const [params, wanted] of [[small, 4], [{ N: 300, K: 100, duration: 0.6 }, 5]] as const) {
      const calls: number[][] = [];
      const callsInThread: number[][] = [];
      const seeds = Array.from({ length: 12 }, (_, q) => q + 1);
      const pooled = lib.asynchronousRates({ params, seeds, usableWanted: wanted, onProgress: (d, t) => calls.push([d, t]) });
      const single = ratesInThread({ params, seeds, usableWanted: wanted, onProgress: (d, t) => callsInThread.push([d, t]) });
      expect(pooled).toEqual(single);
      expect(calls).toEqual(callsInThread);
      expect(single.usable).toBe(wanted);
    }
    expect(ratesInThread({ params: { N: 300, K: 100, duration: 0.6 }, seeds: [1, 2, 3, 4, 5, 6, 7, 8] }).usable).toBeLessThan(8);
  });

  test("several groups (the points of a table): the runs, values, progress and ends of one group after another", () => {
    const { runGroups } = load<typeof RunPool>("experiments/run-pool");
    const { asynchronousRuns } = load<typeof Rates>("experiments/asynchronous-rates");
    const points = [{ N: 300, K: 100, duration: 0.6 }, small, { N: 300, K: 100, duration: 0.6, rX: 12 }];
    const seeds = Array.from({ length: 12 }, (_, q) => q + 1);
    const calls: string[] = [];
    const runs = points.map((params, g) => asynchronousRuns({ params, seeds, usableWanted: 4, onProgress: (d, t) => calls.push(`${g}: ${d} of ${t}`) }));
    runGroups("test", runs[0].params, runs.map((r, g) => ({ ...r.group, end: () => calls.push(`end ${g}`) })));
    const callsInThread: string[] = [];
    const single = points.map((params, g) => {
      const result = ratesInThread({ params, seeds, usableWanted: 4, onProgress: (d, t) => callsInThread.push(`${g}: ${d} of ${t}`) });
      callsInThread.push(`end ${g}`);
      return result;
    });
    expect(runs.map((r) => r.result())).toEqual(single);
    expect(calls).toEqual(callsInThread);
  });

  test("networkRateSweep, kScan, correlationEffect and openLoopNeurons: the same results as one run after another", () => {
    const sweep = { rX: [8, 12], seeds: [1, 2, 3], params: small, initialV: "uniform" as const };
    expect(lib.networkRateSweep(sweep)).toEqual(sweepInThread(sweep));
    const scan = { Ks: [10, 20], seeds: [1, 2], duration: 0.6, recorded: [0, 3], keep: { K: 20, seed: 2 } };
    const pooled = lib.kScan(scan);
    const single = kScanInThread(scan);
    const plain = (r: KScanRun) => ({ ...r, E: { ...r.E }, I: { ...r.I }, connectivity: undefined });
    expect(pooled.map(plain)).toEqual(single.map(plain));
    expect(pooled[3].E.constructor.name).toBe("SpikeTrains");
    // the kept connectivity, received from a runner, is the run's own: it reproduces the run here
    const again = network.simulateNetwork({ params: { N: 200, K: 20, duration: 0.6 }, seed: 2, initialV: "uniform", connectivity: pooled[3].connectivity });
    expect(again.E.bins).toEqual(single[3].E.bins);
    const xc = { params: { ...small, duration: 0.8 }, seeds: [1, 2, 3], testNeurons: 10 };
    expect(lib.correlationEffect(xc)).toEqual(correlationsInThread(xc));
    const points = [8, 12].map((rX) => ({ rX, E: { m: 2 * rX, se: 0.1 }, I: { m: 1.5 * rX, se: 0.1 }, mf: { rE: 2 * rX, rI: 1.5 * rX } }));
    const progress: [number[], number[]] = [[], []];
    const open = (f: typeof openInThread, calls: number[]) => f(points, { duration: 2, batches: 4, onProgress: (d) => calls.push(d) });
    expect(open(lib.openLoopNeurons, progress[0])).toEqual(open(openInThread, progress[1]));
    expect(progress[0]).toEqual(progress[1]);
  });

  test("an error in a runner surfaces as the run's own ParameterError, with its message", () => {
    const xc = { params: { ...small, duration: 0.8 }, seeds: [1, 2, 3], testNeurons: 10, maxSteps: 1e5 };
    let inThread = "";
    try {
      correlationsInThread(xc);
    } catch (e) {
      inThread = (e as Error).message;
    }
    expect(inThread).toMatch(/steps/);
    expect(() => lib.correlationEffect(xc)).toThrow(inThread);
    try {
      lib.correlationEffect(xc);
    } catch (e) {
      expect((e as Error).name).toBe("ParameterError");
    }
    // the pool serves the next call
    expect(lib.networkRateSweep({ rX: [8], seeds: [1, 2], params: small })).toEqual(sweepInThread({ rX: [8], seeds: [1, 2], params: small }));
  });

  describe("runners that misbehave", () => {
    const dir = built ? mkdtempSync(join(tmpdir(), "ei-balance-pool-")) : "";
    const script = (name: string, body: string): string => {
      const file = join(dir, name);
      writeFileSync(file, `"use strict";\nconst { servePoolJobs } = require(${JSON.stringify(join(dist, "core", "pool-runner.js"))});\n${body}\n`);
      return file;
    };
    const tasks = built ? script("tasks.js", `servePoolJobs(new Map([
      ["echo", (x) => x],
      ["exit", () => process.exit(7)],
      ["later", () => process.nextTick(() => { throw new Error("thrown after the reply"); })],
      ["spin", (n, checkpoint) => { const t = Date.now(); while (Date.now() - t < n) checkpoint(); return n; }],
      ["warn", (x) => { require(${JSON.stringify(join(dist, "core", "warnings.js"))}).warnOnce("runner: " + x); return x; }],
    ]));`) : "";

    test("a runner's warnings are printed by the calling thread, once", () => {
      const warn = jest.spyOn(console, "warn").mockImplementation(() => {});
      try {
        expect(onPool(2, "warn", ["one", "two", "one", "one"], tasks)).toEqual(["one", "two", "one", "one"]);
        expect(warn.mock.calls.map((c) => c[0]).sort()).toEqual(["runner: one", "runner: two"]);
      } finally {
        warn.mockRestore();
      }
    });

    test("a runner that exits in a job fails the job instead of hanging, and the pool closes", () => {
      const pool = new WorkerPool(tasks, 2);
      const jobs = [0, 1, 2].map((q) => ({ task: q === 1 ? "exit" : "echo", args: q }));
      expect(() => pool.run(session(jobs, () => true))).toThrow(/runner \d stopped while running a job \(it exited with code 7\)/);
      expect(pool.healthy).toBe(false);
      expect(() => pool.run(session(jobs.slice(0, 1), () => true))).toThrow(/closed/);
    });

    test("a runner that dies after replying, or that cannot load, does not leave the caller waiting", () => {
      const pool = new WorkerPool(tasks, 1);
      const jobs = [0, 1, 2].map((q) => ({ task: q === 0 ? "later" : "echo", args: q }));
      expect(() => pool.run(session(jobs, () => true))).toThrow(/thrown after the reply/);
      pool.close();
      const broken = script("broken.js", `throw new Error("this runner cannot load");`);
      expect(() => onPool(2, "echo", [1, 2], broken)).toThrow(/this runner cannot load/);
      expect(() => onPool(1, "missing", [1], tasks)).toThrow(/no task named "missing"/);
    });

    test("consume returning false cancels the jobs running; their late replies are dropped", () => {
      const pool = new WorkerPool(tasks, 2);
      const values: unknown[] = [];
      pool.run(session([50, 60_000, 60_000, 60_000].map((ms) => ({ task: "spin", args: ms })), (v) => values.push(v) < 1));
      expect(values).toEqual([50]);
      // the cancelled job gives up at its next checkpoint; the pool then runs the next jobs with their own values
      const next: unknown[] = [];
      pool.run(session([0, 1, 2, 3].map((q) => ({ task: "echo", args: `job ${q}` })), (v, q) => (next[q] = v) !== null));
      expect(next).toEqual(["job 0", "job 1", "job 2", "job 3"]);
      pool.close();
    });
  });

  test("the pool keeps no process alive: a script that used it ends, with or without closing it", () => {
    for (const close of ["", "require(" + JSON.stringify(join(dist, "experiments", "run-pool.js")) + ").closeRunPool();"]) {
      const code = `const lib = require(${JSON.stringify(join(dist, "experiments"))});
        const r = lib.asynchronousRates({ params: ${JSON.stringify(small)}, seeds: [1, 2, 3] });
        console.log(r.usable); ${close}`;
      const out = spawnSync(process.execPath, ["-e", code], { encoding: "utf8", timeout: 60_000 });
      expect(out.signal).toBeNull();
      expect(out.status).toBe(0);
      expect(out.stdout.trim()).toBe("3");
    }
  });
});
