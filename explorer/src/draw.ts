/**
 * Canvas charts for the explorer: a frame with axes, ticks and titles, and the marks drawn into
 * it (dots, lines, bars). Drawn directly on a canvas (no chart library in the bundle: it stays
 * small, and 10^5 raster dots draw in milliseconds). Colours come from the host's CSS variables,
 * so the charts follow the light or dark theme.
 */
import { PALETTE } from "../../lib/src/charts/base";

/** The colours of E and I: the library charts' palette. */
export const COLORS = { E: PALETTE[0], I: PALETTE[1], theory: PALETTE[7] } as const;

/** The data ranges and titles of one chart. */
export interface FrameSpec {
  title: string;
  xTitle: string;
  yTitle: string;
  x: [number, number];
  y: [number, number];
  /** Tick labels on the x axis instead of numbers (e.g. the populations of a bar chart). */
  xLabels?: { at: number; text: string }[];
  /** Tick labels on the y axis instead of numbers (e.g. the raster's populations). */
  yLabels?: { at: number; text: string }[];
}

/** A drawn frame: the context and the maps from data to pixels. */
export interface Frame {
  ctx: CanvasRenderingContext2D;
  px(x: number): number;
  py(y: number): number;
}

const MARGIN = { left: 52, right: 10, top: 24, bottom: 36 };

/** The largest of `floor` and the values of the arrays (a loop: arrays of any length). */
export function maxOf(floor: number, ...arrays: ArrayLike<number>[]): number {
  let m = floor;
  for (const a of arrays) for (let k = 0; k < a.length; k++) if (a[k] > m) m = a[k];
  return m;
}

/** About five round tick values covering [a, b]. */
export function ticks(a: number, b: number): number[] {
  const span = b - a;
  if (!(span > 0)) return [a];
  const raw = span / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(a / step) * step; v <= b + 1e-9 * span; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** Sizes the canvas for the device's pixel ratio and returns its context in CSS pixels. */
function context(canvas: HTMLCanvasElement): { ctx: CanvasRenderingContext2D; w: number; h: number } {
  const w = canvas.clientWidth || 460;
  const h = canvas.clientHeight || 220;
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(w * ratio);
  canvas.height = Math.round(h * ratio);
  const ctx = canvas.getContext("2d")!;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return { ctx, w, h };
}

/**
 * Clears the canvas and draws the frame of a chart: title, axes, ticks and axis titles, in the
 * foreground colour of the host (CSS variable --eib-fg).
 * @returns the context (clipped to the plot area) and the data-to-pixel maps.
 */
export function drawFrame(canvas: HTMLCanvasElement, spec: FrameSpec): Frame {
  const { ctx, w, h } = context(canvas);
  const style = getComputedStyle(canvas);
  const fg = style.getPropertyValue("--eib-fg").trim() || "#222";
  const grid = style.getPropertyValue("--eib-grid").trim() || "#ddd";
  const [x0, x1] = spec.x, [y0, y1] = spec.y;
  const pw = w - MARGIN.left - MARGIN.right, ph = h - MARGIN.top - MARGIN.bottom;
  const px = (x: number) => MARGIN.left + ((x - x0) / (x1 - x0 || 1)) * pw;
  const py = (y: number) => MARGIN.top + ph - ((y - y0) / (y1 - y0 || 1)) * ph;
  ctx.clearRect(0, 0, w, h);
  ctx.font = "11px system-ui, sans-serif";
  ctx.fillStyle = fg;
  ctx.strokeStyle = grid;
  ctx.lineWidth = 1;
  ctx.textAlign = "center";
  for (const t of spec.xLabels ?? ticks(x0, x1).map((v) => ({ at: v, text: String(v) }))) {
    ctx.fillText(t.text, px(t.at), MARGIN.top + ph + 14);
    ctx.beginPath(); ctx.moveTo(px(t.at), MARGIN.top); ctx.lineTo(px(t.at), MARGIN.top + ph); ctx.stroke();
  }
  ctx.textAlign = "right";
  const yTicks = spec.yLabels ?? ticks(y0, y1).map((t) => ({ at: t, text: String(t) }));
  for (const t of yTicks) {
    ctx.fillText(t.text, MARGIN.left - 5, py(t.at) + 4);
    ctx.beginPath(); ctx.moveTo(MARGIN.left, py(t.at)); ctx.lineTo(MARGIN.left + pw, py(t.at)); ctx.stroke();
  }
  ctx.textAlign = "center";
  ctx.fillText(spec.xTitle, MARGIN.left + pw / 2, h - 6);
  ctx.font = "bold 12px system-ui, sans-serif";
  ctx.fillText(spec.title, w / 2, 14);
  ctx.save();
  ctx.font = "11px system-ui, sans-serif";
  ctx.translate(12, MARGIN.top + ph / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText(spec.yTitle, 0, 0);
  ctx.restore();
  ctx.beginPath();
  ctx.rect(MARGIN.left, MARGIN.top, pw, ph);
  ctx.clip();
  return { ctx, px, py };
}

/** Draws a polyline through (x[k], y[k]). */
export function drawLine(f: Frame, x: ArrayLike<number>, y: ArrayLike<number>, color: string, dashed = false): void {
  const { ctx } = f;
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.5;
  ctx.setLineDash(dashed ? [5, 4] : []);
  ctx.beginPath();
  for (let k = 0; k < x.length; k++) {
    if (k === 0) ctx.moveTo(f.px(x[k]), f.py(y[k]));
    else ctx.lineTo(f.px(x[k]), f.py(y[k]));
  }
  ctx.stroke();
  ctx.setLineDash([]);
}

/** Draws a legend: one coloured swatch and label per entry, top right of the plot area. */
export function drawLegend(f: Frame, entries: { text: string; color: string }[], fg: string): void {
  const { ctx } = f;
  const right = ctx.canvas.clientWidth - MARGIN.right - 6;
  ctx.font = "11px system-ui, sans-serif";
  ctx.textAlign = "right";
  entries.forEach((e, i) => {
    const y = MARGIN.top + 14 + 14 * i;
    ctx.fillStyle = fg;
    ctx.fillText(e.text, right - 14, y);
    ctx.fillStyle = e.color;
    ctx.fillRect(right - 10, y - 8, 10, 8);
  });
}
