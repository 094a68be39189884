#!/usr/bin/env node
// The open-loop and closed-loop effect of input cross-correlations on the network's rates (lib:
// correlationEffect, closedLoopShift), against the remainder simulation - renewal theory.
// Usage: node scripts/input-correlations.js [--K 100] [--rX 10] [--seeds 20] [--usable n] [--neurons 1000]
//        [--duration 2] [--external network|bernoulli] [--subdivisions 4] [--json out.json]
// (--usable n: stop once n runs stayed asynchronous; --seeds is then the list of candidates)
// (after npm run build; the renewal theory costs about 10-30 s at K = 100, more at large K)
"use strict";
const { writeFileSync } = require("node:fs");
const { correlationEffect, solveRenewalMeanField, markdownTable, fixed, withError } = require("ei-balance");
const { correlationEffectTable, closedLoopTable } = require("ei-balance/tutorial");
const { scriptOptions, runScript } = require("./args");

const NAMES = ["K", "rX", "seeds", "usable", "neurons", "duration", "external", "subdivisions", "json"];

runScript(() => {
  const opt = scriptOptions("input-correlations", NAMES);
  const K = opt.number("K", 100), rX = opt.number("rX", 10);
  const external = opt.string("external") ?? "network";
  if (external !== "network" && external !== "bernoulli") throw new Error(`input-correlations: --external must be network or bernoulli, got ${external}`);
  const effect = correlationEffect({
    params: { K, rX, duration: opt.number("duration", 2) },
    seeds: Array.from({ length: opt.number("seeds", 20) }, (_, s) => s + 1),
    usableWanted: opt.optionalNumber("usable"),
    testNeurons: opt.number("neurons", 1000),
    external,
    onProgress: (d, t) => process.stderr.write(`\rseeds ${d} / ${t}`),
  });
  process.stderr.write("\nrenewal theory ...\n");
  const ren = solveRenewalMeanField({ K, rX }, { subdivisions: opt.optionalNumber("subdivisions") });
  console.log(`K = ${K}, r_X = ${rX} Hz, N = ${effect.params.N}, ${effect.usable} of ${effect.runs} runs usable, X trains: ${effect.external}\n`);
  console.log(correlationEffectTable(effect).markdown + "\n");
  console.log(closedLoopTable(effect, [{ name: "Poisson-input", jacobian: ren.poisson.jacobian }, { name: "renewal", jacobian: ren.solution.jacobian }]).markdown + "\n");
  const row = (/** @type {"E" | "I"} */ a, /** @type {number} */ theory) => [a, fixed(theory, 3), withError(effect[a].network.mean - theory, effect[a].network.se, 3)];
  console.log(markdownTable(["population", "renewal theory (Hz)", "remainder: network - renewal (Hz)"], [row("E", ren.rE), row("I", ren.rI)]).markdown);
  const out = opt.string("json");
  if (out) {
    const renewal = { rE: ren.rE, rI: ren.rI, fano: ren.fano, jacobian: ren.solution.jacobian, poissonJacobian: ren.poisson.jacobian };
    writeFileSync(out, JSON.stringify({ effect, renewal }, null, 1));
  }
});
