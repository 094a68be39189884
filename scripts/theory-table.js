#!/usr/bin/env node
// Finite-K theories against simulation (lib: theoryTable): per (K, r_X), the simulated rates
// (mean +- between-seed SE) and the deviation of the balanced limit, the diffusion mean field and
// the Euler chain with Poisson, per-bin overdispersed (renewal) and self-consistent-spectrum
// inputs, and with the inputs' cross-covariance added to the spectra, with one "within 1 %" column
// for the best theory (input spectra and cross-covariance), as notebook 06 shows them.
// Usage: node scripts/theory-table.js [--seeds 20] [--json out.json]   (after npm run build)
"use strict";
const { writeFileSync } = require("node:fs");
const { theoryTable } = require("ei-balance");
const { theoryTableReport } = require("ei-balance/tutorial");
const { scriptOptions, runScript } = require("./args");

runScript(() => {
  const opt = scriptOptions("theory-table", ["seeds", "json"]);
  const rows = theoryTable({ seeds: opt.number("seeds", 20), onProgress: (d, t) => process.stderr.write(`\r${d.toFixed(2)} / ${t} points`) });
  process.stderr.write("\n");
  console.log(theoryTableReport(rows).markdown);
  const out = opt.string("json");
  if (out) writeFileSync(out, JSON.stringify(rows, null, 1));
});
