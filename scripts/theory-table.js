#!/usr/bin/env node
// Finite-K theories against simulation (lib: theoryTable): per (K, r_X), the simulated rates
// (mean +- between-seed SE) and the deviation of the balanced limit, the diffusion mean field and
// the Euler chain with Poisson, per-bin overdispersed (renewal) and self-consistent-spectrum
// inputs, and with the inputs' cross-covariance added to the spectra, with one "within 1 %" column
// for the best theory (input spectra and cross-covariance), as notebook 06 shows them.
// Usage: node scripts/theory-table.js [--seeds 20] [--json out.json] [--points K:rX,K:rX,...]
// (after npm run build; --points, e.g. 25:10,100:10 with r_X in Hz: those points instead of the table's nine)
"use strict";
const { writeFileSync } = require("node:fs");
const { theoryTable } = require("ei-balance");
const { theoryTableReport } = require("ei-balance/tutorial");
const { scriptOptions, runScript, checkedNumber, UsageError } = require("./args");

/**
 * The points of `--points K:rX,K:rX,...` (r_X in Hz), or undefined when not given (theoryTable's
 * default points); theoryTable checks their values.
 * @param {string | undefined} text
 * @returns {{ K: number, rX: number }[] | undefined}
 * @throws {UsageError} for an item that is not two numbers K:rX
 */
function parsePoints(text) {
  return text?.split(",").map((item) => {
    const parts = item.split(":");
    if (parts.length !== 2) throw new UsageError(`theory-table: --points must be K:rX pairs separated by commas (25:10,100:10), got ${JSON.stringify(item)}`);
    const [K, rX] = parts.map((t) => checkedNumber("theory-table", "--points", t));
    return { K, rX };
  });
}

runScript(() => {
  const opt = scriptOptions("theory-table", ["seeds", "json", "points"]);
  const rows = theoryTable({ points: parsePoints(opt.string("points")), seeds: opt.number("seeds", 20), onProgress: (d, t) => process.stderr.write(`\r${d.toFixed(2)} / ${t} points`) });
  process.stderr.write("\n");
  console.log(theoryTableReport(rows).markdown);
  const out = opt.string("json");
  if (out) writeFileSync(out, JSON.stringify(rows, null, 1));
});
