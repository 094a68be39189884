#!/usr/bin/env node
// Runs every bench/*.bench.js in turn (each prints its own numbers), except large.bench.js and network-cost.bench.js (about
// a minute and 1.5 GB each; network-cost writes bench/results/network-cost.json) and run-pool.bench.js (several minutes of
// runs side by side), which run only when named. Usage: npm run bench [-- name]
"use strict";
const { readdirSync } = require("node:fs");
const { join } = require("node:path");
const { spawnSync } = require("node:child_process");

const only = process.argv[2];
const files = readdirSync(__dirname).filter((f) => f.endsWith(".bench.js") && (only ? f.includes(only) : !["large.bench.js", "network-cost.bench.js", "run-pool.bench.js"].includes(f))).sort();
let failed = 0;
for (const f of files) {
  console.log(`\n== ${f} ==`);
  const r = spawnSync(process.execPath, ["--expose-gc", join(__dirname, f)], { stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
