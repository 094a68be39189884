#!/usr/bin/env node
// Side by side: the default network (N = 1000, K = 100, 2 s) in our simulator and
// through PyNN with Brian2 on this machine, in one run: the whole process (start-up, imports,
// connectivity, simulation, output) and the simulation loop alone, and their ratios.
// Brian2 runs with numpy code generation (no compiler); `node bench/pynn.bench.js cython` also
// runs Cython code generation (the first run compiles, minutes; the timed second run uses the cache).
// Needs PyNN and Brian2 (npm run setup on Debian); without them it prints how to install them.
// Writes the numpy-mode numbers to bench/results/pynn.json (shown by notebook 08; commit it).
"use strict";
const { spawnSync } = require("node:child_process");
const { mkdtempSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { runScript } = require("../scripts/args");
const { benchContext, writeResult } = require("./context");
const { median } = require("./measure");
const { benchOptions } = require("./options");
const { exportPyNN, findPyNN, runPyNN, readPyNNRun, simulateNetwork, meanRates } = require("ei-balance");

/** @param {number} x seconds */
const s = (x) => `${x.toFixed(x < 1 ? 3 : 1)} s`;

/** Our simulator: the whole process (node start, library load, build, simulation), median of 3. */
function oursWholeProcess() {
  const code = "require('ei-balance').simulateNetwork({ seed: 1 })";
  const walls = [1, 2, 3].map(() => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ["-e", code], { stdio: "inherit" });
    if (r.status !== 0) throw new Error("the node process failed");
    return (performance.now() - t0) / 1e3;
  });
  return median(walls);
}

/**
 * One run of the exported network by PyNN with Brian2: the whole process, its loop and its parts (s), its rates.
 * @param {string} script the exported PyNN script
 * @param {"numpy" | "cython"} codegen Brian2's code generation
 */
async function brian2(script, codegen) {
  const info = await runPyNN({ script, seed: 1, simulator: "brian2", codegen, timeoutSeconds: 3600 });
  const run = readPyNNRun(info.dir);
  return { whole: info.wallSeconds, loop: run.seconds.simulate, seconds: run.seconds, rates: meanRates(run), versions: run.versions };
}

async function main() {
  const cython = benchOptions("pynn.bench", [], { plain: [{ name: "mode", choices: ["cython"] }] }).plain("mode") === "cython";
  const { python, hint } = findPyNN("brian2");
  if (!python) {
    console.log(`PyNN/Brian2 comparison skipped: ${hint}`);
    return;
  }
  const context = benchContext("npm run bench -- pynn",
    "The CPU is shared with other jobs (see the load average against the CPU count), which inflates every wall time; the ratios are the informative part.");
  console.log(`load average (1 min) ${require("node:os").loadavg()[0].toFixed(2)}: wall times are noisy when other jobs run`);
  const loops = [1, 2, 3, 4, 5].map(() => simulateNetwork({ seed: 1 }));
  const oursLoop = median(loops.map((r) => r.simulationSeconds));
  const oursBuild = median(loops.map((r) => r.connectivitySeconds));
  const oursWhole = oursWholeProcess();
  const r = meanRates(loops[0]);
  console.log(`ours:   whole process ${s(oursWhole)} (median of 3), build ${s(oursBuild)}, simulation loop ${s(oursLoop)} (median of 5); ` +
    `rates E ${r.E.mean.toFixed(2)} Hz, I ${r.I.mean.toFixed(2)} Hz`);
  const { script } = exportPyNN({ seed: 1, out: mkdtempSync(join(tmpdir(), "pynn-bench-")) });
  /** @type {("numpy" | "cython")[]} */
  const modes = cython ? ["numpy", "cython"] : ["numpy"];
  for (const codegen of modes) {
    if (codegen === "cython") {
      const first = await brian2(script, codegen);
      console.log(`brian2 (cython), first run with compilation: whole process ${s(first.whole)}`);
    }
    const b = await brian2(script, codegen);
    const t = b.seconds;
    console.log(`brian2 (${codegen}) via PyNN: whole process ${s(b.whole)} (set-up and imports ${s(t.setup)}, build ${s(t.build)}, ` +
      `simulation loop ${s(t.simulate)}, writing ${s(t.write)}); rates E ${b.rates.E.mean.toFixed(2)} Hz, I ${b.rates.I.mean.toFixed(2)} Hz`);
    console.log(`  ratio brian2 (${codegen}) / ours: whole process ${(b.whole / oursWhole).toFixed(1)}x, simulation loop ${(b.loop / oursLoop).toFixed(0)}x`);
    if (codegen === "numpy") {
      const file = writeResult("pynn", context, {
        duration: 2, ours: { wholeSeconds: oursWhole, loopSeconds: oursLoop }, brian2: { wholeSeconds: b.whole, loopSeconds: b.loop, versions: b.versions },
      });
      console.log(`  wrote ${file}`);
    }
  }
}

runScript(main);
