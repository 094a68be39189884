import { compile } from "vega-lite";
import { Chart, JUPYTER_DISPLAY, describeSpec, show, showMarkdown } from "../lib/src/display/show";
import Module from "node:module";
import type { TopLevelSpec } from "vega-lite";
import { Resvg } from "@resvg/resvg-js";
import { Transformer } from "@napi-rs/image";
import { VEGA_LITE_MIME, chartBundle, renderSvg, svgToPngBase64 } from "../lib/src/display/render";
import { inKernel } from "../lib/src/display/kernel";
import { compactSvg } from "../lib/src/display/compact-svg";
import { progressBar } from "../lib/src/display/progress";
import { rasterChart } from "../lib/src/charts/raster";
import { xyChart } from "../lib/src/charts/xy";
import { traceChart } from "../lib/src/charts/trace";
import { vconcatCharts } from "../lib/src/charts/base";
import { poissonTrains } from "../lib/src/spikes/poisson";

/** A chart's MIME types, sorted: Vega-Lite, the one static fallback (PNG, no SVG) and text. */
const CHART_MIMETYPES = [VEGA_LITE_MIME, "image/png", "text/plain"].sort();

const small = xyChart({ xTitle: "K", yTitle: "mu", points: [{ label: "sim", x: [1, 2, 3], y: [1, 4, 9], error: [0.1, 0.2, 0.3] }] });

