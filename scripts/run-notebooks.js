#!/usr/bin/env node
// The main job: executes every notebook in notebooks/ in order with the tslab kernel under real
// Jupyter (nbclient), writes each back with its outputs only when every cell succeeded, and
// exports them (scripts/export.js): reports/NN-name.html and reports/NN-name.pdf.
// Usage: npm run notebooks [-- 03 05]  (run only notebooks whose names contain one of the
// arguments). With `--kernel deno` it runs them on Deno's kernel instead, writes nothing back
// and compares every output with the committed one (scripts/run-under-deno.js).
"use strict";
const { spawnSync } = require("node:child_process");
const { readdirSync } = require("node:fs");
const { join } = require("node:path");
const { parseArgs } = require("node:util");
const { ROOT, requireJupyterWithKernel, jupyterEnv } = require("./jupyter-env");

const { values: options, positionals: filters } = parseArgs({ options: { kernel: { type: "string", default: "tslab" } }, allowPositionals: true });
if (!["tslab", "deno"].includes(options.kernel)) {
  console.error(`--kernel ${options.kernel}: the kernels are tslab (the default) and deno`);
  process.exit(1);
}
const python = requireJupyterWithKernel();
const dir = join(ROOT, "notebooks");
const notebooks = readdirSync(dir)
  .filter((f) => f.endsWith(".ipynb") && (filters.length === 0 || filters.some((s) => f.includes(s))))
  .sort()
  .map((f) => join("notebooks", f));
if (notebooks.length === 0) {
  console.error(`No notebook in notebooks/ matches ${filters.join(", ")}`);
  process.exit(1);
}
if (options.kernel === "deno") {
  const { runUnderDeno, passed } = require("./run-under-deno");
  process.exit(passed(runUnderDeno(python, notebooks)) ? 0 : 1);
}
const args = [join(__dirname, "execute_notebooks.py"), ...notebooks];
const r = spawnSync(python, args, { cwd: ROOT, stdio: "inherit", env: jupyterEnv() });
if (r.status !== 0) process.exit(r.status ?? 1);
console.log("Exporting to reports/ (HTML and PDF)");
require("./export")
  .exportNotebooks({ filters })
  .then(
    () => process.exit(0),
    (e) => {
      console.error(`export failed: ${e.message}`);
      process.exit(1);
    },
  );
