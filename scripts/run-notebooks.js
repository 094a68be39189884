#!/usr/bin/env node
// The main job: executes every notebook in notebooks/ in order with the tslab kernel under real
// Jupyter (nbclient), writes each back with its outputs only when every cell succeeded, and
// exports them (scripts/export.js): reports/NN-name.html and reports/NN-name.pdf.
// Usage: npm run notebooks [-- 03 05] [-- --jobs N]  (run only notebooks whose names contain one
// of the arguments; an argument ending in .ipynb is a path to a notebook anywhere, executed but not
// exported). The notebooks run side by side, up to --jobs at a time (default: the number of
// cores, at most 2), each in its own runner and kernel, the longest first (by the times in
// bench/results/notebooks.json, a notebook without a time first of all); their progress lines
// are prefixed with the notebook's number. After a failed notebook no further one starts.
// Interrupted (Ctrl+C, or SIGTERM/SIGHUP sent to this process by its PID), it passes the signal on
// to the Python runner, which stops the kernel and writes nothing more; nothing is exported.
// With `--kernel deno` it runs them on Deno's kernel instead, writes nothing back, exports nothing
// and compares every output with the committed one (scripts/run-under-deno.js).
"use strict";
const { spawn } = require("node:child_process");
const { existsSync, readFileSync, readdirSync } = require("node:fs");
const { availableParallelism, constants } = require("node:os");
const { basename, join, resolve } = require("node:path");
const { ROOT, requireJupyterWithKernel, jupyterEnv } = require("./jupyter-env");
const { scriptOptions, runScript, UsageError } = require("./args");

/** @type {readonly NodeJS.Signals[]} */
const FORWARDED = ["SIGINT", "SIGTERM", "SIGHUP"];

/**
 * The notebooks to run: paths given as *.ipynb, else those in notebooks/ matching a filter.
 * @param {readonly string[]} args the plain arguments
 * @returns {{ notebooks: string[], filters: string[], exported: boolean }} the notebooks, the
 *   filters, and whether the notebooks of notebooks/ are among them (they are exported after).
 */
function selectNotebooks(args) {
  const paths = args.filter((a) => a.endsWith(".ipynb"));
  const filters = args.filter((a) => !a.endsWith(".ipynb"));
  for (const p of paths) if (!existsSync(p)) throw new Error(`No notebook at ${p}`);
  const dir = join(ROOT, "notebooks");
  const named = paths.length > 0 && filters.length === 0 ? [] : readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb") && (filters.length === 0 || filters.some((s) => f.includes(s))))
    .sort()
    .map((f) => join("notebooks", f));
  return { notebooks: [...named, ...paths.map((p) => resolve(p))], filters, exported: named.length > 0 };
}

/**
 * Seconds each notebook took in the last `npm run bench -- notebooks` (empty without that file).
 * @returns {Map<string, number>}
 */
function lastTimes() {
  try {
    /** @type {{ notebooks: { name: string, seconds: number }[] }} */
    const bench = JSON.parse(readFileSync(join(ROOT, "bench", "results", "notebooks.json"), "utf8"));
    return new Map(bench.notebooks.map((n) => [n.name, n.seconds]));
  } catch {
    return new Map();
  }
}

/**
 * The notebooks, longest first (a notebook without a last time counts as the longest).
 * @param {readonly string[]} notebooks
 * @returns {string[]}
 */
function longestFirst(notebooks) {
  const times = lastTimes();
  const time = (/** @type {string} */ p) => times.get(basename(p)) ?? Infinity;
  return [...notebooks].sort((a, b) => time(b) - time(a));
}

/**
 * Copies a child's output stream to `out` line by line, each line prefixed.
 * @param {import("node:stream").Readable} stream
 * @param {NodeJS.WritableStream} out
 * @param {string} prefix
 */
