import type { TopLevelSpec } from "vega-lite";
import { histogramFor } from "../math/histogram";
import type { LimitOptions } from "../core/limits";
import { CHART_HEIGHT, CHART_WIDTH, type ChartOptions, PALETTE, checkList, checkOptions, checkTitle, checkXYSeries, constantField, csvData, round, topLevel } from "./base";

/** Memory of one bar while the chart's data is built (its bounds and count, its CSV line and that line in the CSV text), bytes: an upper estimate. */
const BYTES_PER_BAR = 300;

/** A theory curve drawn over a histogram, in the histogram's units (expected count per bin). */
export interface TheoryOverlay {
  /** Legend label, e.g. "binomial law". */
  label: string;
  /** Bin centres or any x values (data units). */
  x: ArrayLike<number>;
  /** Expected number of values per bin at each x. */
  y: ArrayLike<number>;
}

/** Options of {@link histogramChart}. */
export interface HistogramOptions extends ChartOptions, LimitOptions {
  /** Bin width in data units (default 1: one bin per integer for count data). */
  binWidth?: number;
  /** Left edge of the first bin (default: see {@link histogram}). */
  start?: number;
  /** x-axis title with its unit, e.g. "spike count in 2 s". */
  xTitle: string;
  /** y-axis title (default "number of neurons"). */
  yTitle?: string;
  /** Label of the simulated data in the legend (default "simulation"). */
  label?: string;
  /** Theory curves to overlay (lines with dots). */
  theory?: TheoryOverlay[];
}

/**
 * A histogram of data as bars, with optional theory curves on top (e.g. spike counts against the
 * binomial law). The bars are counted here, not by Vega-Lite, so the chart shows exactly the
 * numbers the notebook reports. Its bars are estimated first (about 320 bytes each) and refused
 * past the memory limit (see `core/limits`): `histogramChart([0, 1e9], ...)` asks for 1e9 bars.
 * @param values the data: an array or a typed array of finite numbers.
 * @param options xTitle, binWidth, start, yTitle, label, theory, title, width, height, maxBytes, maxSteps.
 * @returns the Vega-Lite spec.
 * @throws ParameterError as `histogram`, when options is not an object, or when a theory curve
 *   is not a label with x and y of finite numbers of one length (naming the curve and the entry).
 */
export function histogramChart(values: ArrayLike<number>, options: HistogramOptions): TopLevelSpec {
  checkOptions("histogramChart", options, "an object { xTitle, binWidth?, start?, ... }");
  checkTitle("histogramChart", "xTitle", options.xTitle);
  checkTitle("histogramChart", "label", options.label, true);
  checkList("histogramChart", "theory", options.theory);
  const h = histogramFor("histogramChart", values, options.binWidth ?? 1, options.start, options, BYTES_PER_BAR);
  const label = options.label ?? "simulation";
  const bars = csvData({ lo: Array.from(h.lo, (x) => round(x)), hi: Array.from(h.hi, (x) => round(x)), count: h.count });
  options.theory?.forEach((curve, k) => checkXYSeries("histogramChart", `theory[${k}]`, curve));
  const curves = (options.theory ?? []).map((curve) => {
    return { label: curve.label, data: csvData({ x: Array.from(curve.x, (x) => round(x)), y: Array.from(curve.y, (y) => round(y)) }) };
  });
  const color = {
    field: "series",
    type: "nominal",
    title: null,
    scale: { domain: [label, ...(options.theory ?? []).map((c) => c.label)], range: [...PALETTE] },
    legend: { orient: "top", labelLimit: 400 },
  };
  return topLevel({
    title: options.title ?? "Histogram",
    width: options.width ?? CHART_WIDTH,
    height: options.height ?? CHART_HEIGHT,
    layer: [
      {
        data: bars,
        transform: [constantField("series", label)],
        mark: { type: "rect", stroke: "white", strokeWidth: 0.5, opacity: 0.8 },
        encoding: {
          x: { field: "lo", type: "quantitative", title: options.xTitle },
          x2: { field: "hi" },
          y: { field: "count", type: "quantitative", title: options.yTitle ?? "number of neurons" },
          color,
          tooltip: [{ field: "lo", title: "from" }, { field: "hi", title: "to" }, { field: "count", title: "count" }],
        },
      },
      ...curves.map((curve) => ({
        data: curve.data,
        transform: [constantField("series", curve.label)],
        mark: { type: "line", point: { size: 16 }, strokeWidth: 1.5 },
        encoding: {
          x: { field: "x", type: "quantitative" },
          y: { field: "y", type: "quantitative" },
          color,
          tooltip: [{ field: "x", title: "x" }, { field: "y", title: "expected", format: ".2f" }],
        },
      })),
    ],
  });
}
