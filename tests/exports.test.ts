/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The hand-in exports, checked in a real browser (headless Chromium from Debian, driven by
 * playwright-core): `npm run export` runs first (every notebook in notebooks/ to reports/), then
 *  - each exported HTML file opens offline (no request leaves file://), shows every chart output
 *    as a visible SVG with drawn marks, and its LaTeX typeset without a TeX error; a screenshot
 *    per notebook lands in reports/screenshots/;
 *  - the Vega-Lite half of every chart bundle (what JupyterLab and VS Code render) draws with
 *    vega-embed from node_modules without a console error, and keeps its zoom/pan selection;
 *  - zoom (Ctrl + wheel; the plain wheel leaves the chart alone) and tooltips work in vega-embed on a raster and a trace built by the library;
 *  - the PDF of notebook 05 (or of the largest notebook) has every chart drawn on its page
 *    (pdftoppm to pixels), and the hand-in export hides code but keeps every chart.
 * Needs Chromium (`apt-get install chromium`) and pdftoppm (`apt-get install poppler-utils`).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { poissonTrains } from "../lib/src/spikes/poisson";
import { rasterChart } from "../lib/src/charts/raster";
import { traceChart } from "../lib/src/charts/trace";
import { CHROMIUM_HINT, ROOT, chartSvgs, findChromium, launchChromium, notebookFacts, notebookNames, tooltipAt } from "./browser-helpers";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { exportNotebooks } = require("../scripts/export") as {
  exportNotebooks: (o: { filters?: string[]; handIn?: boolean; out?: string; log?: (s: string) => void }) => Promise<string[]>;
};

const REPORTS = join(ROOT, "reports");
const SHOTS = join(REPORTS, "screenshots");
const notebooks = notebookNames();
const exportLog: string[] = [];
let browser: Browser;
let context: BrowserContext;

/** Opens a page that records console errors, page errors and every request that is not file: or data:. */
async function openPage(): Promise<{ page: Page; errors: string[]; remote: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  const remote: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => {
    // blob: is made in the page (the network explorer's Web Worker in notebook 05), not fetched
    if (!/^(file|data|about|blob):/.test(r.url())) remote.push(r.url());
  });
  return { page, errors, remote };
}

beforeAll(async () => {
  if (!findChromium()) throw new Error(CHROMIUM_HINT);
  await exportNotebooks({ log: (s) => exportLog.push(s) });
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1100, height: 1400 } });
  // An export must read offline: anything it asks of the network fails (and is recorded).
  await context.route(/^https?:/, (route) => route.abort());
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

