#!/usr/bin/env node
// The run pool: independent network runs side by side on the pool's runners (one
// thread each), against one after another in the calling thread (on the simulator's default
// threads, two threads, one thread), at the sizes notebooks 05 and 06 repeat over seeds; the
// pool's start-up and memory; and the simulations of theoryTable's nine points as
// theoryTable runs them (one queue of all points on the pool, or not, by the library's own rule),
// and point after point, per point and in total.
// Each measurement runs in a fresh child process (its own peak RSS), the modes interleaved.
// Usage: node bench/run-pool.bench.js [sizes|startup|table] [rounds] [K: one size only]
"use strict";
const { spawnSync } = require("node:child_process");
const { join } = require("node:path");
const { median, loadLine } = require("./measure");
const { benchOptions } = require("./options");

const SIZES = [
  { K: 100, N: 1000, T: 2, runs: 20 },
  { K: 400, N: 4000, T: 1.5, runs: 8 },
  { K: 1000, N: 10000, T: 1.5, runs: 4 },
];
const MODES = ["pool", "default", "threads 2", "threads 1"];

/**
 * A pool session running `count` jobs given by `job(q)`, dropping their values (an error is thrown).
 * @param {number} count
 * @param {(q: number) => { task: string, args: unknown }} job
 */
function jobs(count, job) {
  let next = 0;
  return {
    next: () => (next < count ? job(next++) : undefined),
    receive: (/** @type {unknown} */ _, /** @type {{ ok: true } | { ok: false, error: Error }} */ outcome) => {
      if (!outcome.ok) throw outcome.error;
      return true;
    },
  };
}

/**
 * In a child: `runs` runs of one size in one mode; prints { wall, cpu, peakMb, threads } as JSON.
 * @param {string} mode one of MODES
 * @param {number} K
 * @param {number} N
 * @param {number} T duration (s)
 * @param {number} runs
 */
function child(mode, K, N, T, runs) {
  const dist = join(__dirname, "..", "lib", "dist");
  const { simulateNetwork, meanRates, asynchronousFrom } = require("ei-balance");
  const { WorkerPool } = require(join(dist, "core", "worker-pool"));
  const params = require("ei-balance").networkParams({ N, K, duration: T });
  const job = (/** @type {number} */ q) => ({ task: "asynchronousRates", args: { params, seed: q + 1, transient: 0.2, minWindow: 0.3 } });
  let pool;
  if (mode === "pool") {
    pool = new WorkerPool(join(dist, "experiments", "pool-worker.js"), 2);
    // start the runners and warm them up on a tiny run: the start-up is measured by `startup`
    pool.run(jobs(2, () => ({ task: "asynchronousRates", args: { params: require("ei-balance").networkParams({ N: 50, K: 5, duration: 0.6 }), seed: 1, transient: 0.2, minWindow: 0.3 } })));
  }
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let threads = 1;
  if (pool) pool.run(jobs(runs, job));
  else {
    for (let q = 0; q < runs; q++) {
      const t = mode === "default" ? undefined : Number(mode.split(" ")[1]);
      const run = simulateNetwork({ params, seed: q + 1, initialV: "uniform", threads: t });
      meanRates(run, { transient: asynchronousFrom(run, 0.2) });
      threads = run.threads;
    }
  }
  const wall = (performance.now() - t0) / 1e3;
  const c = process.cpuUsage(c0);
  console.log(JSON.stringify({ wall, cpu: (c.user + c.system) / 1e6, peakMb: process.resourceUsage().maxRSS / 1024, threads }));
}

/**
 * Runs this script's `part` (and its arguments) in a child process; returns what it printed last, parsed.
 * @param {string} part
 * @param {(string | number)[]} [args]
 */
function inChild(part, args = []) {
  const r = spawnSync(process.execPath, [__filename, part, ...args.map(String)], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split("\n").pop() ?? "");
}

/** @param {number[]} xs */
const fmt = (xs) => `${median(xs).toFixed(2)} s (${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)})`;

/**
 * Each size (or only K = onlyK): its runs in each mode, `rounds` times, the modes interleaved.
 * @param {number} rounds
 * @param {number | undefined} onlyK
 */
function sizes(rounds, onlyK) {
  for (const { K, N, T, runs } of SIZES.filter((z) => onlyK === undefined || z.K === onlyK)) {
    console.log(`N = ${N}, K = ${K}, ${T} s: ${runs} runs (the asynchronousRates run: simulation and analysis), ${rounds} rounds, modes interleaved`);
    /** @type {Record<string, { wall: number, cpu: number, peakMb: number, threads: number }[]>} */
    const res = Object.fromEntries(MODES.map((m) => [m, []]));
    for (let r = 0; r < rounds; r++) for (const m of MODES) res[m].push(inChild("child", [m, K, N, T, runs]));
    for (const m of MODES) {
      const w = res[m].map((x) => x.wall);
      console.log(`  ${m.padEnd(10)} wall ${fmt(w)}, ${(median(w) / runs).toFixed(3)} s per run; CPU ${fmt(res[m].map((x) => x.cpu))}; ` +
        `peak RSS ${median(res[m].map((x) => x.peakMb)).toFixed(0)} MB${m === "pool" ? "" : `; threads ${res[m][0].threads}`}`);
    }
    console.log(`  pool / default (median wall): ${(median(res.pool.map((x) => x.wall)) / median(res.default.map((x) => x.wall))).toFixed(2)}`);
  }
}

