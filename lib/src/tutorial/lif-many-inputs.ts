/**
 * Notebook 03, "One LIF neuron, K excitatory inputs of weight w/K" (tutorial tasks 4.1-4.4): the
 * free-membrane moments by time step and by K with their tables, charts and sentences, the
 * threshold-weight report, the rate-against-w chart and the diffusion and Fano reports.
 */
import type { TopLevelSpec } from "vega-lite";
import { excitatoryInputs, type InputGroup } from "../theory/membrane-moments";
import { siegertRate } from "../theory/siegert";
import { freeMembraneMoments, type FreeMoments } from "../experiments/free-moments";
import type { RatePoint, WeightForMeanRate, WeightForRate } from "../experiments/weight-search";
import type { FanoResult, IsiCvResult } from "../analysis/spike-stats";
import { xyChart } from "../charts/xy";
import { traceChart } from "../charts/trace";
import { hconcatCharts } from "../charts/base";
import { comparisonTable } from "../report/tables";
import { md, markdownTable, type ReportPart } from "../report/markdown";
import { check, type Verdict } from "../report/verdict";
import { fixed, signed, withError } from "../report/format";

/** The neuron's constants shared by the notebook's sections: rate (Hz), tau and dt (s), threshold. */
export interface ManyInputsSetup {
  rX: number;
  tau: number;
  dt: number;
  vTh: number;
}

/** One row of {@link momentsByTimeStep}: the time step h (s), the simulated duration (s) and the moments. */
export type TimeStepRow = FreeMoments & { h: number; duration: number };

/** One row of {@link momentsByK}: K and the moments. */
export type KRow = FreeMoments & { K: number };

/** The largest absolute value of a list of z-scores. */
export function largestAbs(z: readonly number[]): number {
  return Math.max(...z.map(Math.abs));
}

/** The free potential of one run with the theoretical mean w r_X tau dashed (task 4.1). */
export function freeTraceChart(v: Float64Array, K: number, w: number, s: ManyInputsSetup): TopLevelSpec {
  return traceChart(v, { dt: s.dt, threshold: w * s.rX * s.tau, title: `Free membrane potential, K = ${K} inputs of weight w/K, w = ${w} (dashed: theoretical mean)` });
}

/**
 * The free-membrane moments at each time step h (at least 50 s and 100 000 bins each; seeds
 * "3.1/dt=h"), against continuous and discrete theory.
 */
export function momentsByTimeStep(groups: InputGroup[], dts: readonly number[], tau: number, transient: number, nBatches: number): TimeStepRow[] {
  return dts.map((h) => ({ h, duration: Math.max(50, 1e5 * h),   // at least 50 s and 100 000 bins
    ...freeMembraneMoments({ groups: groups, duration: Math.max(50, 1e5 * h), dt: h, tau: tau, transient: transient, nBatches: nBatches, seed: `3.1/dt=${h}` }) }));
}

/** The simulated variance's z-score against the continuous-time formula, per row. */
export function continuousZ(rows: readonly TimeStepRow[]): number[] {
  return rows.map((r) => (r.sim.variance - r.theory.continuous.variance) / r.sim.varianceSE);
}

/** The table of the moments by time step, variances in units of 1e-3. */
export function timeStepTable(rows: readonly TimeStepRow[], zCont: readonly number[], tau: number): ReportPart[] {
  return [markdownTable(["Δt (ms)", "Δt/τ", "simulated (s)", "mean: simulation", "μ (both)", "z", "σ²: simulation", "σ² continuous", "σ²_d discrete", "z vs continuous", "z vs discrete"],
    rows.map((r, i) => [r.h * 1e3, r.h / tau, r.duration, withError(r.sim.mean, r.sim.meanSE, 4), fixed(r.theory.discrete.mean, 4), signed(r.zMean),
      withError(r.sim.variance * 1e3, r.sim.varianceSE * 1e3, 4), fixed(r.theory.continuous.variance * 1e3, 4), fixed(r.theory.discrete.variance * 1e3, 4), signed(zCont[i]), signed(r.zVariance)])),
  md`(variances in units of $10^{-3}$; ± one standard error by batch means; z = (simulation − theory)/SE.)`];
}

