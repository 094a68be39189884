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
const { parseArgs } = require("node:util");
const { ROOT, requireJupyterWithKernel, jupyterEnv } = require("./jupyter-env");

const FORWARDED = ["SIGINT", "SIGTERM", "SIGHUP"];

/** The notebooks to run: paths given as *.ipynb, else those in notebooks/ matching a filter. */
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

/** Seconds each notebook took in the last `npm run bench -- notebooks` (empty without that file). */
function lastTimes() {
  try {
    const bench = JSON.parse(readFileSync(join(ROOT, "bench", "results", "notebooks.json"), "utf8"));
    return new Map(bench.notebooks.map((n) => [n.name, n.seconds]));
  } catch {
    return new Map();
  }
}

/** The notebooks, longest first (a notebook without a last time counts as the longest). */
function longestFirst(notebooks) {
  const times = lastTimes();
  const time = (p) => times.get(basename(p)) ?? Infinity;
  return [...notebooks].sort((a, b) => time(b) - time(a));
}

/** Copies a child's output stream to `out` line by line, each line prefixed. */
function relay(stream, out, prefix) {
  let partial = "";
  stream.setEncoding("utf8");
  stream.on("data", (text) => {
    const lines = (partial + text).split("\n");
    partial = lines.pop();
    for (const line of lines) out.write(`${prefix}${line}\n`);
  });
  stream.on("end", () => partial && out.write(`${prefix}${partial}\n`));
}

/**
 * Runs the Python runner on one notebook, passing on every interrupting signal; resolves to its
 * exit status. With a prefix its output is relayed line by line with the prefix; without one it
 * writes to this process's own output (so its last line still arrives when this process is killed).
 */
function runPython(python, notebook, prefix) {
  const stdio = prefix ? ["inherit", "pipe", "pipe"] : "inherit";
  // the runner checks, before its imports, that this process is still its parent (orphan-proofing)
  const env = { ...jupyterEnv(), EI_BALANCE_RUNNER_PARENT: String(process.pid) };
  const child = spawn(python, [join(__dirname, "execute_notebooks.py"), notebook], { cwd: ROOT, stdio, env });
  if (prefix) {
    relay(child.stdout, process.stdout, prefix);
    relay(child.stderr, process.stderr, prefix);
  }
  const forward = (signal) => child.kill(signal);
  for (const s of FORWARDED) process.on(s, forward);
  return new Promise((done) => {
    child.on("close", (code, signal) => {
      for (const s of FORWARDED) process.off(s, forward);
      done(code ?? 128 + (constants.signals[signal] ?? 1));
    });
  });
}

/** Runs the notebooks up to `jobs` at a time; resolves to 0, or the first non-zero exit status (after which none starts). */
async function runAll(python, notebooks, jobs) {
  const queue = longestFirst(notebooks);
  const slots = Math.min(jobs, notebooks.length);
  let status = 0;
  const slot = async () => {
    while (status === 0 && queue.length > 0) {
      const notebook = queue.shift();
      const prefix = slots > 1 ? `[${basename(notebook).slice(0, 2)}] ` : null;
      const code = await runPython(python, notebook, prefix);
      if (code !== 0 && status === 0) status = code;
    }
  };
  await Promise.all(Array.from({ length: slots }, slot));
  return status;
}

async function main() {
  const { values: options, positionals } = parseArgs({
    options: { kernel: { type: "string", default: "tslab" }, jobs: { type: "string", default: String(Math.min(2, availableParallelism())) } },
    allowPositionals: true,
  });
  if (!["tslab", "deno"].includes(options.kernel)) throw new Error(`--kernel ${options.kernel}: the kernels are tslab (the default) and deno`);
  const jobs = Number(options.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 16) throw new Error(`--jobs ${options.jobs}: a whole number of notebooks run at a time, 1 to 16`);
  const python = requireJupyterWithKernel();
  const { notebooks, filters, exported } = selectNotebooks(positionals);
  if (notebooks.length === 0) {
    console.error(`No notebook in notebooks/ matches ${filters.join(", ")}`);
    return 1;
  }
  if (options.kernel === "deno") {
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
    console.error(`export failed: ${e.message}`);
    return 1;
  }
}

main().then(
  (status) => process.exit(status),
  (e) => {
    console.error(e.message);
    process.exit(1);
  },
);
