import type { TopLevelSpec } from "vega-lite";
import { chartBundle, checkSpec } from "./render";
import { type MimeBundle, sendDisplay } from "./kernel";
import { invalid, within } from "../core/validate";

/**
 * The key under which an object offers its own MIME bundle (the convention of Deno's Jupyter
 * kernel): `obj[JUPYTER_DISPLAY]()` returns the bundle or a promise of it.
 */
export const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");

/** Anything that can render itself as a MIME bundle. */
export interface Displayable {
  [JUPYTER_DISPLAY](): MimeBundle | Promise<MimeBundle>;
}

function isDisplayable(x: unknown): x is Displayable {
  return typeof x === "object" && x !== null && typeof (x as Displayable)[JUPYTER_DISPLAY] === "function";
}

/** Keys that make an object a Vega-Lite (sub)spec rather than, e.g., an axis or a mark definition. */
const VIEW_KEYS = ["mark", "layer", "vconcat", "hconcat", "concat", "facet", "repeat"];

/**
 * What a spec draws: the descriptions of the (sub)specs that carry one (e.g. a raster's "19904
 * spikes of 1000 neurons"), and the rows of inline data of all others (a CSV text counts its
 * lines; data shared by several layers counts once).
 */
function whatItDraws(spec: unknown, found = { rows: 0, descriptions: [] as string[] }, seen = new Set<unknown>()) {
  if (typeof spec !== "object" || spec === null || seen.has(spec)) return found;
  seen.add(spec);
  const s = spec as Record<string, unknown>;
  if (typeof s.description === "string" && VIEW_KEYS.some((k) => k in s)) {
    found.descriptions.push(s.description);
    return found;
  }
  for (const [key, value] of Object.entries(s)) {
    if (key === "values" && Array.isArray(value)) found.rows += seen.has(value) ? 0 : (seen.add(value), value.length);
    else if (key === "values" && typeof value === "string") found.rows += value.split("\n").length - 1;
    else if (typeof value === "object") whatItDraws(value, found, seen);
  }
  return found;
}

/**
 * A one-line description of a spec for text/plain: its title, and what it draws: the
 * `description` of each (sub)spec that has one (e.g. a raster's "19904 spikes of 1000 neurons"),
 * and how many rows of inline data the others have.
 */
export function describeSpec(spec: TopLevelSpec): string {
  const s = spec as { title?: unknown };
  const title = typeof s.title === "string" ? s.title : typeof s.title === "object" && s.title !== null ? String((s.title as { text?: unknown }).text ?? "") : "";
  const { rows, descriptions } = whatItDraws(spec);
  const what = [...(rows > 0 || descriptions.length === 0 ? [`${rows} data points`] : []), ...descriptions].join("; ");
  return `[Vega-Lite chart${title ? `: ${title}` : ""} (${what})]`;
}

/**
 * A chart: a Vega-Lite spec that renders itself as a MIME bundle (Vega-Lite + PNG + text) when
 * displayed, in tslab through {@link show} and in Deno's kernel by the `Jupyter.display` symbol.
 */
export class Chart implements Displayable {
  /**
   * @param spec a Vega-Lite 5 spec, e.g. from one of the chart builders
   * @throws ParameterError for an unknown mark or a number that is not finite (see `checkSpec`)
   */
  constructor(readonly spec: TopLevelSpec) {
    checkSpec("Chart", spec);
  }

  /** The chart's MIME bundle. */
  bundle(): Promise<MimeBundle> {
    return chartBundle(this.spec, describeSpec(this.spec));
  }

  [JUPYTER_DISPLAY](): Promise<MimeBundle> {
    return this.bundle();
  }
}

/**
 * Displays a chart (a Vega-Lite spec, a {@link Chart}, or any {@link Displayable}) as ONE
 * display_data output carrying the whole MIME bundle: `application/vnd.vegalite.v5+json`
 * (interactive in JupyterLab, Notebook 7 and VS Code), `image/png` (Classic Notebook,
 * nbconvert's HTML, GitHub) and `text/plain` (see {@link chartBundle}). Use it with `await` in a
 * cell: `await show(rasterChart(...))`.
 *
 * @returns undefined when it was displayed in a kernel (so the cell prints nothing more), the
 *   bundle otherwise (in a test or a script, where there is nothing to display to).
 * @throws ParameterError when item is not an object (e.g. undefined or null) or the spec has an
 *   unknown mark; Error for a spec vega-lite cannot compile.
 */
export async function show(item: TopLevelSpec | Displayable): Promise<MimeBundle | undefined> {
  if (item === null || typeof item !== "object" || Array.isArray(item)) {
    invalid("show", "item", item, "a Vega-Lite spec (an object, e.g. from rasterChart) or an object with a Jupyter.display method");
  }
  const bundle = await (isDisplayable(item) ? item : within("show", "item", () => new Chart(item)))[JUPYTER_DISPLAY]();
  return sendDisplay(bundle) ? undefined : bundle;
}

/**
 * Displays Markdown (e.g. a table of results computed in the cell) as one output with
 * `text/markdown` and a `text/plain` copy. Returns the bundle outside a kernel, like {@link show}.
 * @param markdown the Markdown text
 * @param extra further representations of the same output (e.g. a JSON MIME type for tests)
 */
export function showMarkdown(markdown: string, extra: MimeBundle = {}): MimeBundle | undefined {
  const bundle = { "text/markdown": markdown, "text/plain": markdown, ...extra };
  return sendDisplay(bundle) ? undefined : bundle;
}
