import type { TopLevelSpec } from "vega-lite";
import { compile } from "vega-lite";
import { parse, View } from "vega";
import { Resvg } from "@resvg/resvg-js";
import { createHash } from "node:crypto";
import { compactSvg } from "./compact-svg";
import type { MimeBundle } from "./kernel";
import { invalid } from "../core/validate";

/** The MIME type JupyterLab, VS Code and nteract render with their built-in Vega-Lite 5 renderer. */
export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";

/** The mark types of Vega-Lite 5 (vega-lite itself fails on any other with an unrelated TypeError). */
const MARKS = ["arc", "area", "bar", "image", "line", "point", "rect", "rule", "text", "tick", "trail", "circle", "square", "geoshape", "boxplot", "errorband", "errorbar"];

/** Checks the mark of a spec and of every spec nested in it (layers, concatenations, facets), naming its path. */
function checkMarks(spec: unknown, path: string): void {
  if (spec === null || typeof spec !== "object") invalid("invalid Vega-Lite spec", path, spec, "an object");
  const s = spec as Record<string, unknown>;
  if ("mark" in s) {
    const m = s.mark;
    const type = m !== null && typeof m === "object" ? (m as { type?: unknown }).type : m;
    const name = m !== null && typeof m === "object" ? `${path}.mark.type` : `${path}.mark`;
    if (typeof type !== "string" || !MARKS.includes(type)) invalid("invalid Vega-Lite spec", name, type, `one of ${MARKS.join(", ")}`);
  }
  for (const key of ["layer", "concat", "vconcat", "hconcat"]) {
    if (Array.isArray(s[key])) (s[key] as unknown[]).forEach((child, i) => checkMarks(child, `${path}.${key}[${i}]`));
  }
  if (s.spec !== undefined) checkMarks(s.spec, `${path}.spec`);
}

/**
 * Compiles a Vega-Lite spec to Vega, throwing an Error that says what is wrong with the spec
 * (an unknown mark type, by its path in the spec, or vega-lite's own message) instead of drawing
 * an empty chart.
 * @throws ParameterError "invalid Vega-Lite spec: spec.mark must be one of ..." for an unknown
 *   mark; Error "invalid Vega-Lite spec: ..." for anything else vega-lite refuses.
 */
export function compileSpec(spec: TopLevelSpec): ReturnType<typeof compile>["spec"] {
  checkMarks(spec, "spec");
  try {
    return compile(spec).spec;
  } catch (e) {
    throw new Error(`invalid Vega-Lite spec: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * Makes the ids vega gives clip paths (`clip7`, from a counter global to the process) a function
 * of the chart alone: `clip-<hash of the SVG>-<n>`. The same chart then gives the same SVG
 * whatever was rendered before it (re-executed notebooks stay unchanged), and two different
 * charts inlined in one HTML page never share an id.
 */
export function stableSvgIds(svg: string): string {
  const ids = new Map<string, number>();
  const numbered = svg.replace(/\bclip(\d+)\b/g, (_m, id: string) => {
    if (!ids.has(id)) ids.set(id, ids.size + 1);
    return `clip-@-${ids.get(id)}`;
  });
  const hash = createHash("sha256").update(numbered).digest("hex").slice(0, 10);
  return numbered.replace(/clip-@-/g, `clip-${hash}-`);
}

/**
 * Renders a Vega-Lite spec to an SVG string headless in Node (vega's SVG string renderer; no
 * browser, no canvas), with runs of dots merged by {@link compactSvg}. About 35 ms for a small
 * chart, about a second for a 20 000-spike raster.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compileSpec(spec)), { renderer: "none" });
  try {
    return stableSvgIds(compactSvg(await view.toSVG()));
  } finally {
    view.finalize();
  }
}

/**
 * Rasterises an SVG string to PNG with resvg (a Rust renderer shipped prebuilt on npm), text set
 * in the system's fonts (DejaVu Sans on Debian: package fonts-dejavu-core). Returns base64, the
 * form a notebook stores images in.
 */
export function svgToPngBase64(svg: string): string {
  const resvg = new Resvg(svg, { background: "white", font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" } });
  return resvg.render().asPng().toString("base64");
}

/**
 * The MIME bundle of a chart: the Vega-Lite spec (a JSON object, interactive in JupyterLab and
 * VS Code), its SVG rendering (what Classic Notebook and nbconvert's HTML show), a PNG of it
 * (what GitHub's notebook viewer shows reliably) and a one-line text/plain description.
 */
export async function chartBundle(spec: TopLevelSpec, text: string): Promise<MimeBundle> {
  const svg = await renderSvg(spec);
  return {
    [VEGA_LITE_MIME]: JSON.parse(JSON.stringify(spec)) as unknown,
    "image/svg+xml": svg,
    "image/png": svgToPngBase64(svg),
    "text/plain": text,
  };
}