describe("show outside a kernel", () => {
  test("returns ONE bundle with Vega-Lite (as an object), ONE static fallback (PNG) and text", async () => {
    const bundle = (await show(small))!;
    expect(Object.keys(bundle).sort()).toEqual(CHART_MIMETYPES);
    expect(typeof bundle[VEGA_LITE_MIME]).toBe("object"); // a string would be taken as a URL
    expect(bundle[VEGA_LITE_MIME]).toEqual(JSON.parse(JSON.stringify(small)));
    // PNG signature, base64-encoded
    expect(Buffer.from(String(bundle["image/png"]), "base64").subarray(1, 4).toString()).toBe("PNG");
    expect(bundle["text/plain"]).toBe("[Vega-Lite chart (3 data points)]");
  });

  test("the SVG draws the marks: three points and three error bars", async () => {
    const svg = await renderSvg(small);
    expect((svg.match(/role-mark/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(svg).toContain("mark-symbol");
    expect(svg).toContain("mark-rule");
    expect(svg).toContain(">K<"); // axis title
  });

  test("a Chart renders itself through the Jupyter.display symbol (Deno's convention)", async () => {
    const chart = new Chart(small);
    const bundle = await chart[JUPYTER_DISPLAY]();
    expect(bundle).toEqual(await chartBundle(small, describeSpec(small)));
    expect(await show(chart)).toEqual(bundle);
  });

  test("an invalid spec fails with vega-lite's message, not a blank chart", async () => {
    await expect(show({ mark: "nonsense", data: { values: [] } } as never)).rejects.toThrow(/invalid Vega-Lite spec: spec.mark must be one of arc, area, .*, got "nonsense"/);
  });

  test("showMarkdown returns a markdown bundle", () => {
    expect(showMarkdown("**x**")).toEqual({ "text/markdown": "**x**", "text/plain": "**x**" });
  });

  test("describeSpec counts inline CSV rows, or gives the spec's description of what it draws", () => {
    expect(describeSpec(traceChart([0, 1, 0.5], { dt: 0.1, title: "V" }))).toBe("[Vega-Lite chart: V (3 data points)]");
    const x = poissonTrains({ n: 5, rate: 100, duration: 1, seed: 1 });
    expect(describeSpec(rasterChart(x, { title: "R" }))).toBe(`[Vega-Lite chart: R (${x.totalSpikes} spikes of 5 neurons)]`);
    const both = vconcatCharts([traceChart([0, 1, 0.5], { dt: 0.1 }), rasterChart(x, { maxNeurons: 2 })], { title: "B" });
    const two = x.spikeBins(0).length + x.spikeBins(1).length;
    expect(describeSpec(both)).toBe(`[Vega-Lite chart: B (3 data points; ${two} spikes of 2 neurons)]`);
  });

  test("progressBar does nothing outside a kernel", () => {
    const p = progressBar("sweep");
    expect(() => {
      p(1, 10);
      p(10, 10);
    }).not.toThrow();
  });
});

describe("show inside a tslab kernel", () => {
  // The adapter finds the tslab module the kernel has loaded in Node's module cache.
  const key = "/somewhere/node_modules/tslab/dist/jupyter.js";
  const cache = (Module as unknown as { _cache: Record<string, unknown> })._cache;
  let writes: [{ data: Record<string, unknown>; transient: { display_id?: string } }, boolean][];
  beforeEach(() => {
    writes = [];
    cache[key] = { exports: { lastWriteDisplayData: (c: never, u: boolean) => writes.push([c, u]) } };
  });
  afterEach(() => {
    delete cache[key];
  });

  test("sends exactly one display_data with the whole bundle through tslab's writer and returns undefined", async () => {
    await expect(show(small)).resolves.toBeUndefined();
    expect(writes).toHaveLength(1);
    const [content, update] = writes[0];
    expect(update).toBe(false);
    expect(Object.keys(content.data).sort()).toEqual(CHART_MIMETYPES);
  });

  test("a progress bar updates one display in place and ends without timing", () => {
    const p = progressBar("sweep");
    p(0, 4);
    p(4, 4);
    expect(writes.map(([, u]) => u)).toEqual([false, true]);
    expect(writes[0][0].transient.display_id).toBe(writes[1][0].transient.display_id);
    expect(writes[0][0].data["text/plain"]).toMatch(/^sweep \[-+\] 0%/);
    expect(writes[1][0].data["text/plain"]).toBe("sweep: done");
  });

  test("inKernel is true only while the kernel's writer is set", () => {
    expect(inKernel()).toBe(true);
    (cache[key] as { exports: { lastWriteDisplayData: unknown } }).exports.lastWriteDisplayData = null;
    expect(inKernel()).toBe(false);
  });
});

describe("show inside Deno's kernel", () => {
  // Deno's kernel offers Deno.jupyter.broadcast(msgType, content), sending one IOPub message.
  let sent: [string, { data: Record<string, unknown>; transient: { display_id?: string } }][];
  const global = globalThis as { Deno?: unknown };
  beforeEach(() => {
    sent = [];
    global.Deno = { jupyter: { broadcast: (type: string, content: never) => void sent.push([type, content]) } };
  });
  afterEach(() => {
    delete global.Deno;
  });

  test("sends exactly one display_data with the whole bundle through Deno.jupyter.broadcast and returns undefined", async () => {
    expect(inKernel()).toBe(true);
    await expect(show(small)).resolves.toBeUndefined();
    expect(sent.map(([type]) => type)).toEqual(["display_data"]);
    expect(Object.keys(sent[0][1].data).sort()).toEqual(CHART_MIMETYPES);
    expect(sent[0][1].transient).toEqual({});
  });

  test("Markdown goes out as one display_data", () => {
    expect(showMarkdown("**x**")).toBeUndefined();
    expect(sent).toEqual([["display_data", { data: { "text/markdown": "**x**", "text/plain": "**x**" }, metadata: {}, transient: {} }]]);
  });

  test("a progress bar updates one display in place (update_display_data with the same display id)", () => {
    const p = progressBar("sweep");
    p(0, 4);
    p(4, 4);
    expect(sent.map(([type]) => type)).toEqual(["display_data", "update_display_data"]);
    expect(sent[0][1].transient.display_id).toBeDefined();
    expect(sent[1][1].transient.display_id).toBe(sent[0][1].transient.display_id);
    expect(sent[1][1].data["text/plain"]).toBe("sweep: done");
  });

  test("outside both kernels nothing is sent and the bundle comes back", () => {
    delete global.Deno;
    expect(inKernel()).toBe(false);
    expect(showMarkdown("y")).toEqual({ "text/markdown": "y", "text/plain": "y" });
  });
});

describe("headless rendering", () => {
  test("binds no event listener, even where a global named window is not a window (a notebook's `const window` under Deno)", async () => {
    const global = globalThis as { window?: unknown };
    const zoomable = xyChart({ xTitle: "t", yTitle: "v", lines: [{ label: "l", x: [0, 1, 2], y: [0, 1, 0] }] });
    const expected = await renderSvg(zoomable);
    const errors = jest.spyOn(console, "error").mockImplementation(() => undefined);
    global.window = [1, 2];
    try {
      expect(await renderSvg(zoomable)).toBe(expected);
      expect(errors).not.toHaveBeenCalled();
    } finally {
      delete global.window;
      errors.mockRestore();
    }
  });
});

describe("compactSvg", () => {
  test("merges a run of same-style circles into one path with a dot per circle", async () => {
    const x = poissonTrains({ n: 50, rate: 20, duration: 1, seed: 3 });
    const spec = rasterChart(x);
    const svg = await renderSvg(spec);
    const dots = (svg.match(/h0(?=M|")/g) ?? []).length;
    expect(dots).toBe(x.totalSpikes);
    expect(svg).not.toContain('aria-roledescription="circle"');
  });

  test("leaves other markup untouched", () => {
    const other = '<svg><rect x="1"/><path d="M0,0L1,1"/></svg>';
    expect(compactSvg(other)).toBe(other);
  });
});

describe("chartBundle", () => {
  test("keeps the spec compilable by vega-lite", async () => {
    const b = await chartBundle(small, "t");
    expect(() => compile(b[VEGA_LITE_MIME] as never)).not.toThrow();
  });
});

describe("svgToPngBase64: the PNG fallback, with a palette of at most 256 colours", () => {
  const fullColour = (svg: string) => new Resvg(svg, { background: "white", font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" } }).render();
  /** RGB of every pixel of the full-colour rendering and of the stored PNG, and the number of colours of the first. */
  async function compare(spec: TopLevelSpec) {
    const svg = await renderSvg(spec);
    const full = fullColour(svg).pixels;
    const stored = new Transformer(Buffer.from(svgToPngBase64(svg), "base64")).rawPixelsSync(); // RGB, 3 bytes a pixel
    const n = full.length / 4;
    expect(stored.length).toBe(3 * n);
    const colours = new Set<number>();
    let maxDiff = 0;
    let sumDiff = 0;
    let lost = 0; // pixels drawn (darker than 235 in a channel) in full colour, white in the PNG
    for (let p = 0; p < n; p++) {
      const a = [full[4 * p], full[4 * p + 1], full[4 * p + 2]];
      const b = [stored[3 * p], stored[3 * p + 1], stored[3 * p + 2]];
      colours.add((a[0] << 16) | (a[1] << 8) | a[2]);
      const diff = Math.max(...a.map((v, c) => Math.abs(v - b[c])));
      maxDiff = Math.max(maxDiff, diff);
      sumDiff += diff;
      if (Math.min(...a) < 235 && Math.min(...b) >= 250) lost++;
    }
    return { colours: colours.size, maxDiff, meanDiff: sumDiff / n, lost };
  }

  test("is palette-coded (PNG colour type 3) and the same bytes for the same chart", async () => {
    const png = Buffer.from(svgToPngBase64(await renderSvg(small)), "base64");
    expect(png.readUInt8(25)).toBe(3); // IHDR colour type: indexed
    expect(svgToPngBase64(await renderSvg(small))).toBe(png.toString("base64"));
  });

  test("a raster (fewer than 256 colours) is stored pixel for pixel: every dot is kept", async () => {
    const x = poissonTrains({ n: 300, rate: 20, duration: 1, seed: 5 });
    const r = await compare(rasterChart([{ label: "E", trains: x }, { label: "I", trains: x }], { maxNeurons: 150 }));
    expect(r.colours).toBeLessThanOrEqual(256);
    expect(r.maxDiff).toBe(0);
  });

  test("a chart with more than 256 colours loses no drawn pixel; colours move by under half a level of 255 on average, an eighth of the range at most (anti-aliased edges)", async () => {
    const t = Array.from({ length: 400 }, (_, k) => k / 400);
    const lines = [1, 2, 3, 4, 5].map((f) => ({ label: `sin ${f}`, x: t, y: t.map((u) => Math.sin(2 * Math.PI * f * u)) }));
    const r = await compare(xyChart({ xTitle: "t", yTitle: "y", lines }));
    expect(r.colours).toBeGreaterThan(256);
    expect(r.lost).toBe(0);
    expect(r.meanDiff).toBeLessThan(0.5);
    expect(r.maxDiff).toBeLessThanOrEqual(32);
  });
});

describe("stableSvgIds", () => {
  test("the same chart renders to the same SVG whatever was rendered before", async () => {
    const first = await renderSvg(small);
    await renderSvg(xyChart({ xTitle: "a", yTitle: "b", lines: [{ label: "l", x: [0, 1], y: [0, 1] }] }));
    expect(await renderSvg(small)).toBe(first);
    expect(first).toMatch(/clipPath id="clip-[0-9a-f]{10}-1"/);
    expect(first).toMatch(/url\(#clip-[0-9a-f]{10}-1\)/);
  });

  test("different charts get different clip ids (they can share one HTML page)", async () => {
    const other = await renderSvg(xyChart({ xTitle: "a", yTitle: "b", lines: [{ label: "l", x: [0, 1], y: [0, 1] }] }));
    const id = (svg: string) => /clipPath id="([^"]+)"/.exec(svg)![1];
    expect(id(other)).not.toBe(id(await renderSvg(small)));
  });
});
