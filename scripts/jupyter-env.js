// Finds the one Jupyter this checkout uses (for the set-up, the notebook runner, the exporter, the
// Jupyter launcher and the tests) and writes this checkout's tslab kernel spec.
//
// Which Python: $JUPYTER_PYTHON when set (and only it); else the checkout's virtualenv .venv/
// (made by `npm run setup` from requirements-jupyter.txt); else the `python3` on PATH (for
// example an active virtualenv). Each job takes the first of these that has what it needs: the
// runner nbclient and nbconvert, the launcher JupyterLab (or Notebook for --classic).
"use strict";
const { spawnSync } = require("node:child_process");
const { existsSync } = require("node:fs");
const { join, resolve } = require("node:path");
const { KERNEL_NAME, writeKernelSpecs } = require("./kernel-spec");
const { writeLabConfig } = require("./lab-config");

const ROOT = resolve(__dirname, "..");
/** What the runner and the exporter import. */
const REQUIRED = ["nbclient", "nbconvert", "nbformat", "jupyter_client"];
/** What `npm run jupyter` and the JupyterLab test import. */
const LAB = [...REQUIRED, "jupyterlab"];
/** What `npm run jupyter -- --classic` imports (Jupyter Notebook 7). */
const CLASSIC = [...REQUIRED, "notebook"];
/** The checkout's virtualenv and its requirements file. */
const VENV_DIR = join(ROOT, ".venv");
const VENV_PYTHON = join(VENV_DIR, "bin", "python");
const REQUIREMENTS = join(ROOT, "requirements-jupyter.txt");
const SETUP_HINT =
  "Run `npm run setup`: it installs JupyterLab into this checkout's .venv/ from requirements-jupyter.txt.\n" +
  "Or point JUPYTER_PYTHON at a Python where `python -m pip install -r requirements-jupyter.txt` was run.";

/**
 * Python interpreters to try, in order (see the header).
 * @returns {string[]}
 */
function candidates() {
  if (process.env.JUPYTER_PYTHON) return [process.env.JUPYTER_PYTHON];
  return existsSync(VENV_PYTHON) ? [VENV_PYTHON, "python3"] : ["python3"];
}

/**
 * Whether `python` can import every module in `modules`.
 * @param {string} python
 * @param {readonly string[]} modules
 */
function canImport(python, modules) {
  const r = spawnSync(python, ["-c", `import ${modules.join(", ")}`], { stdio: "ignore" });
  return r.status === 0;
}

/**
 * The first candidate Python that can import `modules` (default: the runner's), or null.
 * @param {readonly string[]} [modules]
 * @returns {string | null}
 */
function findJupyterPython(modules = REQUIRED) {
  return candidates().find((p) => canImport(p, modules)) ?? null;
}

/**
 * Like findJupyterPython, but exits with instructions when there is none.
 * @param {readonly string[]} [modules]
 * @returns {string}
 */
function requireJupyterPython(modules = REQUIRED) {
  const python = findJupyterPython(modules);
  if (python) return python;
  console.error(`No Jupyter with ${modules.join(", ")} was found (tried ${candidates().join(", ")}).\n${SETUP_HINT}`);
  process.exit(1);
}

/** The tslab binary of this project (the kernel spec points at it by absolute path). */
const TSLAB_BIN = join(ROOT, "node_modules", ".bin", "tslab");
/** This checkout's kernel specs folder (git-ignored), first on JUPYTER_PATH for every Jupyter we start. */
const PROJECT_JUPYTER_DIR = join(ROOT, ".jupyter");

/**
 * The environment for Jupyter processes: this checkout's kernel spec first on JUPYTER_PATH, and
 * its JupyterLab page configuration (scripts/lab-config.js) on JUPYTER_CONFIG_PATH.
 * @returns {NodeJS.ProcessEnv}
 */
function jupyterEnv() {
  const path = [PROJECT_JUPYTER_DIR, process.env.JUPYTER_PATH].filter(Boolean).join(":");
  const config = [PROJECT_JUPYTER_DIR, process.env.JUPYTER_CONFIG_PATH].filter(Boolean).join(":");
  return { ...process.env, JUPYTER_PATH: path, JUPYTER_CONFIG_PATH: config, PYDEVD_DISABLE_FILE_VALIDATION: "1" };
}

/**
 * The Jupyter Python that can import `modules`, with this checkout's tslab kernel spec and
 * JupyterLab page configuration written (see kernel-spec.js, lab-config.js); exits with instructions when Jupyter or this project's tslab is missing.
 * @param {readonly string[]} [modules]
 * @returns {string}
 */
function requireJupyterWithKernel(modules = REQUIRED) {
  const python = requireJupyterPython(modules);
  if (!existsSync(TSLAB_BIN)) {
    console.error(`${TSLAB_BIN} is missing: run \`npm install\` first.`);
    process.exit(1);
  }
  writeKernelSpecs(ROOT);
  writeLabConfig(ROOT);
  return python;
}

/**
 * The argv of the tslab kernel spec that `python`'s Jupyter resolves in jupyterEnv(), or null.
 * @param {string} python
 * @param {NodeJS.ProcessEnv} [env] the environment Jupyter runs in
 * @returns {string[] | null}
 */
function resolvedKernelArgv(python, env = jupyterEnv()) {
  const r = spawnSync(python, ["-m", "jupyter_client.kernelspecapp", "list", "--json"], { encoding: "utf8", env });
  if (r.status !== 0) return null;
  try {
    return JSON.parse(r.stdout).kernelspecs[KERNEL_NAME]?.spec.argv ?? null;
  } catch {
    return null;
  }
}

module.exports = {
  ROOT,
  KERNEL_NAME,
  PROJECT_JUPYTER_DIR,
  TSLAB_BIN,
  LAB,
  CLASSIC,
  REQUIRED,
  VENV_DIR,
  VENV_PYTHON,
  REQUIREMENTS,
  SETUP_HINT,
  findJupyterPython,
  requireJupyterPython,
  requireJupyterWithKernel,
  resolvedKernelArgv,
  jupyterEnv,
  canImport,
};
