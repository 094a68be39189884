import type { TopLevelSpec } from "vega-lite";
import { chartBundle } from "./render";
import { type MimeBundle, sendDisplay } from "./kernel";
import { invalid } from "../core/validate";

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

function countValues(spec: unknown, seen = new Set<unknown>()): number {
  if (typeof spec !== "object" || spec === null || seen.has(spec)) return 0;
  seen.add(spec); // layers often share one data array: count it once
  let n = 0;
  for (const [key, value] of Object.entries(spec)) {
    if (key === "values" && Array.isArray(value)) n += seen.has(value) ? 0 : (seen.add(value), value.length);
    else if (key === "values" && typeof value === "string") n += value.split("\n").length - 1;
    else if (typeof value === "object") n += countValues(value, seen);
  }
  return n;
}

/** A one-line description of a spec for text/plain: its title and how many data points it draws. */
export function describeSpec(spec: TopLevelSpec): string {
  const raw = (spec as { title?: unknown; description?: unknown }).title ?? (spec as { description?: unknown }).description;
  const title = typeof raw === "string" ? raw : typeof raw === "object" && raw !== null ? String((raw as { text?: unknown }).text ?? "") : "";
  return `[Vega-Lite chart${title ? `: ${title}` : ""} (${countValues(spec)} data points)]`;
}

/**
 * A chart: a Vega-Lite spec that renders itself as a MIME bundle (Vega-Lite + SVG + text) when
 * displayed, in tslab through {@link show} and in Deno's kernel by the `Jupyter.display` symbol.
 */
export class Chart implements Displayable {
  /** @param spec a Vega-Lite 5 spec, e.g. from one of the chart builders */
  constructor(readonly spec: TopLevelSpec) {}

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
 * (interactive in JupyterLab and VS Code), `image/svg+xml` (Classic Notebook, HTML export,
 * GitHub) and `text/plain`. Use it with `await` in a cell: `await show(rasterChart(...))`.
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
  const bundle = await (isDisplayable(item) ? item : new Chart(item))[JUPYTER_DISPLAY]();
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
