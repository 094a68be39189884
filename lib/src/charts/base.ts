import type { TopLevelSpec } from "vega-lite";
import { checkLength, checkNumber, invalid, ParameterError } from "../core/validate";

/** Default chart width (px). */
export const CHART_WIDTH = 560;
/** Default chart height (px). */
export const CHART_HEIGHT = 240;

/** Options every chart builder accepts. */
export interface ChartOptions {
  /** Title above the chart. */
  title?: string;
  /** Width of the plotting area (px). */
  width?: number;
  /** Height of the plotting area (px). */
  height?: number;
}

/**
 * Mark colours, each with a contrast of at least 3:1 (WCAG's figure for graphics) both on white
 * (JupyterLab Light, the HTML/PDF exports) and on #333 (the background of Vega's "dark" theme,
 * which JupyterLab's renderer applies in its Dark theme): blue, red, green, purple, orange,
 * teal, pink, grey. The first is the colour of single-series marks; the list is the category
 * range of every chart. Dark colours such as #1f3b73 vanish on the dark background.
 */
export const PALETTE = ["#3b82f6", "#e45756", "#2ca02c", "#b263c4", "#d08000", "#1a9e8f", "#d45d9a", "#8c8c8c"] as const;
/** The colour of a chart's main marks (raster dots, trace lines): {@link PALETTE}[0]. */
export const MARK_COLOR = PALETTE[0];
/** The colour of highlights and reference marks (threshold line, hovered sample): {@link PALETTE}[1]. */
export const ACCENT_COLOR = PALETTE[1];

/** Properties that only a top-level spec may carry (dropped when a chart is nested). */
const TOP_LEVEL_ONLY = ["$schema", "config", "autosize", "background", "padding", "usermeta"] as const;

/**
 * Wraps the body of a chart into a top-level Vega-Lite 5 spec with the project's look (font
 * sizes, no chart border, the {@link PALETTE} for categories). Background and text colours are
 * left to the viewer's theme (JupyterLab draws the chart with Vega's "dark" theme in its Dark
 * theme). Builders call it last; {@link vconcatCharts} strips it again.
 */
export function topLevel(body: Record<string, unknown>): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    config: {
      view: { stroke: null },
      axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridOpacity: 0.4 },
      legend: { labelFontSize: 11, titleFontSize: 12 },
      title: { fontSize: 14, anchor: "start" },
      range: { category: [...PALETTE] },
    },
    ...body,
  } as TopLevelSpec;
}

/** The spec of a chart without its top-level-only properties, for nesting in a composition. */
export function nested(spec: TopLevelSpec): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...(spec as unknown as Record<string, unknown>) };
  for (const key of TOP_LEVEL_ONLY) delete copy[key];
  return copy;
}

/**
 * Zoom and pan on both axes, on deliberate gestures only: Ctrl + wheel (or Cmd + wheel, or a
 * touchpad pinch, which browsers send as Ctrl + wheel) zooms, dragging pans, double-click
 * resets (Vega-Lite's scale binding). The plain wheel is left to the page, so scrolling through
 * a notebook never zooms the chart under the pointer. Shift + wheel is not used: browsers turn
 * it into horizontal scrolling, with no vertical delta for the zoom to read.
 */
export const ZOOM_PAN = {
  name: "zoom",
  select: { type: "interval", zoom: "wheel![event.ctrlKey || event.metaKey]" },
  bind: "scales",
} as const;

/** How to zoom, as a tooltip line of charts with {@link ZOOM_PAN}. */
export const ZOOM_HINT = "Ctrl + wheel: zoom, drag: pan, double-click: reset";

/**
 * The tooltip line saying how to zoom ({@link ZOOM_HINT}): a transform that adds it to every
 * row of a layer's data and the tooltip entry that shows it. Computed when the chart is drawn,
 * so it takes no space in the stored notebook.
 */
export const zoomHint = {
  transform: { calculate: JSON.stringify(ZOOM_HINT), as: "zoom_hint" },
  tooltip: { field: "zoom_hint", type: "nominal", title: "zoom" },
} as const;

/**
 * A transform that gives every row of a layer the field `as` with one constant text (e.g. its
 * series label, for the colour legend). Computed when the chart is drawn, so the text is stored
 * once instead of on every row.
 * @param as the field's name, e.g. "series"
 * @param value the text
 * @returns a Vega-Lite calculate transform
 */
