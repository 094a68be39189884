/**
 * What a chart draws, read from vega's scenegraph after a headless run: the data row (datum) of
 * every item of its data marks (not of axes, legends or titles). Tests check these rows instead of
 * the spec's inline data, so they hold whatever form the data is stored in (CSV, one text per
 * neuron split when drawn, a label added by a transform).
 */
import type { TopLevelSpec } from "vega-lite";
import { View, parse } from "vega";
import { compileSpec } from "../lib/src/display/render";

/** A drawn row: the fields of one mark item's datum. */
export type DrawnRow = Record<string, unknown>;

interface SceneNode {
  marktype?: string;
  role?: string;
  datum?: DrawnRow;
  items?: SceneNode[];
}

/** One data mark of a chart as drawn: its vega mark type ("symbol", "line", "rect", "rule", ...) and its rows. */
export interface DrawnMark {
  marktype: string;
  rows: DrawnRow[];
}

/**
 * The data marks of a spec as drawn, in scenegraph order, each with the rows of its items.
 * @param spec a Vega-Lite spec (a nested one, e.g. one chart of a vconcat, compiles on its own)
 */
export async function drawnMarks(spec: TopLevelSpec): Promise<DrawnMark[]> {
  const view = new View(parse(compileSpec(spec), { events: { window: false, selector: false } }), { renderer: "none" });
  try {
    await view.runAsync();
    const marks: DrawnMark[] = [];
    const walk = (node: SceneNode) => {
      if (node.marktype !== undefined && node.marktype !== "group" && node.role === "mark") {
        marks.push({ marktype: node.marktype, rows: (node.items ?? []).map((item) => item.datum ?? {}) });
        return;
      }
      for (const child of node.items ?? []) walk(child);
    };
    walk((view.scenegraph() as unknown as { root: SceneNode }).root);
    return marks;
  } finally {
    view.finalize();
  }
}

/** The rows drawn by every data mark of a spec (of one vega mark type, or all), mark after mark. */
export async function drawnRows(spec: TopLevelSpec, marktype?: string): Promise<DrawnRow[]> {
  return (await drawnMarks(spec)).filter((m) => marktype === undefined || m.marktype === marktype).flatMap((m) => m.rows);
}

/** A drawn point or line row with its error bar ends and its series. */
export type SeriesRow = { x: number; y: number; lo: number; hi: number; series: string };

/**
 * The rows drawn for the series with this label (in chart `chart` of a vconcat): those of the
 * first mark that draws it; empty when no mark draws it.
 */
export async function drawnSeries(spec: TopLevelSpec, label: string, chart = 0): Promise<SeriesRow[]> {
  const s = spec as unknown as { vconcat?: TopLevelSpec[] };
  const marks = await drawnMarks(s.vconcat ? s.vconcat[chart] : spec);
  return (marks.find((m) => m.rows.some((r) => r.series === label))?.rows ?? []) as SeriesRow[];
}
