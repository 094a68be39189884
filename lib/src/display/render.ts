import type { TopLevelSpec } from "vega-lite";
import { compile } from "vega-lite";
import { type Config, parse, View } from "vega";
import { Resvg } from "@resvg/resvg-js";
import { pngQuantizeSync } from "@napi-rs/image";
import { createHash } from "node:crypto";
import { compactSvg } from "./compact-svg";
import type { MimeBundle } from "./kernel";
import { invalid, ParameterError } from "../core/validate";

/** The MIME type JupyterLab, VS Code and nteract render with their built-in Vega-Lite 5 renderer. */
export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";

/** The mark types of Vega-Lite 5 (vega-lite itself fails on any other with an unrelated TypeError). */
const MARKS = ["arc", "area", "bar", "image", "line", "point", "rect", "rule", "text", "tick", "trail", "circle", "square", "geoshape", "boxplot", "errorband", "errorbar"];

/** Checks the mark of a spec and of every spec nested in it (layers, concatenations, facets), naming its path. */
function checkMarks(where: string, spec: unknown, path: string): void {
  if (spec === null || typeof spec !== "object") invalid(where, path, spec, "an object");
  const s = spec as Record<string, unknown>;
  if ("mark" in s) {
    const m = s.mark;
    const type = m !== null && typeof m === "object" ? (m as { type?: unknown }).type : m;
    const name = m !== null && typeof m === "object" ? `${path}.mark.type` : `${path}.mark`;
    if (typeof type !== "string" || !MARKS.includes(type)) invalid(where, name, type, `one of ${MARKS.join(", ")}`);
  }
  for (const key of ["layer", "concat", "vconcat", "hconcat"]) {
    if (Array.isArray(s[key])) (s[key] as unknown[]).forEach((child, i) => checkMarks(where, child, `${path}.${key}[${i}]`));
  }
  if (s.spec !== undefined) checkMarks(where, s.spec, `${path}.spec`);
}

/** Checks that every number in a spec (inline data included) is finite: a spec is JSON, which has no NaN or Infinity. */
function checkNumbers(where: string, value: unknown, path: string): void {
  if (typeof value === "number" && !Number.isFinite(value)) invalid(where, path, value, "a finite number (a spec is JSON: it has no NaN or Infinity)");
  if (value === null || typeof value !== "object") return;
  if (Array.isArray(value)) value.forEach((v, i) => checkNumbers(where, v, `${path}[${i}]`));
  else for (const [k, v] of Object.entries(value)) checkNumbers(where, v, `${path}.${k}`);
}

/**
 * Checks a Vega-Lite spec for the function `fn` the user called: every mark known (vega-lite
 * itself fails on any other with an unrelated TypeError) and every number finite.
 * @param fn the function called, e.g. "renderSvg".
 * @param spec the spec.
 * @throws ParameterError "<fn>: invalid Vega-Lite spec: <path> must be ...".
 */
export function checkSpec(fn: string, spec: unknown): void {
  checkMarks(`${fn}: invalid Vega-Lite spec`, spec, "spec");
  checkNumbers(`${fn}: invalid Vega-Lite spec`, spec, "spec");
}

/** {@link compileSpec} for the function `fn` the user called (its name starts the messages). */
function compileFor(fn: string, spec: TopLevelSpec): ReturnType<typeof compile>["spec"] {
  checkSpec(fn, spec);
  try {
    return compile(spec).spec;
  } catch (e) {
    throw new ParameterError(`${fn}: invalid Vega-Lite spec: ${(e as Error).message}`);
  }
}

/**
 * Compiles a Vega-Lite spec to Vega, throwing an Error that says what is wrong with the spec
 * (an unknown mark type, by its path in the spec, or vega-lite's own message) instead of drawing
 * an empty chart.
 * @throws ParameterError "compileSpec: invalid Vega-Lite spec: spec.mark must be one of ..." for
 *   an unknown mark, "...: <path> must be a finite number" for NaN or Infinity anywhere in it,
 *   and "compileSpec: invalid Vega-Lite spec: ..." for anything else vega-lite refuses.
 */
export function compileSpec(spec: TopLevelSpec): ReturnType<typeof compile>["spec"] {
  return compileFor("compileSpec", spec);
}