describe("exported HTML in headless Chromium", () => {
  test("the export reported no LaTeX error", () => {
    expect(exportLog.filter((l) => /LaTeX error/.test(l))).toEqual([]);
  });

  test.each(notebooks)("%s.html: every chart a visible SVG with marks, math typeset, nothing from the network", async (name) => {
    const facts = notebookFacts(name);
    const { page, errors, remote } = await openPage();
    try {
      await page.goto(pathToFileURL(join(REPORTS, `${name}.html`)).href, { waitUntil: "load" });
      const svgs = await chartSvgs(page, ".jp-RenderedSVG");
      expect(svgs.length).toBe(facts.charts.length);
      svgs.forEach((s, k) => {
        expect({ chart: k + 1, ...s, width: s.width > 50, height: s.height > 50, marks: s.marks > 0 }).toEqual({ chart: k + 1, width: true, height: true, visible: true, marks: true });
      });
      const math = await page.evaluate(() => {
        const typeset = document.querySelectorAll(".jp-RenderedMarkdown mjx-container svg").length;
        const texErrors = [...document.querySelectorAll("[data-mjx-error]")].map((e) => e.getAttribute("data-mjx-error"));
        // Markdown text outside formulas and code: raw TeX left there was not typeset
        const raw: string[] = [];
        for (const md of document.querySelectorAll(".jp-RenderedMarkdown")) {
          const copy = md.cloneNode(true) as Element;
          copy.querySelectorAll("mjx-container, code, pre").forEach((e) => e.remove());
          const m = (copy.textContent ?? "").match(/\$\$|\\(?:frac|sqrt|begin|left|mathrm)\b|\\\(|\\\[/g);
          if (m) raw.push(...m);
        }
        const text = document.body.innerText;
        return { typeset, texErrors, raw, errorText: /Math (input|processing) error|Undefined control sequence|Missing (open|close) brace/.test(text) };
      });
      expect(math.texErrors).toEqual([]);
      expect(math.raw).toEqual([]);
      expect(math.errorText).toBe(false);
      if (facts.hasMath) expect(math.typeset).toBeGreaterThan(0);
      // the one script kept is the network explorer's (notebook 05), which runs in the reader's browser
      expect(await page.$$("script:not(.eib-explorer script)")).toHaveLength(0);
      expect(remote).toEqual([]);
      expect(errors).toEqual([]);
      // screenshot: the page from its first chart's cell down (a viewport's height)
      await page.evaluate(() => {
        const first = document.querySelector(".jp-RenderedSVG");
        const cell = first?.closest(".jp-Cell") ?? first;
        if (cell) window.scrollTo(0, Math.max(0, cell.getBoundingClientRect().top + window.scrollY - 200));
      });
      await page.screenshot({ path: join(SHOTS, `${name}.png`) });
      expect(statSync(join(SHOTS, `${name}.png`)).size).toBeGreaterThan(10_000);
    } finally {
      await page.close();
    }
  }, 120_000);
});

/** A page with vega, vega-lite and vega-embed loaded from node_modules (no CDN). */
async function vegaEmbedPage() {
  const opened = await openPage();
  await opened.page.setContent('<!DOCTYPE html><html><body style="margin:0"><div id="chart"></div></body></html>');
  for (const file of ["vega/build/vega.min.js", "vega-lite/build/vega-lite.min.js", "vega-embed/build/vega-embed.min.js"]) {
    await opened.page.addScriptTag({ path: join(ROOT, "node_modules", file) });
  }
  return opened;
}

interface EmbedResult {
  svgs: number;
  marks: number;
  width: number;
  height: number;
  zoomSignal: boolean;
  error: string | null;
}

/** Embeds a spec in #chart with vega-embed (SVG renderer) and reports what it drew. */
async function embed(page: Page, spec: unknown): Promise<EmbedResult> {
  return page.evaluate(async (s) => {
    const w = window as unknown as {
      vegaEmbed: (el: string, spec: unknown, opts: unknown) => Promise<{ view: { signal: (n: string) => unknown; finalize: () => void } }>;
      __view?: { finalize: () => void };
    };
    w.__view?.finalize();
    document.getElementById("chart")!.innerHTML = "";
    try {
      const result = await w.vegaEmbed("#chart", s, { renderer: "svg", actions: false });
      w.__view = result.view;
      let zoomSignal = true;
      try {
        result.view.signal("zoom");
      } catch {
        zoomSignal = false;
      }
      const svg = document.querySelector("#chart svg.marks");
      const r = svg?.getBoundingClientRect();
      const marks = svg ? [...svg.querySelectorAll("g.role-mark > *")].filter((m) => m.tagName !== "path" || (m.getAttribute("d") ?? "").length > 0).length : 0;
      return { svgs: document.querySelectorAll("#chart svg.marks").length, marks, width: r?.width ?? 0, height: r?.height ?? 0, zoomSignal, error: null };
    } catch (e) {
      return { svgs: 0, marks: 0, width: 0, height: 0, zoomSignal: false, error: String(e) };
    }
  }, spec);
}

describe("the Vega-Lite half of every chart bundle in vega-embed (what JupyterLab and VS Code render)", () => {
  test.each(notebooks)("%s: every chart draws without a console error and keeps its zoom/pan", async (name) => {
    const { charts } = notebookFacts(name);
    const { page, errors, remote } = await vegaEmbedPage();
    try {
      for (const [k, chart] of charts.entries()) {
        const r = await embed(page, chart.spec);
        const hasZoom = JSON.stringify(chart.spec).includes('"name":"zoom"');
        expect({ chart: k + 1, title: chart.title, ...r, marks: r.marks > 0, width: r.width > 50, height: r.height > 50, zoomSignal: r.zoomSignal || !hasZoom }).toEqual({
          chart: k + 1,
          title: chart.title,
          svgs: 1,
          marks: true,
          width: true,
          height: true,
          zoomSignal: true,
          error: null,
        });
      }
      expect(errors).toEqual([]);
      expect(remote).toEqual([]);
    } finally {
      await page.close();
    }
  }, 180_000);

  /** Whether a wheel turn over the chart (with Ctrl held or not) changes its x domain. */
  async function wheelZooms(page: Page, domain: () => Promise<number[]>, ctrl: boolean): Promise<boolean> {
    const before = await domain();
    if (ctrl) await page.keyboard.down("Control");
    await page.mouse.wheel(0, -400);
    if (ctrl) await page.keyboard.up("Control");
    await page.waitForTimeout(300);
    const after = await domain();
    return after[0] !== before[0] || after[1] !== before[1];
  }

  test("a raster zooms on Ctrl + wheel (not on the plain wheel) and its tooltip shows neuron index, time and how to zoom", async () => {
    const spec = rasterChart(poissonTrains({ n: 40, rate: 20, duration: 1, dt: 1e-4, seed: 3 }), { title: "raster" });
    const { page, errors } = await vegaEmbedPage();
    try {
      expect((await embed(page, spec)).error).toBeNull();
      // hover one dot: its position from vega's scenegraph
      const dot = await page.evaluate(() => {
        // a dot in the middle of the raster: its path in vega's SVG, found by the item's position
        type Item = { x: number; items?: Item[]; mark?: { marktype: string }; datum?: { t?: number; i?: number } };
        const view = (window as unknown as { __view: { scenegraph: () => { root: Item } } }).__view;
        const find = (node: Item): Item | null => {
          if (node.mark?.marktype === "symbol" && node.datum?.i === 20 && node.datum.t! > 0.2) return node;
          for (const child of node.items ?? []) {
            const hit = find(child);
            if (hit) return hit;
          }
          return null;
        };
        const item = find(view.scenegraph().root);
        const path = [...document.querySelectorAll("#chart g.mark-symbol path")].find((p) => (p.getAttribute("transform") ?? "").startsWith(`translate(${item?.x},`));
        const r = path?.getBoundingClientRect();
        return r ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : null;
      });
      expect(dot).not.toBeNull();
      const text = await tooltipAt(page, dot!.x, dot!.y);
      expect(text).toMatch(/neuron/);
      expect(text).toMatch(/time \(s\)/);
      expect(text).toMatch(/Ctrl \+ wheel: zoom/);
      const domain = () => page.evaluate(() => (window as unknown as { __view: { scale: (n: string) => { domain: () => number[] } } }).__view.scale("x").domain());
      const before = await domain();
      const box = (await page.locator("#chart svg.marks").boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      expect(await wheelZooms(page, domain, false)).toBe(false);
      expect(await wheelZooms(page, domain, true)).toBe(true);
      const after = await domain();
      expect(after[1] - after[0]).toBeLessThan(before[1] - before[0]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  test("a trace zooms its time axis on Ctrl + wheel and its tooltip shows the time and value of the sample under the pointer", async () => {
    const v = Array.from({ length: 5000 }, (_, k) => 0.5 + 0.4 * Math.sin(k / 300));
    const spec = traceChart(v, { dt: 1e-4, threshold: 1, title: "trace" });
    const { page, errors } = await vegaEmbedPage();
    try {
      expect((await embed(page, spec)).error).toBeNull();
      const domain = () => page.evaluate(() => (window as unknown as { __view: { scale: (n: string) => { domain: () => number[] } } }).__view.scale("x").domain());
      const plot = await page.evaluate(() => {
        const view = (window as unknown as { __view: { origin: () => [number, number]; width: () => number; height: () => number } }).__view;
        const r = document.querySelector("#chart svg.marks")!.getBoundingClientRect();
        const [ox, oy] = view.origin();
        return { x: r.left + ox, y: r.top + oy, width: view.width(), height: view.height() };
      });
      const before = await domain();
      await page.mouse.move(plot.x + plot.width / 2, plot.y + plot.height / 2);
      expect(await wheelZooms(page, domain, false)).toBe(false);
      expect(await wheelZooms(page, domain, true)).toBe(true);
      const after = await domain();
      expect(after[1] - after[0]).toBeLessThan(before[1] - before[0]);
      await page.mouse.move(plot.x + plot.width / 3, plot.y + plot.height / 2);
      await page.mouse.move(plot.x + plot.width / 3 + 2, plot.y + plot.height / 2 + 1);
      const tooltip = page.locator("#vg-tooltip-element.visible");
      await tooltip.waitFor({ timeout: 5000 });
      const text = await tooltip.innerText();
      expect(text).toMatch(/time \(s\)/);
      expect(text).toMatch(/V \(units of V_th\)\s*\n?\s*:?\s*0\.\d/);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});

/** Non-white and coloured (chart marks: not grey) pixel counts of a PPM image. */
function pixelCounts(ppm: Buffer): { nonWhite: number; colored: number } {
  // P6\n<w> <h>\n<max>\n<rgb bytes>
  let pos = 0;
  const fields: string[] = [];
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(ppm[pos]))) pos++;
    let f = "";
    while (!/\s/.test(String.fromCharCode(ppm[pos]))) f += String.fromCharCode(ppm[pos++]);
    fields.push(f);
  }
  pos++;
  let nonWhite = 0;
  let colored = 0;
  for (let k = pos; k + 2 < ppm.length; k += 3) {
    const r = ppm[k];
    const g = ppm[k + 1];
    const b = ppm[k + 2];
    if (r < 235 || g < 235 || b < 235) nonWhite++;
    if (Math.max(r, g, b) - Math.min(r, g, b) > 40) colored++;
  }
  return { nonWhite, colored };
}

function hasPdftoppm(): boolean {
  return spawnSync("pdftoppm", ["-v"], { stdio: "ignore" }).status === 0;
}

describe("PDF exports", () => {
  const target = notebooks.find((n) => n.startsWith("05")) ?? [...notebooks].sort((a, b) => statSync(join(ROOT, "notebooks", `${b}.ipynb`)).size - statSync(join(ROOT, "notebooks", `${a}.ipynb`)).size)[0];

  test(`${target}.pdf: A4 pages, none blank, and every chart drawn on the page that carries its title`, () => {
    if (!hasPdftoppm()) throw new Error("pdftoppm is missing: apt-get install poppler-utils");
    const pdf = join(REPORTS, `${target}.pdf`);
    expect(existsSync(pdf)).toBe(true);
    const info = spawnSync("pdfinfo", [pdf], { encoding: "utf8" }).stdout;
    expect(info).toMatch(/Page size:\s+595\.\d+ x 842\.\d+ pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    const dir = mkdtempSync(join(tmpdir(), "pdf-"));
    expect(spawnSync("pdftoppm", ["-r", "40", pdf, join(dir, "p")]).status).toBe(0);
    const images = readdirSync(dir).filter((f) => f.endsWith(".ppm")).sort();
    expect(images).toHaveLength(pages);
    const counts = images.map((f) => pixelCounts(readFileSync(join(dir, f))));
    const pixels = 331 * 468; // A4 at 40 dpi
    counts.forEach((c, k) => expect({ page: k + 1, blank: c.nonWhite < pixels * 0.005 }).toEqual({ page: k + 1, blank: false }));
    // each chart: the page whose text has the chart's title must show coloured marks
    const pageText = Array.from({ length: pages }, (_, k) => spawnSync("pdftotext", ["-f", String(k + 1), "-l", String(k + 1), "-layout", pdf, "-"], { encoding: "utf8" }).stdout.replace(/\s+/g, " "));
    const titles = notebookFacts(target).charts.map((c) => c.title).filter((t): t is string => Boolean(t));
    expect(titles.length).toBeGreaterThan(0);
    for (const title of titles) {
      const page = pageText.findIndex((t) => t.includes(title.replace(/\s+/g, " ").trim()));
      expect({ title, found: page >= 0 }).toEqual({ title, found: true });
      expect({ title, page: page + 1, coloredPixels: counts[page].colored > 300 }).toEqual({ title, page: page + 1, coloredPixels: true });
    }
  });

  test("--hand-in hides the code cells and keeps every chart", async () => {
    const smallest = [...notebooks].sort((a, b) => statSync(join(ROOT, "notebooks", `${a}.ipynb`)).size - statSync(join(ROOT, "notebooks", `${b}.ipynb`)).size)[0];
    const out = mkdtempSync(join(tmpdir(), "hand-in-"));
    await exportNotebooks({ filters: [smallest], handIn: true, out, log: () => {} });
    const html = join(out, "hand-in", `${smallest}.html`);
    expect(existsSync(join(out, "hand-in", `${smallest}.pdf`))).toBe(true);
    const { page } = await openPage();
    try {
      await page.goto(pathToFileURL(html).href);
      expect(await page.$$(".jp-CodeCell .jp-InputArea")).toHaveLength(0);
      expect(await page.$$(".jp-InputPrompt, .jp-OutputPrompt")).toHaveLength(0);
      const svgs = await chartSvgs(page, ".jp-RenderedSVG");
      expect(svgs.length).toBe(notebookFacts(smallest).charts.length);
      expect(svgs.every((s) => s.marks > 0 && s.width > 50)).toBe(true);
    } finally {
      await page.close();
    }
  }, 120_000);
});
