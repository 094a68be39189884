// Deno's Jupyter kernel for this checkout: the binary of the pinned npm package `deno`, and the
// kernel spec "deno" (shown as "TypeScript (Deno)") written into the checkout's own Jupyter
// folder (.jupyter/, first on JUPYTER_PATH for the runner, the tests and `npm run jupyter`).
// `deno jupyter --install` is not used: it writes into the user's Jupyter folder, where two
// checkouts would re-point each other's kernel.
"use strict";
const { mkdirSync } = require("node:fs");
const { writeFileAtomic } = require("./atomic-write");
const { join } = require("node:path");

const DENO_KERNEL_NAME = "deno";
const DENO_DISPLAY_NAME = "TypeScript (Deno)";

/**
 * The deno binary of node_modules. npm installs it in the platform package (@deno/linux-x64-glibc
 * and so on); deno's install script links it into node_modules/deno, and when npm did not run
 * that script (npm 11 asks before running install scripts) deno's own install API links it now.
 * Throws when the package is missing or has no binary for this machine.
 */
function denoBinary() {
  try {
    return require("deno/install_api.cjs").runInstall();
  } catch (e) {
    throw new Error(`no deno binary in node_modules (${String(e instanceof Error ? e.message : e).split("\n")[0]}); run \`npm install\``, { cause: e });
  }
}

/**
 * Writes <jupyterDir>/kernels/deno/kernel.json, the kernel spec of Deno's kernel with this
 * checkout's deno. Returns the binary's path, or null (writing nothing) when there is no deno
 * binary for this machine.
 * @param {string} jupyterDir
 */
function writeDenoKernelSpec(jupyterDir) {
  let deno;
  try {
    deno = denoBinary();
  } catch {
    return null;
  }
  const dir = join(jupyterDir, "kernels", DENO_KERNEL_NAME);
  mkdirSync(dir, { recursive: true });
  const spec = {
    argv: [deno, "jupyter", "--kernel", "--conn", "{connection_file}"],
    display_name: DENO_DISPLAY_NAME,
    language: "typescript",
    env: { DENO_NO_UPDATE_CHECK: "1" },
    metadata: {},
  };
  writeFileAtomic(join(dir, "kernel.json"), JSON.stringify(spec, null, 2) + "\n");
  return deno;
}

module.exports = { DENO_KERNEL_NAME, DENO_DISPLAY_NAME, denoBinary, writeDenoKernelSpec };
