#!/usr/bin/env node
// One-time set-up (idempotent): Jupyter, the tslab kernel spec, and the library build.
//   - Jupyter: if no Python has nbclient/nbconvert, install Debian's packages when running as root
//     on Debian/Ubuntu; otherwise stop with the pip command to run.
//   - Kernel: registers the `tslab` kernel with the absolute path of this project's tslab, and
//     Deno's kernel ("TypeScript (Deno)", scripts/deno-kernel.js) for this checkout in .jupyter/.
//   - Build: compiles lib/ (the WebAssembly kernel, then tsc) so notebooks can `import ... from "ei-balance"`.
//   - PyNN with Brian2 (notebook 07, the PyNN comparison test and bench): Debian's python3-pynn and
//     python3-brian as root on Debian/Ubuntu when missing; elsewhere the pip command.
//   - Chromium (PDF exports) and a font for the PNG renderings of charts: installed from Debian's
//     `chromium` and `fonts-dejavu-core` as root on Debian/Ubuntu when missing; elsewhere a hint.
"use strict";
const { spawnSync } = require("node:child_process");
const { existsSync } = require("node:fs");
const { ROOT, KERNEL_NAME, PROJECT_JUPYTER_DIR, TSLAB_BIN, findJupyterPython, kernelRegistered } = require("./jupyter-env");

const DEBIAN_PACKAGES = ["jupyter-notebook", "jupyter-nbconvert", "python3-nbclient"];

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

/** Installs Debian packages when running as root on Debian/Ubuntu; returns false where it cannot. */
function aptInstall(packages, why) {
  if (!IS_ROOT || !HAS_APT) return false;
  console.log(`setup: installing ${packages.join(" ")} from Debian's packages (${why})`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  if (!aptUpdated) run("apt-get", ["update", "-qq"], { env });
  aptUpdated = true;
  run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages], { env });
  return true;
}

function installJupyter() {
  if (aptInstall(DEBIAN_PACKAGES, "Jupyter")) return;
  console.error(
    "setup: Jupyter is missing (a Python with nbclient and nbconvert).\n" +
      (HAS_APT ? `  As root: apt-get install -y --no-install-recommends ${DEBIAN_PACKAGES.join(" ")}\n  or: ` : "  Install it with: ") +
      "pip install jupyterlab nbclient nbconvert\n" +
      "then run `npm start` again (set JUPYTER_PYTHON if that python3 is not first on PATH).",
  );
  process.exit(1);
}

let python = findJupyterPython();
if (!python) {
  installJupyter();
  python = findJupyterPython();
  if (!python) {
    console.error("setup: Jupyter was installed but no Python can import nbclient; set JUPYTER_PYTHON");
    process.exit(1);
  }
}
console.log(`setup: Jupyter found for ${python}`);

if (!existsSync(TSLAB_BIN)) {
  console.error(`setup: ${TSLAB_BIN} is missing: run \`npm install\` first`);
  process.exit(1);
}
if (kernelRegistered(python)) {
  console.log(`setup: kernel "${KERNEL_NAME}" already registered -> ${TSLAB_BIN}`);
} else {
  run(TSLAB_BIN, ["install", `--python=${python}`, `--binary=${TSLAB_BIN}`]);
  if (!kernelRegistered(python)) {
    console.error(`setup: the "${KERNEL_NAME}" kernel spec did not register; see \`${python} -m jupyter_client.kernelspecapp list\``);
    process.exit(1);
  }
}

const deno = require("./deno-kernel").writeDenoKernelSpec(PROJECT_JUPYTER_DIR);
console.log(deno ? `setup: kernel "deno" (TypeScript (Deno)) registered for this checkout in .jupyter/ -> ${deno}` : "setup: no deno binary for this machine: the Deno kernel is not registered");

run(process.execPath, [require.resolve("./build-wasm")]);
run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "lib"]);

const { findChromium, CHROMIUM_HINT } = require("./browser");
if (findChromium()) {
  console.log(`setup: Chromium found at ${findChromium()} (PDF exports)`);
} else if (!aptInstall(["chromium"], "PDF exports")) {
  console.log(`setup: ${CHROMIUM_HINT} Without it, \`npm run export\` writes HTML only.`);
}

// The PNG rendering of every chart sets its text in the system's fonts (DejaVu Sans).
const hasFont = spawnSync("fc-list", [":family=DejaVu Sans"], { encoding: "utf8" }).stdout?.trim();
if (!hasFont && HAS_APT && !aptInstall(["fonts-dejavu-core"], "text in PNG charts")) {
  console.log("setup: no DejaVu Sans font: PNG charts may lack text (apt-get install fonts-dejavu-core)");
}
// PyNN and Brian2 run the exported network (notebook 07, tests/pynn-brian2.test.ts, bench/pynn.bench.js).
const { findPyNN } = require("ei-balance"); // built above
if (findPyNN("brian2").python) {
  console.log("setup: PyNN and Brian2 found (notebook 07)");
} else if (!(HAS_APT && aptInstall(["python3-pynn", "python3-brian"], "PyNN and Brian2 for notebook 07"))) {
  console.log(`setup: ${findPyNN("brian2").hint}; notebook 07 skips the engine run without them`);
}
console.log("setup: done");
