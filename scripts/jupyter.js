#!/usr/bin/env node
// Starts Jupyter on the notebooks/ folder with the tslab kernel ready: JupyterLab where it is
// installed, else Classic Notebook. Extra arguments go to Jupyter (e.g. `npm run jupyter -- --no-browser --port 8890`).
"use strict";
const { spawnSync } = require("node:child_process");
const { join } = require("node:path");
const { ROOT, requireJupyterWithKernel, jupyterEnv, canImport } = require("./jupyter-env");

const python = requireJupyterWithKernel();
const lab = canImport(python, ["jupyterlab"]);
if (!lab && !canImport(python, ["notebook"])) {
  console.error("Neither JupyterLab nor Classic Notebook is installed: `pip install jupyterlab` (or, on Debian, `apt-get install jupyter-notebook`).");
  process.exit(1);
}
const args = [
  "-m",
  lab ? "jupyterlab" : "notebook",
  `--notebook-dir=${join(ROOT, "notebooks")}`,
  ...(process.getuid && process.getuid() === 0 ? ["--allow-root"] : []),
  ...process.argv.slice(2),
];
console.log(`Starting ${lab ? "JupyterLab" : "Classic Notebook (JupyterLab is not installed: pip install jupyterlab)"}; kernel "TypeScript" (tslab).`);
console.log("After editing lib/src, run `npm run build` (or keep `npm run build:watch` running) and restart the kernel.");
const r = spawnSync(python, args, { stdio: "inherit", cwd: ROOT, env: jupyterEnv() });
process.exit(r.status ?? 0);
