// The tslab kernel spec of one checkout, written only inside that checkout:
//   <root>/.jupyter/kernels/tslab   first on JUPYTER_PATH for every Jupyter that the project
//                                   starts (runner, exporter, `npm run jupyter`, tests)
//   <root>/.venv/share/jupyter/kernels/tslab   when the checkout has its virtualenv: found by
//                                   that Jupyter on its own (`.venv/bin/jupyter lab`, VS Code
//                                   with .venv selected)
// Beside each tslab spec: Deno's kernel, kernels/deno ("TypeScript (Deno)", scripts/deno-kernel.js).
// Nothing is written machine-wide or in the user's Jupyter folders, and no "jslab" kernel: two
// checkouts on one machine each run their own tslab, and another installation's specs are
// left alone (setup.js only reports them).
"use strict";
const { mkdirSync, existsSync } = require("node:fs");
const { dirname, join } = require("node:path");
const { writeFileAtomic } = require("./atomic-write");
const { writeDenoKernelSpec } = require("./deno-kernel");

const KERNEL_NAME = "tslab";

/**
 * The kernel.json of the checkout at `root`: its own tslab, shown as "TypeScript".
 * @param {string} root
 */
function kernelSpec(root) {
  return {
    argv: [join(root, "node_modules", ".bin", "tslab"), "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript",
    language: "typescript",
    interrupt_mode: "signal",
    // the kernel ends itself when its parent dies without stopping it (scripts/kernel-watchdog.js)
    env: { NODE_OPTIONS: `--require ${JSON.stringify(join(root, "scripts", "kernel-watchdog.js"))}` },
    metadata: {},
  };
}

/**
 * The kernel spec folders of the checkout at `root` (see the header).
 * @param {string} root
 */
function kernelSpecDirs(root) {
  const dirs = [join(root, ".jupyter", "kernels", KERNEL_NAME)];
  if (existsSync(join(root, ".venv", "bin", "python"))) dirs.push(join(root, ".venv", "share", "jupyter", "kernels", KERNEL_NAME));
  return dirs;
}

/**
 * Writes the checkout's tslab kernel spec into each of its kernel spec folders, and beside it the
 * second kernel, Deno's ("TypeScript (Deno)", scripts/deno-kernel.js; skipped where this machine
 * has no deno binary); returns the tslab kernel.json files written.
 * @param {string} root
 */
function writeKernelSpecs(root) {
  const text = JSON.stringify(kernelSpec(root), null, 2) + "\n";
  return kernelSpecDirs(root).map((dir) => {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, "kernel.json");
    writeFileAtomic(file, text);
    writeDenoKernelSpec(dirname(dirname(dir)));
    return file;
  });
}

module.exports = { KERNEL_NAME, kernelSpec, kernelSpecDirs, writeKernelSpecs };
