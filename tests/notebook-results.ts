/**
 * Notebooks executed by scripts/execute_notebooks.py --results, as the tests read them: the run of
 * every notebook shared by the tests of one Jest run (started by tests/notebook-run.js; each
 * notebook's result is waited for), or a run of its own on other files or in another environment
 * ({@link executeInto}).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";

/* eslint-disable @typescript-eslint/no-require-imports */
const { ROOT, requireJupyterWithKernel, jupyterEnv } = require("../scripts/jupyter-env") as {
  ROOT: string;
  requireJupyterWithKernel: () => string;
  jupyterEnv: () => NodeJS.ProcessEnv;
};
const { RESULTS_DIR } = require("./notebook-run") as { RESULTS_DIR: string };
/* eslint-enable @typescript-eslint/no-require-imports */

/** A verdict as a report output carries it (VerdictRecord), with its code cell. */
export interface CellVerdict {
  cell: number;
  id: string;
  claim: string;
  holds: boolean;
  asserted?: boolean;
  z?: number;
  values?: Record<string, number>;
}

/** What the runner read from an executed notebook's outputs. */
export interface Summary {
  /** Each display output: its code cell (counted from 1) and MIME types. */
  displays: { cell: number; mimetypes: string[] }[];
  verdicts: CellVerdict[];
  /** The stderr text of each code cell that printed some. */
  stderr: string[];
}

/** One notebook's result. */
export interface NotebookResult {
  notebook: string;
  /** The runner's report of the first failed cell (notebook, cell, line, message), or null when every cell ran. */
  failure: string | null;
  /** Its outputs, when every cell ran. */
  summary: Summary | null;
  /** The executed notebook, as the runner stores it, when every cell ran. */
  executed: string | null;
}

/** The result of `notebook` (a file name) in `dir`, or null when there is none yet. */
function readResult(dir: string, notebook: string): NotebookResult | null {
  const file = join(dir, `${notebook}.json`);
  if (!existsSync(file)) return null;
  const result = JSON.parse(readFileSync(file, "utf8")) as Omit<NotebookResult, "executed">;
  return { ...result, executed: result.failure === null ? join(dir, notebook) : null };
}

/** The last `lines` lines of a text file ("" when it is missing). */
function tail(file: string, lines = 30): string {
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").slice(-lines).join("\n") : "";
}

/** Whether the process `pid` exists (signal 0). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The result of `notebook` (a file name in notebooks/) in this Jest run's shared run, once the
 * runner is done with it.
 * @throws Error when no run was started (a test outside the "notebooks" project of
 *   jest.config.js), when there is no Jupyter, or when the runner ended without it (with its log)
 */
export async function sharedResult(notebook: string): Promise<NotebookResult> {
  const runFile = join(RESULTS_DIR, "run.json");
  if (!existsSync(runFile)) throw new Error(`no notebook run in ${RESULTS_DIR}: tests/notebook-run.js (the globalSetup of jest.config.js's "notebooks" project) starts it`);
  const run = JSON.parse(readFileSync(runFile, "utf8")) as { pid?: number; error?: string };
  if (run.error !== undefined) throw new Error(run.error);
  for (;;) {
    const running = alive(run.pid!);
    const result = readResult(RESULTS_DIR, notebook);
    if (result) return result;
    if (!running) throw new Error(`the notebook run ended without a result for ${notebook}; the end of ${join(RESULTS_DIR, "run.log")}:\n${tail(join(RESULTS_DIR, "run.log"))}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Executes `files` (notebook paths) with the runner into `dir` and returns their results by file
 * name; `env` adds to the kernel's environment. A notebook the runner left no result for (it
 * crashed) gets a failure made of the runner's output.
 */
export function executeInto(dir: string, files: string[], env: NodeJS.ProcessEnv = {}): Record<string, NotebookResult> {
  const r = spawnSync(requireJupyterWithKernel(), [join(ROOT, "scripts", "execute_notebooks.py"), "--results", dir, ...files], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...jupyterEnv(), ...env },
  });
  const results: Record<string, NotebookResult> = {};
  for (const file of files) {
    const name = basename(file);
    results[name] = readResult(dir, name) ?? { notebook: name, failure: `${name}: no result from the runner (exit ${r.status ?? r.signal}):\n${r.stderr}\n${r.stdout}`, summary: null, executed: null };
  }
  return results;
}
