#!/usr/bin/env node
// Threads under load: N = 10^4 and 10^5 (K = 10^3; 0.5 s and 0.2 s) on 1 and 2 threads and
// with the default choice (one per core, kept or dropped to one by the measurement of the run's
// first bins), each with one CPU-bound process running beside it (a busy loop: the
// other jobs of a shared machine), runs interleaved 1, 2, default; loop wall times (median,
// range) and the default's threads and reason. Writes bench/results/threads-load.json.
// Usage: npm run bench -- threads-load [--rounds 3] [--sizes 10000,100000] [--durations 0.5,0.2]
"use strict";
const { spawn } = require("node:child_process");
const { buildConnectivity, simulateNetwork } = require("ei-balance");
const { benchContext, writeResult } = require("./context");
const { loadLine, median } = require("./measure");
const { benchOptions } = require("./options");

const opt = benchOptions("threads-load.bench", ["rounds", "sizes", "durations"]);
const rounds = opt.count("rounds", 3);
const sizes = opt.numbers("sizes", [10000, 100000]);
const durations = opt.numbers("durations", [0.5, 0.2]);
const K = 1000;

console.log(loadLine());
const context = benchContext(`npm run bench -- threads-load ${process.argv.slice(2).join(" ")}`.trim(),
  "One CPU-bound process runs beside every run (started before the connectivity build, stopped at the end); the machine is shared with other jobs too (load averages before and after).");
const hog = spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" });
const results = [];
try {
  for (const [i, N] of sizes.entries()) {
    const duration = durations[Math.min(i, durations.length - 1)];
    const conn = buildConnectivity({ N, K, seed: 1 });
    /** @type {Record<"1" | "2" | "default", number[]>} */
    const runs = { 1: [], 2: [], default: [] };
    let last;
    for (let r = 0; r < rounds; r++) {
      for (const key of /** @type {const} */ (["1", "2", "default"])) {
        const run = simulateNetwork({ params: { N, K, duration }, seed: 1, connectivity: conn, threads: key === "default" ? undefined : Number(key) });
        runs[key].push(run.simulationSeconds);
        if (key === "default") {
          last = { threads: run.threads, reason: run.threadReason };
          console.log(`  N=${N} round ${r + 1}: default ran on ${run.threads} thread(s) in ${run.simulationSeconds.toFixed(2)} s: ${run.threadReason}`);
        }
      }
    }
    const row = { N, K, duration, seconds: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, { median: median(v), range: [Math.min(...v), Math.max(...v)] }])), lastDefault: last };
    /** @param {keyof typeof runs} k */
    const f = (k) => `${row.seconds[k].median.toFixed(2)} s [${row.seconds[k].range.map((x) => x.toFixed(2)).join("-")}]`;
    console.log(`N=${N}, K=${K}, ${duration} s beside a CPU-bound process: 1 thread ${f("1")}, 2 threads ${f("2")}, default ${f("default")} ` +
      `(2 threads ${(row.seconds["1"].median / row.seconds["2"].median).toFixed(2)}x one)`);
    results.push(row);
  }
} finally {
  hog.kill();
}
console.log(loadLine());
console.log(`wrote ${writeResult("threads-load", context, { rounds, sizes: results })}`);
