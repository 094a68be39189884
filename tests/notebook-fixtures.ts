/**
 * Small tslab notebooks that the notebook checks must reject (and one they must accept), so that
 * those checks are shown to fail on the failures they are meant to catch: a cell that throws, a
 * TypeScript compile error, a chart output without its PNG fallback, one with an SVG beside its
 * PNG, a chart cell that prints text
 * instead of its chart, a verdict that flipped since the notebook was stored, one whose number
 * changed while it still holds, and a verdict that
 * contradicts what the prose asserts. Written into a folder inside the project (the cells import "ei-balance"
 * like the notebooks in notebooks/). A chart cell's stored output is the bundle `show` makes
 * outside a kernel, as in a notebook committed executed.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { show } from "../lib/src/display/show";
import { xyChart } from "../lib/src/charts/xy";
import { agreement, md, showReport } from "../lib/src/report";

interface FixtureCell {
  source: string;
  outputs?: Record<string, unknown>[];
}

const IMPORT = 'import { show, xyChart } from "ei-balance"; import { sendDisplay, VEGA_LITE_MIME } from "ei-balance/display";';
const SPEC_SOURCE = 'const spec = xyChart({ lines: [{ label: "y = x^2", x: [0, 1, 2, 3], y: [0, 1, 4, 9] }], xTitle: "x", yTitle: "y", title: "fixture chart" });';
const spec = () => xyChart({ lines: [{ label: "y = x^2", x: [0, 1, 2, 3], y: [0, 1, 4, 9] }], xTitle: "x", yTitle: "y", title: "fixture chart" });

/** The display_data output of the fixture chart, as a notebook stores it after a good run. */
async function storedChart(): Promise<Record<string, unknown>> {
  const bundle = await show(spec());
  if (!bundle) throw new Error("show() sent the fixture chart to a kernel instead of returning its bundle");
  return { output_type: "display_data", data: bundle, metadata: {} };
}

function writeNotebook(path: string, cells: FixtureCell[]): string {
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } },
    cells: cells.map((c, k) => ({ cell_type: "code", id: `fx-${k + 1}`, metadata: {}, source: c.source, outputs: c.outputs ?? [], execution_count: null })),
  };
  writeFileSync(path, JSON.stringify(nb, null, 1) + "\n");
  return path;
}

export type FixtureName = "fx-control.ipynb" | "fx-throws.ipynb" | "fx-compile-error.ipynb" | "fx-chart-without-png.ipynb" | "fx-chart-with-svg-too.ipynb"
  | "fx-text-instead-of-chart.ipynb"
  | "fx-verdict-flipped.ipynb" | "fx-verdict-number-changed.ipynb" | "fx-verdict-contradicts-prose.ipynb";

/** A cell that states one verdict from z, and the output it stores when it held (z = 0.5) or not. */
const verdictSource = (z: number, asserted: string) =>
  `import { agreement, md, showReport } from "ei-balance";\nshowReport(md\`Mean: \${agreement({ id: "mean", z: ${z}${asserted} })}.\`);`;
function storedVerdict(z: number, asserted?: boolean): Record<string, unknown> {
  const bundle = showReport(md`Mean: ${agreement({ id: "mean", z, asserted })}.`);
  return { output_type: "display_data", data: bundle, metadata: {} };
}

/**
 * The fixture notebooks: file name -> what a check must report about it (null: nothing), as the
 * cell ("cell n of N", code cells counted like the runner counts them) and a part of the message.
 */
