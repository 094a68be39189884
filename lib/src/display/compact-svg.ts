import { invalid } from "../core/validate";

/**
 * Shrinks vega's SVG for charts with thousands of dots (rasters): vega writes every circle as
 * its own `<path>` with an ARIA label, a transform and ~60 characters of arc commands, about
 * 280 bytes a dot (5.5 MB for a 20 000-spike raster). Runs of adjacent filled circles with the
 * same radius and style become ONE path in which each dot is a zero-length segment drawn with a
 * round line cap of width 2r (the same filled disc, ~15 bytes a dot), coordinates rounded to
 * 0.01 px. Outlined circles keep their arcs, merged the same way. What is drawn does not change,
 * except that a path's opacity applies to the union, so overlapping dots do not darken.
 */

const CIRCLE =
  /<path(?: aria-label="[^"]*")?(?: role="graphics-symbol")?(?: aria-roledescription="circle")? transform="translate\(([-\d.e]+),([-\d.e]+)\)" d="M([\d.]+),0A[\d.,-]+,0,1,1,-[\d.]+,0A[\d.,-]+,0,1,1,[\d.]+,0"([^>]*)\/>/g;

function fmt(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** Merges runs of adjacent same-style circle paths into single paths (see the module comment). */
export function compactSvg(svg: string): string {
  if (typeof svg !== "string") invalid("compactSvg", "svg", svg, "an SVG document (a string)");
  let out = "";
  let copied = 0;
  let run: { end: number; r: string; rest: string; style: string; d: string[] } | null = null;
  const flush = () => {
    if (!run) return;
    out += `<path d="${run.d.join("")}"${run.style}/>`;
    copied = run.end;
    run = null;
  };
  for (const m of svg.matchAll(CIRCLE)) {
    const start = m.index ?? 0;
    const [whole, x, y, r, rest] = m;
    const rr = Number(r);
    const fill = /^ fill="([^"]*)"/.exec(rest);
    const outlined = rest.includes(' stroke="') || !fill;
    const d = outlined
      ? `M${fmt(Number(x) + rr)},${fmt(Number(y))}a${r},${r},0,1,1,${fmt(-2 * rr)},0a${r},${r},0,1,1,${fmt(2 * rr)},0`
      : `M${fmt(Number(x))},${fmt(Number(y))}h0`;
    if (run && run.end === start && run.r === r && run.rest === rest) {
      run.d.push(d);
      run.end = start + whole.length;
      continue;
    }
    flush();
    out += svg.slice(copied, start);
    const style: string = !fill || outlined
      ? rest
      : ` fill="none" stroke="${fill[1]}" stroke-width="${fmt(2 * rr)}" stroke-linecap="round"` +
        rest.slice(fill[0].length).replace(/ stroke-width="[^"]*"/, "").replace(/ fill-opacity=/, " stroke-opacity=");
    run = { end: start + whole.length, r, rest, style, d: [d] };
  }
  flush();
  return out + svg.slice(copied);
}
