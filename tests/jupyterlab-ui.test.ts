/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The notebooks in JupyterLab 4, the project's client: this checkout's JupyterLab is started on
 * 127.0.0.1 with a random free port and a token, serving copies of the notebooks in a temporary
 * folder (reports/.jupyterlab-ui-*), and headless Chromium drives it.
 *  - Each notebook as executed in this test run (the copies tests/notebooks.test.ts checks, from
 *    the run tests/notebook-run.js starts): every chart is drawn by JupyterLab's Vega renderer (as
 *    many as stored in the committed notebook, per cell), no cell shows an error or stderr output,
 *    progress bars end on "done", and File > Save leaves the file byte-identical to the committed
 *    notebook: open, run and save leaves git clean (the runner stores notebooks as JupyterLab
 *    saves them). Console errors from the outputs fail the test.
 *  - One real Kernel > Restart Kernel and Run All, on a light notebook with charts and a progress
 *    bar (02; display updates are what JupyterLab handles in its own way): every cell ran, the
 *    charts are drawn again in the same numbers, and the saved file is byte-identical to the
 *    committed one; the same check is shown to fail on fixture notebooks
 *    (tests/notebook-fixtures.ts): a cell that throws, a compile error, text where a chart was,
 *    and a notebook stored in another form than JupyterLab saves.
 *  - On one raster: the tooltip on hover, zoom on Ctrl + wheel, and the plain wheel scrolls the
 *    notebook, not the chart; then the Dark theme: a screenshot (reports/screenshots/) and the
 *    contrast of the marks on the chart's background, printed.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import type { Browser, Page } from "playwright-core";
import { CHROMIUM_HINT, ROOT, findChromium, launchChromium, notebookFileFacts, notebookNames, tooltipAt } from "./browser-helpers";
import { FIXTURES, type FixtureName, reportsFixture, writeFixtureNotebooks } from "./notebook-fixtures";
import { type JupyterServer, startJupyterLab } from "./jupyter-server";
import { codeCells, menu, openNotebook, restartAndRunAll, save, unfinishedProgress, until } from "./jupyterlab-page";
import { type ChartColours, canvasColours, contrastRatio, hex, relativeLuminance } from "./chart-contrast";
import { sharedResult } from "./notebook-results";

const notebooks = notebookNames();
let server: JupyterServer;
let browser: Browser;
let dir = "";
let fixtures: Record<FixtureName, string>;
const timings: string[] = [];

