#!/usr/bin/env node
// Generating N = 1000 Poisson trains of 2 s at 10 Hz (SPEC task 1.1): median wall time of 21 runs.
"use strict";
const { poissonTrains } = require("ei-balance");
const { benchOptions } = require("./options");

benchOptions("poisson.bench", []);

const runs = 21;
const times = [];
let spikes = 0;
for (let r = 0; r < runs; r++) {
  const t0 = process.hrtime.bigint();
  const x = poissonTrains({ n: 1000, rate: 10, duration: 2, dt: 1e-4, seed: r });
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  spikes = x.totalSpikes;
}
times.sort((a, b) => a - b);
console.log(`poissonTrains n=1000 rate=10 Hz T=2 s dt=0.1 ms: median ${times[runs >> 1].toFixed(2)} ms ` +
  `(min ${times[0].toFixed(2)}, max ${times[runs - 1].toFixed(2)}), ${spikes} spikes, ` +
  `${(spikes / (times[runs >> 1] / 1e3) / 1e6).toFixed(1)} M spikes/s`);
