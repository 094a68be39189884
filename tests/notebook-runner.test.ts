/**
 * The notebook runner (scripts/execute_notebooks.py) against real Jupyter and the tslab kernel:
 * a failing cell stops the run with the notebook, cell, line and tslab's message, exits non-zero,
 * and leaves the notebook file untouched; a good notebook is written back without volatile
 * metadata, in the form JupyterLab saves; with --results (the tests' shared run) a failed
 * notebook does not stop the others, and each one's result names its failure.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { alive } from "./notebook-results";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ROOT, requireJupyterWithKernel, jupyterEnv } = require("../scripts/jupyter-env") as {
  ROOT: string;
  requireJupyterWithKernel: () => string;
  jupyterEnv: () => NodeJS.ProcessEnv;
};

function notebook(...sources: string[]): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } },
    cells: sources.map((source, k) => ({ cell_type: "code", id: `c${k}`, metadata: {}, source, outputs: [], execution_count: null })),
  });
}

function run(nb: string, dir = mkdtempSync(join(tmpdir(), "runner-"))) {
  const path = join(dir, "t.ipynb");
  writeFileSync(path, nb);
  const r = spawnSync(requireJupyterWithKernel(), [join(ROOT, "scripts", "execute_notebooks.py"), path], { encoding: "utf8", env: jupyterEnv() });
  return { ...r, path, after: readFileSync(path, "utf8") };
}

describe("execute_notebooks.py", () => {
  test("a type error stops the run with notebook, cell, line and tslab's message, and does not touch the file", () => {
    const nb = notebook('console.log("fine")', 'const a = 1;\nconst x: number = "text";');
    const r = run(nb);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('FAILED: t.ipynb, cell 2 of 2, line 2: const x: number = "text";');
    expect(r.stderr).toMatch(/Type 'string' is not assignable to type 'number'/);
    expect(r.after).toBe(nb);
  }, 120_000);

  test("a thrown error is reported on the cell's own line with its message, without tslab's compiled code and frames", () => {
    const r = run(notebook('// a comment\nconst x: number = 2;\nthrow new Error("rate must be >= 0, got -5");\nconsole.log(x);'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('FAILED: t.ipynb, cell 1 of 1, line 3: throw new Error("rate must be >= 0, got -5");\n  | Error: rate must be >= 0, got -5\n');
    expect(r.stderr).not.toMatch(/evalmachine|executor\.js|^\s+\| +at /m);
  }, 120_000);

  test("a ParameterError prints just its message, on the line that calls the function it names", () => {
    const dir = mkdtempSync(join(ROOT, ".tmp-runner-")); // inside the project: the cell imports "ei-balance"
    try {
      const source = 'import { poissonTrains } from "ei-balance";\nconst n = -1;\nconst x = poissonTrains({ n: n, rate: 1, duration: 1, seed: 1 });';
      const r = run(notebook(source), dir);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(
        "FAILED: t.ipynb, cell 1 of 1, line 3: const x = poissonTrains({ n: n, rate: 1, duration: 1, seed: 1 });\n  | ParameterError: poissonTrains: n must be an integer >= 0, got -1\n",
      );
      expect(r.stderr).not.toMatch(/validate\.js|\^/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  test("a corrupt or empty file is reported in one line naming it, without a traceback, and left alone", () => {
    for (const [text, what] of [["{ not json", /^FAILED: t\.ipynb: not a notebook \(invalid JSON\)/], ["", /^FAILED: t\.ipynb: the file is empty, not a notebook$/]] as const) {
      const r = run(text);
      expect(r.status).toBe(1);
      expect(r.stderr.trim()).toMatch(what);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.after).toBe(text);
    }
  }, 60_000);

  test("a good notebook is written back with its outputs and without execution timestamps", () => {
    const r = run(notebook("const n: number = 6 * 7;\nn"));
    expect(r.status).toBe(0);
    const saved = JSON.parse(r.after);
    expect(saved.cells[0].outputs[0].text.join("")).toContain("42");
    expect(saved.cells[0].metadata.execution).toBeUndefined();
  }, 120_000);

  test("with --results a failed notebook is reported in its result and the next one still runs; the notebooks are left alone", () => {
    const dir = mkdtempSync(join(tmpdir(), "runner-results-"));
    const bad = notebook('console.log("fine")', 'throw new Error("rate must be >= 0, got -5");');
    const good = notebook("const n: number = 6 * 7;\nn");
    writeFileSync(join(dir, "a-bad.ipynb"), bad);
    writeFileSync(join(dir, "b-good.ipynb"), good);
    const out = join(dir, "results");
    const r = spawnSync(requireJupyterWithKernel(), [join(ROOT, "scripts", "execute_notebooks.py"), "--results", out, join(dir, "a-bad.ipynb"), join(dir, "b-good.ipynb")], { encoding: "utf8", env: jupyterEnv() });
    expect(r.status).toBe(1);
    const result = (name: string) => JSON.parse(readFileSync(join(out, `${name}.json`), "utf8"));
    expect(result("a-bad.ipynb")).toMatchObject({ failure: 'FAILED: a-bad.ipynb, cell 2 of 2, line 1: throw new Error("rate must be >= 0, got -5");\n  | Error: rate must be >= 0, got -5', summary: null });
    expect(existsSync(join(out, "a-bad.ipynb"))).toBe(false);
    expect(result("b-good.ipynb")).toMatchObject({ failure: null, summary: { displays: [], verdicts: [], stderr: [] } });
    expect(JSON.parse(readFileSync(join(out, "b-good.ipynb"), "utf8")).cells[0].outputs[0].text.join("")).toContain("42");
    expect([readFileSync(join(dir, "a-bad.ipynb"), "utf8"), readFileSync(join(dir, "b-good.ipynb"), "utf8")]).toEqual([bad, good]);
  }, 120_000);

  test("a notebook is stored as JupyterLab saves it: the kernel's language_info, counts 1..n over non-empty cells, one output per run of printed lines", () => {
    const r = run(notebook('console.log("a");\nconsole.log("b");', "", 'console.log("c")'));
    expect(r.status).toBe(0);
    const saved = JSON.parse(r.after);
    // as tslab's kernel_info reply gives it (node_modules/tslab/dist/jupyter.js)
    expect(saved.metadata.language_info).toEqual({
      codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
      file_extension: ".ts",
      mimetype: "text/typescript",
      name: "typescript",
      version: "3.7.2",
    });
    expect(saved.cells.map((c: { execution_count: number | null }) => c.execution_count)).toEqual([1, null, 2]);
    expect(saved.cells[0].outputs).toEqual([{ name: "stdout", output_type: "stream", text: ["a\n", "b\n"] }]);
  }, 120_000);
});

/** The PIDs of every descendant of a process, from ps. */
function descendants(pid: number): number[] {
  const out = spawnSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" }).stdout;
  const children = out.split("\n").filter((l) => l.trim()).map(Number);
  return children.flatMap((c) => [c, ...descendants(c)]);
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Starts `npm run notebooks` on a notebook whose second cell keeps the kernel busy for two
 * minutes, waits until that cell runs, kills the runner by its PID with `signal`, and returns what
 * was left: the processes of the run still alive 5 s later, whether the kernel's connection file
 * is still there, the notebook after, and the runner's stderr.
 */
async function killRunner(signal: NodeJS.Signals) {
  const dir = mkdtempSync(join(tmpdir(), "runner-kill-"));
  const path = join(dir, "slow.ipynb");
  const nb = notebook('console.log("start")', "function busy(ms: number) {\n  const t = Date.now();\n  while (Date.now() - t < ms) {}\n}\nbusy(120000);");
  writeFileSync(path, nb);
  const runner = spawn(process.execPath, [join(ROOT, "scripts", "run-notebooks.js"), path], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  runner.stdout.on("data", (d) => (stdout += d));
  runner.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise((done) => runner.on("exit", done));
  for (let t = 0; t < 120 && !stdout.includes("cell 2/2"); t++) await sleep(500);
  await sleep(1000);
  const tree = descendants(runner.pid!);
  const kernelArgs = spawnSync("ps", ["-o", "args=", "-p", tree.join(",")], { encoding: "utf8" }).stdout;
  const connectionFile = /--config-path (\S+)/.exec(kernelArgs)?.[1] ?? "";
  runner.kill(signal);
  await exited;
  await sleep(5000);
  return { tree, left: tree.filter(alive), connectionFile, connectionLeft: existsSync(connectionFile), after: readFileSync(path, "utf8"), nb, stderr };
}

describe("run-notebooks.js killed by its PID", () => {
  test.each(["SIGTERM", "SIGKILL"] as const)("%s stops the kernel, leaves no process and no connection file, and rewrites nothing", async (signal) => {
    const r = await killRunner(signal);
    expect(r.tree.length).toBeGreaterThanOrEqual(2); // the Python runner and the tslab kernel were running
    expect(r.connectionFile).not.toBe("");
    expect(r.left).toEqual([]);
    expect(r.connectionLeft).toBe(false);
    expect(r.after).toBe(r.nb);
    expect(r.stderr).toContain("interrupted: nothing written");
    expect(r.stderr).not.toContain("Traceback");
  }, 180_000);
});
