#!/usr/bin/env node
// One-time set-up (idempotent): Jupyter, the tslab kernel spec, and the library build.
//   - Jupyter: if no Python has nbclient/nbconvert, install Debian's packages when running as root
//     on Debian/Ubuntu; otherwise stop with the pip command to run.
//   - Kernel: registers the `tslab` kernel with the absolute path of this project's tslab.
//   - Build: compiles lib/ (tsc) so notebooks can `import ... from "ei-balance"`.
//   - Chromium (PDF exports): installed from Debian's `chromium` as root on Debian/Ubuntu when
//     missing; elsewhere a hint (the exports then write HTML only).
"use strict";
const { spawnSync } = require("node:child_process");
const { existsSync } = require("node:fs");
const { ROOT, KERNEL_NAME, TSLAB_BIN, findJupyterPython, kernelRegistered } = require("./jupyter-env");

const DEBIAN_PACKAGES = ["jupyter-notebook", "jupyter-nbconvert", "python3-nbclient"];

function run(cmd, args, options = {}) {
  console.log(`$ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: ROOT, ...options });
  if (r.status !== 0) {
    console.error(`setup: \`${cmd} ${args.join(" ")}\` failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

function installJupyter() {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = existsSync("/usr/bin/apt-get") && existsSync("/etc/debian_version");
  if (!isRoot || !hasApt) {
    console.error(
      "setup: Jupyter is missing (a Python with nbclient and nbconvert).\n" +
        (hasApt
          ? `  As root: apt-get install -y --no-install-recommends ${DEBIAN_PACKAGES.join(" ")}\n  or: `
          : "  Install it with: ") +
        "pip install jupyterlab nbclient nbconvert\n" +
        "then run `npm start` again (set JUPYTER_PYTHON if that python3 is not first on PATH).",
    );
    process.exit(1);
  }
  console.log("setup: installing Jupyter from Debian's packages");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  run("apt-get", ["update", "-qq"], { env });
  run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...DEBIAN_PACKAGES], { env });
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

run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "lib"]);

const { findChromium, CHROMIUM_HINT } = require("./browser");
if (findChromium()) {
  console.log(`setup: Chromium found at ${findChromium()} (PDF exports)`);
} else if (typeof process.getuid === "function" && process.getuid() === 0 && existsSync("/usr/bin/apt-get")) {
  console.log("setup: installing Chromium from Debian's packages (PDF exports)");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  run("apt-get", ["update", "-qq"], { env });
  run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"], { env });
} else {
  console.log(`setup: ${CHROMIUM_HINT} Without it, \`npm run export\` writes HTML only.`);
}
console.log("setup: done");
