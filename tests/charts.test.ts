import type { TopLevelSpec } from "vega-lite";
import { compile } from "vega-lite";
import { read } from "vega";
import { renderSvg } from "../lib/src/display/render";
import { rasterChart } from "../lib/src/charts/raster";
import { histogramChart } from "../lib/src/charts/histogram";
import { xyChart } from "../lib/src/charts/xy";
import { minMaxDecimate, traceChart } from "../lib/src/charts/trace";
import { spikeTicksChart } from "../lib/src/charts/ticks";
import { PALETTE, ZOOM_HINT, csvData, hconcatCharts, vconcatCharts } from "../lib/src/charts/base";
import { contrastRatio, type Rgb } from "./chart-contrast";
import { poissonTrains } from "../lib/src/spikes/poisson";
import { drawnRows } from "./chart-rows";

const x = poissonTrains({ n: 20, rate: 10, duration: 1, seed: 1 });
const v = Float64Array.from({ length: 5000 }, (_, k) => Math.sin(k / 50));

const charts: [string, TopLevelSpec, string[]][] = [
  ["rasterChart", rasterChart(x), ["time (s)", "neuron index"]],
  ["rasterChart with groups", rasterChart([{ label: "E", trains: x }, { label: "I", trains: x }], { maxNeurons: 10 }), ["time (s)", "neuron index", "population"]],
  ["histogramChart", histogramChart(x.counts(), { xTitle: "spike count in 1 s", theory: [{ label: "theory", x: [5, 10], y: [1, 2] }] }), ["spike count in 1 s", "number of neurons"]],
  ["xyChart", xyChart({ xTitle: "K", yTitle: "rate (Hz)", logX: true, lines: [{ label: "a", x: [1, 10], y: [1, 2], dashed: true }], points: [{ label: "b", x: [1, 10], y: [1, 2], error: [0.1, 0.1] }], rules: [{ label: "c", y: 1.5 }] }), ["K", "rate (Hz)"]],
  ["traceChart", traceChart(v, { dt: 1e-4, threshold: 1 }), ["time (s)", "V (units of V_th)"]],
  ["spikeTicksChart", spikeTicksChart([{ label: "input", times: [0.1, 0.2] }, { label: "output", times: [0.3] }]), ["time (s)"]],
  ["vconcatCharts", vconcatCharts([traceChart(v, { dt: 1e-4 }), spikeTicksChart([{ label: "in", times: [0.1] }])], { shareX: true }), ["time (s)"]],
  ["hconcatCharts", hconcatCharts([rasterChart(x), histogramChart(x.counts(), { xTitle: "count" })]), ["time (s)", "count"]],
];

