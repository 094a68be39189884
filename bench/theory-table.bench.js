#!/usr/bin/env node
// Notebook 06's theory table (theoryTable, 9 points, 20 usable runs each): where its time goes.
// First the whole table as the notebook computes it (wall time), then each point's parts timed
// one by one: the simulations (asynchronousRates with theoryPointRuns, theoryTable's own settings:
// N = 10 K, 2 s up to K = 200 and 1.5 s above, seeds 1, 2, ... until 20 runs are usable), the diffusion mean field
// (solveMeanField), the exact discrete chain with Poisson inputs (solveDiscreteMeanField) and the
// self-consistent renewal theory (solveRenewalMeanField, whose first step is that chain solve) and
// the self-consistent input spectra (solveModulatedMeanField, started from the renewal solve's chain),
// with the inputs' cross-covariance (solveCorrelatedMeanField, started from the input spectra) and
// its open loop at its own rates (correlatedTransfer, as notebook 06's last part runs it).
// Each time is given as wall seconds and as CPU seconds of the process (its worker threads
// included: the run pool's runners), so that a run on a loaded machine still says what the
// work costs; the load average before and after is in the result's context.
// Writes bench/results/theory-table.json. Usage: npm run bench -- theory-table [-- --seeds 20]
"use strict";
const os = require("node:os");
const {
  theoryTable, defaultTheoryPoints, asynchronousRates, solveMeanField, solveDiscreteMeanField, solveRenewalMeanField, solveModulatedMeanField,
  solveCorrelatedMeanField, correlatedTransfer,
} = require("ei-balance");
const { theoryPointRuns } = require("ei-balance/experiments");
const { benchContext, writeResult } = require("./context");
const { timed: timedMs } = require("./measure");
const { benchOptions } = require("./options");

const seeds = benchOptions("theory-table.bench", ["seeds"]).count("seeds", 20, 2);
const context = benchContext(`node bench/theory-table.bench.js --seeds ${seeds}`, "wall and CPU seconds of notebook 06's theory table and of its parts per point");

/**
 * Wall seconds and CPU seconds (user + system, every thread of this process) of f(): measure.js's
 * timed in this bench's units.
 * @template T
 * @param {() => T} f
 */
const timed = (f) => {
  const t = timedMs(f);
  return { value: t.value, seconds: t.wall / 1e3, cpuSeconds: t.cpu / 1e3 };
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
  const correlated = timed(() => solveCorrelatedMeanField({ K, rX }, 10 * K, { poisson: renewal.value.poisson, spectra: spectra.value }));
  const c = correlated.value;
  const openLoop = timed(() => correlatedTransfer({ K, rX }, [c.rE, c.rI], c.inputs));
  const row = {
    K, rX, runs: sim.value.runs, simulations: sim.seconds, meanField: meanField.seconds, chain: chain.seconds, renewal: renewal.seconds, spectra: spectra.seconds,
    correlated: correlated.seconds, openLoop: openLoop.seconds,
    simulationsCpu: sim.cpuSeconds, renewalCpu: renewal.cpuSeconds, spectraCpu: spectra.cpuSeconds, correlatedCpu: correlated.cpuSeconds,
  };
  console.log(`K = ${String(K).padStart(4)}, r_X = ${String(rX).padStart(2)} Hz: simulations ${sim.seconds.toFixed(2)} s, ${sim.cpuSeconds.toFixed(2)} CPU-s (${sim.value.runs} runs); ` +
    `mean field ${meanField.seconds.toFixed(3)} s; chain (Poisson inputs) ${chain.seconds.toFixed(2)} s; renewal (incl. its chain step) ${renewal.seconds.toFixed(2)} s, ${renewal.cpuSeconds.toFixed(2)} CPU-s; ` +
    `input spectra ${spectra.seconds.toFixed(2)} s, ${spectra.cpuSeconds.toFixed(2)} CPU-s; with the cross-covariance (from the input spectra) ` +
    `${correlated.seconds.toFixed(2)} s, ${correlated.cpuSeconds.toFixed(2)} CPU-s; its open loop at its rates ${openLoop.seconds.toFixed(2)} s`);
  return row;
});
/** @param {keyof (typeof points)[number]} key */
const sum = (key) => points.reduce((s, p) => s + p[key], 0);
const totals = {
  simulations: sum("simulations"), meanField: sum("meanField"), chain: sum("chain"), renewal: sum("renewal"), spectra: sum("spectra"),
  correlated: sum("correlated"), openLoop: sum("openLoop"),
  simulationsCpu: sum("simulationsCpu"), renewalCpu: sum("renewalCpu"), spectraCpu: sum("spectraCpu"), correlatedCpu: sum("correlatedCpu"),
};
console.log(`parts summed over the points: simulations ${totals.simulations.toFixed(1)} s (${totals.simulationsCpu.toFixed(1)} CPU-s), mean field ${totals.meanField.toFixed(2)} s, ` +
  `chain ${totals.chain.toFixed(1)} s, renewal ${totals.renewal.toFixed(1)} s (${totals.renewalCpu.toFixed(1)} CPU-s; theoryTable computes the chain inside the renewal solve), ` +
  `input spectra ${totals.spectra.toFixed(1)} s (${totals.spectraCpu.toFixed(1)} CPU-s), with the cross-covariance ${totals.correlated.toFixed(1)} s ` +
  `(${totals.correlatedCpu.toFixed(1)} CPU-s), its open loop ${totals.openLoop.toFixed(1)} s`);
console.log(`wrote ${writeResult("theory-table", context, { seeds, tableSeconds: table.seconds, tableCpuSeconds: table.cpuSeconds, points, totals })}`);
