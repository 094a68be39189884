// Finds the Python that has Jupyter's execution stack (nbclient, nbconvert, nbformat,
// jupyter_client), for the set-up, the notebook runner, the Jupyter launcher and the tests.
"use strict";
const { spawnSync } = require("node:child_process");
const { existsSync } = require("node:fs");
const { join, resolve } = require("node:path");

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

/** The Jupyter Python with the tslab kernel registered; exits with instructions otherwise. */
function requireJupyterWithKernel() {
  const python = requireJupyterPython();
  if (!kernelRegistered(python)) {
    console.error(`The "${KERNEL_NAME}" kernel is not registered for ${python}: run \`npm run setup\` first.`);
    process.exit(1);
  }
  return python;
}

module.exports = {
  ROOT,
  KERNEL_NAME,
  TSLAB_BIN,
  findJupyterPython,
  requireJupyterPython,
  requireJupyterWithKernel,
  canImport,
  kernelRegistered,
};