export const FIXTURES: Record<FixtureName, { cell: string; says: string } | null> = {
  /** a good notebook with one chart: every check must pass it */
  "fx-control.ipynb": null,
  /** cell 2 of 3 throws */
  "fx-throws.ipynb": { cell: "cell 2 of 3", says: "fixture: rate must be >= 0, got -5" },
  /** cell 2 of 2 does not compile: tslab prints the diagnostic on stderr */
  "fx-compile-error.ipynb": { cell: "cell 2 of 2", says: "Type 'string' is not assignable to type 'number'" },
  /** cell 2 sends a chart bundle with Vega-Lite and text only (no PNG): Classic Notebook, nbconvert's HTML and GitHub draw no chart */
  "fx-chart-without-png.ipynb": { cell: "cell 2 of 2", says: "chart output without image/png" },
  /** cell 2 sends a chart bundle with an SVG beside its PNG: the chart stored a third time */
  "fx-chart-with-svg-too.ipynb": { cell: "cell 2 of 2", says: "second static fallback" },
  /** cell 2 stored a chart, and now prints text where the chart was (cell 3's chart still draws) */
  "fx-text-instead-of-chart.ipynb": { cell: "cell 2 of 3", says: "chart" },
  /** the stored output says "agree" (z = 0.5); the cell now computes z = 5: the verdict flipped */
  "fx-verdict-flipped.ipynb": { cell: "cell 1 of 1", says: "differs from the stored notebook" },
  /** the stored output says "agree" at z = 0.5; the cell now computes z = 0.6, still "agree": the number changed */
  "fx-verdict-number-changed.ipynb": { cell: "cell 1 of 1", says: "z = 0.6 differs from the stored notebook" },
  /** the cell computes z = 5 ("disagree") while the prose asserts agreement (asserted: true) */
  "fx-verdict-contradicts-prose.ipynb": { cell: "cell 1 of 1", says: "prose asserts true" },
};

/** Whether `problems` (a check's report on fixture `name`) is what the fixture must give. */
export function reportsFixture(name: FixtureName, problems: string[]): boolean {
  const expected = FIXTURES[name];
  if (expected === null) return problems.length === 0;
  return problems.some((p) => p.includes(expected.cell) && p.includes(expected.says));
}

/** Writes every fixture notebook into `dir` (which must exist); returns their paths by name. */
export async function writeFixtureNotebooks(dir: string): Promise<Record<FixtureName, string>> {
  const chart = await storedChart();
  return {
    "fx-control.ipynb": writeNotebook(join(dir, "fx-control.ipynb"), [
      { source: `${IMPORT}\n${SPEC_SOURCE}` },
      { source: "await show(spec);", outputs: [chart] },
      { source: 'console.log("done");' },
    ]),
    "fx-throws.ipynb": writeNotebook(join(dir, "fx-throws.ipynb"), [
      { source: "const rate = -5;" },
      { source: 'if (rate < 0) throw new Error(`fixture: rate must be >= 0, got ${rate}`);' },
      { source: 'console.log("after the error");' },
    ]),
    "fx-compile-error.ipynb": writeNotebook(join(dir, "fx-compile-error.ipynb"), [
      { source: "const a = 1;" },
      { source: 'const x: number = "text";\nconsole.log(x);' },
    ]),
    "fx-chart-without-png.ipynb": writeNotebook(join(dir, "fx-chart-without-png.ipynb"), [
      { source: `${IMPORT}\n${SPEC_SOURCE}` },
      { source: 'sendDisplay({ [VEGA_LITE_MIME]: spec, "text/plain": "<VegaLite 5 object>" });' },
    ]),
    "fx-chart-with-svg-too.ipynb": writeNotebook(join(dir, "fx-chart-with-svg-too.ipynb"), [
      { source: `${IMPORT}\nimport { chartBundle, renderSvg } from "ei-balance/display";\n${SPEC_SOURCE}` },
      { source: 'sendDisplay({ ...(await chartBundle(spec, "chart")), "image/svg+xml": await renderSvg(spec) });', outputs: [chart] },
    ]),
    "fx-text-instead-of-chart.ipynb": writeNotebook(join(dir, "fx-text-instead-of-chart.ipynb"), [
      { source: `${IMPORT}\n${SPEC_SOURCE}` },
      { source: "console.log(JSON.stringify(spec).slice(0, 60));", outputs: [chart] },
      { source: "await show(spec);", outputs: [chart] },
    ]),
    "fx-verdict-flipped.ipynb": writeNotebook(join(dir, "fx-verdict-flipped.ipynb"), [
      { source: verdictSource(5, ""), outputs: [storedVerdict(0.5)] },
    ]),
    "fx-verdict-number-changed.ipynb": writeNotebook(join(dir, "fx-verdict-number-changed.ipynb"), [
      { source: verdictSource(0.6, ""), outputs: [storedVerdict(0.5)] },
    ]),
    "fx-verdict-contradicts-prose.ipynb": writeNotebook(join(dir, "fx-verdict-contradicts-prose.ipynb"), [
      { source: verdictSource(5, ", asserted: true"), outputs: [storedVerdict(5, true)] },
    ]),
  };
}
