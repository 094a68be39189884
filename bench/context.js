// Shared by the benches that write committed results (bench/results/*.json): the machine, the
// moment and the commit, which notebooks print next to the numbers (lib/src/tutorial/notebook08/bench-results.ts).
"use strict";
const os = require("node:os");
const { execFileSync } = require("node:child_process");
const { mkdirSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");

/** The context of a bench run started now (load average before; `finish` adds the load after). */
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

/** Adds the load after the run and writes bench/results/<name>.json; returns its path. */
function writeResult(name, context, results) {
  context.machine.loadAfter = os.loadavg()[0];
  const dir = join(__dirname, "results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ ...context, ...results }, null, 2) + "\n");
  return file;
}

module.exports = { benchContext, writeResult };