describe("chart builders", () => {
  test.each(charts)("%s compiles with vega-lite and renders axis titles with units", async (_name, spec, titles) => {
    expect(() => compile(spec)).not.toThrow();
    const svg = await renderSvg(spec);
    for (const t of titles) expect(svg).toContain(`>${t}<`);
  });

  test("rasterChart draws one dot per spike", async () => {
    const svg = await renderSvg(rasterChart(x));
    expect((svg.match(/h0(?=M|")/g) ?? []).length).toBe(x.totalSpikes);
  });

  test("rasterChart draws each spike at its time and neuron, and says how many it draws", async () => {
    const groups = [{ label: "E", trains: x }, { label: "I", trains: x }];
    const dots = (await drawnRows(rasterChart(groups, { maxNeurons: 10 }), "symbol")) as { t: number; i: number; group: string }[];
    const expected = [0, 1].flatMap((g) => Array.from({ length: 10 }, (_, i) => Array.from(x.spikeBins(i), (k) => [k * x.dt, 10 * g + i, g ? "I" : "E"])).flat());
    const key = (d: (number | string)[]) => d.join(" ");
    expect(dots.map((d) => key([d.t, d.i, d.group])).sort()).toEqual(expected.map(key).sort());
    expect((rasterChart(x) as { description?: string }).description).toBe(`${x.totalSpikes} spikes of ${x.n} neurons`);
  });

  test("rasterChart with a timeRange draws only those spikes, on an x axis spanning the range", async () => {
    const spec = rasterChart(x, { timeRange: [0.2, 0.4] }) as unknown as TopLevelSpec & { encoding: { x: { scale?: { domain: number[] } } } };
    const times = (await drawnRows(spec, "symbol")).map((d) => d.t as number);
    const inRange = Array.from(x.bins, (k) => k * x.dt).filter((t) => t >= 0.2 && t < 0.4);
    expect(times.length).toBe(inRange.length);
    expect(times.every((t) => t >= 0.2 && t < 0.4)).toBe(true);
    expect(spec.encoding.x.scale?.domain).toEqual([0.2, 0.4]);
    expect((rasterChart(x) as unknown as { encoding: { x: { scale?: unknown } } }).encoding.x.scale).toBeUndefined();
  });

  test("histogramChart counts exactly the data it is given", async () => {
    const bars = await drawnRows(histogramChart([1, 1, 2, 4], { xTitle: "x" }), "rect");
    expect(bars.map((b) => b.count)).toEqual([2, 1, 0, 1]);
  });

  test("xyChart refuses series of different lengths and an empty chart", () => {
    expect(() => xyChart({ xTitle: "a", yTitle: "b", lines: [{ label: "s", x: [1, 2], y: [1] }] })).toThrow(/xyChart: lines\[0\] \("s"\).y must have length 2, got length 1/);
    expect(() => xyChart({ xTitle: "a", yTitle: "b" })).toThrow(/at least one/);
  });

  test("minMaxDecimate keeps every extreme of each bucket, in time order", () => {
    const trace = [0, 5, 1, -3, 2, 2, 9, 0];
    const out = minMaxDecimate(trace, 0, 8, 4); // buckets of 4
    expect(out).toEqual([[1, 5], [3, -3], [6, 9], [7, 0]]);
    expect(minMaxDecimate(trace, 2, 5, 100)).toEqual([[2, 1], [3, -3], [4, 2]]);
  });

  test("csvData writes one CSV string with typed columns", () => {
    expect(csvData({ t: [0.1, 0.2], g: ["E", "I"] })).toEqual({ values: "t,g\n0.1,E\n0.2,I", format: { type: "csv", parse: { t: "number", g: "string" } } });
    expect(() => csvData({ a: [1], b: [1, 2] })).toThrow(/column b must have length 1/);
    // texts with a comma, a quote or a line break are quoted, and vega reads them back as they were
    const labels = ["E, excitatory", 'say "hi"', "two\nlines", "plain"];
    const data = csvData({ k: [1, 2, 3, 4], label: labels });
    expect((read(data.values, data.format) as { label: string }[]).map((r) => r.label)).toEqual(labels);
  });

  test.each(charts.filter(([, spec]) => JSON.stringify(spec).includes('"name":"zoom"')))(
    "%s zooms on Ctrl + wheel only (the plain wheel scrolls the page) and its tooltip says how",
    (_name, spec) => {
      const json = JSON.stringify(spec);
      expect(json).toContain('"zoom":"wheel![event.ctrlKey || event.metaKey]"');
      expect(json).toContain(ZOOM_HINT);
      expect(json).toContain('"field":"zoom_hint"');
    },
  );

  test("every palette colour has a contrast of at least 3:1 on white (Light, exports) and on #333 (Vega's dark theme)", () => {
    const rgb = (h: string): Rgb => [1, 3, 5].map((k) => parseInt(h.slice(k, k + 2), 16)) as Rgb;
    const worst = Math.min(...PALETTE.flatMap((c) => [contrastRatio(rgb(c), [255, 255, 255]), contrastRatio(rgb(c), [51, 51, 51])]));
    expect(worst).toBeGreaterThanOrEqual(3);
    // the old trace colour fails on the dark background: the check can fail
    expect(contrastRatio(rgb("#1f3b73"), [51, 51, 51])).toBeLessThan(1.5);
  });
});