/** The simulated variance relative to the continuous formula against the time step, with the Euler curve. */
export function varianceByTimeStepChart(rows: readonly TimeStepRow[], s: ManyInputsSetup): TopLevelSpec {
  const { rX, tau } = s;
  const c41 = rows[0].theory.continuous.variance;
  const hGrid = Array.from({ length: 41 }, (_, i) => 8e-5 * 125 ** (i / 40));   // time steps of the Euler curve (s)
  return xyChart({
    title: "Variance of the free membrane potential against the time step (K = 100, w = 1)",
    xTitle: "time step Δt (ms)", yTitle: "σ² / (w² r_X τ / 2K)", logX: true,
    lines: [
      { label: "continuous time σ²", x: [0.08, 10], y: [1, 1] },
      { label: "Euler recursion σ²_d", x: Array.from({ length: 41 }, (_, i) => 0.08 * 125 ** (i / 40)), y: hGrid.map((h) => (1 - rX * h) / (1 - h / (2 * tau))), dashed: true },
    ],
    points: [{ label: "simulation (±2 SE)", x: rows.map((r) => r.h * 1e3), y: rows.map((r) => r.sim.variance / c41), error: rows.map((r) => (2 * r.sim.varianceSE) / c41) }],
  });
}

/** The time steps' checks as a table (largest |z| of the mean, of the variance against the discrete formula, the coarsest step against the continuous one, the two formulas' gap at the default step against the SE), and the verdicts. */
export function timeStepChecks(rows: readonly TimeStepRow[], zCont: readonly number[], verdicts: { meanOk: Verdict; euler: Verdict; rejected: Verdict }): ReportPart[] {
  const { meanOk, euler, rejected } = verdicts;
  const c41 = rows[0].theory.continuous.variance, last = rows[rows.length - 1];
  return [markdownTable(["check", "value"], [
    ["largest absolute z of the mean against μ", fixed(meanOk.record.z!, 2)],
    [`largest absolute z of the variance against the discrete-time formula (${rows.length} time steps)`, fixed(euler.record.z!, 2)],
    [`z of the variance against the continuous-time formula at Δt = ${last.h * 1e3} ms`, signed(zCont[zCont.length - 1])],
    ["the two formulas' difference at Δt = 0.1 ms, against the simulation's SE (%)",
      `${fixed(100 * (rows[0].theory.discrete.variance / c41 - 1), 2)} against ${fixed(100 * rows[0].sim.varianceSE / rows[0].sim.variance, 1)}`]]),
  md`${meanOk}. The variance: ${euler}; the continuous-time formula at the coarsest step: ${rejected}.`];
}

/** The free-membrane moments at each K (50 s each, seeds `${label}/K=K`) for inputs of weight w/K. */
export function momentsByK(Ks: readonly number[], w: number, s: ManyInputsSetup, transient: number, nBatches: number, label: string): KRow[] {
  return Ks.map((K) => ({ K, ...freeMembraneMoments({ groups: excitatoryInputs({ K: K, w: w, rate: s.rX }), duration: 50, dt: s.dt, tau: s.tau, transient: transient, nBatches: nBatches, seed: `${label}/K=${K}` }) }));
}

/** The table of the moments by K. */
export function kTable(rows: readonly KRow[]): ReportPart {
  return markdownTable(["K", "mean: simulation", "μ = w r_X τ", "z", "σ²: simulation", "σ² = w² r_X τ/(2K)", "σ²_d (Euler)", "z vs σ²_d"],
    rows.map((r) => [r.K, withError(r.sim.mean, r.sim.meanSE, 4), fixed(r.theory.continuous.mean, 4), signed(r.zMean), withError(r.sim.variance, r.sim.varianceSE, 3, true),
      fixed(r.theory.continuous.variance, 3, true), fixed(r.theory.discrete.variance, 3, true), signed(r.zVariance)]));
}

