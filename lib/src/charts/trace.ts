import type { TopLevelSpec } from "vega-lite";
import { checkNumber } from "../core/validate";
import { CHART_HEIGHT, CHART_WIDTH, type ChartOptions, ACCENT_COLOR, MARK_COLOR, ZOOM_PAN, checkOptions, checkSeries, checkTimeRange, csvData, round, topLevel, zoomHint } from "./base";

/** Options of {@link traceChart}. */
export interface TraceOptions extends ChartOptions {
  /** Sampling interval of the trace (s); sample k is at time k * dt. */
  dt: number;
  /** y-axis title with unit (default "V (units of V_th)"). */
  yTitle?: string;
  /** Draw a dashed threshold line at this value. */
  threshold?: number;
  /** Most points to draw (default 4000): longer traces are reduced by min/max per bucket. */
  maxPoints?: number;
  /** Draw only samples in [from, to) seconds. */
  timeRange?: [number, number];
}

/**
 * Reduces a trace to at most ~maxPoints samples by keeping the minimum and the maximum of each
 * bucket of consecutive samples, in time order: spikes and resets stay visible, unlike plain
 * subsampling. Returns [sample index, value] pairs.
 */
export function minMaxDecimate(v: ArrayLike<number>, from: number, to: number, maxPoints: number): [number, number][] {
  const where = "minMaxDecimate";
  checkSeries(where, "v", v);
  checkNumber(where, "from", from, { integer: true, min: 0, max: v.length });
  checkNumber(where, "to", to, { integer: true, min: from, max: v.length });
  checkNumber(where, "maxPoints", maxPoints, { integer: true, min: 2 });
  const n = to - from;
  if (n <= maxPoints) return Array.from({ length: n }, (_, k) => [from + k, v[from + k]] as [number, number]);
  const bucket = Math.ceil((2 * n) / maxPoints);
  const out: [number, number][] = [];
  for (let s = from; s < to; s += bucket) {
    let iMin = s;
    let iMax = s;
    for (let k = s + 1; k < Math.min(to, s + bucket); k++) {
      if (v[k] < v[iMin]) iMin = k;
      if (v[k] > v[iMax]) iMax = k;
    }
    if (iMin < iMax) out.push([iMin, v[iMin]], [iMax, v[iMax]]);
    else if (iMax < iMin) out.push([iMax, v[iMax]], [iMin, v[iMin]]);
    else out.push([iMin, v[iMin]]);
  }
  return out;
}

/**
 * A membrane-potential trace V(t) as a line, with an optional threshold line. x: time (s).
 * Interactive views zoom and pan the time axis (Ctrl + wheel, drag; double-click resets) and show the
 * time and value of the sample under the pointer.
 * @param v the trace, one sample per bin (an array or a typed array of finite numbers)
 * @param options dt (s, required), yTitle, threshold, maxPoints, timeRange [from, to] (s), title, width, height.
 * @returns the Vega-Lite spec.
 * @throws ParameterError when v is not an array of finite numbers (naming the first bad sample), options is missing, dt is not > 0,
 *   maxPoints is not an integer >= 2, or timeRange is not two finite numbers from < to.
 */
export function traceChart(v: ArrayLike<number>, options: TraceOptions): TopLevelSpec {
  const where = "traceChart";
  checkSeries(where, "v", v);
  checkOptions(where, options, "an object { dt, ... } (dt: the sampling interval, s)");
  checkNumber(where, "dt", options.dt, { min: 0, minInclusive: false, unit: "s" });
  checkNumber(where, "dt times the trace's length", options.dt * v.length, { unit: "s (the trace's end)" });
  const maxPoints = options.maxPoints ?? 4000;
  checkNumber(where, "maxPoints", maxPoints, { integer: true, min: 2 });
  if (options.threshold !== undefined) checkNumber(where, "threshold", options.threshold);
  const [t0, t1] = checkTimeRange(where, options.timeRange) ?? [0, v.length * options.dt];
  const from = Math.max(0, Math.ceil(t0 / options.dt - 1e-9));
  const to = Math.min(v.length, Math.ceil(t1 / options.dt - 1e-9));
  const points = minMaxDecimate(v, from, to, maxPoints);
  const data = csvData({ t: points.map(([k]) => round(k * options.dt, 7)), v: points.map(([, y]) => round(y, 5)) });
  const x = { field: "t", type: "quantitative", title: "time (s)" };
  const yTitle = options.yTitle ?? "V (units of V_th)";
  const y = { field: "v", type: "quantitative", title: yTitle };
  const layers: Record<string, unknown>[] = [
    {
      params: [{ ...ZOOM_PAN, select: { ...ZOOM_PAN.select, encodings: ["x"] } }],
      mark: { type: "line", strokeWidth: 1, color: MARK_COLOR },
      encoding: { x, y },
    },
    {
      // Hover: the sample nearest the pointer is marked and its time and value shown as a
      // tooltip. A line's own tooltip would always show its first sample. The filter keeps
      // these points out of static renderings (SVG/PNG, where the view has no container), so
      // only interactive views (JupyterLab, VS Code) carry them.
      transform: [{ filter: "isValid(containerSize()[0])" }, zoomHint.transform],
      params: [{ name: "hover", select: { type: "point", encodings: ["x"], nearest: true, on: "mouseover", clear: "mouseout" } }],
      mark: { type: "point", filled: true, size: 36, color: ACCENT_COLOR },
      encoding: {
        x,
        y,
        opacity: { condition: { param: "hover", empty: false, value: 1 }, value: 0 },
        tooltip: [
          { field: "t", type: "quantitative", title: "time (s)", format: ".5~f" },
          { field: "v", type: "quantitative", title: yTitle, format: ".4~f" },
          zoomHint.tooltip,
        ],
      },
    },
  ];
  if (options.threshold !== undefined) {
    layers.push({
      data: { values: [{ v: options.threshold }] },
      mark: { type: "rule", strokeDash: [5, 4], color: ACCENT_COLOR },
      encoding: { y: { field: "v", type: "quantitative" } },
    });
  }
  return topLevel({
    title: options.title ?? "Membrane potential",
    width: options.width ?? CHART_WIDTH,
    height: options.height ?? CHART_HEIGHT,
    data, // shared by the line and the hover layer: stored once
    layer: layers,
  });
}