beforeAll(async () => {
  if (!findChromium()) throw new Error(CHROMIUM_HINT);
  mkdirSync(join(ROOT, "reports", "screenshots"), { recursive: true });
  // inside the project, so that the notebooks' `import ... from "ei-balance"` resolves as in notebooks/
  dir = mkdtempSync(join(ROOT, "reports", ".jupyterlab-ui-"));
  for (const name of notebooks) copyFileSync(join(ROOT, "notebooks", `${name}.ipynb`), join(dir, `${name}.ipynb`));
  mkdirSync(join(dir, "fixtures"));
  fixtures = await writeFixtureNotebooks(join(dir, "fixtures"));
  const t0 = Date.now();
  server = await startJupyterLab(dir);
  browser = await launchChromium();
  timings.push(`JupyterLab and Chromium started in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (timings.length > 0) console.log(`JupyterLab UI test timings:\n  ${timings.join("\n  ")}`);
}, 60_000);

/** A new page that records console errors and uncaught exceptions. */
async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`page error: ${String(e)}`));
  return { page, errors };
}

/** The number of cells (all kinds) of a notebook file. */
function cellCount(file: string): number {
  return (JSON.parse(readFileSync(file, "utf8")) as { cells: unknown[] }).cells.length;
}

/** The progress bars stored as finished ("label: done") per code cell of a notebook file. */
function storedProgress(file: string): number[] {
  type Output = { output_type: string; data?: Record<string, string | string[]> };
  const nb = JSON.parse(readFileSync(file, "utf8")) as { cells: { cell_type: string; outputs?: Output[] }[] };
  const text = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join("") : (t ?? ""));
  return nb.cells
    .filter((c) => c.cell_type === "code")
    .map((c) => (c.outputs ?? []).filter((o) => o.output_type === "display_data" && /: done$/.test(text(o.data?.["text/plain"]))).length);
}

/** Waits until every Vega output in the open notebook has drawn its chart (or 30 s pass). */
async function chartsDrawn(page: Page): Promise<void> {
  const fn = `[...document.querySelectorAll(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-RenderedVegaLite")].every((r) => r.querySelector("canvas, svg.marks") !== null)`;
  await page.waitForFunction(fn, undefined, { timeout: 30_000, polling: 250 }).catch(() => undefined);
}

/** Where two texts first differ: line number and both lines (or "" when equal). */
function firstDifference(saved: string, committed: string): string {
  if (saved === committed) return "";
  const a = saved.split("\n");
  const b = committed.split("\n");
  const k = a.findIndex((line, i) => line !== b[i]);
  const at = k < 0 ? a.length : k;
  return `line ${at + 1}: saved ${JSON.stringify((a[at] ?? "<end>").slice(0, 120))}, committed ${JSON.stringify((b[at] ?? "<end>").slice(0, 120))}`;
}

/** Compares each code cell's charts and errors with the ones stored in the file; returns the problems. */
function compareCells(cells: Awaited<ReturnType<typeof codeCells>>, file: string, when: string): string[] {
  const facts = notebookFileFacts(file);
  const progress = storedProgress(file);
  const problems: string[] = [];
  if (cells.length !== facts.allCodeCells) problems.push(`${when}: ${cells.length} code cells in the page, ${facts.allCodeCells} in the file`);
  cells.forEach((c, k) => {
    const where = `${when}: cell ${k + 1} of ${cells.length} (${c.line})`;
    problems.push(...c.errors.map((e) => `${where}: error output: ${e}`));
    const stored = facts.charts.filter((s) => s.cell === k + 1).length;
    if (c.charts !== stored) problems.push(`${where}: ${c.charts} charts drawn by JupyterLab's Vega renderer, ${stored} stored in the notebook`);
    if (c.texts.some(unfinishedProgress)) problems.push(`${where}: a progress bar did not end on "done"`);
    const done = c.texts.filter((t) => /: done$/.test(t)).length;
    if (done !== progress[k]) problems.push(`${where}: ${done} progress bars ended on "done", ${progress[k]} stored`);
  });
  return problems;
}

/**
 * Opens the notebook `file` (inside the server's folder) in JupyterLab and compares what each code
 * cell shows with what the notebook `stored` holds (charts, errors, progress bars). With `runAll`
 * it then does Kernel > Restart Kernel and Run All and compares again; with `committed` it saves
 * and compares the saved file with that one, byte for byte. Returns what is wrong (empty when
 * nothing is).
 */
async function checkInJupyterLab(file: string, { stored = file, runAll, committed }: { stored?: string; runAll: boolean; committed?: string }): Promise<string[]> {
  const rel = relative(dir, file);
  const name = basename(file, ".ipynb");
  const { page, errors } = await newPage();
  const problems: string[] = [];
  const t0 = Date.now();
  try {
    await openNotebook(page, server.url, rel, cellCount(file), server.log);
    await chartsDrawn(page);
    problems.push(...compareCells(await codeCells(page), stored, "opened"));
    const t1 = Date.now();
    if (runAll) {
      await restartAndRunAll(page, name, server.log, 1_800_000);
      await chartsDrawn(page);
      const cells = await codeCells(page);
      cells.forEach((c, k) => {
        if (!/^\[\d+\]:$/.test(c.prompt) && c.line !== "") problems.push(`after Run All: cell ${k + 1} of ${cells.length} (${c.line}): did not run (prompt ${c.prompt})`);
      });
      problems.push(...compareCells(cells, stored, "after Run All"));
    }
    const t2 = Date.now();
    problems.push(...errors); // every console error fails: JupyterLab's own are switched off (scripts/lab-config.js)
    if (committed) {
      await save(page, file, statSync(file).mtimeMs, server.log);
      const diff = firstDifference(readFileSync(file, "utf8"), readFileSync(committed, "utf8"));
      if (diff) problems.push(`saved in JupyterLab, the notebook differs from ${relative(ROOT, committed)} at ${diff}`);
    }
    timings.push(`${name}: opened and drawn ${((t1 - t0) / 1000).toFixed(1)} s${runAll ? `, Restart + Run All ${((t2 - t1) / 1000).toFixed(1)} s` : ""}, total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await page.close();
    await server.shutdownKernels();
  }
  if (errors.length > 0) console.log(`${name}: console errors in the page:\n  ${errors.join("\n  ")}`);
  return problems;
}

/**
 * The notebook of the one real Restart and Run All: a light one (about 10 s) whose outputs include
 * what JupyterLab handles in its own way, charts and a progress bar (display updates).
 */
const RUN_ALL = "02-lif-single-input";

describe("JupyterLab: Restart Kernel and Run All, on one notebook", () => {
  test(`${RUN_ALL}: stored charts drawn, every cell runs without errors, the charts drawn again, saved byte-identical`, async () => {
    const committed = join(ROOT, "notebooks", `${RUN_ALL}.ipynb`);
    expect({ charts: notebookFileFacts(committed).charts.length > 0, progressBars: storedProgress(committed).some((n) => n > 0) }).toEqual({ charts: true, progressBars: true });
    expect(await checkInJupyterLab(join(dir, `${RUN_ALL}.ipynb`), { runAll: true, committed })).toEqual([]);
  }, 1_800_000);
});

describe("JupyterLab check: fails on the failures it is meant to catch", () => {
  const cases: FixtureName[] = ["fx-control.ipynb", "fx-throws.ipynb", "fx-compile-error.ipynb", "fx-text-instead-of-chart.ipynb"];
  test.each(cases)("%s", async (fixture) => {
    const problems = await checkInJupyterLab(fixtures[fixture], { runAll: true });
    expect({ fixture, expected: FIXTURES[fixture], problems, reported: reportsFixture(fixture, problems) }).toEqual({
      fixture,
      expected: FIXTURES[fixture],
      problems,
      reported: true,
    });
  }, 300_000);

  test("a notebook stored in another form than JupyterLab saves (no language_info, no execution counts) is reported", async () => {
    const copy = join(dir, "fixtures", "fx-control-copy.ipynb");
    copyFileSync(fixtures["fx-control.ipynb"], copy);
    const problems = await checkInJupyterLab(copy, { runAll: true, committed: fixtures["fx-control.ipynb"] });
    expect(problems.filter((p) => p.includes("saved in JupyterLab, the notebook differs"))).toHaveLength(1);
  }, 300_000);
});

/** The notebook and the index of its first raster chart (a chart of circles), for the interaction checks. */
function firstRaster(): { name: string; index: number } {
  for (const name of notebooks) {
    const index = notebookFileFacts(join(ROOT, "notebooks", `${name}.ipynb`)).charts.findIndex((c) => (c.spec as { mark?: { type?: string } }).mark?.type === "circle");
    if (index >= 0) return { name, index };
  }
  throw new Error("no notebook has a raster chart");
}

/** Opens the notebook with the first raster and returns the page, its errors and the raster's chart element. */
async function openRaster() {
  const { name, index } = firstRaster();
  const { page, errors } = await newPage();
  await openNotebook(page, server.url, `${name}.ipynb`, cellCount(join(dir, `${name}.ipynb`)), server.log);
  await chartsDrawn(page);
  const chart = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-RenderedVegaLite").nth(index);
  await chart.scrollIntoViewIfNeeded();
  await chart.evaluate((e) => e.scrollIntoView({ block: "center" }));
  return { name, page, errors, chart };
}

describe("JupyterLab: a raster chart is interactive, scrolls with the page and reads in the Dark theme", () => {
  test("hover shows neuron, time and how to zoom; the plain wheel scrolls the notebook; Ctrl + wheel zooms the chart", async () => {
    const { page, errors, chart } = await openRaster();
    try {
      const canvas = chart.locator(".vega-embed canvas").first();
      const box = (await canvas.boundingBox())!;
      // a dot: a pixel of the mark colour in the canvas, in CSS pixels from its top-left corner
      const dot = await canvas.evaluate((c) => {
        const cv = c as HTMLCanvasElement;
        const ratio = cv.width / cv.getBoundingClientRect().width;
        const data = cv.getContext("2d")!.getImageData(0, 0, cv.width, cv.height).data;
        for (let y = Math.floor(cv.height / 3); y < cv.height; y++) {
          for (let x = Math.floor(cv.width / 3); x < cv.width; x++) {
            const k = 4 * (y * cv.width + x);
            if (data[k + 2] > 200 && data[k] < 120 && data[k + 1] > 90 && data[k + 1] < 170) return { x: x / ratio, y: y / ratio };
          }
        }
        return null;
      });
      expect(dot).not.toBeNull();
      const text = await tooltipAt(page, box.x + dot!.x, box.y + dot!.y);
      expect(text).toMatch(/neuron/);
      expect(text).toMatch(/time \(s\)/);
      expect(text).toMatch(/Ctrl \+ wheel: zoom/);

      const scroller = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer");
      const scrollTop = () => scroller.evaluate((e) => e.scrollTop);
      const pixels = () => canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL());
      const center = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      await page.mouse.move(center.x, center.y);
      const [top0, image0] = [await scrollTop(), await pixels()];
      await page.mouse.wheel(0, 200);
      await page.waitForTimeout(800);
      const [top1, image1] = [await scrollTop(), await pixels()];
      expect({ scrolled: top1 > top0, chartUnchanged: image1 === image0 }).toEqual({ scrolled: true, chartUnchanged: true });

      const again = (await canvas.boundingBox())!;
      await page.mouse.move(again.x + again.width / 2, again.y + again.height / 2);
      await page.keyboard.down("Control");
      await page.mouse.wheel(0, -300);
      await page.keyboard.up("Control");
      await page.waitForTimeout(800);
      const [top2, image2] = [await scrollTop(), await pixels()];
      expect({ scrolled: top2 !== top1, zoomed: image2 !== image1 }).toEqual({ scrolled: false, zoomed: true });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await server.shutdownKernels();
    }
  }, 300_000);

  test("in the Light and the Dark theme the raster's dots stand out from the chart's background (contrast >= 3:1)", async () => {
    const light = await rasterColours("light");
    await setTheme("JupyterLab Dark", "false");
    let dark: ChartColours;
    try {
      dark = await rasterColours("dark");
    } finally {
      await setTheme("JupyterLab Light", "true");
    }
    const figure = (c: ChartColours) => `marks ${hex(c.mark)} on ${hex(c.background)}: contrast ${contrastRatio(c.mark, c.background).toFixed(2)}:1 (${(100 * c.markShare).toFixed(1)}% of the chart's pixels)`;
    console.log(`Raster contrast in JupyterLab:\n  Light: ${figure(light)}\n  Dark:  ${figure(dark)}`);
    expect(relativeLuminance(dark.background)).toBeLessThan(0.1); // the Dark theme did apply to the chart
    expect(relativeLuminance(light.background)).toBeGreaterThan(0.8);
    for (const c of [light, dark]) {
      expect(c.markShare).toBeGreaterThan(0.005);
      expect(contrastRatio(c.mark, c.background)).toBeGreaterThanOrEqual(3);
    }
  }, 300_000);
});

/** Settings > Theme > `theme` in a page of its own (JupyterLab keeps it in its settings for the next pages). */
async function setTheme(theme: string, light: "true" | "false"): Promise<void> {
  const { page } = await newPage();
  try {
    await page.goto(server.url(`/lab/workspaces/theme${Date.now().toString(36)}`), { waitUntil: "load" });
    await until(page, `document.querySelector(".lm-MenuBar-itemLabel") !== null`, 60_000, "JupyterLab loaded", server.log);
    await menu(page, "Settings", /^Theme$/);
    await page.locator(".lm-Menu-itemLabel", { hasText: new RegExp(`^${theme}$`) }).first().click();
    await until(page, `document.body.dataset.jpThemeLight === "${light}"`, 30_000, `${theme} applied`, server.log);
    await page.waitForTimeout(1000); // the setting is saved to the server
  } finally {
    await page.close();
  }
}

/** The raster's colours read from its canvas in the current theme, with screenshots in reports/screenshots/. */
async function rasterColours(theme: string): Promise<ChartColours> {
  const { name, page, errors, chart } = await openRaster();
  try {
    await chart.screenshot({ path: join(ROOT, "reports", "screenshots", `jupyterlab-${theme}-${name}-raster.png`) });
    await page.screenshot({ path: join(ROOT, "reports", "screenshots", `jupyterlab-${theme}-${name}.png`) });
    const colours = await chart.locator("canvas").first().evaluate(canvasColours);
    expect(errors).toEqual([]);
    return colours;
  } finally {
    await page.close();
    await server.shutdownKernels();
  }
}

describe("JupyterLab: every notebook as executed in this run draws its charts and saves unchanged", () => {
  test.each(notebooks)("%s: the executed copy opened, its charts drawn as stored, no error shown, saved byte-identical to the committed notebook", async (name) => {
    const result = await sharedResult(`${name}.ipynb`);
    expect({ failure: result.failure }).toEqual({ failure: null });
    const file = join(dir, `${name}.ipynb`);
    copyFileSync(result.executed!, file);
    const committed = join(ROOT, "notebooks", `${name}.ipynb`);
    expect(await checkInJupyterLab(file, { stored: committed, runAll: false, committed })).toEqual([]);
  }, 2_400_000);
});
