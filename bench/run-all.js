#!/usr/bin/env node
// Runs every bench/*.bench.js in turn (each prints its own numbers), except those in ON_DEMAND,
// which run only when named (they take minutes, much memory or an outside program).
// Usage: npm run bench [-- name [arguments for that bench]]; a `--` between the name and the
// arguments is dropped (`npm run bench -- notebooks -- 06` gives the notebooks bench `06`). A name
// that matches no bench, or a bench's bad command line, exits with status 2 (bench/options.js).
"use strict";
const { readdirSync } = require("node:fs");
const { join } = require("node:path");
const { spawnSync } = require("node:child_process");
const { fail, UsageError } = require("../scripts/args");

/** The benches that run only when named, and why. */
const ON_DEMAND = {
  "large.bench.js": "a few minutes and 1.5 GB, half of it beside a CPU-bound process; writes bench/results/large.json",
  "network-cost.bench.js": "about a minute and 1.5 GB; writes bench/results/network-cost.json",
  "run-pool.bench.js": "several minutes of runs side by side",
  "notebooks.bench.js": "executes every notebook and exports them: minutes; writes bench/results/notebooks.json",
  "theory-table.bench.js": "notebook 06's table, then its parts one by one; writes bench/results/theory-table.json",
  "balance-map.bench.js": "notebook 09's two maps, about half a minute of CPU",
  "explorer.bench.js": "the network explorer in headless Chromium: needs Chromium",
  "peers.bench.js": "against NumPy and Brian2 in cold processes: minutes; writes bench/results/peers.json",
  "roofline.bench.js": "runs against the floors of their loops; writes bench/results/roofline.json",
  "threads-load.bench.js": "1 and 2 threads beside a CPU-bound process; writes bench/results/threads-load.json",
};

const [only, ...given] = process.argv.slice(2);
const rest = given[0] === "--" ? given.slice(1) : given;
const benches = readdirSync(__dirname).filter((f) => f.endsWith(".bench.js")).sort();
const files = benches.filter((f) => (only ? f.includes(only) : !(f in ON_DEMAND)));
if (files.length === 0) fail(new UsageError(`bench: no bench matches ${JSON.stringify(only)} (benches: ${benches.map((f) => f.replace(".bench.js", "")).join(", ")})`));
let failed = 0;
let usage = false;
for (const f of files) {
  console.log(`\n== ${f} ==`);
  const r = spawnSync(process.execPath, ["--expose-gc", join(__dirname, f), ...rest], { stdio: "inherit" });
  if (r.status !== 0) failed++;
  if (r.status === 2) usage = true;
}
if (!only) console.log(`\nNot run (name one to run it): ${Object.entries(ON_DEMAND).map(([f, why]) => `${f} (${why})`).join("; ")}`);
process.exit(usage ? 2 : failed ? 1 : 0);
