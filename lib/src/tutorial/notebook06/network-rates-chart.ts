import type { TopLevelSpec } from "vega-lite";
import { checkNumber, invalid } from "../../core/validate";
import { vconcatCharts } from "../../charts/base";
import { xyChart } from "../../charts/xy";

/**
 * Charts of the network's rates against theory (notebook 06): against r_X at one K, and against K
 * in the asynchronous state.
 */

/** A simulated rate: mean and standard error (Hz). */
interface RateSE {
  m: number;
  se: number;
}

/** E and I rates of a theory (Hz). */
interface TheoryRates {
  rE: number;
  rI: number;
}

/** Theory curves against r_X for {@link ratesVsInputChart}. */
export interface RateTheoryCurves {
  /** The grid of r_X (Hz). */
  rX: readonly number[];
  /** Balanced-limit rates at each r_X (Hz). */
  balanced: readonly TheoryRates[];
  /** Mean-field rates at each r_X (Hz). */
  meanField: readonly TheoryRates[];
}

/**
 * Rates against r_X at one K: the balanced limit (dashed) and the mean field as lines, the
 * simulated E and I rates as points with ±2 SE.
 * @param points simulated rates per r_X (mean and SE over seeds, Hz)
 * @param theory the theory curves on a grid of r_X
 * @param options K (for the title), seeds (their number, for the title)
 * @throws ParameterError for curves of different lengths or a bad K or seeds
 * @returns the Vega-Lite spec
 */
export function ratesVsInputChart(points: readonly { rX: number; E: RateSE; I: RateSE }[], theory: RateTheoryCurves, options: { K: number; seeds: number }): TopLevelSpec {
  const where = "ratesVsInputChart";
  if (theory.balanced.length !== theory.rX.length || theory.meanField.length !== theory.rX.length) {
    invalid(where, "theory", "curves of different lengths", "balanced and meanField as long as rX");
  }
  checkNumber(where, "K", options.K, { integer: true, min: 1 });
  checkNumber(where, "seeds", options.seeds, { integer: true, min: 1 });
  const rX = theory.rX;
  return xyChart({
    title: `Rates vs r_X at K = ${options.K} (simulation ±2 SE over ${options.seeds} seeds)`,
    xTitle: "external rate r_X (Hz)",
    yTitle: "population rate (Hz)",
    zeroY: true,
    lines: [
      { label: "E: K→∞ (3 r_X)", x: rX, y: theory.balanced.map((r) => r.rE), dashed: true },
      { label: "I: K→∞ (2 r_X)", x: rX, y: theory.balanced.map((r) => r.rI), dashed: true },
      { label: "E: mean field", x: rX, y: theory.meanField.map((s) => s.rE) },
      { label: "I: mean field", x: rX, y: theory.meanField.map((s) => s.rI) },
    ],
    points: [
      { label: "E: simulation", x: points.map((r) => r.rX), y: points.map((r) => r.E.m), error: points.map((r) => 2 * r.E.se) },
      { label: "I: simulation", x: points.map((r) => r.rX), y: points.map((r) => r.I.m), error: points.map((r) => 2 * r.I.se) },
    ],
  });
}

/** What {@link ratesVsKCharts} draws. */
export interface RatesVsKData {
  /** Asynchronous-state rates per K (mean and SE, Hz). */
  asynchronous: readonly { K: number; E: RateSE; I: RateSE }[];
  /** The grid of K of the mean-field curve (increasing; its ends also bound the balanced line). */
  kGrid: readonly number[];
  /** Mean-field rates on that grid (Hz). */
  meanField: readonly TheoryRates[];
  /** Balanced-limit rates (Hz). */
  balanced: TheoryRates;
}

/**
 * r_E and r_I against K (log axis), one chart each, stacked: the balanced limit (dashed) and the
 * mean field as lines, the asynchronous-state rates with ±2 SE as points.
 * @param data the rates and curves
 * @throws ParameterError when kGrid and meanField differ in length or kGrid is empty
 * @returns the Vega-Lite spec
 */
export function ratesVsKCharts(data: RatesVsKData): TopLevelSpec {
  const { asynchronous: as, kGrid, meanField, balanced } = data;
  if (kGrid.length === 0 || meanField.length !== kGrid.length) invalid("ratesVsKCharts", "meanField", meanField, "one rate pair per K of a non-empty kGrid");
  const chart = (a: "E" | "I") => xyChart({
    title: `r_${a} vs K (N = 10 K): asynchronous state (±2 SE) and theory`,
    xTitle: "K (partners per population)", yTitle: `r_${a} (Hz)`, logX: true, height: 200,
    lines: [
      { label: "K→∞", x: [kGrid[0], kGrid[kGrid.length - 1]], y: a === "E" ? [balanced.rE, balanced.rE] : [balanced.rI, balanced.rI], dashed: true },
      { label: "mean field", x: kGrid, y: meanField.map((s) => (a === "E" ? s.rE : s.rI)) },
    ],
    points: [
      { label: "asynchronous", x: as.map((r) => r.K), y: as.map((r) => r[a].m), error: as.map((r) => 2 * r[a].se) },
    ],
  });
  return vconcatCharts([chart("E"), chart("I")]);
}
