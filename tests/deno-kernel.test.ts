/**
 * Deno's Jupyter kernel as the notebooks' second kernel (scripts/deno-kernel.js,
 * scripts/run-under-deno.js): the pinned deno binary runs and the checkout's kernel spec
 * "TypeScript (Deno)" points at it; `deno check` reports a notebook's type error with its cell
 * and line (Deno's kernel itself runs cells unchecked); notebooks 01 and 05, executed on Deno's
 * kernel under real Jupyter, give the committed outputs, apart from the accepted kernel
 * differences (scripts/notebook-diff.js). Needs Jupyter: `npm run setup`.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/* eslint-disable @typescript-eslint/no-require-imports */
const { ROOT, requireJupyterWithKernel, jupyterEnv } = require("../scripts/jupyter-env") as {
  ROOT: string;
  requireJupyterWithKernel: () => string;
  jupyterEnv: () => NodeJS.ProcessEnv;
};
const { denoBinary } = require("../scripts/deno-kernel") as { denoBinary: () => string };
const { denoCheckNotebooks } = require("../scripts/deno-check") as {
  denoCheckNotebooks: (deno: string, root: string, paths: string[], outDir: string) => string[];
};
const { runUnderDeno, passed, OUT_DIR } = require("../scripts/run-under-deno") as {
  runUnderDeno: (python: string, notebooks: string[], options: { log: (line: string) => void; live: boolean }) => Result;
  passed: (r: Result) => boolean;
  OUT_DIR: string;
};
const { compareNotebookOutputs } = require("../scripts/notebook-diff") as {
  compareNotebookOutputs: (a: unknown, b: unknown) => { differences: string[]; accepted: string[] };
};
/* eslint-enable @typescript-eslint/no-require-imports */

interface Result {
  typeErrors: string[];
  failure: string;
  results: { notebook: string; differences: string[]; accepted: string[] }[];
}
interface Notebook {
  cells: { cell_type: string; id?: string; source: string | string[]; outputs?: { output_type: string; data?: Record<string, unknown> }[] }[];
}

const NOTEBOOKS = ["notebooks/01-poisson-spike-trains.ipynb", "notebooks/05-full-network.ipynb"];

describe("Deno's kernel", () => {
  test("the pinned deno binary runs, and this checkout's kernel spec \"TypeScript (Deno)\" starts it", () => {
    const python = requireJupyterWithKernel();
    const pinned = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { devDependencies: Record<string, string> }).devDependencies.deno;
    const version = spawnSync(denoBinary(), ["--version"], { encoding: "utf8" });
    expect(version.stdout).toContain(`deno ${pinned} `);
    const list = spawnSync(python, ["-m", "jupyter_client.kernelspecapp", "list", "--json"], { encoding: "utf8", env: jupyterEnv() });
    const spec = (JSON.parse(list.stdout) as { kernelspecs: Record<string, { resource_dir: string; spec: { argv: string[]; display_name: string } }> }).kernelspecs.deno;
    expect(spec.resource_dir).toBe(join(ROOT, ".jupyter", "kernels", "deno"));
    expect(spec.spec.display_name).toBe("TypeScript (Deno)");
    expect(spec.spec.argv.slice(0, 3)).toEqual([denoBinary(), "jupyter", "--kernel"]);
  });

  test("deno check reports a type error in a notebook with its cell and line", () => {
    mkdirSync(join(ROOT, "reports"), { recursive: true });
    const dir = mkdtempSync(join(ROOT, "reports", ".deno-check-")); // inside the project: "ei-balance" resolves
    try {
      const code = (id: string, source: string) => ({ cell_type: "code", id, metadata: {}, source, outputs: [], execution_count: null });
      const nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [
        code("a", 'import { poissonTrains } from "ei-balance";\nconst x = poissonTrains({ n: 2, rate: 5, duration: 1, seed: 1 });'),
        { cell_type: "markdown", id: "m", metadata: {}, source: "text" },
        code("b", "const ok = x.n;\nconst bins: string = x.nBins;"),
      ] };
      writeFileSync(join(dir, "bad.ipynb"), JSON.stringify(nb));
      expect(denoCheckNotebooks(denoBinary(), ROOT, [join(dir, "bad.ipynb")], dir)).toEqual([
        "bad.ipynb, cell 2 of 2 (b), line 2: TS2322 Type 'number' is not assignable to type 'string'.",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  test("notebooks 01 and 05 run on it with the committed outputs, and a changed output would be reported", () => {
    const lines: string[] = [];
    const result = runUnderDeno(requireJupyterWithKernel(), NOTEBOOKS, { log: (line) => lines.push(line), live: false });
    expect({ passed: passed(result), report: lines }).toEqual({ passed: true, report: lines });
    expect(result.results.map((r) => r.notebook)).toEqual(NOTEBOOKS.map((nb) => nb.split("/")[1]));
    // the same comparison against a committed notebook whose first Markdown table had another number
    const committed = JSON.parse(readFileSync(join(ROOT, NOTEBOOKS[0]), "utf8")) as Notebook;
    const executed = JSON.parse(readFileSync(join(OUT_DIR, "01-poisson-spike-trains.ipynb"), "utf8")) as Notebook;
    const code = committed.cells.filter((c) => c.cell_type === "code");
    const k = code.findIndex((c) => c.outputs?.some((o) => o.data?.["text/markdown"]));
    const markdown = code[k].outputs!.find((o) => o.data?.["text/markdown"])!.data!;
    markdown["text/markdown"] = String(markdown["text/markdown"]).replace(/\d/, (d) => String((Number(d) + 1) % 10));
    expect(compareNotebookOutputs(committed, executed).differences).toEqual([
      expect.stringMatching(new RegExp(`^cell ${k + 1} of ${code.length} \\(${code[k].id}\\), output \\d: text/markdown differs`)),
    ]);
  }, 900_000);
});
