// The notebooks executed once per test run, shared by the tests that read them (the notebook
// check and the JupyterLab test: the "notebooks" project in jest.config.js). This module is that
// project's globalSetup: Jest calls it only when one of its tests is selected, before any test
// runs. It starts scripts/execute_notebooks.py --results in the background on every notebook in
// notebooks/ and returns at once, so the other tests run meanwhile; each notebook's executed copy
// and its result (failure report, outputs' summary, timings) land in reports/executed/ as soon as
// it is done (tests/notebook-results.ts waits for them). The runner's progress goes to
// reports/executed/run.log. When Jest exits, a run still going is stopped (SIGTERM: the runner
// stops its kernel and writes nothing more; it also stops when Jest dies).
"use strict";
const { spawn } = require("node:child_process");
const { closeSync, mkdirSync, openSync, readdirSync, rmSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const { ROOT, SETUP_HINT, findJupyterPython, jupyterEnv, requireJupyterWithKernel } = require("../scripts/jupyter-env");

/** Where the executed notebooks, their results, run.json (the runner's PID) and run.log go. */
const RESULTS_DIR = join(ROOT, "reports", "executed");

/** The notebooks in notebooks/, in order. */
function notebookFiles() {
  return readdirSync(join(ROOT, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort();
}

async function startNotebookRun() {
  rmSync(RESULTS_DIR, { recursive: true, force: true });
  mkdirSync(RESULTS_DIR, { recursive: true });
  const notebooks = notebookFiles();
  if (!findJupyterPython()) {
    writeFileSync(join(RESULTS_DIR, "run.json"), JSON.stringify({ notebooks, error: `No Jupyter for the notebook run.\n${SETUP_HINT}` }));
    return;
  }
  const log = openSync(join(RESULTS_DIR, "run.log"), "w");
  const args = [join(ROOT, "scripts", "execute_notebooks.py"), "--results", RESULTS_DIR, ...notebooks.map((f) => join("notebooks", f))];
  // output to a file, not a pipe: a test that blocks Jest's main process cannot stall the run
  const runner = spawn(requireJupyterWithKernel(), args, { cwd: ROOT, env: jupyterEnv(), stdio: ["ignore", log, log] });
  closeSync(log);
  runner.unref();
  writeFileSync(join(RESULTS_DIR, "run.json"), JSON.stringify({ notebooks, pid: runner.pid }));
  process.on("exit", () => {
    if (runner.exitCode === null && runner.signalCode === null) runner.kill("SIGTERM");
  });
}

module.exports = startNotebookRun;
module.exports.RESULTS_DIR = RESULTS_DIR;
