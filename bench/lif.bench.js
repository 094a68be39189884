#!/usr/bin/env node
// One LIF neuron, 10 s, K = 1000 Poisson inputs at 10 Hz (SPEC task 3.2's largest K): median wall
// time of 21 runs of simulateLif (input merge + Euler), with and without the V trace; and of one
// rate evaluation inside findWeightForRate (drive from per-bin counts + Euler).
"use strict";
const { poissonTrains, simulateLif, findWeightForRate, excitatoryInputs } = require("ei-balance");
const { timeRuns } = require("./measure");
const { benchOptions } = require("./options");

benchOptions("lif.bench", []);
/**
 * Wall times of `runs` calls of f (default 21).
 * @template T
 * @param {(run: number) => T} f
 */
const median = (f, runs = 21) => timeRuns(f, runs);
/** @param {{ med: number, min: number, max: number }} t */
const fmt = (t) => `median ${t.med.toFixed(2)} ms (min ${t.min.toFixed(2)}, max ${t.max.toFixed(2)})`;

const x = poissonTrains({ n: 1000, rate: 10, duration: 10, dt: 1e-4, seed: 1 });
const opts = { tau: 0.02, vTh: 1 };
const a = median(() => simulateLif(x, 5 / 1000, { ...opts, reset: true }));
console.log(`simulateLif K=1000 10 Hz T=10 s (1e5 bins, ${x.totalSpikes} input spikes), one weight, reset: ${fmt(a)}, ` +
  `${a.out.spikes.totalSpikes} output spikes, ${((x.totalSpikes + x.nBins) / (a.med / 1e3) / 1e6).toFixed(0)} M (spikes+bins)/s`);
const wArr = new Float64Array(1000).fill(5 / 1000);
const b = median(() => simulateLif(x, wArr, { ...opts, reset: true }));
console.log(`simulateLif same, per-input weight array: ${fmt(b)}`);
const c = median(() => simulateLif(x, 1 / 1000, { ...opts, reset: false, recordV: true }));
console.log(`simulateLif same, no reset, recordV (1e5 samples): ${fmt(c)}`);
const d = median(() => poissonTrains({ n: 1000, rate: 10, duration: 10, dt: 1e-4, seed: 2 }));
console.log(`(for scale) poissonTrains n=1000 10 Hz T=10 s: ${fmt(d)}`);
const e = median(
  (r) => findWeightForRate({ inputs: (w) => excitatoryInputs({ K: 100, w, rate: 10 }), targetRate: 10, wRange: [3, 10],
    seeds: [r, r + 100], duration: 10 }), // two seeds: the least findWeightForRate takes (its standard error)
  5,
);
console.log(`findWeightForRate K=100 T=10 s two seeds (${e.out.evaluations} simulations): ${fmt(e)}, ` +
  `${(e.med / e.out.evaluations).toFixed(2)} ms per simulation, w = ${e.out.w.toFixed(4)}`);
