// Installs this checkout's Jupyter (JupyterLab 4, Notebook 7, nbclient, nbconvert, pinned in
// requirements-jupyter.txt) with pip into the checkout's virtualenv .venv/ (git-ignored), for
// scripts/setup.js. Idempotent: a stamp in .venv/ records the requirements it was installed
// from, so an unchanged checkout skips pip. pip uses its ordinary configuration (index, retries:
// CI sets PIP_RETRIES=0 for its unreachable index host; users elsewhere keep pip's default).
"use strict";
const { spawnSync } = require("node:child_process");
const { createHash } = require("node:crypto");
const { existsSync, readFileSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const { LAB, CLASSIC, VENV_DIR, VENV_PYTHON, REQUIREMENTS, canImport } = require("./jupyter-env");

const STAMP = join(VENV_DIR, ".requirements-jupyter.sha256");
const BASE_PYTHON = "python3";
const VENV_COMMAND_DEBIAN = "apt-get install -y python3-venv";

function requirementsHash() {
  return createHash("sha256").update(readFileSync(REQUIREMENTS)).digest("hex");
}

/** Whether .venv holds exactly what requirements-jupyter.txt asks for (by its stamp) and imports it. */
function venvReady() {
  return (
    existsSync(VENV_PYTHON) &&
    existsSync(STAMP) &&
    readFileSync(STAMP, "utf8").trim() === requirementsHash() &&
    canImport(VENV_PYTHON, [...new Set([...LAB, ...CLASSIC])])
  );
}

/** Whether `python3 -m venv` can make a virtualenv with pip (Debian splits that into python3-venv). */
function canMakeVenv() {
  return spawnSync(BASE_PYTHON, ["-c", "import venv, ensurepip"], { stdio: "ignore" }).status === 0;
}

/**
 * Makes sure `python3 -m venv` works: as root on Debian installs python3-venv (through
 * `aptInstall`), elsewhere exits with the exact command to run.
 * @param {{ aptInstall: (packages: string[], why: string) => boolean, hasApt: boolean }} tools
 */
function requireVenvSupport({ aptInstall, hasApt }) {
  if (canMakeVenv()) return;
  if (aptInstall(["python3-venv"], "Python virtualenvs, for JupyterLab") && canMakeVenv()) return;
  console.error(
    `setup: \`${BASE_PYTHON} -m venv\` cannot make a virtualenv with pip here (no venv/ensurepip module).\n` +
      (hasApt ? `  Run, as root: ${VENV_COMMAND_DEBIAN}\n` : `  Install Python 3 with its venv module (\`${BASE_PYTHON} -m venv\` must work).\n`) +
      "then run `npm run setup` again (or set JUPYTER_PYTHON to a Python that has JupyterLab 4, nbclient and nbconvert).",
  );
  process.exit(1);
}

/**
 * Creates or updates .venv from requirements-jupyter.txt (see the header); returns its Python.
 * @param {{ run: (cmd: string, args: string[]) => void, aptInstall: (packages: string[], why: string) => boolean, hasApt: boolean }} tools
 */
function ensureJupyterVenv(tools) {
  if (venvReady()) {
    console.log(`setup: JupyterLab is installed in ${VENV_DIR} (as pinned in requirements-jupyter.txt)`);
    return VENV_PYTHON;
  }
  requireVenvSupport(tools);
  const hasPip = existsSync(VENV_PYTHON) && spawnSync(VENV_PYTHON, ["-m", "pip", "--version"], { stdio: "ignore" }).status === 0;
  // a .venv without pip (made before python3-venv was there) is made again
  if (!hasPip) tools.run(BASE_PYTHON, ["-m", "venv", "--clear", VENV_DIR]);
  tools.run(VENV_PYTHON, ["-m", "pip", "install", "--disable-pip-version-check", "-r", REQUIREMENTS]);
  writeFileSync(STAMP, requirementsHash() + "\n");
  if (!venvReady()) {
    console.error(`setup: pip finished, but ${VENV_PYTHON} cannot import ${LAB.join(", ")}`);
    process.exit(1);
  }
  return VENV_PYTHON;
}

module.exports = { ensureJupyterVenv, venvReady };
