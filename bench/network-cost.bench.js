#!/usr/bin/env node
// Memory and time of our simulator against N and K (notebook 08, section 4): each size in a fresh
// node process (so its peak RSS is its own), one connectivity build and a run of 0.1 s, wall and
// CPU times (all threads). Writes bench/results/network-cost.json, which notebook 08 shows as
// "measured by npm run bench -- network-cost". Not part of the main bench (minutes, about 1.3 GB
// at N = 10^5, K = 10^3): run it with `npm run bench -- network-cost`, then commit the JSON.
"use strict";
const { spawnSync } = require("node:child_process");
const { benchContext, writeResult } = require("./context");
const { loadLine } = require("./measure");
const { benchOptions } = require("./options");

benchOptions("network-cost.bench", []);

const SIZES = [[1000, 100], [10000, 100], [10000, 1000], [100000, 100], [100000, 1000]];
const duration = 0.1;

/**
 * networkCost of one size in a fresh process.
 * @param {number} N
 * @param {number} K
 * @returns {import("ei-balance").NetworkCost}
 */
function measure(N, K) {
  const code = `process.stdout.write(JSON.stringify(require("ei-balance").networkCost([{ N: ${N}, K: ${K} }], { duration: ${duration}, seed: 1 })[0]))`;
  const r = spawnSync(process.execPath, ["-e", code], { encoding: "utf8", maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`N = ${N}, K = ${K} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

console.log(loadLine());
const context = benchContext("npm run bench -- network-cost",
  "The CPU is shared with other jobs (see the load average against the CPU count): wall times stretch with the load, CPU times (all threads) much less.");
const sizes = SIZES.map(([N, K]) => {
  const c = measure(N, K);
  console.log(`N=${N} K=${K}: ${c.bytesPerSynapse.toFixed(3)} bytes/synapse, run memory ${(c.memoryBytes / 2 ** 20).toFixed(1)} MiB, ` +
    `peak RSS ${(c.peakResidentBytes / 2 ** 20).toFixed(0)} MiB, build ${c.buildSeconds.toFixed(2)} s wall / ${c.buildCpuSeconds.toFixed(2)} s CPU, ` +
    `simulation ${c.secondsPerSimulatedSecond.toFixed(2)} s wall / ${c.cpuSecondsPerSimulatedSecond.toFixed(2)} s CPU per simulated s`);
  return c;
});
console.log(loadLine());
console.log(`wrote ${writeResult("network-cost", context, { duration, sizes })}`);
