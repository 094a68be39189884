#!/usr/bin/env node
// One-time set-up (idempotent): Jupyter, the tslab kernel spec, and the library build (with the explorer page).
//   - Jupyter: JupyterLab 4, Notebook 7, nbclient and nbconvert as pinned in
//     requirements-jupyter.txt, installed with pip into this checkout's virtualenv .venv/
//     (scripts/jupyter-venv.js; `python3 -m venv` needs Debian's python3-venv, installed as root
//     on Debian). With JUPYTER_PYTHON set, that Python is used instead and only checked.
//   - Kernel: this checkout's `tslab` kernel spec, written inside the checkout only
//     (scripts/kernel-spec.js); other installations' specs are reported, never changed.
//   - JupyterLab's page configuration inside the checkout (scripts/lab-config.js): no "official
//     Jupyter news" prompt, no debugger (tslab and Deno's kernel have none).
//   - Build: compiles lib/ (the WebAssembly kernel, then tsc) so notebooks can `import ... from "ei-balance"`.
//   - PyNN with Brian2 (notebook 08, the PyNN comparison test and bench): Debian's python3-pynn and
//     python3-brian as root on Debian/Ubuntu when missing; elsewhere the pip command.
//   - Chromium (PDF exports), a font for the PNG renderings of charts and poppler's pdftoppm (the
//     PDF export's test): installed from Debian's `chromium`, `fonts-dejavu-core` and
//     `poppler-utils` as root on Debian/Ubuntu when missing; elsewhere a hint.
"use strict";
const { spawnSync } = require("node:child_process");
const { existsSync } = require("node:fs");
const { join } = require("node:path");
const { ROOT, KERNEL_NAME, TSLAB_BIN, LAB, REQUIREMENTS, canImport, resolvedKernelArgv } = require("./jupyter-env");
const { writeKernelSpecs } = require("./kernel-spec");
const { writeLabConfig } = require("./lab-config");

/**
 * Runs a command, echoed first; its failure stops the set-up.
 * @param {string} cmd
 * @param {readonly string[]} args
 * @param {import("node:child_process").SpawnSyncOptions} [options]
 */
function run(cmd, args, options = {}) {
  console.log(`$ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: ROOT, ...options });
  if (r.status !== 0) {
    console.error(`setup: \`${cmd} ${args.join(" ")}\` failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

const IS_ROOT = typeof process.getuid === "function" && process.getuid() === 0;
const HAS_APT = existsSync("/usr/bin/apt-get") && existsSync("/etc/debian_version");
let aptUpdated = false;

/**
 * Installs Debian packages when running as root on Debian/Ubuntu; returns false where it cannot.
 * @param {readonly string[]} packages
 * @param {string} why what they are for (printed)
 * @returns {boolean}
 */
function aptInstall(packages, why) {
  if (!IS_ROOT || !HAS_APT) return false;
  console.log(`setup: installing ${packages.join(" ")} from Debian's packages (${why})`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  if (!aptUpdated) run("apt-get", ["update", "-qq"], { env });
  aptUpdated = true;
  run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages], { env });
  return true;
}

/** The Jupyter Python: $JUPYTER_PYTHON (checked), else this checkout's .venv (made or updated). */
function setUpJupyter() {
  const own = process.env.JUPYTER_PYTHON;
  if (!own) return require("./jupyter-venv").ensureJupyterVenv({ run, aptInstall, hasApt: HAS_APT });
  if (!canImport(own, LAB)) {
    console.error(`setup: JUPYTER_PYTHON=${own} cannot import ${LAB.join(", ")}.\n  Run: "${own}" -m pip install -r ${REQUIREMENTS}\n  or unset JUPYTER_PYTHON to let set-up install them into .venv/.`);
    process.exit(1);
  }
  console.log(`setup: using JUPYTER_PYTHON=${own}`);
  return own;
}

