import type { TopLevelSpec } from "vega-lite";
import { invalid } from "../../core/validate";
import { vconcatCharts } from "../../charts/base";
import { xyChart } from "../../charts/xy";

/**
 * Charts of the balance of notebook 07: one neuron's input by source over time, and the mean
 * input parts of E neurons against sqrt(K) with their sum.
 */

/**
 * One neuron's input × tau by source over time (from E, I, X and the total as lines) with the
 * threshold 1 as a rule.
 * @param trace times (s) and the parts (units of V_th), e.g. from `inputPartsTrace`
 * @param title the chart's title
 * @throws ParameterError as `xyChart` for series of different lengths
 * @returns the Vega-Lite spec
 */
export function inputPartsChart(trace: { t: readonly number[]; E: readonly number[]; I: readonly number[]; X: readonly number[]; total: readonly number[] }, title: string): TopLevelSpec {
  return xyChart({
    title,
    xTitle: "time (s)", yTitle: "input × τ (units of V_th)", height: 200,
    lines: [
      { label: "from E", x: trace.t, y: trace.E },
      { label: "from I", x: trace.t, y: trace.I },
      { label: "from X", x: trace.t, y: trace.X },
      { label: "total", x: trace.t, y: trace.total },
    ],
    rules: [{ label: "threshold", y: 1 }],
  });
}

/** A measured mean with its standard error. */
interface MeanSE {
  m: number;
  se: number;
}

/**
 * The mean input × tau of E neurons by source (E, I, X) against sqrt(K), theory as lines and
 * simulation as points with ±2 SE; below it their sum against the mean field's mu_E, with the
 * threshold.
 * @param measured per K, the measured parts and total (e.g. from `meanInputByK`)
 * @param theory the grid of K and the mean field's parts mu_E,b and mu_E on it (units of V_th)
 * @throws ParameterError when the theory's arrays differ in length
 * @returns the Vega-Lite spec (two charts stacked)
 */
export function meanInputCharts(measured: readonly { K: number; comp: readonly MeanSE[]; total: MeanSE }[], theory: { K: readonly number[]; parts: readonly (readonly number[])[]; mu: readonly number[] }): TopLevelSpec {
  if (theory.parts.length !== theory.K.length || theory.mu.length !== theory.K.length) {
    invalid("meanInputCharts", "theory", "arrays of different lengths", "parts and mu as long as K");
  }
  const xt = theory.K.map((K) => Math.sqrt(K)), xs = measured.map((m) => Math.sqrt(m.K));
  const title = "mean input × τ (units of V_th)";
  return vconcatCharts([
    xyChart({
      title: "Mean input × τ of E neurons by source vs sqrt(K) (sim. ±2 SE)", xTitle: "sqrt(K)", yTitle: title, height: 220,
      lines: ["E", "I", "X"].map((n, b) => ({ label: `${n}: theory`, x: xt, y: theory.parts.map((p) => p[b]) })),
      points: ["E", "I", "X"].map((n, b) => ({ label: `${n}: sim.`, x: xs, y: measured.map((m) => m.comp[b].m), error: measured.map((m) => 2 * m.comp[b].se) })),
    }),
    xyChart({
      title: "Their sum: the mean input μ_E stays O(1), below threshold", xTitle: "sqrt(K)", yTitle: title, height: 160,
      lines: [{ label: "μ_E: mean field", x: xt, y: theory.mu }],
      points: [{ label: "sum: sim.", x: xs, y: measured.map((m) => m.total.m), error: measured.map((m) => 2 * m.total.se) }],
      rules: [{ label: "threshold", y: 1 }],
    }),
  ]);
}