/** Mean and variance of V against K: smooth theory curves (K = 0.7 .. 1400) and the simulated points. */
export function momentsByKChart(rows: readonly KRow[], w: number, rX: number): TopLevelSpec {
  const Ks = rows.map((r) => r.K);
  const Kgrid = Array.from({ length: 67 }, (_, i) => 10 ** ((i - 3) / 20));   // smooth theory curves, K = 0.7 .. 1400
  const unit = rows[0].theory;   // K = 1: the mean is the same for every K, the variance is exactly (value at K = 1) / K
  const simPoints = (y: (r: KRow) => [number, number]) => ({ label: "simulation (±2 SE)", x: Ks, y: rows.map((r) => y(r)[0]), error: rows.map((r) => 2 * y(r)[1]) });
  return hconcatCharts([
    xyChart({ title: "Mean of V", xTitle: "number of inputs K", yTitle: "μ (units of V_th)", logX: true, width: 300,
      lines: [{ label: "theory: μ = w r_X τ (continuous = Euler)", x: Kgrid, y: Kgrid.map(() => unit.continuous.mean) }], points: [simPoints((r) => [r.sim.mean, r.sim.meanSE])] }),
    xyChart({ title: "Variance of V", xTitle: "number of inputs K", yTitle: "σ² (units of V_th²)", logX: true, logY: true, width: 300,
      lines: [{ label: "continuous: w² r_X τ/(2K)", x: Kgrid, y: Kgrid.map((K) => unit.continuous.variance / K) }, { label: "Euler: σ²_d", x: Kgrid, y: Kgrid.map((K) => unit.discrete.variance / K), dashed: true }],
      points: [simPoints((r) => [r.sim.variance, r.sim.varianceSE])] }),
  ], { title: `Free membrane potential against K (w = ${w}, r_X = ${rX} Hz, 50 s per point)` });
}

/** The checks of the moments against K (largest deviation, the mean at K = 1, the variance's fall from K = 1 to 1000) and the verdict. */
export function kChecks(rows: readonly KRow[], z: readonly number[], agreeK: Verdict): ReportPart[] {
  return [markdownTable(["check", "value"], [
    [`largest absolute z of the ${z.length} comparisons (mean and variance at ${rows.length} values of K)`, fixed(largestAbs(z), 2)],
    ["μ = w r_X τ (theory, every K)", fixed(rows[0].theory.continuous.mean, 1)],
    [`variance at K = ${rows[0].K} over variance at K = ${rows[rows.length - 1].K} (theory: ${rows[rows.length - 1].K / rows[0].K})`, fixed(rows[0].sim.variance / rows[rows.length - 1].sim.variance, 0)]]),
  md`Mean and variance against theory over K: ${agreeK}.`];
}

/** The mean of V at the threshold weight for each K against V_th (verdicts "mean-at-threshold-K<K>"). */
export function thresholdTable(rows: readonly KRow[], vTh: number): ReportPart {
  return comparisonTable(rows.map((r) => ({ quantity: `mean of V, K = ${r.K}`, simulation: r.sim.mean, se: r.sim.meanSE, theory: vTh, digits: 4, id: `mean-at-threshold-K${r.K}`, asserted: true })),
    { simulation: "simulation (50 s) ± SE", theory: "theory μ = V_th" });
}

/** The threshold weight and the table of the mean at it against V_th, one verdict per K. */
export function thresholdReport(w43: number, table: ReportPart): ReportPart[] {
  return [md`w = V_th/(r_X τ) = **${w43}**.`, table];
}

/** The diffusion (Siegert) rate at coupling w for K inputs of weight w/K (Hz), and the free sd sigma at w. */
export function diffusionAt(w: number, K: number, s: ManyInputsSetup): { rate: number; sigma: number } {
  const sigma = w * Math.sqrt(s.rX * s.tau / (2 * K));
  return { rate: siegertRate({ mu: w * s.rX * s.tau, sigma: sigma, tau: s.tau, vTh: s.vTh, vReset: 0 }), sigma };
}

