#!/usr/bin/env node
// Time to result: executes every notebook headless, one at a time (nbclient, tslab kernel, as `npm start`
// does; the executed copies go to a temporary folder: notebooks/ is left alone), prints each notebook's wall time, kernel
// start-up and heaviest cells against its budget, then exports the executed copies to HTML and
// PDF (the rest of `npm start`) and prints the total. Writes bench/results/notebooks.json, which
// the README's table of notebook times comes from.
// The CPU seconds of the execution (the Jupyter runner and its kernels, every thread: on Linux,
// from this process's reaped children) are printed beside the wall times, so that a run on a
// loaded machine still says what the work costs; run one notebook (`-- 06`) for its own.
// Usage: npm run bench -- notebooks [-- 03 06]   (only notebooks whose names contain an argument)
"use strict";
const { execFileSync, spawnSync } = require("node:child_process");
const { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } = require("node:fs");
const os = require("node:os");
const { join } = require("node:path");
const { ROOT, requireJupyterWithKernel, jupyterEnv } = require("../scripts/jupyter-env");
const { exportNotebooks } = require("../scripts/export");
const { runScript } = require("../scripts/args");
const { benchContext, writeResult } = require("./context");
const { benchOptions } = require("./options");

/** Restart-and-Run-All budget (s) of a notebook: 60 s for the heavy chapters, 15 s for the others. */
const HEAVY = ["06-", "09-"];
/** @param {string} name */
const budget = (name) => (HEAVY.some((h) => name.startsWith(h)) ? 60 : 15);
/** Budget (s) of `npm start` after set-up: every notebook plus the HTML/PDF exports. */
const START_BUDGET = 180;
const CELLS_SHOWN = 5;

/**
 * The notebooks' file names, sorted: those whose names contain one of `filters`, or all.
 * @param {readonly string[]} filters
 */
function selectNotebooks(filters) {
  return readdirSync(join(ROOT, "notebooks"))
    .filter((f) => f.endsWith(".ipynb") && (filters.length === 0 || filters.some((s) => f.includes(s))))
    .sort();
}

/** CPU seconds (user + system) of this process's children reaped so far, from /proc (Linux); NaN elsewhere. */
function childrenCpuSeconds() {
  if (!existsSync("/proc/self/stat")) return NaN;
  // the fields after the command's closing parenthesis: cutime and cstime are fields 16 and 17 (of 1-based 52)
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[13]) + Number(fields[14]);
  return ticks / Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }));
}

/**
 * One notebook's times as the runner writes them (scripts/execute_notebooks.py --timings): the
 * whole run, the kernel's start and each cell (s).
 * @typedef {{ total: number, kernelStart: number, cells: { id: string, seconds: number }[] }} NotebookTimings
 */

/**
 * Executes the notebooks one at a time where they are (their kernel in notebooks/, as `npm start`
 * runs them: a notebook may read files beside it) and writes the executed copies into `dir`
 * (--out: notebooks/ is left alone); returns the runner's wall time and timings.
 * @param {string[]} names
 * @param {string} dir
 * @returns {{ wall: number, cpu: number, timings: Record<string, NotebookTimings> }}
 */
function execute(names, dir) {
  const timingsFile = join(dir, "timings.json");
  const paths = names.map((n) => join(ROOT, "notebooks", n));
  const t0 = Date.now();
  const cpu0 = childrenCpuSeconds();
  const r = spawnSync(requireJupyterWithKernel(), [join(ROOT, "scripts", "execute_notebooks.py"), "--timings", timingsFile, "--out", dir, ...paths], {
    cwd: ROOT, env: jupyterEnv(), stdio: ["ignore", "ignore", "inherit"],
  });
  const wall = (Date.now() - t0) / 1000;
  const cpu = childrenCpuSeconds() - cpu0;
  if (r.status !== 0) throw new Error(`executing the notebooks failed (exit ${r.status ?? r.signal}): see above`);
  return { wall, cpu, timings: JSON.parse(readFileSync(timingsFile, "utf8")) };
}

/**
 * Prints one notebook's line (its time against its budget, its heaviest cells); returns its record.
 * @param {string} name
 * @param {NotebookTimings} t
 */
function report(name, t) {
  const heaviest = [...t.cells].sort((a, b) => b.seconds - a.seconds).slice(0, CELLS_SHOWN);
  const within = t.total <= budget(name);
  console.log(`${name.padEnd(40)} ${t.total.toFixed(1).padStart(6)} s (budget ${budget(name)} s: ${within ? "within" : "OVER"}); kernel start ${t.kernelStart.toFixed(1)} s; ` +
    `heaviest: ${heaviest.map((c) => `${c.id} ${c.seconds.toFixed(1)} s`).join(", ")}`);
  return { name, seconds: t.total, budget: budget(name), within, kernelStart: t.kernelStart, cells: t.cells, heaviest };
}

async function main() {
  const filters = benchOptions("notebooks.bench", [], { anyPlain: true }).positionals;
  const names = selectNotebooks(filters);
  if (names.length === 0) throw new Error(`no notebook in notebooks/ matches ${filters.join(", ")}`);
  const context = benchContext(`node bench/notebooks.bench.js ${filters.join(" ")}`.trim(),
    "wall seconds of Restart and Run All per notebook (nbclient, tslab kernel) and of the HTML/PDF export");
  const dir = mkdtempSync(join(ROOT, "reports", ".bench-notebooks-"));
  try {
    const loadBefore = os.loadavg()[0];
    const { wall, cpu, timings } = execute(names, dir);
    const notebooks = names.map((n) => report(n, timings[n]));
    console.log(`executing ${names.length === 1 ? names[0] : `${names.length} notebooks`}: ${wall.toFixed(1)} s wall (runner included), ${cpu.toFixed(1)} CPU-s ` +
      `(${os.availableParallelism()} cores: at least ${(cpu / os.availableParallelism()).toFixed(1)} s on an idle machine); load ${loadBefore.toFixed(1)} before, ${os.loadavg()[0].toFixed(1)} after`);
    const t0 = Date.now();
    await exportNotebooks({ notebooks: names.map((n) => join(dir, n)), out: join(dir, "exports"), log: () => {} });
    const exportSeconds = (Date.now() - t0) / 1000;
    const start = wall + exportSeconds;
    console.log(`all notebooks executed in ${wall.toFixed(1)} s (runner wall time); HTML + PDF export ${exportSeconds.toFixed(1)} s; ` +
      `npm start after set-up, one notebook at a time, about ${start.toFixed(0)} s (budget ${START_BUDGET} s: ${start <= START_BUDGET ? "within" : "OVER"})`);
    if (names.length === selectNotebooks([]).length) {
      console.log(`wrote ${writeResult("notebooks", context, { notebooks, executeSeconds: wall, executeCpuSeconds: cpu, exportSeconds, startSeconds: start, startBudget: START_BUDGET })}`);
    } else console.log("(a subset: bench/results/notebooks.json not written)");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

runScript(main);