/**
 * Writes this checkout's kernel spec and checks that its Jupyter resolves "tslab" to this checkout's tslab.
 * @param {string} python the Jupyter Python
 */
function setUpKernel(python) {
  if (!existsSync(TSLAB_BIN)) {
    console.error(`setup: ${TSLAB_BIN} is missing: run \`npm install\` first`);
    process.exit(1);
  }
  for (const file of writeKernelSpecs(ROOT)) console.log(`setup: kernel "${KERNEL_NAME}" (TypeScript) -> this checkout's tslab, in ${file}`);
  for (const file of writeLabConfig(ROOT)) console.log(`setup: JupyterLab without the news prompt and the debugger (no kernel here has one), in ${file}`);
  const deno = existsSync(join(ROOT, ".jupyter", "kernels", "deno", "kernel.json"));
  console.log(deno ? 'setup: kernel "deno" (TypeScript (Deno)) registered beside it' : "setup: no deno binary for this machine: the Deno kernel is not registered");
  const argv = resolvedKernelArgv(python);
  if (!argv || argv[0] !== TSLAB_BIN) {
    console.error(`setup: Jupyter resolves the "${KERNEL_NAME}" kernel to ${argv?.[0] ?? "nothing"}, not ${TSLAB_BIN}`);
    process.exit(1);
  }
  // what this Jupyter finds without the project's JUPYTER_PATH (e.g. a user-wide spec of another checkout)
  const other = resolvedKernelArgv(python, process.env);
  if (other && other[0] !== TSLAB_BIN) {
    console.log(
      `setup: note: another "${KERNEL_NAME}" kernel spec (-> ${other[0]}) shadows this checkout's when Jupyter is started by hand; ` +
        "it belongs to another installation and is left alone. `npm run jupyter` uses this checkout's.",
    );
  }
}

const python = setUpJupyter();
setUpKernel(python);

run(process.execPath, [require.resolve("./build-wasm")]);
run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "lib"]);
run(process.execPath, [require.resolve("./build-explorer")]); // the network explorer (notebook 05's last cell, npm run explore)

const { findChromium, CHROMIUM_HINT } = require("./browser");
if (findChromium()) {
  console.log(`setup: Chromium found at ${findChromium()} (PDF exports)`);
} else if (!aptInstall(["chromium"], "PDF exports")) {
  console.log(`setup: ${CHROMIUM_HINT} Without it, \`npm run export\` writes HTML only.`);
}

// The PDF export's test rasterises the PDFs with poppler's pdftoppm (tests/exports.test.ts), part of `npm test`.
const hasPdftoppm = spawnSync("pdftoppm", ["-v"], { encoding: "utf8" }).error === undefined;
if (!hasPdftoppm && !aptInstall(["poppler-utils"], "pdftoppm for the PDF export's test")) {
  console.log("setup: no pdftoppm: `npm test`'s PDF check needs it (Debian/Ubuntu: apt-get install poppler-utils; macOS: brew install poppler)");
}

// The PNG rendering of every chart sets its text in the system's fonts (DejaVu Sans).
const hasFont = spawnSync("fc-list", [":family=DejaVu Sans"], { encoding: "utf8" }).stdout?.trim();
if (!hasFont && HAS_APT && !aptInstall(["fonts-dejavu-core"], "text in PNG charts")) {
  console.log("setup: no DejaVu Sans font: PNG charts may lack text (apt-get install fonts-dejavu-core)");
}
// PyNN and Brian2 run the exported network (notebook 08, tests/pynn-brian2.test.ts, bench/pynn.bench.js).
const { findPyNN } = require("ei-balance"); // built above
if (findPyNN("brian2").python) {
  console.log("setup: PyNN and Brian2 found (notebook 08)");
} else if (!(HAS_APT && aptInstall(["python3-pynn", "python3-brian"], "PyNN and Brian2 for notebook 08"))) {
  console.log(`setup: ${findPyNN("brian2").hint}; notebook 08 skips the engine run without them`);
}
console.log("setup: done");
