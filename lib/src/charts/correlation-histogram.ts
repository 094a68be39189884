import type { TopLevelSpec } from "vega-lite";
import { checkNumber, invalid } from "../core/validate";
import { histogramChart } from "./histogram";
import { checkSeries } from "./base";

/**
 * The histogram of spike-count correlation coefficients over pairs against the sampling spread of
 * independent trains (notebook 07).
 */

/**
 * Histogram of the correlation coefficients of n pairs (bins of 0.025 from -0.5) with the
 * Gaussian expected for independent trains, mean 0 and sd = 1 / sqrt(nWindows - 1): expected
 * count per bin n · 0.025 · exp(-x² / (2 sd²)) / (sd sqrt(2π)).
 * @param coefficients the coefficients (e.g. `spikeCountCorrelations(...).coefficients`)
 * @param options label of the pairs (e.g. "E-E"), window (s), nWindows (>= 2)
 * @throws ParameterError for no coefficients or a bad window or nWindows
 * @returns the Vega-Lite spec
 */
export function correlationHistogramChart(coefficients: ArrayLike<number>, options: { pairs: string; window: number; nWindows: number }): TopLevelSpec {
  const where = "correlationHistogramChart";
  if (coefficients === null || typeof coefficients !== "object" || coefficients.length === 0) invalid(where, "coefficients", coefficients, "a non-empty array");
  checkSeries(where, "coefficients", coefficients);
  const window = checkNumber(where, "window", options.window, { min: 0, minInclusive: false, unit: "s" });
  const nw = checkNumber(where, "nWindows", options.nWindows, { integer: true, min: 2 });
  const n = coefficients.length, bw = 0.025, sdNull = 1 / Math.sqrt(nw - 1);
  const xs = Array.from({ length: 61 }, (_, q) => -0.45 + 0.015 * q);
  return histogramChart(coefficients, {
    title: `Spike-count correlations of ${n} ${options.pairs} pairs (${window * 1000} ms windows, ${nw} windows)`,
    xTitle: "correlation coefficient", yTitle: "number of pairs", binWidth: bw, start: -0.5, label: `network ${options.pairs}`,
    theory: [{ label: `independent: sd ${sdNull.toFixed(3)}`, x: xs, y: xs.map((x) => n * bw * Math.exp(-0.5 * (x / sdNull) ** 2) / (sdNull * Math.sqrt(2 * Math.PI))) }],
  });
}
