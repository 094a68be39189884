#!/usr/bin/env node
// The main job: executes every notebook in notebooks/ in order with the tslab kernel under real
// Jupyter (nbclient), writes each back with its outputs only when every cell succeeded, and
// exports them (scripts/export.js): reports/NN-name.html and reports/NN-name.pdf.
// Usage: npm run notebooks [-- 03 05]  (run only notebooks whose names contain one of the
// arguments; an argument ending in .ipynb is a path to a notebook anywhere, executed but not exported).
// Interrupted (Ctrl+C, or SIGTERM/SIGHUP sent to this process by its PID), it passes the signal on
// to the Python runner, which stops the kernel and writes nothing more; nothing is exported.
// With `--kernel deno` it runs them on Deno's kernel instead, writes nothing back, exports nothing
// and compares every output with the committed one (scripts/run-under-deno.js).
"use strict";
const { spawn } = require("node:child_process");
const { existsSync, readdirSync } = require("node:fs");
const { join, resolve } = require("node:path");
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

/** Runs the Python runner, passing on every interrupting signal; resolves to its exit status. */
function runPython(python, notebooks) {
  // the runner checks, before its imports, that this process is still its parent (orphan-proofing)
  const env = { ...jupyterEnv(), EI_BALANCE_RUNNER_PARENT: String(process.pid) };
  const child = spawn(python, [join(__dirname, "execute_notebooks.py"), ...notebooks], { cwd: ROOT, stdio: "inherit", env });
  const forward = (signal) => child.kill(signal);
  for (const s of FORWARDED) process.on(s, forward);
  return new Promise((done) => {
    child.on("exit", (code, signal) => {
      for (const s of FORWARDED) process.off(s, forward);
      done(code ?? 128 + (require("node:os").constants.signals[signal] ?? 1));
    });
  });
}

async function main() {
  const { values: options, positionals } = parseArgs({ options: { kernel: { type: "string", default: "tslab" } }, allowPositionals: true });
  if (!["tslab", "deno"].includes(options.kernel)) throw new Error(`--kernel ${options.kernel}: the kernels are tslab (the default) and deno`);
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
  const status = await runPython(python, notebooks);
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
