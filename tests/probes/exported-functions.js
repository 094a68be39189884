// Prints, as JSON, every exported function (and class) of ei-balance by entry: the root entry
// ("ei-balance") and each folder entry ("ei-balance/<folder>"), from the built lib/dist.
// tests/property.test.ts runs it in a child process and checks that each one has a probe
// (probe-list.js) or a reasoned exclusion (probe-exclusions.js).
"use strict";
const { existsSync, readdirSync } = require("node:fs");
const { join } = require("node:path");

const DIST = join(__dirname, "..", "..", "lib", "dist");
const entries = { root: require(DIST) };
for (const d of readdirSync(DIST, { withFileTypes: true })) {
  if (d.isDirectory() && existsSync(join(DIST, d.name, "index.js"))) entries[d.name] = require(join(DIST, d.name));
}
const out = {};
for (const [entry, m] of Object.entries(entries)) out[entry] = Object.keys(m).filter((k) => typeof m[k] === "function").sort();
process.stdout.write(JSON.stringify(out));
process.exit(0);
