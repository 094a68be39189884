#!/usr/bin/env node
// Notebook 06's theory table (theoryTable, 9 points, 20 usable runs each): where its time goes.
// First the whole table as the notebook computes it (wall time), then each point's parts timed
// one by one: the simulations (asynchronousRates with theoryPointRuns, theoryTable's own settings:
// N = 10 K, 2 s up to K = 200 and 1.5 s above, seeds 1, 2, ... until 20 runs are usable), the diffusion mean field
// (solveMeanField), the exact discrete chain with Poisson inputs (solveDiscreteMeanField) and the
// self-consistent renewal theory (solveRenewalMeanField, whose first step is that chain solve) and
// the self-consistent input spectra (solveModulatedMeanField, started from the renewal solve's chain).
// Each time is given as wall seconds and as CPU seconds of the process (its worker threads
// included: the run pool's runners), so that a run on a loaded machine still says what the
// work costs; the load average before and after is in the result's context.
// Writes bench/results/theory-table.json. Usage: npm run bench -- theory-table [-- --seeds 20]
"use strict";
const os = require("node:os");
const { theoryTable, defaultTheoryPoints, asynchronousRates, solveMeanField, solveDiscreteMeanField, solveRenewalMeanField, solveModulatedMeanField } = require("ei-balance");
const { theoryPointRuns } = require("ei-balance/experiments");
const { benchContext, writeResult } = require("./context");
const { benchOptions } = require("./options");

const seeds = benchOptions("theory-table.bench", ["seeds"]).count("seeds", 20, 2);
const context = benchContext(`node bench/theory-table.bench.js --seeds ${seeds}`, "wall and CPU seconds of notebook 06's theory table and of its parts per point");

/**
 * Wall seconds and CPU seconds (user + system, every thread of this process) of f().
 * @template T
 * @param {() => T} f
 */
const timed = (f) => {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const value = f();
  const c = process.cpuUsage(c0);
  return { value, seconds: Number(process.hrtime.bigint() - t0) / 1e9, cpuSeconds: (c.user + c.system) / 1e6 };
};
const load = () => os.loadavg()[0].toFixed(1);

const loadBefore = load();
const table = timed(() => theoryTable({ seeds }));
console.log(`theoryTable, ${defaultTheoryPoints.length} points x ${seeds} usable runs: ${table.seconds.toFixed(1)} s wall, ${table.cpuSeconds.toFixed(1)} CPU-s ` +
  `(${os.availableParallelism()} cores: at least ${(table.cpuSeconds / os.availableParallelism()).toFixed(1)} s on an idle machine; load ${loadBefore} before, ${load()} after)`);

const points = defaultTheoryPoints.map(({ K, rX }) => {
  const sim = timed(() => asynchronousRates(theoryPointRuns({ K, rX }, { seeds })));
  const meanField = timed(() => solveMeanField({ K, rX }));
  const chain = timed(() => solveDiscreteMeanField({ K, rX }));
  const renewal = timed(() => solveRenewalMeanField({ K, rX }));
  const spectra = timed(() => solveModulatedMeanField({ K, rX }, { poisson: renewal.value.poisson }));
  const row = {
    K, rX, runs: sim.value.runs, simulations: sim.seconds, meanField: meanField.seconds, chain: chain.seconds, renewal: renewal.seconds, spectra: spectra.seconds,
    simulationsCpu: sim.cpuSeconds, renewalCpu: renewal.cpuSeconds, spectraCpu: spectra.cpuSeconds,
  };
  console.log(`K = ${String(K).padStart(4)}, r_X = ${String(rX).padStart(2)} Hz: simulations ${sim.seconds.toFixed(2)} s, ${sim.cpuSeconds.toFixed(2)} CPU-s (${sim.value.runs} runs); ` +
    `mean field ${meanField.seconds.toFixed(3)} s; chain (Poisson inputs) ${chain.seconds.toFixed(2)} s; renewal (incl. its chain step) ${renewal.seconds.toFixed(2)} s, ${renewal.cpuSeconds.toFixed(2)} CPU-s; ` +
    `input spectra ${spectra.seconds.toFixed(2)} s, ${spectra.cpuSeconds.toFixed(2)} CPU-s`);
  return row;
});
/** @param {keyof (typeof points)[number]} key */
const sum = (key) => points.reduce((s, p) => s + p[key], 0);
const totals = {
  simulations: sum("simulations"), meanField: sum("meanField"), chain: sum("chain"), renewal: sum("renewal"), spectra: sum("spectra"),
  simulationsCpu: sum("simulationsCpu"), renewalCpu: sum("renewalCpu"), spectraCpu: sum("spectraCpu"),
};
console.log(`parts summed over the points: simulations ${totals.simulations.toFixed(1)} s (${totals.simulationsCpu.toFixed(1)} CPU-s), mean field ${totals.meanField.toFixed(2)} s, ` +
  `chain ${totals.chain.toFixed(1)} s, renewal ${totals.renewal.toFixed(1)} s (${totals.renewalCpu.toFixed(1)} CPU-s; theoryTable computes the chain inside the renewal solve), ` +
  `input spectra ${totals.spectra.toFixed(1)} s (${totals.spectraCpu.toFixed(1)} CPU-s)`);
console.log(`wrote ${writeResult("theory-table", context, { seeds, tableSeconds: table.seconds, tableCpuSeconds: table.cpuSeconds, points, totals })}`);
