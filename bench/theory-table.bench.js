#!/usr/bin/env node
// Notebook 06's theory table (theoryTable, 9 points, 20 usable runs each): where its time goes.
// First the whole table as the notebook computes it (wall time), then each point's parts timed
// one by one: the simulations (asynchronousRates with theoryPointRuns, theoryTable's own settings:
// N = 10 K, 2 s up to K = 200 and 1.5 s above, seeds 1, 2, ... until 20 runs are usable), the diffusion mean field
// (solveMeanField), the exact discrete chain with Poisson inputs (solveDiscreteMeanField) and the
// self-consistent renewal theory (solveRenewalMeanField, whose first step is that chain solve).
// Writes bench/results/theory-table.json. Usage: npm run bench -- theory-table [-- --seeds 20]
"use strict";
const { parseArgs } = require("node:util");
const { theoryTable, defaultTheoryPoints, asynchronousRates, solveMeanField, solveDiscreteMeanField, solveRenewalMeanField } = require("ei-balance");
const { theoryPointRuns } = require("ei-balance/experiments");
const { benchContext, writeResult } = require("./context");

const { values: opt } = parseArgs({ options: { seeds: { type: "string", default: "20" } } });
const seeds = Number(opt.seeds);
const context = benchContext(`node bench/theory-table.bench.js --seeds ${seeds}`, "wall seconds of notebook 06's theory table and of its parts per point");

const timed = (f) => {
  const t0 = process.hrtime.bigint();
  const value = f();
  return { value, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
};

const table = timed(() => theoryTable({ seeds }));
console.log(`theoryTable, ${defaultTheoryPoints.length} points x ${seeds} usable runs: ${table.seconds.toFixed(1)} s`);

const points = defaultTheoryPoints.map(({ K, rX }) => {
  const sim = timed(() => asynchronousRates(theoryPointRuns({ K, rX }, { seeds })));
  const meanField = timed(() => solveMeanField({ K, rX }));
  const chain = timed(() => solveDiscreteMeanField({ K, rX }));
  const renewal = timed(() => solveRenewalMeanField({ K, rX }));
  const row = { K, rX, runs: sim.value.runs, simulations: sim.seconds, meanField: meanField.seconds, chain: chain.seconds, renewal: renewal.seconds };
  console.log(`K = ${String(K).padStart(4)}, r_X = ${String(rX).padStart(2)} Hz: simulations ${sim.seconds.toFixed(2)} s (${sim.value.runs} runs); ` +
    `mean field ${meanField.seconds.toFixed(3)} s; chain (Poisson inputs) ${chain.seconds.toFixed(2)} s; renewal (incl. its chain step) ${renewal.seconds.toFixed(2)} s`);
  return row;
});
const sum = (key) => points.reduce((s, p) => s + p[key], 0);
const totals = { simulations: sum("simulations"), meanField: sum("meanField"), chain: sum("chain"), renewal: sum("renewal") };
console.log(`parts summed over the points: simulations ${totals.simulations.toFixed(1)} s, mean field ${totals.meanField.toFixed(2)} s, ` +
  `chain ${totals.chain.toFixed(1)} s, renewal ${totals.renewal.toFixed(1)} s (theoryTable computes the chain inside the renewal solve)`);
console.log(`wrote ${writeResult("theory-table", context, { seeds, tableSeconds: table.seconds, points, totals })}`);
