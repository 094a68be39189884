/**
 * The explorer's four charts, drawn from one run's result: the raster of the first neurons of E
 * and I, the population rates over time, the distribution of single-neuron rates, and the mean
 * rates beside the balanced limit and the mean-field prediction.
 */
import { histogram } from "../../lib/src/math/histogram";
import { COLORS, drawFrame, drawLegend, drawLine, maxOf, type Frame } from "./draw";
import type { ExplorerResult, SpikeData } from "./run";

/** Neurons of each population shown in the raster (the tutorial's 100). */
export const RASTER_NEURONS = 100;

/** The canvases of the charts. */
export interface ChartCanvases {
  raster: HTMLCanvasElement;
  activity: HTMLCanvasElement;
  rates: HTMLCanvasElement;
  means: HTMLCanvasElement;
}

function fgOf(canvas: HTMLCanvasElement): string {
  return getComputedStyle(canvas).getPropertyValue("--eib-fg").trim() || "#222";
}

/** Draws the spikes of neurons 0 .. shown - 1 of one population, neuron i at row `row0 + i`. */
function dots(f: Frame, s: SpikeData, shown: number, row0: number, dt: number, color: string): void {
  f.ctx.fillStyle = color;
  for (let i = 0; i < shown; i++) {
    const y = f.py(row0 + i + 0.5) - 1;
    for (let q = s.offsets[i]; q < s.offsets[i + 1]; q++) f.ctx.fillRect(f.px(s.bins[q] * dt) - 0.75, y, 1.5, 2);
  }
}

function drawRaster(canvas: HTMLCanvasElement, r: ExplorerResult): void {
  const shown = Math.min(RASTER_NEURONS, r.params.N);
  const f = drawFrame(canvas, {
    title: `Raster: ${shown} E (bottom) and ${shown} I (top) neurons`, xTitle: "time (s)", yTitle: "neuron",
    x: [0, r.params.duration], y: [0, 2 * shown], yLabels: [{ at: shown / 2, text: "E" }, { at: 1.5 * shown, text: "I" }],
  });
  dots(f, r.E, shown, 0, r.params.dt, COLORS.E);
  dots(f, r.I, shown, shown, r.params.dt, COLORS.I);
}

function drawActivity(canvas: HTMLCanvasElement, r: ExplorerResult): void {
  const { E, I } = r.populationRate;
  const t = Float64Array.from(E, (_, k) => (k + 0.5) * r.rateBin);
  const top = maxOf(1, E, I);
  const f = drawFrame(canvas, {
    title: `Population rate (${r.rateBin * 1e3} ms bins)`, xTitle: "time (s)", yTitle: "rate (Hz)", x: [0, r.params.duration], y: [0, top * 1.05],
  });
  drawLine(f, t, E, COLORS.E);
  drawLine(f, t, I, COLORS.I);
  drawLegend(f, [{ text: "E", color: COLORS.E }, { text: "I", color: COLORS.I }], fgOf(canvas));
}

function drawRates(canvas: HTMLCanvasElement, r: ExplorerResult): void {
  const width = maxOf(1, r.rates.E, r.rates.I) / 40;
  const hE = histogram(r.rates.E, width, 0), hI = histogram(r.rates.I, width, 0);
  const top = maxOf(1, hE.count, hI.count);
  const f = drawFrame(canvas, {
    title: `Single-neuron rates after ${r.transient} s`, xTitle: "rate (Hz)", yTitle: "neurons",
    x: [0, Math.max(hE.hi[hE.hi.length - 1], hI.hi[hI.hi.length - 1])], y: [0, top * 1.05],
  });
  for (const [h, color] of [[hE, COLORS.E], [hI, COLORS.I]] as const) {
    f.ctx.fillStyle = color;
    f.ctx.globalAlpha = 0.6;
    h.count.forEach((c, k) => f.ctx.fillRect(f.px(h.lo[k]), f.py(c), f.px(h.hi[k]) - f.px(h.lo[k]), f.py(0) - f.py(c)));
  }
  f.ctx.globalAlpha = 1;
  drawLegend(f, [{ text: "E", color: COLORS.E }, { text: "I", color: COLORS.I }], fgOf(canvas));
}

/** The three values of one population in the means chart: simulation, balanced limit, mean field. */
function meanValues(r: ExplorerResult, a: "E" | "I"): number[] {
  const key = a === "E" ? "rE" : "rI";
  const t = (x: ExplorerResult["balanced"]) => ("error" in x ? NaN : x[key]);
  return [r.means[a].mean, t(r.balanced), t(r.meanField)];
}

function drawMeans(canvas: HTMLCanvasElement, r: ExplorerResult): void {
  const values = { E: meanValues(r, "E"), I: meanValues(r, "I") };
  const finite = [...values.E, ...values.I].filter(Number.isFinite);
  const f = drawFrame(canvas, {
    title: "Mean rates: simulation ± SE, balanced limit, mean field", xTitle: "population", yTitle: "rate (Hz)",
    x: [0, 2], y: [0, Math.max(1, ...finite) * 1.15], xLabels: [{ at: 0.5, text: "E" }, { at: 1.5, text: "I" }],
  });
  const fg = fgOf(canvas);
  (["E", "I"] as const).forEach((a, i) => {
    const [sim, bal, mf] = values[a];
    const x0 = f.px(i + 0.15), x1 = f.px(i + 0.85), mid = (x0 + x1) / 2;
    f.ctx.fillStyle = COLORS[a];
    f.ctx.fillRect(x0, f.py(sim), (x1 - x0) / 2 - 2, f.py(0) - f.py(sim));
    const se = r.means[a].sem;
    f.ctx.fillStyle = fg;
    f.ctx.fillRect(x0 + (x1 - x0) / 4 - 1, f.py(sim + se), 2, f.py(sim - se) - f.py(sim + se));
    if (Number.isFinite(bal)) drawLine(f, [i + 0.5, i + 0.85], [bal, bal], fg);
    if (Number.isFinite(mf)) drawLine(f, [i + 0.5, i + 0.85], [mf, mf], fg, true);
    f.ctx.textAlign = "center";
    f.ctx.fillStyle = "#fff";
    f.ctx.fillText(`${sim.toFixed(1)} Hz`, (x0 + mid) / 2, f.py(0) - 4);
  });
  drawLegend(f, [{ text: "— balanced limit   - - mean field", color: "transparent" }], fg);
}

/**
 * Draws the four charts of a result.
 * @param c the canvases.
 * @param r the run's result.
 */
export function drawCharts(c: ChartCanvases, r: ExplorerResult): void {
  drawRaster(c.raster, r);
  drawActivity(c.activity, r);
  drawRates(c.rates, r);
  drawMeans(c.means, r);
}
