/**
 * The notebook runner (scripts/execute_notebooks.py) against real Jupyter and the tslab kernel:
 * a failing cell stops the run with the notebook, cell, line and tslab's message, exits non-zero,
 * and leaves the notebook file untouched; a good notebook is written back without volatile
 * metadata, in the form JupyterLab saves.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

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

function run(nb: string) {
  const dir = mkdtempSync(join(tmpdir(), "runner-"));
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

  test("a thrown error is reported with its message", () => {
    const r = run(notebook('throw new Error("rate must be >= 0, got -5")'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("FAILED: t.ipynb, cell 1 of 1");
    expect(r.stderr).toContain("rate must be >= 0, got -5");
  }, 120_000);

  test("a good notebook is written back with its outputs and without execution timestamps", () => {
    const r = run(notebook("const n: number = 6 * 7;\nn"));
    expect(r.status).toBe(0);
    const saved = JSON.parse(r.after);
    expect(saved.cells[0].outputs[0].text.join("")).toContain("42");
    expect(saved.cells[0].metadata.execution).toBeUndefined();
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