export function constantField(as: string, value: string): { calculate: string; as: string } {
  checkTitle("constantField", "as", as);
  checkTitle("constantField", "value", value);
  return { calculate: JSON.stringify(value), as };
}

/**
 * Rounds to a given number of significant digits, keeping chart data (and notebooks) compact.
 * @param x a finite number (a chart has no gaps).
 * @param digits significant digits, an integer in [1, 100] (default 6).
 * @throws ParameterError when x is not finite or digits is out of range.
 */
export function round(x: number, digits = 6): number {
  checkNumber("round", "x", x);
  checkNumber("round", "digits", digits, { integer: true, min: 1, max: 100 });
  // rounding up past the largest double gives Infinity: x itself is then the closest
  const r = Number(x.toPrecision(digits));
  return Number.isFinite(r) ? r : x;
}

/**
 * Stacks charts vertically (sharing the x scale if asked, e.g. a voltage trace over spike ticks).
 * @param charts specs made by the builders in this folder
 * @throws ParameterError for charts that are not a non-empty array of specs, or a title that is not a string.
 */
export function vconcatCharts(charts: TopLevelSpec[], options: { title?: string; shareX?: boolean } = {}): TopLevelSpec {
  checkCharts("vconcatCharts", charts, options);
  return topLevel({
    ...(options.title ? { title: options.title } : {}),
    vconcat: charts.map(nested),
    ...(options.shareX ? { resolve: { scale: { x: "shared" } } } : {}),
  });
}

/** Checks the charts and options of a composition: a non-empty array of specs, an optional string title. */
function checkCharts(where: string, charts: unknown, options: { title?: string }): void {
  if (!Array.isArray(charts) || charts.length === 0) invalid(where, "charts", charts, "a non-empty array of chart specs");
  charts.forEach((c, k) => {
    if (c === null || typeof c !== "object" || Array.isArray(c)) invalid(where, `charts[${k}]`, c, "a chart spec (an object from a chart builder)");
  });
  checkOptions(where, options, "an object { title?, shareX? }");
  checkTitle(where, "title", options.title, true);
}

/**
 * Puts charts side by side.
 * @param charts specs made by the builders in this folder
 * @throws ParameterError for charts that are not a non-empty array of specs, or a title that is not a string.
 */
export function hconcatCharts(charts: TopLevelSpec[], options: { title?: string } = {}): TopLevelSpec {
  checkCharts("hconcatCharts", charts, options);
  return topLevel({ ...(options.title ? { title: options.title } : {}), hconcat: charts.map(nested) });
}

/**
 * Inline data as one CSV string instead of an array of row objects. Jupyter stores a notebook's
 * JSON with one value per line, so 20 000 raster dots as objects take ~1 MB; as a CSV string
 * they take ~250 kB on one line. Vega-Lite parses the string (`format: csv`) into the same rows.
 * A text with a comma, a quote or a line break is quoted as CSV quotes it (RFC 4180), so it
 * comes back as it was.
 * @param columns column name to values (numbers or texts), all the same length
 */
