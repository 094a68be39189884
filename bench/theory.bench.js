#!/usr/bin/env node
// The exact discrete transfer (eulerChainRate: Markov chain of the Euler rule, its mean ISI and
// stationary density from one linear solve, chainOccupancy) at K = 100: wall time of one
// evaluation for an E neuron of the network at r_X = 10 Hz (r_E = 29.5, r_I = 20.3 Hz) for several
// grids (subdivisions m of the lattice unit 0.05) and the rate each gives; one self-consistent
// solution of the network (solveDiscreteMeanField) and of the renewal theory
// (solveRenewalMeanField) at the default grid; then solveRenewalMeanField at each point of the
// theory table (defaultTheoryPoints), the time per point and in all.
"use strict";
const { eulerChainRate, solveDiscreteMeanField, solveRenewalMeanField, defaultTheoryPoints } = require("ei-balance");
const { timeRuns: median } = require("./measure");
const { benchOptions } = require("./options");

benchOptions("theory.bench", []);

const groups = [
  { count: 100, weight: 0.1, rate: 29.5 },
  { count: 100, weight: -0.25, rate: 20.3 },
  { count: 100, weight: 0.2, rate: 10 },
];
for (const m of [2, 4, 8, 16]) {
  const t = median(() => eulerChainRate(groups, { subdivisions: m }), 5);
  console.log(`eulerChainRate K=100 E neuron, m=${m} (${t.out.v.length} grid points): median ${t.med.toFixed(1)} ms, rate ${t.out.rate.toFixed(4)} Hz`);
}
const d = median(() => solveDiscreteMeanField({ rX: 10 }), 1);
console.log(`solveDiscreteMeanField K=100 rX=10: ${d.med.toFixed(0)} ms, ${d.out.evaluations} evaluations, rE ${d.out.rE.toFixed(3)} rI ${d.out.rI.toFixed(3)} Hz`);
const r = median(() => solveRenewalMeanField({ rX: 10 }), 1);
console.log(`solveRenewalMeanField K=100 rX=10: ${r.med.toFixed(0)} ms, ${r.out.iterations} outer iterations, rE ${r.out.rE.toFixed(3)} rI ${r.out.rI.toFixed(3)} Hz, F ${r.out.fano.map((x) => x.toFixed(3)).join(", ")}`);
let total = 0;
for (const { K, rX } of defaultTheoryPoints) {
  const p = median(() => solveRenewalMeanField({ K, rX }), 1);
  total += p.med;
  console.log(`theory table point K=${K} rX=${rX}: solveRenewalMeanField ${p.med.toFixed(0)} ms (Poisson inputs rE ${p.out.poisson.rE.toFixed(3)}, renewal rE ${p.out.rE.toFixed(3)} Hz)`);
}
console.log(`theory table, all ${defaultTheoryPoints.length} points: ${(total / 1000).toFixed(1)} s`);
