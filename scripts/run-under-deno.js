// The Deno check of the notebooks (`npm run notebooks -- --kernel deno [filters]`): type-checks
// their code with `deno check` (Deno's kernel runs cells unchecked), executes them on Deno's
// Jupyter kernel under real Jupyter (execute_notebooks.py --kernel deno), writing the executed
// copies to reports/deno/ and never back, and compares every output with the committed notebook
// as it is on disk now (notebook-diff.js). The notebooks keep their tslab kernelspec.
"use strict";
const { spawnSync } = require("node:child_process");
const { existsSync, mkdirSync, readFileSync, rmSync } = require("node:fs");
const { basename, join, resolve } = require("node:path");
const { ROOT, jupyterEnv } = require("./jupyter-env");
const { denoBinary, DENO_KERNEL_NAME } = require("./deno-kernel");
const { denoCheckNotebooks } = require("./deno-check");
const { compareNotebookOutputs } = require("./notebook-diff");

const OUT_DIR = join(ROOT, "reports", "deno");
/** @param {string} path @returns {unknown} the parsed JSON file */
const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

/**
 * One notebook's comparison with its committed outputs (notebook-diff.js).
 * @typedef {{ notebook: string } & ReturnType<typeof compareNotebookOutputs>} NotebookResult
 */
/**
 * What a Deno check found.
 * @typedef {object} DenoCheck
 * @property {string[]} typeErrors deno check's errors, one line each
 * @property {string} failure the runner's report of a failed cell, or ""
 * @property {NotebookResult[]} results per notebook that ran
 */

/**
 * Runs the Deno check on `notebooks` (paths relative to the root) with Jupyter's `python`.
 * `log` receives the report line by line; the runner's progress (cells, seconds) goes to this
 * process's stdout when `live`, else to `log` at the end.
 *
 * @param {string} python the Jupyter Python
 * @param {readonly string[]} notebooks paths relative to the root
 * @param {{ log?: (line: string) => void, live?: boolean }} [options]
 * @returns {DenoCheck} `typeErrors` (deno check), `failure` (the runner's report of a failed cell,
 *   or ""), and per notebook that ran: its `differences` and `accepted` differences (notebook-diff.js)
 */
function runUnderDeno(python, notebooks, { log = console.log, live = true } = {}) {
  const deno = denoBinary();
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  log(`Type check (deno check) of the notebooks' code, as reports/deno/<name>.ts`);
  const typeErrors = denoCheckNotebooks(deno, ROOT, notebooks.map((nb) => resolve(ROOT, nb)), OUT_DIR);
  typeErrors.forEach((e) => log(`  type error: ${e}`));
  const args = [join(__dirname, "execute_notebooks.py"), "--kernel", DENO_KERNEL_NAME, "--out", OUT_DIR, ...notebooks];
  const r = spawnSync(python, args, { cwd: ROOT, encoding: "utf8", env: jupyterEnv(), stdio: ["ignore", live ? "inherit" : "pipe", "pipe"] });
  if (!live) log(r.stdout.trimEnd());
  const failure = r.status === 0 ? "" : r.stderr.trim() || `the runner exited with ${r.status ?? r.signal}`;
  /** @type {NotebookResult[]} */
  const results = [];
  for (const nb of notebooks) {
    const executed = join(OUT_DIR, basename(nb));
    if (!existsSync(executed)) continue; // the run stopped before it (reported in `failure`)
    const result = { notebook: basename(nb), ...compareNotebookOutputs(readJson(resolve(ROOT, nb)), readJson(executed)) };
    results.push(result);
    log(`${result.notebook}: ${result.differences.length} differences from the committed outputs, ${result.accepted.length} accepted`);
    result.differences.forEach((d) => log(`  DIFFERENT ${d}`));
    result.accepted.forEach((d) => log(`  accepted  ${d}`));
  }
  if (failure) log(failure);
  const count = (/** @type {"differences" | "accepted"} */ key) => results.reduce((n, r) => n + r[key].length, 0);
  log(`Deno check of ${notebooks.length} notebooks: ${typeErrors.length} type errors, ${failure ? "a failed cell" : "no failed cell"}, ` +
    `${count("differences")} outputs different from the committed ones, ${count("accepted")} accepted differences`);
  return { typeErrors, failure, results };
}

/**
 * Whether a Deno check passed: no type error, no failed cell, no output different from the committed one.
 * @param {DenoCheck} check
 */
function passed({ typeErrors, failure, results }) {
  return typeErrors.length === 0 && !failure && results.every((r) => r.differences.length === 0);
}

module.exports = { runUnderDeno, passed, OUT_DIR };
