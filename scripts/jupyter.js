#!/usr/bin/env node
// Starts JupyterLab on the notebooks/ folder with this checkout's tslab kernel ("TypeScript"),
// listening on 127.0.0.1 only, with a fresh token, and prints the URL to open.
//   npm run jupyter                      JupyterLab (the project's client)
//   npm run jupyter -- --classic         Jupyter Notebook 7 (the classic one-notebook-per-tab look)
//   npm run jupyter -- --port 8890 ...   other arguments go to Jupyter (--no-browser, --port, --ServerApp.root_dir, ...)
// The Python is the first of $JUPYTER_PYTHON, the checkout's .venv, python3 on PATH that has
// JupyterLab (or Notebook for --classic): see jupyter-env.js.
"use strict";
const { spawn } = require("node:child_process");
const { randomBytes } = require("node:crypto");
const { createServer } = require("node:net");
const { join } = require("node:path");
const { ROOT, KERNEL_NAME, LAB, CLASSIC, requireJupyterWithKernel, jupyterEnv } = require("./jupyter-env");
const { DENO_KERNEL_NAME } = require("./deno-kernel");

/**
 * The first port from `start` on that is free on 127.0.0.1.
 * @param {number} start
 * @returns {Promise<number>}
 */
function freePortFrom(start) {
  return new Promise((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(freePortFrom(start + 1)));
    s.listen(start, "127.0.0.1", () => s.close(() => resolve(start)));
  });
}

async function main() {
  const argv = process.argv.slice(2);
  const classic = argv.includes("--classic");
  const extra = argv.filter((a) => a !== "--classic");
  const portArg = extra.findIndex((a) => a === "--port" || a.startsWith("--port="));
  const port = portArg < 0 ? await freePortFrom(8888) : Number(extra[portArg].split("=")[1] ?? extra[portArg + 1]);
  const token = randomBytes(24).toString("hex");
  const python = requireJupyterWithKernel(classic ? CLASSIC : LAB);
  const args = [
    "-m",
    classic ? "notebook" : "jupyterlab",
    "--ip=127.0.0.1",
    ...(portArg < 0 ? [`--port=${port}`, "--port-retries=0"] : []),
    `--IdentityProvider.token=${token}`,
    ...(extra.some((a) => /^--(ServerApp\.root_dir|notebook-dir)\b/.test(a)) ? [] : [`--ServerApp.root_dir=${join(ROOT, "notebooks")}`]),
    // only this project's kernels in the Launcher and the kernel menus (the venv also holds ipykernel's)
    `--KernelSpecManager.allowed_kernelspecs=${KERNEL_NAME}`,
    `--KernelSpecManager.allowed_kernelspecs=${DENO_KERNEL_NAME}`,
    `--MappingKernelManager.default_kernel_name=${KERNEL_NAME}`,
    ...(process.getuid && process.getuid() === 0 ? ["--allow-root"] : []),
    ...extra,
  ];
  const app = classic ? "Jupyter Notebook (classic look)" : "JupyterLab";
  console.log(`Starting ${app} with ${python}; kernels "TypeScript" (tslab) and "TypeScript (Deno)" of this checkout.`);
  console.log(`Open: http://127.0.0.1:${port}/${classic ? "tree" : "lab"}?token=${token}`);
  console.log("After editing lib/src: keep `npm run build:watch` running, then Kernel > Restart Kernel in the notebook.");
  const child = spawn(python, args, { stdio: "inherit", cwd: ROOT, env: jupyterEnv() });
  // Ctrl+C reaches Jupyter itself (same process group; it asks before shutting down)
  process.on("SIGINT", () => undefined);
  process.on("SIGTERM", () => child.kill("SIGTERM"));
  child.on("exit", (code) => process.exit(code ?? 0));
}

main();
