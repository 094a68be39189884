/**
 * Every notebook in notebooks/, executed once per test run with the real tslab kernel under real
 * Jupyter (nbclient, scripts/execute_notebooks.py --results, started in the background by
 * tests/notebook-run.js; its executed copies are shared with tests/jupyterlab-ui.test.ts): fails
 * on a failed cell (tslab reports failures only as stderr output; the report names the notebook,
 * the cell, the line and the message), on a chart output that lacks one of its MIME types
 * (Vega-Lite, the PNG fallback, text) or carries a second static fallback (SVG), on a cell whose
 * charts differ in number from those stored in the notebook, or on a verdict (the JSON that
 * report outputs carry, lib/src/report) that contradicts what the notebook's prose asserts or
 * differs from the verdict stored in the notebook. The same check is run on small fixture
 * notebooks that it must reject (tests/notebook-fixtures.ts).
 * Needs Jupyter and the tslab kernel spec: `npm run setup`.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { notebookFileFacts } from "./browser-helpers";
import { FIXTURES, type FixtureName, reportsFixture, writeFixtureNotebooks } from "./notebook-fixtures";
import { type CellVerdict, type NotebookResult, executeInto, sharedResult } from "./notebook-results";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ROOT } = require("../scripts/jupyter-env") as { ROOT: string };

const VEGA_LITE = "application/vnd.vegalite.v5+json";
/** A chart output: its Vega-Lite spec, ONE static fallback (PNG) and text; an SVG beside the PNG would store the chart a third time. */
const CHART_MIMETYPES = [VEGA_LITE, "image/png", "text/plain"];
const SECOND_FALLBACK = "image/svg+xml";
const notebooks = readdirSync(join(ROOT, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort();

const VERDICT_MIME = "application/vnd.ei-balance.verdict+json";

/** The verdicts stored in a notebook file's outputs, in order, with their code cells. */
function storedVerdicts(file: string): CellVerdict[] {
  type Output = { output_type: string; data?: Record<string, unknown> };
  const nb = JSON.parse(readFileSync(file, "utf8")) as { cells: { cell_type: string; outputs?: Output[] }[] };
  return nb.cells.filter((c) => c.cell_type === "code").flatMap((c, k) => (c.outputs ?? []).flatMap((o) =>
    ((o.data?.[VERDICT_MIME] as { verdicts: Omit<CellVerdict, "cell">[] } | undefined)?.verdicts ?? []).map((v) => ({ cell: k + 1, ...v }))));
}

/**
 * A verdict as the check compares it: its id, whether it holds, its z and its values. The rule:
 * a notebook is deterministic (same seeds, bit-identical runs), so a re-execution must reproduce
 * every number a verdict carries as printed: z to 4 significant digits, values exactly as recorded
 * (the report rounds them to 4 significant digits, `VALUE_DIGITS`). A stated result that moves in
 * its 4th digit fails, and the notebook must be re-read and re-executed.
 */
function verdictKey(v: Omit<CellVerdict, "cell">): string {
  const z = v.z === undefined ? "" : ` z = ${Number(v.z.toPrecision(4))}`;
  const values = Object.entries(v.values ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, x]) => `; ${name} = ${x}`).join("");
  return `${v.id}: ${v.holds}${z}${values}`;
}

/**
 * What is wrong with the verdicts of an executed notebook: a verdict that contradicts what the
 * prose asserts (holds !== asserted), an id used twice, or a verdict that differs from the one
 * stored in the notebook (a flipped verdict, a number that changed (`verdictKey`), or one that appeared or disappeared).
 */
function verdictProblems(executed: CellVerdict[], stored: CellVerdict[], where: (cell: number) => string): string[] {
  const problems = executed
    .filter((v) => v.asserted !== undefined && v.holds !== v.asserted)
    .map((v) => `${where(v.cell)}: verdict "${v.id}" is ${v.holds}, but the notebook's prose asserts ${v.asserted} ("${v.claim}")`);
  const ids = executed.map((v) => v.id);
  problems.push(...ids.filter((id, i) => ids.indexOf(id) !== i).map((id) => `verdict id "${id}" used twice`));
  const key = verdictKey;
  const before = new Set(stored.map(key));
  const after = new Set(executed.map(key));
  problems.push(...executed.filter((v) => !before.has(key(v))).map((v) => `${where(v.cell)}: verdict ${key(v)} differs from the stored notebook`));
  problems.push(...stored.filter((v) => !after.has(key(v))).map((v) => `${where(v.cell)}: stored verdict ${key(v)} is not reached any more`));
  return problems;
}

/**
 * What is wrong with the notebook `file` as the runner executed it (empty when nothing is): its
 * failure (notebook, cell, line, message), chart outputs that lack a MIME type, cells whose charts
 * differ from the ones stored in the file, stderr with an error, verdicts (see verdictProblems).
 * Also returns the executed chart outputs.
 */
