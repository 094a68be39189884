/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Shared by the browser tests: the notebooks and their chart outputs as committed, headless
 * Chromium (scripts/browser.js), and a check of the SVG charts drawn in a page.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { ROOT } = require("../scripts/jupyter-env") as { ROOT: string };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const browserJs = require("../scripts/browser") as { launchChromium: () => Promise<Browser>; findChromium: () => string | null; CHROMIUM_HINT: string };
export const { launchChromium, findChromium, CHROMIUM_HINT } = browserJs;

export const VEGA_LITE = "application/vnd.vegalite.v5+json";

/** The notebooks in notebooks/ (whatever exists: notebooks still being written do not break the tests). */
export function notebookNames(): string[] {
  return readdirSync(join(ROOT, "notebooks"))
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
    .map((f) => f.replace(/\.ipynb$/, ""));
}

interface Output {
  output_type: string;
  data?: Record<string, unknown>;
}
interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: Output[];
}

/** A notebook in notebooks/ as committed: see {@link notebookFileFacts}. */
export function notebookFacts(name: string) {
  return notebookFileFacts(join(ROOT, "notebooks", `${name}.ipynb`));
}

/** A notebook file as stored: its charts (one display_data with the Vega-Lite spec, its PNG and text), whether its Markdown has LaTeX, its non-empty code cells and all its code cells. */
export function notebookFileFacts(path: string) {
  const nb = JSON.parse(readFileSync(path, "utf8")) as { cells: Cell[] };
  const text = (s: string | string[]) => (Array.isArray(s) ? s.join("") : s);
  // cell: the chart's code cell, counted 1, 2, ... over the notebook's code cells (as the runner reports cells)
  const charts = nb.cells
    .filter((c) => c.cell_type === "code")
    .flatMap((c, k) => (c.outputs ?? []).filter((o) => o.output_type === "display_data" && o.data?.[VEGA_LITE]).map((o) => ({ ...o, cell: k + 1 })));
  const markdown = nb.cells.filter((c) => c.cell_type === "markdown").map((c) => text(c.source));
  const codeCells = nb.cells.filter((c) => c.cell_type === "code" && text(c.source).trim() !== "").length;
  const allCodeCells = nb.cells.filter((c) => c.cell_type === "code").length;
  return {
    charts: charts.map((o) => {
      const spec = o.data![VEGA_LITE] as Record<string, unknown>;
      return { cell: o.cell, spec, title: specTitle(spec) };
    }),
    hasMath: markdown.some((m) => /\$[^$]+\$|\\\(|\\\[/.test(m)),
    codeCells,
    allCodeCells,
  };
}

/** The first title a chart shows: its spec's own, else the first of its sub-charts' (depth first); null when it has none. */
export function specTitle(spec: unknown): string | null {
  if (spec === null || typeof spec !== "object") return null;
  const s = spec as Record<string, unknown>;
  const title = typeof s.title === "object" && s.title !== null ? (s.title as { text?: unknown }).text : s.title;
  if (typeof title === "string" && title !== "") return title;
  for (const key of ["vconcat", "hconcat", "concat", "layer"]) {
    for (const child of Array.isArray(s[key]) ? (s[key] as unknown[]) : []) {
      const found = specTitle(child);
      if (found) return found;
    }
  }
  return null;
}

/** What a chart looks like in the page: its size on screen, visibility, and how many drawn marks it has. */
export interface SvgFacts {
  width: number;
  height: number;
  visible: boolean;
  marks: number;
}

/** Facts about every `<svg class="marks">` (vega's SVG) inside the elements matching `selector`. */
export async function chartSvgs(page: Page, selector: string): Promise<SvgFacts[]> {
  return page.$$eval(selector, (containers) =>
    containers.flatMap((c) =>
      [...c.querySelectorAll("svg.marks")].map((svg) => {
        const r = svg.getBoundingClientRect();
        const style = getComputedStyle(svg);
        // drawn marks: children of vega's mark groups with geometry (a path with a d, a line, ...)
        const marks = [...svg.querySelectorAll("g.role-mark > *")].filter((m) => m.tagName !== "path" || (m.getAttribute("d") ?? "").length > 0).length;
        return { width: r.width, height: r.height, visible: style.display !== "none" && style.visibility !== "hidden" && Number(style.opacity) > 0, marks };
      }),
    ),
  );
}

/** Moves the mouse next to and then onto (x, y) and returns the text of vega's tooltip there (waits up to 10 s for it). */
export async function tooltipAt(page: Page, x: number, y: number): Promise<string> {
  await page.mouse.move(x + 3, y + 3);
  await page.mouse.move(x, y);
  const tooltip = page.locator("#vg-tooltip-element.visible");
  await tooltip.waitFor({ timeout: 10_000 });
  return tooltip.innerText();
}
