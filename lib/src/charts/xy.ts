import type { TopLevelSpec } from "vega-lite";
import { checkNumber, ParameterError } from "../core/validate";
import { CHART_HEIGHT, CHART_WIDTH, type ChartOptions, ZOOM_PAN, checkList, checkOptions, checkTitle, checkXYSeries, constantField, csvData, round, topLevel, zoomHint } from "./base";

/** A named curve (theory), drawn as a line. */
export interface LineSeries {
  /** Legend label. */
  label: string;
  /** x values. */
  x: ArrayLike<number>;
  /** y values, same length as x. */
  y: ArrayLike<number>;
  /** Dashed line (e.g. for a limit or an approximation). */
  dashed?: boolean;
}

/** Named measured points (simulation), with optional symmetric error bars. */
export interface PointSeries {
  /** Legend label. */
  label: string;
  /** x values. */
  x: ArrayLike<number>;
  /** y values, same length as x. */
  y: ArrayLike<number>;
  /** Half-length of each error bar (e.g. one or two standard errors), same length as x. */
  error?: ArrayLike<number>;
}

/** A horizontal reference line, e.g. the threshold. */
export interface RuleSeries {
  /** Legend label. */
  label: string;
  /** Its y value. */
  y: number;
}

/** Options of {@link xyChart}. */
export interface XYOptions extends ChartOptions {
  /** Curves (theory). */
  lines?: LineSeries[];
  /** Points with optional error bars (simulation). */
  points?: PointSeries[];
  /** Horizontal reference lines. */
  rules?: RuleSeries[];
  /** x-axis title with unit. */
  xTitle: string;
  /** y-axis title with unit. */
  yTitle: string;
  /** Logarithmic x axis. */
  logX?: boolean;
  /** Logarithmic y axis. */
  logY?: boolean;
  /** Make the y axis start at zero (default false: fit the data). */
  zeroY?: boolean;
}

/**
 * The data of one series as a CSV string (see csvData): x and y, and for points with error bars
 * lo = y - error and hi = y + error, each to 6 significant digits. Its label is not repeated on
 * every row: {@link constantField} adds it when the chart is drawn.
 */
function seriesData(s: { label: string; x: ArrayLike<number>; y: ArrayLike<number>; error?: ArrayLike<number> }) {
  const column = (f: (k: number) => number) => Array.from({ length: s.x.length }, (_, k) => round(f(k)));
  const xy = { x: column((k) => s.x[k]), y: column((k) => s.y[k]) };
  const e = s.error;
  return csvData(e ? { ...xy, lo: column((k) => s.y[k] - e[k]), hi: column((k) => s.y[k] + e[k]) } : xy);
}

/** The first unit (a spec with a mark) of a layer, which may itself be a layer of units. */
function firstUnit(layer: Record<string, unknown>): Record<string, unknown> {
  const children = layer.layer as Record<string, unknown>[] | undefined;
  return children ? firstUnit(children[0]) : layer;
}

/**
 * The general x-y chart of the notebooks: theory curves as lines, simulated values as points
 * with error bars, and reference lines, sharing one colour legend; linear or logarithmic axes;
 * Ctrl + wheel zooms, drag pans (see ZOOM_PAN); the points' tooltip says so. Each series is
 * stored once, as CSV: the error bars and the points of a series are two layers over one data.
 * A chart has no gaps: every x, y and error is a finite number (leave out a point whose value is
 * undefined, with its x).
 * @param options lines, points, rules, xTitle, yTitle, logX, logY, zeroY, title, width, height.
 * @returns the Vega-Lite spec.
 * @throws ParameterError naming the option, the series (its place and label) and the entry: a
 *   title or label that is not a string, x, y or error not arrays of finite numbers of one length,
 *   a negative error, a rule's y not finite, or no series at all.
 */
export function xyChart(options: XYOptions): TopLevelSpec {
  const where = "xyChart";
  checkOptions(where, options, "an object { xTitle, yTitle, lines?, points?, rules? }");
  checkTitle(where, "xTitle", options.xTitle);
  checkTitle(where, "yTitle", options.yTitle);
  for (const name of ["lines", "points", "rules"] as const) checkList(where, name, options[name]);
  options.lines?.forEach((s, k) => checkXYSeries(where, `lines[${k}]`, s));
  options.points?.forEach((s, k) => checkXYSeries(where, `points[${k}]`, s));
  options.rules?.forEach((r, k) => {
    checkTitle(where, `rules[${k}].label`, r.label);
    checkNumber(where, `rules[${k}] ("${r.label}").y`, r.y);
  });
  const x = { field: "x", type: "quantitative", title: options.xTitle, scale: options.logX ? { type: "log" } : { zero: false } };
  const yScale = options.logY ? { type: "log" } : { zero: options.zeroY ?? false };
  const y = { field: "y", type: "quantitative", title: options.yTitle, scale: yScale };
  const color = { field: "series", type: "nominal", title: null, legend: { orient: "top", labelLimit: 400 } };
  const layers: Record<string, unknown>[] = [];
  for (const line of options.lines ?? []) {
    layers.push({
      data: seriesData(line),
      transform: [constantField("series", line.label)],
      mark: { type: "line", strokeWidth: 2, ...(line.dashed ? { strokeDash: [6, 4] } : {}) },
      encoding: { x, y, color },
    });
  }
  for (const pts of options.points ?? []) {
    const points = {
      transform: [zoomHint.transform],
      mark: { type: "point", filled: true, size: 50 },
      encoding: {
        x,
        y,
        color,
        tooltip: [
          { field: "series", title: "series" },
          { field: "x", title: options.xTitle },
          { field: "y", title: options.yTitle },
          ...(pts.error ? [{ field: "lo", title: "lower" }, { field: "hi", title: "upper" }] : []),
          zoomHint.tooltip,
        ],
      },
    };
    const bars = {
      mark: { type: "rule", strokeWidth: 1.5 },
      encoding: { x, y: { field: "lo", type: "quantitative", scale: yScale }, y2: { field: "hi" }, color },
    };
    layers.push({ data: seriesData(pts), transform: [constantField("series", pts.label)], layer: pts.error ? [bars, points] : [points] });
  }
  for (const rule of options.rules ?? []) {
    layers.push({
      data: { values: [{ y: rule.y }] },
      transform: [constantField("series", rule.label)],
      mark: { type: "rule", strokeDash: [4, 4], strokeWidth: 1.5 },
      encoding: { y: { field: "y", type: "quantitative" }, color },
    });
  }
  if (layers.length === 0) throw new ParameterError("xyChart: give at least one of lines, points or rules");
  firstUnit(layers[0]).params = [ZOOM_PAN];
  return topLevel({
    title: options.title ?? "",
    width: options.width ?? CHART_WIDTH,
    height: options.height ?? CHART_HEIGHT,
    layer: layers,
  });
}
