#!/usr/bin/env node
// `npm test`'s first step: checks, in under a few seconds and before anything is built or run,
// that this machine has every outside program the test suite drives, and prints exactly what is
// missing and how to install it (`npm run setup`, as root on Debian/Ubuntu, installs all of them).
// The checks: the checkout's Jupyter (.venv/ or $JUPYTER_PYTHON, with JupyterLab), this checkout's
// tslab kernel spec, Chromium (exports and browser tests), poppler's pdftoppm and pdftotext (the
// PDF test), the DejaVu Sans font (PNG charts), and PyNN with Brian2 (the PyNN comparison; a
// missing PyNN fails only with REQUIRE_PYNN=1, as in CI, otherwise that test is skipped).
"use strict";
const { spawnSync } = require("node:child_process");
const { existsSync } = require("node:fs");
const { join } = require("node:path");
const { ROOT, LAB, KERNEL_NAME, findJupyterPython, SETUP_HINT } = require("./jupyter-env");
const { findChromium, CHROMIUM_HINT } = require("./browser");

/**
 * Whether the command `cmd` runs (exists on PATH).
 * @param {string} cmd
 * @param {readonly string[]} args
 */
const runs = (cmd, args) => spawnSync(cmd, args, { stdio: "ignore" }).error === undefined;

/** The missing pieces, each as "what: how to install". */
function missing() {
  const out = [];
  if (!findJupyterPython(LAB)) out.push(`Jupyter (JupyterLab, nbclient, nbconvert): ${SETUP_HINT.replace(/\n/g, " ")}`);
  if (!existsSync(join(ROOT, ".jupyter", "kernels", KERNEL_NAME, "kernel.json"))) out.push(`this checkout's "${KERNEL_NAME}" kernel spec: run \`npm run setup\``);
  if (!findChromium()) out.push(`Chromium: ${CHROMIUM_HINT}`);
  for (const tool of ["pdftoppm", "pdftotext"]) {
    if (!runs(tool, ["-v"])) out.push(`${tool} (the PDF export's test): apt-get install poppler-utils (npm run setup does it as root)`);
  }
  const font = spawnSync("fc-list", [":family=DejaVu Sans"], { encoding: "utf8" }).stdout?.trim();
  if (!font) out.push("the DejaVu Sans font (text in PNG charts): apt-get install fonts-dejavu-core (npm run setup does it as root)");
  if (process.env.REQUIRE_PYNN === "1" && existsSync(join(ROOT, "lib", "dist", "index.js"))) {
    const { findPyNN } = require("ei-balance");
    const pynn = findPyNN("brian2");
    if (!pynn.python) out.push(`PyNN with Brian2 (REQUIRE_PYNN=1): ${pynn.hint}`);
  }
  return out;
}

const lacking = missing();
if (lacking.length > 0) {
  console.error(`npm test: this machine lacks what the tests drive; nothing was run.\n  - ${lacking.join("\n  - ")}`);
  process.exit(1);
}
