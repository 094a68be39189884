/**
 * Executes every notebook in notebooks/ with the real tslab kernel under real Jupyter (nbclient,
 * through scripts/execute_notebooks.py --check, which writes nothing) and fails on a failed cell
 * (tslab reports failures only as stderr output), on a chart output that lacks one of its MIME
 * types, or on a cell whose charts differ in number from those stored in the notebook. The same
 * check is run on small fixture notebooks that it must reject (tests/notebook-fixtures.ts).
 * Needs Jupyter and the tslab kernel spec: `npm run setup`.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { notebookFileFacts } from "./browser-helpers";
import { FIXTURES, type FixtureName, reportsFixture, writeFixtureNotebooks } from "./notebook-fixtures";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ROOT, requireJupyterWithKernel, jupyterEnv } = require("../scripts/jupyter-env") as {
  ROOT: string;
  requireJupyterWithKernel: () => string;
  jupyterEnv: () => NodeJS.ProcessEnv;
};

const VEGA_LITE = "application/vnd.vegalite.v5+json";
const CHART_MIMETYPES = [VEGA_LITE, "image/svg+xml", "image/png", "text/plain"];
const notebooks = readdirSync(join(ROOT, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort();

interface Summary {
  displays: { cell: number; mimetypes: string[] }[];
  stderr: string[];
}

/**
 * Executes the notebook `file` (execute_notebooks.py --check: nothing is written) and returns
 * what is wrong (empty when nothing is): the runner's failure (notebook, cell, line, message),
 * chart outputs that lack a MIME type, cells whose charts differ from the ones stored in the file,
 * stderr with an error. Also returns the executed chart outputs.
 */
function checkExecuted(file: string) {
  const name = basename(file);
  const r = spawnSync(requireJupyterWithKernel(), [join(ROOT, "scripts", "execute_notebooks.py"), "--check", "--timeout", "600", file], {
    cwd: ROOT,
    encoding: "utf8",
    env: jupyterEnv(),
  });
  if (r.status !== 0) return { problems: [`${name} failed:\n${r.stderr}\n${r.stdout}`], charts: [] };
  const summary = (JSON.parse(r.stdout.trim().split("\n").pop()!) as Record<string, Summary>)[name];
  const facts = notebookFileFacts(file);
  const where = (cell: number) => `cell ${cell} of ${facts.allCodeCells}`;
  const problems: string[] = [];
  const charts = summary.displays.filter((d) => d.mimetypes.includes(VEGA_LITE) || d.mimetypes.includes("image/svg+xml"));
  for (const chart of charts) {
    const missing = CHART_MIMETYPES.filter((m) => !chart.mimetypes.includes(m));
    if (missing.length > 0) problems.push(`${where(chart.cell)}: chart output without ${missing.join(", ")} (has ${chart.mimetypes.join(", ")})`);
  }
  // a chart cell that now shows something else (text, a Markdown table) instead of its chart
  for (let cell = 1; cell <= facts.allCodeCells; cell++) {
    const made = charts.filter((c) => c.cell === cell).length;
    const stored = facts.charts.filter((c) => c.cell === cell).length;
    if (made !== stored) problems.push(`${where(cell)}: ${made} chart outputs, ${stored} stored in the notebook`);
  }
  // stderr output in an executed cell is tslab's way of reporting an error
  problems.push(...summary.stderr.filter((s) => /Error/.test(s)).map((s) => `stderr: ${s}`));
  return { problems, charts };
}

describe("notebooks execute under Jupyter with the tslab kernel", () => {
  test("there are notebooks, numbered in SPEC order", () => {
    expect(notebooks.length).toBeGreaterThan(0);
    expect(notebooks[0]).toBe("01-poisson-spike-trains.ipynb");
    for (const nb of notebooks) expect(nb).toMatch(/^\d\d-[a-z0-9-]+\.ipynb$/);
  });

  test.each(notebooks)("%s runs without a failed cell and every chart has Vega-Lite, SVG and PNG", (nb) => {
    const { problems, charts } = checkExecuted(join(ROOT, "notebooks", nb));
    expect(problems).toEqual([]);
    expect(charts.length).toBeGreaterThan(0);
  }, 900_000);
});

describe("the notebook check fails on the failures it is meant to catch", () => {
  let dir = "";
  let fixtures: Record<FixtureName, string>;
  beforeAll(async () => {
    mkdirSync(join(ROOT, "reports"), { recursive: true });
    // inside the project, so that the fixtures' `import ... from "ei-balance"` resolves
    dir = mkdtempSync(join(ROOT, "reports", ".notebook-check-"));
    fixtures = await writeFixtureNotebooks(dir);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test.each(Object.keys(FIXTURES) as FixtureName[])("%s", (fixture) => {
    const { problems } = checkExecuted(fixtures[fixture]);
    expect({ fixture, expected: FIXTURES[fixture], problems, reported: reportsFixture(fixture, problems) }).toEqual({
      fixture,
      expected: FIXTURES[fixture],
      problems,
      reported: true,
    });
  }, 120_000);
});