export function csvData(columns: Record<string, ArrayLike<number | string>>): {
  values: string;
  format: { type: "csv"; parse: Record<string, "number" | "string"> };
} {
  if (columns === null || typeof columns !== "object") invalid("csvData", "columns", columns, "an object of columns (arrays)");
  const names = Object.keys(columns);
  for (const name of names) {
    const c = columns[name] as unknown;
    if (!Array.isArray(c) && !(ArrayBuffer.isView(c) && !(c instanceof DataView))) invalid("csvData", `columns.${name}`, c, "an array or a typed array");
  }
  const n = names.length ? columns[names[0]].length : 0;
  const parse: Record<string, "number" | "string"> = {};
  for (const name of names) {
    if (columns[name].length !== n) throw new ParameterError(`csvData: column ${name} must have length ${n}, got ${columns[name].length}`);
    parse[name] = n > 0 && typeof columns[name][0] === "string" ? "string" : "number";
  }
  const lines = [names.join(",")];
  const field = (x: number | string) => (typeof x === "string" && /[",\r\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : String(x));
  for (let k = 0; k < n; k++) lines.push(names.map((c) => field(columns[c][k])).join(","));
  return { values: lines.join("\n"), format: { type: "csv", parse } };
}

/**
 * Checks a chart builder's options argument: an object (the builders whose options have a
 * required field, like traceChart's dt, cannot default it).
 * @param where the builder's name.
 * @param options the options given.
 * @param allowed what the options must be, e.g. "an object { dt, ... }".
 * @returns the options.
 * @throws ParameterError when options is not an object.
 */
export function checkOptions<T>(where: string, options: T, allowed: string): T {
  if (options === null || typeof options !== "object" || Array.isArray(options)) invalid(where, "options", options, allowed);
  return options;
}

/**
 * Checks an axis title or label: a string (a number or NaN would be printed as the title).
 * @param where the builder's name.
 * @param name the option's name, e.g. "xTitle".
 * @param value the value given.
 * @param optional whether it may be left out (undefined).
 * @throws ParameterError naming the option when it is not a string.
 */
export function checkTitle(where: string, name: string, value: unknown, optional = false): void {
  if (optional && value === undefined) return;
  if (typeof value !== "string") invalid(where, name, value, "a string");
}

/**
 * Checks a list of series of a chart: undefined (none) or an array of objects.
 * @param where the builder's name.
 * @param name the option's name, e.g. "lines".
 * @param value the value given.
 * @throws ParameterError naming the option, or its first element that is not an object.
 */
export function checkList(where: string, name: string, value: unknown): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) invalid(where, name, value, "an array of series objects");
  value.forEach((v, k) => {
    if (v === null || typeof v !== "object") invalid(where, `${name}[${k}]`, v, "a series object");
  });
}

/**
 * Checks a time range [from, to] of a chart: two finite numbers with from < to (s).
 * @param where the builder's name.
 * @param range the range given, or undefined (no range).
 * @returns the range, or undefined.
 * @throws ParameterError naming timeRange, timeRange[0] or timeRange[1].
 */
export function checkTimeRange(where: string, range: unknown): [number, number] | undefined {
  if (range === undefined) return undefined;
  if (!Array.isArray(range) || range.length !== 2) invalid(where, "timeRange", range, "an array [from, to] (s)");
  const [from, to] = range as [unknown, unknown];
  checkNumber(where, "timeRange[0]", from, { unit: "s" });
  checkNumber(where, "timeRange[1]", to, { min: from as number, minInclusive: false, unit: "s" });
  return range as [number, number];
}

/**
 * Checks that data to draw is an array or a typed array of finite numbers, naming the first bad
 * entry. A chart has no gaps: NaN or an infinity is refused (a value that is not there is left
 * out by the caller, with its x).
 * @param where the builder's name.
 * @param name the parameter, e.g. "v".
 * @param values the data.
 * @returns the data.
 * @throws ParameterError when values is not an array of finite numbers.
 */
export function checkSeries(where: string, name: string, values: unknown): ArrayLike<number> {
  if (!Array.isArray(values) && !(ArrayBuffer.isView(values) && !(values instanceof DataView))) {
    invalid(where, name, values, "an array or a typed array of finite numbers");
  }
  const v = values as ArrayLike<unknown>;
  for (let k = 0; k < v.length; k++) {
    const x = v[k];
    if (typeof x !== "number" || !Number.isFinite(x)) invalid(where, `${name}[${k}]`, x, "a finite number (a chart has no gaps: leave the point out)");
  }
  return v as ArrayLike<number>;
}

/**
 * Checks one named series of a chart, { label, x, y, error? }: a string label, and x, y (and
 * error, >= 0) arrays of finite numbers of one length.
 * @param where the builder's name.
 * @param name the series' place, e.g. "lines[0]".
 * @param series the series given.
 * @throws ParameterError naming the series (its place and label) and the first bad entry.
 */
export function checkXYSeries(where: string, name: string, series: { label: unknown; x: unknown; y: unknown; error?: unknown }): void {
  checkTitle(where, `${name}.label`, series.label);
  const at = `${name} ("${series.label as string}")`;
  const n = checkSeries(where, `${at}.x`, series.x).length;
  checkLength(where, `${at}.y`, checkSeries(where, `${at}.y`, series.y), n);
  if (series.error === undefined) return;
  const e = checkSeries(where, `${at}.error`, series.error);
  checkLength(where, `${at}.error`, e, n);
  for (let k = 0; k < n; k++) if (e[k] < 0) invalid(where, `${at}.error[${k}]`, e[k], "a finite number >= 0 (half an error bar)");
}