/** The "w for 10 Hz" line of the bisection. */
export function bisectionLine(found: WeightForRate, nSeeds: number): string {
  return `w for 10 Hz, one neuron at a time: ${found.w.toFixed(4)} ± ${found.se.toFixed(4)} (SE over ${nSeeds} seeds; seed-to-seed sd ${found.sd.toFixed(3)}; ${found.evaluations} simulations)`;
}

/** The "w for a mean rate of 10 Hz" line, with the diffusion approximation's weight. */
export function meanRateLine(w10: WeightForMeanRate, nSeeds: number, wSiegert: number): string {
  return `w for a mean rate of 10 Hz: ${fixed(w10.w, 4)} ± ${fixed(w10.se, 4)} (${nSeeds} seeds × 10 s; slope ${fixed(w10.slope, 1)} Hz per unit of w); diffusion approximation: ${fixed(wSiegert, 4)}`;
}

/** Output rate against w: the Siegert curve, the simulated points and both weights for 10 Hz. */
export function rateVsWeightChart(curve: readonly RatePoint[], found: WeightForRate, w10: WeightForMeanRate, K: number, s: ManyInputsSetup): TopLevelSpec {
  const wFine = Array.from({ length: 81 }, (_, i) => 3 + i * 0.05);
  return xyChart({
    title: `Output rate against w (K = ${K}, r_X = ${s.rX} Hz, reset on)`,
    xTitle: "coupling w", yTitle: "output rate (Hz)", zeroY: true,
    lines: [{ label: "diffusion approximation (Siegert)", x: wFine, y: wFine.map((w) => diffusionAt(w, K, s).rate) }],
    points: [
      { label: "simulation, 5 seeds × 10 s (±2 SE)", x: curve.map((p) => p.w), y: curve.map((p) => p.rate), error: curve.map((p) => 2 * p.rateSE) },
      { label: "w for 10 Hz by bisection (20 seeds)", x: [found.w], y: [10] },
      { label: "w for a mean rate of 10 Hz (2000 seeds)", x: [w10.w], y: [10] },
    ],
    rules: [{ label: "10 Hz", y: 10 }],
  });
}

/**
 * The measured 10 Hz weight against the diffusion approximation's (verdict "w10-diffusion",
 * asserted false, and `resolved`), and the approximation's error at w = 5, 6, 7 against the
 * simulated rates.
 */
export function diffusionReport(w10: WeightForMeanRate, wSiegert: number, curve: readonly RatePoint[], found: WeightForRate, nSeeds: number, K: number, s: ManyInputsSetup): ReportPart[] {
  const { rX, tau } = s;
  const siegert44 = (w: number) => diffusionAt(w, K, s).rate;
  const sigmaAt = (w: number) => diffusionAt(w, K, s).sigma;
  const table44 = comparisonTable([
    { quantity: "w for a mean rate of 10 Hz", simulation: w10.w, se: w10.se, theory: wSiegert, digits: 4, id: "w10-diffusion", asserted: false },
    { quantity: "rate at the measured w (Hz)", simulation: 10, theory: siegert44(w10.w), digits: 2 },
    { quantity: "free mean μ = w r_X τ at that w", simulation: w10.w * rX * tau, theory: wSiegert * rX * tau },
    { quantity: "free sd σ = w √(r_X τ/2K) at that w", simulation: sigmaAt(w10.w), theory: sigmaAt(wSiegert) },
  ], { simulation: `simulation (${nSeeds} seeds × 10 s) ± SE`, theory: "diffusion theory (Siegert)" });
  const atW = [5, 6, 7].map((w) => curve.find((p) => p.w === w)!);
  const resolved = check({ id: "diffusion-error-resolved", holds: !table44.verdicts[0].holds, asserted: true,
    values: { "w measured": w10.w, "w diffusion": wSiegert, z: (w10.w - wSiegert) / w10.se }, yes: "the diffusion approximation's error is resolved", no: "the diffusion approximation's error is not resolved by this run" });
  return [table44,
    markdownTable(["w", "simulated rate (Hz, 5 seeds)", "Siegert rate (Hz)", "Siegert − simulation"], atW.map((p) =>
      [p.w, withError(p.rate, p.rateSE, 1), fixed(siegert44(p.w), 1), `${signed(100 * (siegert44(p.w) / p.rate - 1))}%`])),
    markdownTable(["check", "value"], [
      ["the diffusion weight below the measured one (%)", fixed(100 * (1 - wSiegert / w10.w), 2)],
      ["the 20-seed bisection's weight", withError(found.w, found.se, 4)]]),
    md`Measured against diffusion weight: ${resolved}.`];
}

