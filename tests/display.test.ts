import { compile } from "vega-lite";
import { Chart, JUPYTER_DISPLAY, describeSpec, show, showMarkdown } from "../lib/src/display/show";
import Module from "node:module";
import { VEGA_LITE_MIME, chartBundle, renderSvg } from "../lib/src/display/render";
import { inKernel } from "../lib/src/display/kernel";
import { compactSvg } from "../lib/src/display/compact-svg";
import { progressBar } from "../lib/src/display/progress";
import { rasterChart } from "../lib/src/charts/raster";
import { xyChart } from "../lib/src/charts/xy";
import { poissonTrains } from "../lib/src/spikes/poisson";

const small = xyChart({ xTitle: "K", yTitle: "mu", points: [{ label: "sim", x: [1, 2, 3], y: [1, 4, 9], error: [0.1, 0.2, 0.3] }] });

describe("show outside a kernel", () => {
  test("returns ONE bundle with Vega-Lite (as an object), SVG, PNG and text", async () => {
    const bundle = (await show(small))!;
    expect(Object.keys(bundle).sort()).toEqual([VEGA_LITE_MIME, "image/png", "image/svg+xml", "text/plain"].sort());
    expect(typeof bundle[VEGA_LITE_MIME]).toBe("object"); // a string would be taken as a URL
    expect(bundle[VEGA_LITE_MIME]).toEqual(JSON.parse(JSON.stringify(small)));
    expect(String(bundle["image/svg+xml"]).startsWith("<svg")).toBe(true);
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
    expect(bundle["image/svg+xml"]).toEqual(await renderSvg(small));
    expect(await show(chart)).toEqual(bundle);
  });

  test("an invalid spec fails with vega-lite's message, not a blank chart", async () => {
    await expect(show({ mark: "nonsense", data: { values: [] } } as never)).rejects.toThrow(/invalid Vega-Lite spec: spec.mark must be one of arc, area, .*, got "nonsense"/);
  });

  test("showMarkdown returns a markdown bundle", () => {
    expect(showMarkdown("**x**")).toEqual({ "text/markdown": "**x**", "text/plain": "**x**" });
  });

  test("describeSpec counts inline CSV rows", () => {
    const x = poissonTrains({ n: 5, rate: 100, duration: 1, seed: 1 });
    expect(describeSpec(rasterChart(x, { title: "R" }))).toBe(`[Vega-Lite chart: R (${x.totalSpikes} data points)]`);
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
    expect(Object.keys(content.data).sort()).toEqual([VEGA_LITE_MIME, "image/png", "image/svg+xml", "text/plain"].sort());
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
