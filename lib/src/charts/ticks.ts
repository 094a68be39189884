import type { TopLevelSpec } from "vega-lite";
import { invalid } from "../core/validate";
import { CHART_WIDTH, type ChartOptions, checkList, checkSeries, checkTitle, csvData, round, topLevel } from "./base";

/** One row of spike ticks: a label and its spike times (s). */
export interface TickRow {
  /** Row label, e.g. "input" or "output". */
  label: string;
  /** Spike times (s). */
  times: ArrayLike<number>;
}

/** Options of {@link spikeTicksChart}. */
export interface TicksOptions extends ChartOptions {
  /** Time axis domain [from, to] (s); default: from 0 to the last spike. */
  timeRange?: [number, number];
}

/**
 * Spike trains as rows of vertical ticks on a time axis (s): e.g. the input and the output
 * spikes of one neuron, stacked under its voltage trace with {@link vconcatCharts}.
 */
export function spikeTicksChart(rows: TickRow[], options: TicksOptions = {}): TopLevelSpec {
  const where = "spikeTicksChart";
  if (!Array.isArray(rows)) invalid(where, "rows", rows, "an array of { label, times }");
  checkList(where, "rows", rows);
  rows.forEach((r, k) => {
    checkTitle(where, `rows[${k}].label`, r.label);
    checkSeries(where, `rows[${k}].times`, r.times);
  });
  const t = rows.flatMap((row) => Array.from(row.times, (time) => round(time, 7)));
  const row = rows.flatMap((r) => Array.from(r.times, () => r.label));
  const domain = options.timeRange;
  return topLevel({
    title: options.title ?? "Spikes",
    width: options.width ?? CHART_WIDTH,
    height: options.height ?? 28 * rows.length,
    data: csvData({ t, row }),
    mark: { type: "tick", thickness: 1.5 },
    encoding: {
      x: { field: "t", type: "quantitative", title: "time (s)", ...(domain ? { scale: { domain } } : {}) },
      y: { field: "row", type: "nominal", title: null, sort: rows.map((r) => r.label) },
      color: { field: "row", type: "nominal", legend: null },
      tooltip: [{ field: "row", title: "train" }, { field: "t", title: "time (s)" }],
    },
  });
}