/**
 * Makes the ids vega gives clip paths (`clip7`, from a counter global to the process) a function
 * of the chart alone: `clip-<hash of the SVG>-<n>`. The same chart then gives the same SVG
 * whatever was rendered before it (an export of the same notebook is the same file), and two
 * different charts inlined in one HTML page never share an id.
 */
export function stableSvgIds(svg: string): string {
  if (typeof svg !== "string") invalid("stableSvgIds", "svg", svg, "an SVG document (a string)");
  const ids = new Map<string, number>();
  const numbered = svg.replace(/\bclip(\d+)\b/g, (_m, id: string) => {
    if (!ids.has(id)) ids.set(id, ids.size + 1);
    return `clip-@-${ids.get(id)}`;
  });
  const hash = createHash("sha256").update(numbered).digest("hex").slice(0, 10);
  return numbered.replace(/clip-@-/g, `clip-${hash}-`);
}

/**
 * Vega configuration for headless rendering: no event listeners on the window or on page
 * elements (a static rendering has no user to listen to). Without it vega binds the charts'
 * interactions (zoom, hover) to whatever the global `window` is; in Deno's kernel a notebook's
 * top-level `const window = [1, 2]` is a global binding, and vega failed on it.
 */
const HEADLESS: Config = { events: { window: false, selector: false } };

/**
 * Renders a Vega-Lite spec to an SVG string headless in Node (vega's SVG string renderer; no
 * browser, no canvas), with runs of dots merged by {@link compactSvg}. About 35 ms for a small
 * chart, about a second for a 20 000-spike raster.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  return renderIn("renderSvg", spec);
}

/** {@link renderSvg} for the function `fn` the user called. */
async function renderIn(fn: string, spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compileFor(fn, spec), HEADLESS), { renderer: "none" });
  try {
    return stableSvgIds(compactSvg(await view.toSVG()));
  } finally {
    view.finalize();
  }
}

/**
 * Rasterises an SVG string to PNG with resvg (a Rust renderer shipped prebuilt on npm), text set
 * in the system's fonts (DejaVu Sans on Debian: package fonts-dejavu-core), at one pixel per SVG
 * unit, then stores it with a palette of at most 256 colours (libimagequant through
 * @napi-rs/image, no minimum quality): a chart has a few colours and their anti-aliased edges,
 * so this is exact for charts with at most 256 colours (every raster dot kept) and moves the
 * others' colours by a few levels of 255 at edges; the file is about 3.3 times smaller than
 * resvg's 32-bit RGBA PNG. Deterministic: the same SVG gives the same bytes. 0.3-0.7 s for a
 * chart on a busy 2-core machine. Returns base64, the form a notebook stores images in.
 * @throws ParameterError when svg is not a string.
 */
export function svgToPngBase64(svg: string): string {
  if (typeof svg !== "string") invalid("svgToPngBase64", "svg", svg, "an SVG document (a string)");
  let resvg: Resvg;
  try {
    resvg = new Resvg(svg, { background: "white", font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" } });
  } catch (e) {
    throw new ParameterError(`svgToPngBase64: svg must be an SVG document, got ${JSON.stringify(svg.slice(0, 40))}: ${(e as Error).message}`);
  }
  return pngQuantizeSync(resvg.render().asPng(), { minQuality: 0, maxQuality: 100 }).toString("base64");
}

/**
 * The MIME bundle of a chart: the Vega-Lite spec (a JSON object, interactive in JupyterLab,
 * Notebook 7 and VS Code), ONE static fallback, a PNG (what Classic Notebook, nbconvert's HTML
 * and GitHub's notebook viewer show), and a one-line text/plain description. No SVG: it would
 * store the chart a third time (the HTML/PDF export renders it from the spec instead).
 */
export async function chartBundle(spec: TopLevelSpec, text: string): Promise<MimeBundle> {
  if (typeof text !== "string") invalid("chartBundle", "text", text, "a string (the text/plain description)");
  return {
    [VEGA_LITE_MIME]: JSON.parse(JSON.stringify(spec)) as unknown,
    "image/png": svgToPngBase64(await renderIn("chartBundle", spec)),
    "text/plain": text,
  };
}