function relay(stream, out, prefix) {
  let partial = "";
  stream.setEncoding("utf8");
  stream.on("data", (/** @type {string} */ text) => {
    const lines = (partial + text).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) out.write(`${prefix}${line}\n`);
  });
  stream.on("end", () => partial && out.write(`${prefix}${partial}\n`));
}

/**
 * Runs the Python runner on one notebook, passing on every interrupting signal; resolves to its
 * exit status. With a prefix its output is relayed line by line with the prefix; without one it
 * writes to this process's own output (so its last line still arrives when this process is killed).
 * @param {string} python the Jupyter Python
 * @param {string} notebook the notebook's path
 * @param {string | null} prefix
 * @returns {Promise<number>}
 */
function runPython(python, notebook, prefix) {
  // the runner checks, before its imports, that this process is still its parent (orphan-proofing)
  const env = { ...jupyterEnv(), EI_BALANCE_RUNNER_PARENT: String(process.pid) };
  const args = [join(__dirname, "execute_notebooks.py"), notebook];
  const child = spawn(python, args, { cwd: ROOT, stdio: prefix ? ["inherit", "pipe", "pipe"] : "inherit", env });
  if (prefix && child.stdout && child.stderr) {
    relay(child.stdout, process.stdout, prefix);
    relay(child.stderr, process.stderr, prefix);
  }
  const forward = (/** @type {NodeJS.Signals} */ signal) => child.kill(signal);
  for (const s of FORWARDED) process.on(s, forward);
  return new Promise((done) => {
    child.on("close", (code, signal) => {
      for (const s of FORWARDED) process.off(s, forward);
      done(code ?? 128 + (signal ? constants.signals[signal] : 1));
    });
  });
}

/**
 * Runs the notebooks up to `jobs` at a time; resolves to 0, or the first non-zero exit status (after which none starts).
 * @param {string} python the Jupyter Python
 * @param {readonly string[]} notebooks
 * @param {number} jobs
 * @returns {Promise<number>}
 */
async function runAll(python, notebooks, jobs) {
  const queue = longestFirst(notebooks);
  const slots = Math.min(jobs, notebooks.length);
  let status = 0;
  const slot = async () => {
    for (let notebook = queue.shift(); status === 0 && notebook !== undefined; notebook = queue.shift()) {
      const prefix = slots > 1 ? `[${basename(notebook).slice(0, 2)}] ` : null;
      const code = await runPython(python, notebook, prefix);
      if (code !== 0 && status === 0) status = code;
    }
  };
  await Promise.all(Array.from({ length: slots }, slot));
  return status;
}

/** @returns {Promise<number>} the exit status */
async function main() {
  const opt = scriptOptions("notebooks", ["kernel", "jobs"], { positionals: true });
  const kernel = opt.string("kernel") ?? "tslab";
  if (kernel !== "tslab" && kernel !== "deno") throw new UsageError(`notebooks: --kernel must be tslab (the default) or deno, got ${kernel}`);
  const jobs = opt.number("jobs", Math.min(2, availableParallelism()));
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 16) throw new UsageError(`notebooks: --jobs must be a whole number of notebooks run at a time, 1 to 16, got ${jobs}`);
  const python = requireJupyterWithKernel();
  const { notebooks, filters, exported } = selectNotebooks(opt.positionals);
  if (notebooks.length === 0) {
    console.error(`No notebook in notebooks/ matches ${filters.join(", ")}`);
    return 1;
  }
  if (kernel === "deno") {
    const { runUnderDeno, passed } = require("./run-under-deno");
    return passed(runUnderDeno(python, notebooks)) ? 0 : 1;
  }
  const status = await runAll(python, notebooks, jobs);
  if (status !== 0) return status;
  if (!exported) return 0;
  console.log("Exporting to reports/ (HTML and PDF)");
  try {
    await require("./export").exportNotebooks({ filters });
    return 0;
  } catch (e) {
    console.error(`export failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

runScript(main);
