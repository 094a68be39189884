#!/usr/bin/env node
// The full E/I/X network (SPEC task 5, issue 4): connectivity build time, simulation wall time
// (median of several runs), simulated seconds per wall second, synaptic events per second, bytes
// per synapse and peak RSS, for the default network and for the scale case N = 10000, K = 1000.
// Targets (issue 4): default simulation <= 60 ms; scale case build <= 1 s, simulation <= 2 s,
// <= 2.5 bytes per synapse, <= 400 MB peak RSS.
// Usage: node bench/network.bench.js [default|scale]
"use strict";
const { buildConnectivity, simulateNetwork, meanRates } = require("ei-balance");

const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const mb = (kb) => (kb / 1024).toFixed(0);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};

function bench(label, { N, K, duration, builds, runs }) {
  const buildWall = [];
  const buildCpu = [];
  let conn;
  for (let r = 0; r < builds; r++) {
    // eslint-disable-next-line no-useless-assignment -- drop the previous build before the GC so it is not counted
    conn = undefined;
    if (global.gc) global.gc();
    const c0 = cpuMs();
    const t0 = performance.now();
    conn = buildConnectivity({ N, K, seed: r });
    buildWall.push(performance.now() - t0);
    buildCpu.push(cpuMs() - c0);
  }
  const simWall = [];
  const simCpu = [];
  let run;
  for (let r = 0; r < runs; r++) {
    // eslint-disable-next-line no-useless-assignment -- drop the previous run before the next one allocates
    run = undefined;
    const c0 = cpuMs();
    run = simulateNetwork({ params: { N, K, duration }, seed: r, connectivity: conn });
    simWall.push(run.simulationSeconds * 1e3);
    simCpu.push(cpuMs() - c0);
  }
  const wall = median(simWall) / 1e3;
  const rates = meanRates(run, { transient: Math.min(0.2, duration / 2) });
  console.log(`${label}: N=${N} K=${K} T=${duration} s rX=10 Hz, ${conn.synapses.toExponential(2)} synapses`);
  console.log(`  connectivity build: median ${median(buildWall).toFixed(0)} ms wall, ${median(buildCpu).toFixed(0)} ms CPU (${builds} builds), ` +
    `${conn.bytesPerSynapse.toFixed(3)} bytes/synapse (${(conn.bytes / 2 ** 20).toFixed(1)} MiB)`);
  console.log(`  simulation: median ${(wall * 1e3).toFixed(1)} ms wall (min ${Math.min(...simWall).toFixed(1)}, max ${Math.max(...simWall).toFixed(1)}), ` +
    `median ${median(simCpu).toFixed(1)} ms CPU incl. result conversion (${runs} runs)`);
  console.log(`  ${(duration / wall).toFixed(1)} simulated s per wall s, ${(run.synapticEvents / wall / 1e6).toFixed(0)} M synaptic events/s ` +
    `(${run.synapticEvents.toExponential(2)} events), rates after 0.2 s: E ${rates.E.mean.toFixed(2)} Hz, I ${rates.I.mean.toFixed(2)} Hz`);
  console.log(`  peak RSS so far: ${mb(process.resourceUsage().maxRSS)} MB`);
}

const only = process.argv[2];
const t = require("node:os").loadavg()[0];
console.log(`load average (1 min) ${t.toFixed(2)} on ${require("node:os").cpus().length} CPUs: wall times are noisy when other jobs run`);
if (!only || only === "default") bench("default", { N: 1000, K: 100, duration: 2, builds: 5, runs: 9 });
if (!only || only === "scale") {
  if (!only) {
    // measure the scale case's peak RSS in a fresh process, free of the default case's heap
    const { spawnSync } = require("node:child_process");
    spawnSync(process.execPath, [...process.execArgv, __filename, "scale"], { stdio: "inherit" });
  } else {
    bench("scale", { N: 10000, K: 1000, duration: 1, builds: 3, runs: 3 });
  }
}
