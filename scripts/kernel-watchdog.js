// Preloaded into the tslab kernel by this project's kernel spec (NODE_OPTIONS=--require, see
// jupyter-env.js): when the process that started the kernel dies without stopping it (the notebook
// runner or Jupyter killed by SIGKILL), the kernel removes its connection file and ends itself,
// instead of living on as an orphan. The check runs in a worker thread, so that it works while a
// cell keeps the kernel's main thread busy.
"use strict";
const { isMainThread, Worker } = require("node:worker_threads");

const WATCH = `
const { rmSync } = require("node:fs");
const { workerData } = require("node:worker_threads");
setInterval(() => {
  if (process.ppid === workerData.parent) return;
  if (workerData.connectionFile) rmSync(workerData.connectionFile, { force: true });
  process.kill(workerData.pid, "SIGKILL");
}, 500);
`;

/**
 * The connection file named on the kernel's command line (`--config-path FILE`), if any.
 * @param {readonly string[]} argv the kernel's command line (tslab's, not one of ours)
 * @returns {string | undefined}
 */
function connectionFile(argv) {
  const k = argv.indexOf("--config-path");
  return k >= 0 ? argv[k + 1] : argv.find((a) => /kernel-.*\.json$/.test(a));
}

if (isMainThread && process.argv.some((a) => a === "kernel")) {
  const worker = new Worker(WATCH, { eval: true, workerData: { parent: process.ppid, pid: process.pid, connectionFile: connectionFile(process.argv) } });
  worker.unref();
}
