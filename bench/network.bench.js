#!/usr/bin/env node
// The full E/I/X network (SPEC task 5, issues 4 and 14): connectivity build time, simulation
// wall and CPU time (median of several runs), simulated seconds per wall second, synaptic events
// per second, bytes per synapse and peak RSS, for the default network and for the scale case
// N = 10000, K = 1000, each on one thread and on the default number of threads.
// Targets: default simulation no slower than before (~36-40 ms); scale case build
// <= 0.6 s, 1 s simulated in <= 1 s, peak RSS <= 250 MB. The N = 10^5 case: bench/large.bench.js.
// Usage: node bench/network.bench.js [default|scale|threads]
"use strict";
const { buildConnectivity, simulateNetwork, meanRates } = require("ei-balance");
const { median, peakRssMb, loadLine, timed, firstTouchLine } = require("./measure");
const { benchOptions } = require("./options");

/** @typedef {import("ei-balance").Connectivity} Connectivity */

/**
 * `count` connectivity builds (seeds 0, 1, ...): prints their median wall and CPU times and the
 * last one's size; returns the last one.
 * @param {number} N
 * @param {number} K
 * @param {number} count at least 1
 * @param {string} [target] printed after the times
 * @returns {Connectivity}
 */
function builds(N, K, count, target = "") {
  /** @type {number[]} */
  const wall = [];
  /** @type {number[]} */
  const cpu = [];
  /** @type {Connectivity | undefined} */
  let conn;
  for (let r = 0; r < count; r++) {
    // eslint-disable-next-line no-useless-assignment -- drop the previous build before the GC so it is not counted
    conn = undefined;
    if (global.gc) global.gc();
    const b = timed(() => buildConnectivity({ N, K, seed: r }));
    conn = b.value;
    wall.push(b.wall);
    cpu.push(b.cpu);
  }
  if (conn === undefined) throw new Error(`builds: count must be at least 1, got ${count}`);
  console.log(`  connectivity build: median ${median(wall).toFixed(0)} ms wall, ${median(cpu).toFixed(0)} ms CPU (all threads; ${count} builds), ` +
    `${conn.bytesPerSynapse.toFixed(3)} bytes/synapse (${(conn.bytes / 2 ** 20).toFixed(1)} MiB), ${conn.parts} part(s) per block${target}`);
  if (conn.parts > 1) console.log(firstTouchLine(conn.bytes));
  return conn;
}

/**
 * `runs` simulations on `conn` (seeds 0, 1, ...): prints their median wall and CPU times and the
 * last run's events per second and rates.
 * @param {Connectivity} conn
 * @param {number} duration simulated time (s)
 * @param {number} runs at least 1
 * @param {number | undefined} threads undefined: the simulator's default
 * @param {string} [target] printed after the times
 */
function simulations(conn, duration, runs, threads, target = "") {
  /** @type {number[]} */
  const wall = [];
  /** @type {number[]} */
  const cpu = [];
  /** @type {import("ei-balance").NetworkRun | undefined} */
  let run;
  for (let r = 0; r < runs; r++) {
    // eslint-disable-next-line no-useless-assignment -- drop the previous run before the next one allocates
    run = undefined;
    const s = timed(() => simulateNetwork({ params: { N: conn.N, K: conn.K, duration }, seed: r, connectivity: conn, threads }));
    run = s.value;
    wall.push(run.simulationSeconds * 1e3);
    cpu.push(s.cpu);
  }
  if (run === undefined) throw new Error(`simulations: runs must be at least 1, got ${runs}`);
  const w = median(wall) / 1e3;
  const rates = meanRates(run, { transient: Math.min(0.2, duration / 2) });
  console.log(`  simulation on ${run.threads} thread(s): median ${(w * 1e3).toFixed(1)} ms wall (min ${Math.min(...wall).toFixed(1)}, max ${Math.max(...wall).toFixed(1)}), ` +
    `median ${median(cpu).toFixed(1)} ms CPU (all threads, incl. result conversion; ${runs} runs)${target}`);
  console.log(`    ${(duration / w).toFixed(1)} simulated s per wall s, ${(run.synapticEvents / w / 1e6).toFixed(0)} M synaptic events/s ` +
    `(${run.synapticEvents.toExponential(2)} events), rates after 0.2 s: E ${rates.E.mean.toFixed(2)} Hz, I ${rates.I.mean.toFixed(2)} Hz`);
}

/**
 * One case: its builds, then its simulations on each number of threads, and the peak RSS.
 * @param {string} label
 * @param {{ N: number, K: number, duration: number, nBuilds: number, runs: number, threads: (number | undefined)[],
 *   targets?: { build?: string, simulation?: string } }} network
 */
function bench(label, { N, K, duration, nBuilds, runs, threads, targets = {} }) {
  console.log(`${label}: N=${N} K=${K} T=${duration} s rX=10 Hz, ${(6 * N * K).toExponential(2)} synapses`);
  const conn = builds(N, K, nBuilds, targets.build ?? "");
  for (const t of threads) simulations(conn, duration, runs, t, (t === undefined || t > 1) && targets.simulation ? targets.simulation : "");
  console.log(`  peak RSS so far: ${peakRssMb().toFixed(0)} MB`);
}

/**
 * Runs case `name` in a fresh process, so that its peak RSS is its own.
 * @param {string} name
 */
function fresh(name) {
  const { spawnSync } = require("node:child_process");
  spawnSync(process.execPath, [...process.execArgv, __filename, name], { stdio: "inherit" });
}

const only = benchOptions("network.bench", [], { plain: [{ name: "case", choices: ["default", "scale", "threads"] }] }).plain("case");
console.log(loadLine());
if (!only || only === "default") bench("default", { N: 1000, K: 100, duration: 2, nBuilds: 5, runs: 9, threads: [undefined], targets: { simulation: " [target: no slower than before, 36-40 ms]" } });
if (!only) fresh("scale");
if (only === "scale") {
  // peak RSS of one build and one run first (the target), then the repeated timings
  const conn = buildConnectivity({ N: 10000, K: 1000, seed: 0 });
  simulateNetwork({ params: { N: 10000, K: 1000, duration: 1 }, seed: 0, connectivity: conn, threads: 2 });
  console.log(`scale: peak RSS of one build and one 1 s run on two threads: ${peakRssMb().toFixed(0)} MB [target <= 250 MB]`);
  bench("scale", { N: 10000, K: 1000, duration: 1, nBuilds: 3, runs: 3, threads: [2, 1], targets: { build: " [target <= 600 ms wall]", simulation: " [target <= 1000 ms wall]" } });
}
// where threads start to pay: the default (one thread below N K = 2^21, one per core above) against one and two
if (only === "threads") {
  for (const [N, K] of [[3000, 1000], [5000, 500], [10000, 250]]) bench("threads", { N, K, duration: 0.5, nBuilds: 1, runs: 3, threads: [1, 2] });
}
