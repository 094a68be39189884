// Finds the Python that has Jupyter's execution stack (nbclient, nbconvert, nbformat,
// jupyter_client), for the set-up, the notebook runner, the Jupyter launcher and the tests.
"use strict";
const { spawnSync } = require("node:child_process");
const { existsSync, mkdirSync, writeFileSync } = require("node:fs");
const { join, resolve } = require("node:path");
const { writeDenoKernelSpec } = require("./deno-kernel");

const ROOT = resolve(__dirname, "..");
const REQUIRED = ["nbclient", "nbconvert", "nbformat", "jupyter_client"];
const KERNEL_NAME = "tslab";

/** Python interpreters to try, in order: $JUPYTER_PYTHON, Debian's /usr/bin/python3, python3 on PATH. */
function candidates() {
  return [process.env.JUPYTER_PYTHON, "/usr/bin/python3", "python3", "python"].filter(Boolean);
}

/** Whether `python` can import every module in `modules`. */
function canImport(python, modules) {
  const r = spawnSync(python, ["-c", `import ${modules.join(", ")}`], { stdio: "ignore" });
  return r.status === 0;
}

/** The first Python that has Jupyter's execution stack, or null. */
function findJupyterPython() {
  return candidates().find((p) => canImport(p, REQUIRED)) ?? null;
}

/** Like findJupyterPython, but exits with instructions when there is none. */
function requireJupyterPython() {
  const python = findJupyterPython();
  if (python) return python;
  console.error(
    "Jupyter was not found (no Python with nbclient, nbconvert, nbformat and jupyter_client).\n" +
      "Run `npm run setup` (on Debian/Ubuntu as root it installs Debian's Jupyter packages), or install it yourself:\n" +
      "  pip install jupyterlab nbclient nbconvert\n" +
      "and, if it is not the first python3 on PATH, point JUPYTER_PYTHON at that interpreter.",
  );
  process.exit(1);
}

/** The tslab binary of this project (the kernel spec points at it by absolute path). */
const TSLAB_BIN = join(ROOT, "node_modules", ".bin", "tslab");

/** Whether the tslab kernel spec is registered for `python`'s Jupyter and points at this project's tslab. */
function kernelRegistered(python) {
  const r = spawnSync(python, ["-m", "jupyter_client.kernelspecapp", "list", "--json"], { encoding: "utf8" });
  if (r.status !== 0) return false;
  try {
    const spec = JSON.parse(r.stdout).kernelspecs[KERNEL_NAME];
    return Boolean(spec) && spec.spec.argv[0] === TSLAB_BIN && existsSync(TSLAB_BIN);
  } catch {
    return false;
  }
}

/**
 * A kernel spec of this checkout's own, in <root>/.jupyter/kernels/tslab (git-ignored). The
 * runner, the tests and `npm run jupyter` put that folder first on JUPYTER_PATH, so they always
 * run this checkout's tslab even when the machine-wide "tslab" spec (which `npm run setup`
 * registers for Jupyter front ends and VS Code) points at another checkout.
 */
const PROJECT_JUPYTER_DIR = join(ROOT, ".jupyter");

function writeProjectKernelSpec() {
  const dir = join(PROJECT_JUPYTER_DIR, "kernels", KERNEL_NAME);
  mkdirSync(dir, { recursive: true });
  const spec = {
    argv: [TSLAB_BIN, "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript",
    language: "typescript",
    interrupt_mode: "signal",
    // the kernel ends itself when its parent dies without stopping it (scripts/kernel-watchdog.js)
    env: { NODE_OPTIONS: `--require ${JSON.stringify(join(__dirname, "kernel-watchdog.js"))}` },
    metadata: {},
  };
  writeFileSync(join(dir, "kernel.json"), JSON.stringify(spec, null, 2) + "\n");
  writeDenoKernelSpec(PROJECT_JUPYTER_DIR); // the second kernel, "TypeScript (Deno)" (scripts/deno-kernel.js)
}

/** The environment for Jupyter processes: this checkout's kernel spec first on JUPYTER_PATH. */
function jupyterEnv() {
  const path = [PROJECT_JUPYTER_DIR, process.env.JUPYTER_PATH].filter(Boolean).join(":");
  return { ...process.env, JUPYTER_PATH: path, PYDEVD_DISABLE_FILE_VALIDATION: "1" };
}

/**
 * The Jupyter Python, with this checkout's tslab kernel spec written (see jupyterEnv); exits with
 * instructions when Jupyter or this project's tslab is missing.
 */
function requireJupyterWithKernel() {
  const python = requireJupyterPython();
  if (!existsSync(TSLAB_BIN)) {
    console.error(`${TSLAB_BIN} is missing: run \`npm install\` first.`);
    process.exit(1);
  }
  writeProjectKernelSpec();
  return python;
}

module.exports = {
  ROOT,
  KERNEL_NAME,
  PROJECT_JUPYTER_DIR,
  TSLAB_BIN,
  findJupyterPython,
  requireJupyterPython,
  requireJupyterWithKernel,
  jupyterEnv,
  canImport,
  kernelRegistered,
};