function problemsOf(result: NotebookResult, file: string) {
  if (result.failure !== null || result.summary === null) return { problems: [result.failure ?? `${result.notebook}: no outputs`], charts: [], verdicts: [] };
  const summary = result.summary;
  const facts = notebookFileFacts(file);
  const where = (cell: number) => `cell ${cell} of ${facts.allCodeCells}`;
  const problems: string[] = [];
  const charts = summary.displays.filter((d) => d.mimetypes.includes(VEGA_LITE) || d.mimetypes.includes("image/svg+xml"));
  for (const chart of charts) {
    const missing = CHART_MIMETYPES.filter((m) => !chart.mimetypes.includes(m));
    if (missing.length > 0) problems.push(`${where(chart.cell)}: chart output without ${missing.join(", ")} (has ${chart.mimetypes.join(", ")})`);
    if (chart.mimetypes.includes(SECOND_FALLBACK)) problems.push(`${where(chart.cell)}: chart output with a second static fallback, ${SECOND_FALLBACK} beside image/png`);
  }
  // a chart cell that now shows something else (text, a Markdown table) instead of its chart
  for (let cell = 1; cell <= facts.allCodeCells; cell++) {
    const made = charts.filter((c) => c.cell === cell).length;
    const stored = facts.charts.filter((c) => c.cell === cell).length;
    if (made !== stored) problems.push(`${where(cell)}: ${made} chart outputs, ${stored} stored in the notebook`);
  }
  // stderr output in an executed cell is tslab's way of reporting an error
  problems.push(...summary.stderr.filter((s) => /Error/.test(s)).map((s) => `stderr: ${s}`));
  problems.push(...verdictProblems(summary.verdicts, storedVerdicts(file), where));
  return { problems, charts, verdicts: summary.verdicts };
}

describe("notebooks execute under Jupyter with the tslab kernel", () => {
  test("there are notebooks, numbered in the order of docs/TASKS.md", () => {
    expect(notebooks.length).toBeGreaterThan(0);
    expect(notebooks[0]).toBe("01-poisson-spike-trains.ipynb");
    for (const nb of notebooks) expect(nb).toMatch(/^\d\d-[a-z0-9-]+\.ipynb$/);
  });

  test.each(notebooks)("%s runs without a failed cell, every chart has Vega-Lite, a PNG and no SVG, and every verdict is the stored one and what the prose asserts", async (nb) => {
    const { problems, charts } = problemsOf(await sharedResult(nb), join(ROOT, "notebooks", nb));
    expect(problems).toEqual([]);
    expect(charts.length).toBeGreaterThan(0);
  }, 2_400_000);

  test("08-beyond-one-machine.ipynb where PyNN is missing (PYNN_PYTHON without it) skips only the engine's cells: no failed cell, only the engine's two verdicts missing", () => {
    const bare = join(mkdtempSync(join(tmpdir(), "no-pynn-")), "python3");
    writeFileSync(bare, '#!/bin/sh\nexec /usr/bin/python3 -I -S "$@"\n', { mode: 0o755 });
    const file = join(ROOT, "notebooks", "08-beyond-one-machine.ipynb");
    const { problems } = problemsOf(executeInto(join(bare, ".."), [file], { PYNN_PYTHON: bare })["08-beyond-one-machine.ipynb"], file);
    expect(problems.filter((p) => !/stored verdict .*engine-rate-[EI]/.test(p))).toEqual([]);
    expect(problems).toHaveLength(2);
  }, 2_400_000);

  test.each(notebooks.filter((nb) => /^0[1-4]-/.test(nb)))("%s states its results as machine-readable verdicts", (nb) => {
    expect(storedVerdicts(join(ROOT, "notebooks", nb)).length).toBeGreaterThan(0);
  });

  test.each(notebooks.filter((nb) => /^0[3-8]-/.test(nb)))("%s: every verdict carries the numbers it rests on (a z or values)", (nb) => {
    const bare = storedVerdicts(join(ROOT, "notebooks", nb)).filter((v) => v.z === undefined && v.values === undefined);
    expect(bare.map((v) => v.id)).toEqual([]);
  });

  test.each(["06-beyond-the-balanced-limit.ipynb", "07-inside-the-balanced-state.ipynb"])("%s states at least 12 results as verdicts", (nb) => {
    expect(storedVerdicts(join(ROOT, "notebooks", nb)).length).toBeGreaterThanOrEqual(12);
  });
});

describe("the notebook check fails on the failures it is meant to catch", () => {
  let dir = "";
  let fixtures: Record<FixtureName, string>;
  let results: Record<string, NotebookResult>;
  beforeAll(async () => {
    mkdirSync(join(ROOT, "reports"), { recursive: true });
    // inside the project, so that the fixtures' `import ... from "ei-balance"` resolves
    dir = mkdtempSync(join(ROOT, "reports", ".notebook-check-"));
    fixtures = await writeFixtureNotebooks(dir);
    results = executeInto(join(dir, "executed"), Object.values(fixtures));
  }, 600_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test.each(Object.keys(FIXTURES) as FixtureName[])("%s", (fixture) => {
    const { problems } = problemsOf(results[fixture], fixtures[fixture]);
    expect({ fixture, expected: FIXTURES[fixture], problems, reported: reportsFixture(fixture, problems) }).toEqual({
      fixture,
      expected: FIXTURES[fixture],
      problems,
      reported: true,
    });
  });
});
