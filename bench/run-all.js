#!/usr/bin/env node
// Runs every bench/*.bench.js in turn (each prints its own numbers), except those that run only when named:
// large.bench.js and network-cost.bench.js (about a minute and 1.5 GB each; network-cost writes
// bench/results/network-cost.json), run-pool.bench.js (several minutes of runs side by side),
// notebooks.bench.js (executes every notebook and exports them: minutes; writes bench/results/notebooks.json) and
// theory-table.bench.js (notebook 06's table, then its parts one by one; writes bench/results/theory-table.json) and
// peers.bench.js (against NumPy and Brian2 in cold processes: minutes; writes bench/results/peers.json),
// roofline.bench.js (runs against the floors of their loops; writes bench/results/roofline.json) and
// threads-load.bench.js (1 and 2 threads beside a CPU-bound process; writes bench/results/threads-load.json). Usage: npm run bench [-- name [arguments for that bench]]
"use strict";
const { readdirSync } = require("node:fs");
const { join } = require("node:path");
const { spawnSync } = require("node:child_process");

const [only, ...rest] = process.argv.slice(2);
const ON_DEMAND = ["large.bench.js", "network-cost.bench.js", "run-pool.bench.js", "notebooks.bench.js", "theory-table.bench.js", "peers.bench.js", "roofline.bench.js", "threads-load.bench.js"];
const files = readdirSync(__dirname).filter((f) => f.endsWith(".bench.js") && (only ? f.includes(only) : !ON_DEMAND.includes(f))).sort();
let failed = 0;
for (const f of files) {
  console.log(`\n== ${f} ==`);
  const r = spawnSync(process.execPath, ["--expose-gc", join(__dirname, f), ...rest], { stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
