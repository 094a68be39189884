#!/usr/bin/env node
// Notebook 09's two maps (balanceMap on the run pool, the notebook's settings): wall and CPU time
// of each map (the process's CPU, the pool's threads included), its runs and how many ended at the
// probe; then the cost of one run per kind of point, one after another in this thread (median of 3
// seeds): balanced (AI), E silent, synchronous, and a saturated probe. Prints only; the load average
// is printed beside, since the machine is shared. Usage: npm run bench -- balance-map
"use strict";
const os = require("node:os");
const { median } = require("./measure");
const { benchOptions } = require("./options");
const { balanceMap, simulateNetwork, closeRunPool } = require("ei-balance");
const { nb09Grid } = require("ei-balance/tutorial");

const settings = { duration: 0.3, transient: 0.1, probe: 0.03, boundarySeeds: [2] };
/** @param {NodeJS.CpuUsage} since */
const cpuSeconds = (since) => { const u = process.cpuUsage(since); return (u.user + u.system) / 1e6; };
benchOptions("balance-map.bench", []);

console.log(`load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`);
for (const [K, N, n] of [[100, 500, 20], [400, 1000, 10]]) {
  const t0 = Date.now(), c0 = process.cpuUsage();
  const map = balanceMap({ K, N, ...nb09Grid(n), ...settings });
  const probed = map.points.filter((p) => p.probed).length;
  console.log(`K = ${K}, N = ${N}, ${n} x ${n}: ${map.runs} runs (${probed} points ended at the probe) in ` +
    `${((Date.now() - t0) / 1000).toFixed(1)} s, ${cpuSeconds(c0).toFixed(1)} s of CPU`);
}
closeRunPool();

/** @type {[name: string, x: number, y: number, duration: number][]} */
const kinds = [["AI", 2.5, 2, 0.3], ["E silent", 6, 1, 0.3], ["synchronous", 1.8, 2.1, 0.3], ["saturated probe", 0.6, 1.5, 0.03]];
for (const [K, N] of [[100, 500], [400, 1000]]) {
  const row = kinds.map(([name, x, y, T]) => {
    const times = [1, 2, 3].map((seed) => {
      const c0 = process.cpuUsage();
      simulateNetwork({ params: { N, K, duration: T, J: [[1, -x], [1, -y]] }, seed, initialV: "uniform", threads: 1 });
      return cpuSeconds(c0);
    });
    return `${name} ${(1000 * median(times)).toFixed(0)} ms`;
  });
  console.log(`one run at K = ${K}, N = ${N} (CPU, median of 3): ${row.join(", ")}`);
}
