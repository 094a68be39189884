#!/usr/bin/env node
// The open-loop and closed-loop effect of input cross-correlations on the network's rates (lib:
// correlationEffect, closedLoopShift), against the remainder simulation - renewal theory.
// Usage: node scripts/input-correlations.js [--K 100] [--rX 10] [--seeds 20] [--usable n] [--neurons 1000]
//        [--duration 2] [--external network|bernoulli] [--subdivisions 4] [--json out.json]
// (--usable n: stop once n runs stayed asynchronous; --seeds is then the list of candidates)
// (after npm run build; the renewal theory costs about 10-30 s at K = 100, more at large K)
"use strict";
const { parseArgs } = require("node:util");
const { correlationEffect, closedLoopShift, solveRenewalMeanField } = require("ei-balance");

const { values: opt } = parseArgs({
  options: Object.fromEntries(["K", "rX", "seeds", "usable", "neurons", "duration", "external", "subdivisions", "json"].map((k) => [k, { type: "string" }])),
});
const num = (value, fallback) => (value === undefined ? fallback : Number(value));
const K = num(opt.K, 100);
const rX = num(opt.rX, 10);
const seeds = Array.from({ length: num(opt.seeds, 20) }, (_, s) => s + 1);
const subdivisions = num(opt.subdivisions, undefined);
const effect = correlationEffect({
  params: { K, rX, duration: num(opt.duration, 2) },
  seeds,
  usableWanted: num(opt.usable, undefined),
  testNeurons: num(opt.neurons, 1000),
  external: opt.external ?? "network",
  onProgress: (d, t) => process.stderr.write(`\rseeds ${d} / ${t}`),
});
process.stderr.write("\nrenewal theory ...\n");
const ren = solveRenewalMeanField({ K, rX }, { subdivisions });
const f = (s) => `${s.mean.toFixed(3)} ± ${s.se.toFixed(3)}`;
console.log(`K = ${K}, r_X = ${rX} Hz, N = ${effect.params.N}, ${effect.usable} of ${effect.runs} runs usable, X trains: ${effect.external}`);
console.log("| population | network | real | shifted | real - shifted | real - network | free var real | free var shifted |");
console.log("|---|---|---|---|---|---|---|---|");
for (const a of ["E", "I"]) {
  const p = effect[a];
  console.log(`| ${a} | ${f(p.network)} | ${f(p.real)} | ${f(p.shifted)} | ${f(p.difference)} | ${f(p.realMinusNetwork)} | ${f(p.freeVariance.real)} | ${f(p.freeVariance.shifted)} |`);
}
const remainder = [effect.E.network.mean - ren.rE, effect.I.network.mean - ren.rI];
for (const [name, sol] of [["Poisson-input", ren.poisson], ["renewal", ren.solution]]) {
  const c = closedLoopShift(sol.jacobian, effect.openLoop);
  console.log(`closed loop with the ${name} Jacobian ${JSON.stringify(sol.jacobian.map((r) => r.map((x) => +x.toFixed(3))))}: ` +
    `dr_E = ${c.dr[0].toFixed(3)} ± ${c.se[0].toFixed(3)} Hz, dr_I = ${c.dr[1].toFixed(3)} ± ${c.se[1].toFixed(3)} Hz`);
}
console.log(`renewal theory r_E = ${ren.rE.toFixed(3)}, r_I = ${ren.rI.toFixed(3)} Hz; remainder (network - renewal) = ` +
  `${remainder[0].toFixed(3)} ± ${effect.E.network.se.toFixed(3)}, ${remainder[1].toFixed(3)} ± ${effect.I.network.se.toFixed(3)} Hz`);
const out = opt.json;
if (out) require("node:fs").writeFileSync(out, JSON.stringify({ effect, renewal: { rE: ren.rE, rI: ren.rI, fano: ren.fano, jacobian: ren.solution.jacobian, poissonJacobian: ren.poisson.jacobian } }, null, 1));
