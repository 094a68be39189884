import type { TopLevelSpec } from "vega-lite";
import { SpikeTrains } from "../spikes/spike-trains";
import { checkNumber, invalid } from "../core/validate";
import { CHART_HEIGHT, CHART_WIDTH, type ChartOptions, MARK_COLOR, ZOOM_PAN, checkOptions, checkTimeRange, csvData, topLevel, zoomHint } from "./base";

/** One population in a raster: its label (legend) and its spike trains. */
export interface RasterGroup {
  /** Legend label, e.g. "E" or "I". */
  label: string;
  /** The spikes to draw. */
  trains: SpikeTrains;
}

/** Options of {@link rasterChart}. */
export interface RasterOptions extends ChartOptions {
  /** Draw only the first `maxNeurons` neurons of each group (default: all). */
  maxNeurons?: number;
  /** Draw only spikes in [from, to) seconds, on an x axis spanning exactly [from, to] (default: the whole duration, axis from 0). */
  timeRange?: [number, number];
  /** Dot size in square pixels (default 3). */
  dotSize?: number;
}

/** The raster's options validated once, with defaults (groups, neurons shown per group, time range (s), dot size). */
export interface ResolvedRaster {
  list: RasterGroup[];
  maxNeurons: number;
  timeRange: [number, number] | undefined;
  dotSize: number;
}

function resolveRaster(groups: unknown, options: RasterOptions): ResolvedRaster {
  const where = "rasterChart";
  const allowed = "a SpikeTrains or an array of { label, trains: SpikeTrains }";
  if (!(groups instanceof SpikeTrains) && !Array.isArray(groups)) invalid(where, "groups", groups, allowed);
  const list: RasterGroup[] = Array.isArray(groups) ? groups : [{ label: "", trains: groups as SpikeTrains }];
  list.forEach((g, k) => {
    if (g === null || typeof g !== "object") invalid(where, `groups[${k}]`, g, "an object { label, trains: SpikeTrains }");
    if (!(g.trains instanceof SpikeTrains)) invalid(where, `groups[${k}].trains`, g.trains, "a SpikeTrains");
  });
  checkOptions(where, options, "an object { maxNeurons?, timeRange?, dotSize?, ... }");
  const maxNeurons = options.maxNeurons ?? Infinity;
  if (options.maxNeurons !== undefined) checkNumber(where, "maxNeurons", maxNeurons, { integer: true, min: 1 });
  const dotSize = checkNumber(where, "dotSize", options.dotSize ?? 3, { min: 0, minInclusive: false, unit: "square pixels" });
  return { list, maxNeurons, timeRange: checkTimeRange(where, options.timeRange), dotSize };
}

/**
 * The raster's data, one CSV row per neuron with spikes in the range: its index on the y axis,
 * the bin width dt (s), its spike bins as one space-separated text, and its group's label when
 * there are groups. About 6 bytes a spike, half of one (time, index) row per spike; the chart
 * splits the text into one dot per spike when it is drawn ({@link SPIKE_ROWS}).
 * @param resolved the groups, neurons shown per group, time range (s) and dot size.
 * @returns the columns (i, dt, bins, and group when there are several groups), the neurons shown and the spikes drawn.
 */
export function rasterRows(resolved: ResolvedRaster): { columns: Record<string, (number | string)[]>; neurons: number; spikes: number } {
  const { list, maxNeurons, timeRange } = resolved;
  const columns: Record<string, (number | string)[]> = { i: [], dt: [], bins: [], ...(list.length > 1 ? { group: [] } : {}) };
  let base = 0;
  let spikes = 0;
  for (const { label, trains } of list) {
    const shown = Math.min(trains.n, maxNeurons);
    const [from, to] = timeRange ?? [0, trains.duration];
    for (let i = 0; i < shown; i++) {
      const bins = Array.from(trains.spikeBins(i)).filter((k) => k * trains.dt >= from && k * trains.dt < to);
      if (bins.length === 0) continue; // no row: an empty text would split into one dot at t = 0
      columns.i.push(base + i);
      columns.dt.push(trains.dt);
      columns.bins.push(bins.join(" "));
      columns.group?.push(label);
      spikes += bins.length;
    }
    base += shown;
  }
  return { columns, neurons: base, spikes };
}

/** The transforms that turn the raster's rows ({@link rasterRows}) into one row per spike with its time t = bin * dt (s). */
export const SPIKE_ROWS = [
  { calculate: "split(datum.bins, ' ')", as: "bin" },
  { flatten: ["bin"] },
  { calculate: "toNumber(datum.bin) * datum.dt", as: "t" },
];

/**
 * A raster plot: a dot at (spike time, neuron index) for every spike (tutorial task 2.1). Several
 * groups are stacked one above the other and coloured by group; Ctrl + wheel zooms, drag pans (see ZOOM_PAN), as the tooltip says.
 * x: time (s); y: neuron index.
 * @param groups one SpikeTrains, or several groups { label, trains }.
 * @param options maxNeurons, timeRange [from, to] (s), dotSize (square pixels), title, width, height.
 * @returns the Vega-Lite spec.
 * @throws ParameterError when groups is not a SpikeTrains or an array of groups with SpikeTrains,
 *   maxNeurons is not an integer >= 1, timeRange is not two finite numbers from < to, or dotSize is not > 0.
 */
export function rasterChart(groups: SpikeTrains | RasterGroup[], options: RasterOptions = {}): TopLevelSpec {
  const resolved = resolveRaster(groups, options);
  const { timeRange, dotSize } = resolved;
  const colored = resolved.list.length > 1;
  const { columns, neurons, spikes } = rasterRows(resolved);
  return topLevel({
    title: options.title ?? "Spike raster",
    description: `${spikes} spikes of ${neurons} neurons`,
    width: options.width ?? CHART_WIDTH,
    height: options.height ?? Math.max(CHART_HEIGHT, 300),
    data: csvData(columns),
    transform: [...SPIKE_ROWS, zoomHint.transform],
    params: [ZOOM_PAN],
    mark: { type: "circle", size: dotSize, opacity: 1 },
    encoding: {
      x: { field: "t", type: "quantitative", title: "time (s)", ...(timeRange ? { scale: { domain: timeRange, nice: false } } : {}) },
      y: { field: "i", type: "quantitative", title: "neuron index", scale: { domain: [0, Math.max(1, neurons)], nice: false } },
      ...(colored ? { color: { field: "group", type: "nominal", title: "population" } } : { color: { value: MARK_COLOR } }),
      tooltip: [
        { field: "i", title: "neuron" },
        { field: "t", type: "quantitative", title: "time (s)", format: ".7~g" },
        ...(colored ? [{ field: "group", title: "population" }] : []),
        zoomHint.tooltip,
      ],
    },
  });
}