/** The Fano factor against the counting window, with the Poisson/cortex line and the renewal limit CV². */
export function fanoByWindowChart(windows: readonly number[], fanos: readonly FanoResult[], cv: IsiCvResult, w: number): TopLevelSpec {
  return xyChart({
    title: `Fano factor of the output count against the window (w = ${w.toFixed(3)}, 200 s)`, xTitle: "counting window (s)", yTitle: "Fano factor", logX: true, zeroY: true,
    points: [{ label: "simulation (±2 SE)", x: windows, y: fanos.map((f) => f.fano), error: fanos.map((f) => 2 * f.se) }],
    rules: [{ label: "Poisson process / cortex (F ≈ 1)", y: 1 }, { label: "renewal limit CV² (long windows)", y: cv.cv ** 2 }],
  });
}

/** What the Fano report needs: the run's rate and its SE, the 100 ms and longest-window Fano factors, the CV. */
export interface FanoSummary {
  rate: number;
  rateSE: number;
  fano100: FanoResult;
  fLong: FanoResult;
  longWindow: number;
  cv: IsiCvResult;
}

/** The irregularity table at the 10 Hz weight, the distances behind the three verdicts, and the verdicts. */
export function fanoReport(f: FanoSummary, w10: WeightForMeanRate, sigma: number, s: ManyInputsSetup, v: { regular: Verdict; gives10: Verdict; renewal: Verdict }): ReportPart[] {
  const { rate, rateSE, fano100, fLong, cv } = f;
  const seCv2 = 2 * cv.cv * cv.se, zCortex = (fano100.fano - 1) / fano100.se;
  return [markdownTable(["quantity", "simulation", "reference"], [
    ["output rate (Hz), an independent 200 s run", `${withError(rate, rateSE, 2)} (± ${fixed(w10.slope * w10.se, 2)} from the SE of w)`, "target 10"],
    ["distance of the free mean to threshold, (V_th − μ)/σ", fixed((s.vTh - w10.w * s.rX * s.tau) / sigma, 2), "—"],
    ["Fano factor, 100 ms windows (step 10 ms)", `**${withError(fano100.fano, fano100.se, 3)}** (${fano100.nWindows} windows)`, "cortex ≈ 1; Poisson 1"],
    ["CV of the inter-spike intervals", `${withError(cv.cv, cv.se, 3)} (${cv.nIntervals} intervals)`, "cortex ≈ 1; Poisson 1"],
    [`Fano factor, ${f.longWindow} s windows`, withError(fLong.fano, fLong.se, 3), `renewal theory: CV² = ${withError(cv.cv ** 2, seCv2, 3)}`]]),
  markdownTable(["check", "z (standard errors)"], [
    ["Fano factor (100 ms) − 1", signed(zCortex, 1)],
    ["independent run's rate − 10 Hz (combined SE)", signed(v.gives10.record.z!)],
    ["long-window Fano factor − CV² (combined SE)", signed(v.renewal.record.z!)]]),
  md`Against cortex: ${v.regular}. The rate at the weight found: ${v.gives10}. Long windows against renewal theory: ${v.renewal}.`];
}
