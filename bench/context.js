// Shared by the benches that write committed results (bench/results/*.json): the machine, the
// moment and the commit, which notebooks print next to the numbers (lib/src/tutorial/notebook08/bench-results.ts).
"use strict";
const os = require("node:os");
const { execFileSync } = require("node:child_process");
const { mkdirSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");

/**
 * What a bench's result records besides its numbers: the command, the moment, the commit, the
 * machine (the load average before and, once written, after) and a note.
 * @typedef {object} BenchContext
 * @property {string} command
 * @property {string} date
 * @property {string} commit
 * @property {{ cpus: number, cpuModel: string, totalMemoryBytes: number, loadBefore: number, loadAfter: number }} machine
 * @property {string} note
 */

/**
 * The context of a bench run started now (load average before; `writeResult` adds the load after).
 * @param {string} command the command that ran the bench
 * @param {string} note how to read its numbers
 * @returns {BenchContext}
 */
function benchContext(command, note) {
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: __dirname, encoding: "utf8" }).trim();
  } catch { /* not a git checkout */ }
  const cpus = os.cpus();
  return {
    command, date: new Date().toISOString(), commit,
    machine: { cpus: cpus.length, cpuModel: cpus[0]?.model ?? "unknown", totalMemoryBytes: os.totalmem(), loadBefore: os.loadavg()[0], loadAfter: NaN },
    note,
  };
}

/**
 * Adds the load after the run and writes bench/results/<name>.json; returns its path.
 * @param {string} name
 * @param {BenchContext} context
 * @param {object} results the bench's numbers, written beside the context
 * @returns {string}
 */
function writeResult(name, context, results) {
  context.machine.loadAfter = os.loadavg()[0];
  const dir = join(__dirname, "results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ ...context, ...results }, null, 2) + "\n");
  return file;
}

module.exports = { benchContext, writeResult };