/** In a child: the pool's start (to the first reply of a tiny run) and the RSS it adds. */
function startupChild() {
  const { join: j } = require("node:path");
  const dist = j(__dirname, "..", "lib", "dist");
  const { networkParams } = require("ei-balance");
  const { WorkerPool } = require(j(dist, "core", "worker-pool"));
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const pool = new WorkerPool(j(dist, "experiments", "pool-worker.js"), 2);
  const args = { params: networkParams({ N: 50, K: 5, duration: 0.6 }), seed: 1, transient: 0.2, minWindow: 0.3 };
  pool.run(jobs(2, () => ({ task: "asynchronousRates", args })));
  const start = performance.now() - t0;
  const t1 = performance.now();
  pool.run(jobs(2, () => ({ task: "asynchronousRates", args })));
  console.log(JSON.stringify({ start, again: performance.now() - t1, rssMb: (process.memoryUsage().rss - rss0) / 2 ** 20 }));
}

/** @param {number} rounds */
function startup(rounds) {
  const res = Array.from({ length: rounds }, () => inChild("startup-child"));
  console.log(`pool of 2 runners: start to the first replies ${median(res.map((x) => x.start)).toFixed(0)} ms (${res.map((x) => x.start.toFixed(0)).join(", ")}); ` +
    `the same two tiny runs again ${median(res.map((x) => x.again)).toFixed(1)} ms; RSS added by the idle pool ${median(res.map((x) => x.rssMb)).toFixed(0)} MB`);
}

/**
 * In a child: the simulations of theoryTable's points, as theoryTable runs them (one queue of
 * groups on the run pool: `queue`), or point after point through asynchronousRates (`points`);
 * either way the pool or not by the library's own rule. Prints the total and when each point ended.
 * @param {string} mode `queue` or `points`
 */
function tableChild(mode) {
  const { asynchronousRates, defaultTheoryPoints } = require("ei-balance");
  const dist = join(__dirname, "..", "lib", "dist", "experiments");
  const { asynchronousRuns } = require(join(dist, "asynchronous-rates"));
  const { runGroups } = require(join(dist, "run-pool"));
  /** @param {{ K: number, rX: number }} point */
  const options = ({ K, rX }) => ({ params: { K, N: 10 * K, rX, duration: K <= 200 ? 2 : 1.5 }, seeds: Array.from({ length: 60 }, (_, s) => s + 1), usableWanted: 20 });
  const t0 = performance.now();
  /** @type {number[]} */
  const ends = [];
  const points = defaultTheoryPoints.map((pt) => ({ ...pt, runs: 0 }));
  if (mode === "points") {
    for (const pt of points) {
      pt.runs = asynchronousRates(options(pt)).runs;
      ends.push((performance.now() - t0) / 1e3);
    }
  } else {
    const runs = points.map((pt) => asynchronousRuns(options(pt)));
    const groups = runs.map((r, q) => ({ ...r.group, end: () => { points[q].runs = r.result().runs; ends.push((performance.now() - t0) / 1e3); } }));
    runGroups("bench", runs[runs.length - 1].params, groups);
  }
  console.log(JSON.stringify({ total: (performance.now() - t0) / 1e3, points: points.map((p, q) => ({ ...p, wall: ends[q] - (q > 0 ? ends[q - 1] : 0) })) }));
}

/** @param {number} rounds */
function table(rounds) {
  for (const mode of ["queue", "points"]) {
    const res = Array.from({ length: rounds }, () => inChild("table-child", [mode]));
    console.log(`theoryTable's simulations (9 points, 20 usable runs each, pool start included), ${mode === "queue" ? "one queue of all points (as theoryTable)" : "point after point"}: total ${fmt(res.map((x) => x.total))}`);
    res[0].points.forEach((/** @type {{ K: number, rX: number, runs: number }} */ p, /** @type {number} */ i) => console.log(`  K = ${p.K}, r_X = ${p.rX}: ${p.runs} runs, ${fmt(res.map((x) => x.points[i].wall))} (from the end of the point before)`));
  }
}

// the children's parts (child, startup-child, table-child) are this script's own calls; the others are the command line
const [part, ...given] = process.argv.slice(2);
if (part === "child") {
  const [K, N, T, runs] = given.slice(1).map(Number);
  child(given[0], K, N, T, runs);
} else if (part === "startup-child") startupChild();
else if (part === "table-child") tableChild(given[0]);
else {
  const opt = benchOptions("run-pool.bench", [], {
    plain: [{ name: "part", choices: ["sizes", "startup", "table"] }, { name: "rounds", min: 1 }, { name: "K", choices: SIZES.map((z) => String(z.K)) }],
  });
  console.log(loadLine());
  const rounds = opt.plainNumber("rounds") ?? 3;
  const what = opt.plain("part") ?? "sizes";
  if (what === "sizes") sizes(rounds, opt.plainNumber("K"));
  else if (what === "startup") startup(rounds);
  else table(rounds);
  console.log(loadLine());
}
