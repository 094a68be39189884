#!/usr/bin/env node
// The large network: N = 10^5, K = 10^3 (6 x 10^8 synapses). Not part of the main
// bench (it takes about a minute and 1.5 GB): run it with `npm run bench -- large`.
// Prints the build time, the simulation time per simulated second, synaptic events per second,
// bytes per synapse and peak RSS, against the targets: build <= 5 s on two cores, <= 30 s per
// simulated second, peak RSS <= 2 GB.
// The build is timed `builds` times (default 3), the first ones each in a fresh process: on a
// shared virtual machine the same build varies by 10-40 % from minute to minute, so the bench
// prints every run, the median and the minimum.
// Usage: node bench/large.bench.js [duration in s, default 0.5] [threads] [builds, default 3]
"use strict";
const { spawnSync } = require("node:child_process");
const { buildConnectivity, simulateNetwork, meanRates } = require("ei-balance");
const { median, peakRssMb, loadLine, timed, firstTouchLine } = require("./measure");
const { benchOptions } = require("./options");

const N = 1e5;
const K = 1e3;
const opt = benchOptions("large.bench", [], { plain: [{ name: "duration" }, { name: "threads", min: 1 }, { name: "builds", min: 1 }] });
const duration = opt.plainNumber("duration") ?? 0.5;
const threads = opt.plainNumber("threads");
const builds = opt.plainNumber("builds") ?? 3;

/** Wall and CPU seconds of one build in a fresh process (so that it starts with fresh memory, like the first). */
function buildInFreshProcess() {
  const code = `const { timed } = require(${JSON.stringify(require.resolve("./measure"))}); ` +
    `const b = timed(() => require("ei-balance").buildConnectivity({ N: ${N}, K: ${K}, seed: 1 })); process.stdout.write(JSON.stringify([b.wall, b.cpu]))`;
  const r = spawnSync(process.execPath, ["-e", code], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`a build in a fresh process failed: ${r.stderr}`);
  return JSON.parse(r.stdout).map((/** @type {number} */ ms) => ms / 1e3);
}

console.log(loadLine());
const times = Array.from({ length: Math.max(0, builds - 1) }, buildInFreshProcess);
const build = timed(() => buildConnectivity({ N, K, seed: 1 }));
const conn = build.value;
times.push([build.wall / 1e3, build.cpu / 1e3]);
const walls = times.map(([w]) => w);
console.log(`large: N=${N} K=${K}, ${conn.synapses.toExponential(2)} synapses in ${conn.parts} parts per block`);
console.log(`  build: median ${median(walls).toFixed(2)} s wall, min ${Math.min(...walls).toFixed(2)} s, median ${median(times.map(([, c]) => c)).toFixed(2)} s CPU (all threads) ` +
  `[target <= 5 s wall on two cores]; runs: ${walls.map((w) => w.toFixed(2)).join(", ")} s`);
console.log(`  ${conn.bytesPerSynapse.toFixed(3)} bytes/synapse (${(conn.bytes / 1e9).toFixed(2)} GB)`);
console.log(firstTouchLine(conn.bytes));
const sim = timed(() => simulateNetwork({ params: { N, K, duration }, seed: 1, connectivity: conn, initialV: "uniform", threads }));
const run = sim.value;
const perSecond = run.simulationSeconds / duration;
console.log(`  simulation of ${duration} s on ${run.threads} threads: ${run.simulationSeconds.toFixed(2)} s wall, ${(sim.cpu / 1e3).toFixed(2)} s CPU (all threads)`);
console.log(`  ${perSecond.toFixed(1)} s wall per simulated second [target <= 30 s], ${(sim.cpu / 1e3 / duration).toFixed(1)} s CPU per simulated second`);
const rates = meanRates(run, { transient: Math.min(0.1, duration / 2) });
console.log(`  ${(run.synapticEvents / run.simulationSeconds / 1e6).toFixed(0)} M synaptic events/s (${run.synapticEvents.toExponential(2)} events), ` +
  `rates after ${rates.transient} s: E ${rates.E.mean.toFixed(2)} Hz, I ${rates.I.mean.toFixed(2)} Hz`);
console.log(`  peak RSS ${peakRssMb().toFixed(0)} MB [target <= 2048 MB]`);
