/**
 * Notebook 04, "One LIF neuron, K excitatory and K inhibitory inputs" (tutorial tasks 5.1-5.2):
 * the balanced free moments by K with their table, chart and sentence, the weights for 10 Hz of
 * the balanced and the excitatory-only neuron, and their irregularity side by side.
 */
import type { TopLevelSpec } from "vega-lite";
import type { SpikeTrains } from "../spikes/spike-trains";
import { balancedInputs, excitatoryInputs, type InputGroup, type MembraneMoments, type Moments } from "../theory/membrane-moments";
import { freeMembraneMoments, type FreeMoments } from "../experiments/free-moments";
import type { RatePoint, WeightForRate } from "../experiments/weight-search";
import { fanoFactor, interSpikeIntervals, isiCV, meanRate, type FanoResult, type IsiCvResult } from "../analysis/spike-stats";
import { xyChart } from "../charts/xy";
import { traceChart } from "../charts/trace";
import { spikeTicksChart } from "../charts/ticks";
import { histogramChart } from "../charts/histogram";
import { hconcatCharts, vconcatCharts } from "../charts/base";
import { md, markdownTable, type ReportPart } from "../report/markdown";
import type { Verdict } from "../report/verdict";
import { fixed, withError } from "../report/format";

/** The input groups of K excitatory inputs of weight +w/sqrt(K) and K inhibitory ones of -w/sqrt(K) at rX, as a function of w. */
export function balancedGroups(K: number, rX: number): (w: number) => InputGroup[] {
  return (w: number) => balancedInputs({ K: K, w: w, rate: rX });
}

/** The input groups of K excitatory inputs of weight w/K at rX (notebook 03), as a function of w. */
export function excitatoryGroups(K: number, rX: number): (w: number) => InputGroup[] {
  return (w: number) => excitatoryInputs({ K: K, w: w, rate: rX });
}

/** The theory of the free moments at each K: continuous and discrete mean and variance. */
export function balancedTheoryTable(Ks: readonly number[], theory: readonly MembraneMoments[]): ReportPart {
  return markdownTable(["K", "μ continuous", "μ discrete", "σ² continuous", "σ² discrete"],
    Ks.map((K, i) => [K, theory[i].continuous.mean, theory[i].discrete.mean, fixed(theory[i].continuous.variance, 5), fixed(theory[i].discrete.variance, 5)]));
}

/** The free moments of the balanced neuron at each K (seeds "free-K<K>", 100 ms dropped, 20 batches). */
export function balancedMomentsByK(Ks: readonly number[], w: number, rX: number, duration: number, dt: number, tau: number): FreeMoments[] {
  return Ks.map((K) => freeMembraneMoments({ groups: balancedInputs({ K, w: w, rate: rX }), duration: duration, dt: dt, tau: tau, transient: 0.1, nBatches: 20, seed: `free-K${K}` }));
}

/** Mean and variance of V against K: the flat theory lines and the simulated points (±2 SE). */
export function balancedMomentsChart(Ks: readonly number[], sims: readonly FreeMoments[], theory: MembraneMoments): TopLevelSpec {
  const errs = (key: "meanSE" | "varianceSE") => sims.map((s) => 2 * s.sim[key]);
  const flat = (y: number) => ({ x: [0.5, 2000], y: [y, y] });   // a little beyond the simulated K
  return hconcatCharts([
    xyChart({
      title: "Mean of V against K", xTitle: "K (inputs per population)", yTitle: "μ (units of V_th)", logX: true, width: 380,
      lines: [{ label: "theory μ = 0", ...flat(0) }],
      points: [{ label: "simulation (±2 SE)", x: Ks, y: sims.map((s) => s.sim.mean), error: errs("meanSE") }],
    }),
    xyChart({
      title: "Variance of V against K", xTitle: "K (inputs per population)", yTitle: "σ² (units of V_th²)", logX: true, width: 380,
      lines: [{ label: "continuous theory w² r_X τ", ...flat(theory.continuous.variance) }, { label: "discrete (Euler) theory", ...flat(theory.discrete.variance), dashed: true }],
      points: [{ label: "simulation (±2 SE)", x: Ks, y: sims.map((s) => s.sim.variance), error: errs("varianceSE") }],
    }),
  ]);
}

/** The largest |z| of the simulated means and variances against theory. */
export function largestMomentZ(sims: readonly FreeMoments[]): number {
  return Math.max(...sims.flatMap((s) => [Math.abs(s.zMean), Math.abs(s.zVariance)]));
}

/**
 * The table of the simulated moments by K; the largest z-score, and how far apart the continuous
 * and discrete variances are in standard errors of these runs (and how much longer runs would
 * have to be to resolve that at 3 SE); the verdict over every K.
 */
export function balancedMomentsReport(Ks: readonly number[], sims: readonly FreeMoments[], everyK: Verdict): ReportPart[] {
  const gapInSE = Math.max(...sims.map((s) => (s.theory.discrete.variance - s.theory.continuous.variance) / s.sim.varianceSE));
  return [markdownTable(["K", "μ simulated ± SE", "z", "σ² simulated ± SE", "σ² theory (discrete)", "z"],
    sims.map((s, i) => [Ks[i], withError(s.sim.mean, s.sim.meanSE, 4), fixed(s.zMean, 2), withError(s.sim.variance, s.sim.varianceSE, 4), fixed(s.theory.discrete.variance, 4), fixed(s.zVariance, 2)])),
  markdownTable(["check", "value"], [
    [`largest absolute z of the ${2 * Ks.length}`, fixed(largestMomentZ(sims), 2)],
    ["continuous − discrete variance, in SE of these runs (at most)", fixed(gapInSE, 2)],
    ["run length to resolve it at 3 SE (times these runs)", Math.ceil((3 / gapInSE) ** 2)]]),
  md`Mean and variance against theory at every K: ${everyK}.`];
}

/** The output rate against w of the balanced and the excitatory-only neuron (±2 SE), with the 10 Hz target. */
export function twoRateCurvesChart(balanced: readonly RatePoint[], excitatory: readonly RatePoint[]): TopLevelSpec {
  const pts = (label: string, curve: readonly RatePoint[]) =>
    ({ label, x: curve.map((p) => p.w), y: curve.map((p) => p.rate), error: curve.map((p) => 2 * p.rateSE) });
  return xyChart({
    title: "Output rate against w (K = 100, 5 seeds, ±2 SE)", xTitle: "w", yTitle: "output rate (Hz)", zeroY: true,
    points: [pts("balanced: ±w/√K (this notebook)", balanced), pts("excitatory only: w/K (notebook 03)", excitatory)],
    rules: [{ label: "10 Hz target", y: 10 }],
  });
}

/** The weights for 10 Hz of both set-ups with their free moments there: where threshold and reset sit, in free standard deviations. */
export function weightsReport(wBal: WeightForRate, wExc: WeightForRate, momBal: Moments, momExc: Moments, vTh: number): ReportPart[] {
  const row = (name: string, r: WeightForRate, m: Moments) => [name, withError(r.w, r.se, 3), fixed(r.sd, 3), fixed(m.mean, 3), fixed(m.sd, 3), fixed((vTh - m.mean) / m.sd, 2), fixed((m.mean - 0) / m.sd, 2)];
  return [markdownTable(["set-up (K = 100)", "w for 10 Hz ± SE", "sd over seeds", "free μ at that w", "free σ at that w", "(V_th − μ)/σ", "(μ − V_reset)/σ"],
    [row("balanced ±w/√K", wBal, momBal), row("excitatory only w/K", wExc, momExc)]),
  md`(One output spike in 10 s changes a seed's rate by ${fixed(wBal.rateResolution, 2)} Hz.)`];
}

/** Rate, spike count, Fano factor (100 ms windows, step 10 ms), ISI CV and ISIs (ms) of one run after 100 ms. */
export interface RunIrregularity {
  rate: number;
  spikes: number;
  fano: FanoResult;
  cv: IsiCvResult;
  isi: Float64Array;
}

/** The {@link RunIrregularity} of one neuron's spike train, the first 100 ms dropped. */
export function runIrregularity(spikes: SpikeTrains): RunIrregularity {
  const windows = { window: 0.1, step: 0.01, start: 0.1 };
  return {
    rate: meanRate(spikes, { start: 0.1 }),
    spikes: spikes.bins.length,
    fano: fanoFactor(spikes, windows),
    cv: isiCV(spikes, 0, 0.1),
    isi: interSpikeIntervals(spikes, 0, 0.1).map((s) => 1000 * s),   // ms
  };
}

/** One run of one neuron with its recorded potential: what {@link twoTracesChart} draws. */
interface TracedRun {
  v?: Float64Array;
  spikes: SpikeTrains;
}

/** The same window of both membrane potentials with their output spikes below. */
export function twoTracesChart(runBal: TracedRun, runExc: TracedRun, wBal: number, wExc: number, window: [number, number], dt: number, vTh: number): TopLevelSpec {
  const inWindow = (r: TracedRun) => r.spikes.spikeTimes(0).filter((t) => t >= window[0] && t < window[1]);
  return vconcatCharts([
    traceChart(runBal.v!, { dt: dt, timeRange: window, threshold: vTh, title: `Balanced ±w/√K, w = ${wBal.toFixed(3)} (fluctuation-driven)`, height: 180 }),
    traceChart(runExc.v!, { dt: dt, timeRange: window, threshold: vTh, title: `Excitatory only w/K, w = ${wExc.toFixed(3)} (mean-driven)`, height: 180 }),
    spikeTicksChart([
      { label: "balanced", times: inWindow(runBal) },
      { label: "excitatory only", times: inWindow(runExc) },
    ], { title: "Output spikes", timeRange: window }),
  ], { shareX: true });
}

/** The expected number of intervals per bin of width `isiBin` (ms) under the exponential law of the same mean. */
function exponentialLaw(isi: Float64Array, isiBin: number) {
  const r = 1 / (isi.reduce((a, b) => a + b, 0) / isi.length);   // 1/ms
  const x = Array.from({ length: Math.ceil(Math.max(...isi) / isiBin) }, (_, b) => (b + 0.5) * isiBin);
  return [{ label: "exponential (Poisson) law", x, y: x.map((c) => isi.length * (Math.exp(-r * (c - isiBin / 2)) - Math.exp(-r * (c + isiBin / 2)))) }];
}

/** Histograms of both neurons' ISIs (ms) with the exponential law of a Poisson train of the same rate. */
export function isiHistograms(stats: readonly RunIrregularity[], isiBin: number): TopLevelSpec {
  return hconcatCharts([0, 1].map((i) => histogramChart(stats[i].isi, {
    title: i === 0 ? "ISIs, balanced (fluctuation-driven)" : "ISIs, excitatory only (mean-driven)",
    xTitle: "inter-spike interval (ms)", yTitle: "number of intervals", binWidth: isiBin, start: 0, width: 380,
    theory: exponentialLaw(stats[i].isi, isiBin),
  })));
}

/** The distance of each Fano factor from 1 and the balanced neuron's z-scores of F and CV against 1. */
export function poissonDistances(sb: RunIrregularity, se: RunIrregularity): { dB: number; dE: number; zF: number; zC: number } {
  return { dB: Math.abs(sb.fano.fano - 1), dE: Math.abs(se.fano.fano - 1), zF: (sb.fano.fano - 1) / sb.fano.se, zC: (sb.cv.cv - 1) / sb.cv.se };
}

const fanoText = (x: { fano: number; se: number }) => withError(x.fano, x.se, 3);
const cvText = (x: { cv: number; se: number }) => withError(x.cv, x.se, 3);

/** Both neurons' irregularity against a Poisson train, the distances from F = 1, and the verdicts. */
export function cortexReport(stats: readonly RunIrregularity[], wBal: WeightForRate, wExc: WeightForRate, dt: number, v: { closer: Verdict; poissonLike: Verdict; regular: Verdict }): ReportPart[] {
  const [sb, se] = stats;
  const { dB, dE, zF, zC } = poissonDistances(sb, se);
  return [markdownTable(["set-up (K = 100)", "w", "rate (Hz)", "Fano factor, 100 ms windows", "ISI CV", "intervals"], [
    ["balanced ±w/√K (task 5.2)", withError(wBal.w, wBal.se, 3), fixed(sb.rate, 2), fanoText(sb.fano), cvText(sb.cv), sb.cv.nIntervals],
    ["excitatory only w/K (task 4.4)", withError(wExc.w, wExc.se, 3), fixed(se.rate, 2), fanoText(se.fano), cvText(se.cv), se.cv.nIntervals],
    ["Poisson process (discrete time, 10 Hz)", "", 10, fixed(1 - 10 * dt, 3), fixed(Math.sqrt(1 - 10 * dt), 4), ""]]),
  markdownTable(["check", "value"], [
    ["distance of F from 1: balanced, excitatory only", `${fixed(dB, 2)}, ${fixed(dE, 2)}`],
    ["difference of the two Fano factors (standard errors)", fixed(Math.abs((sb.fano.fano - se.fano.fano) / Math.hypot(sb.fano.se, se.fano.se)), 0)],
    ["balanced: F − 1 and CV − 1 (standard errors)", `${fixed(zF, 1)}, ${fixed(zC, 1)}`]]),
  md`**Is the balanced neuron closer to cortex (F ≈ 1) than the neuron of task 4.4?** ${v.closer} The balanced neuron against a Poisson train: ${v.poissonLike}; the excitatory-only neuron: ${v.regular}.`];
}

/** The notebook's results in one table (tasks 5.1 and 5.2). */
export function balancedSummary(sims: readonly FreeMoments[], theory: MembraneMoments, w: { wBal: WeightForRate; wExc: WeightForRate }, stats: readonly RunIrregularity[]): ReportPart {
  const variances = sims.map((s) => s.sim.variance);
  const [sb, se] = stats;
  return markdownTable(["task", "result", "this run"], [
    ["5.1", "σ² = w² r_X τ at w = 1 (theory)", theory.continuous.variance],
    ["5.1", "simulated σ² over K", `${fixed(Math.min(...variances), 3)} to ${fixed(Math.max(...variances), 3)}`],
    ["5.1", "largest absolute z against the discrete-time theory", fixed(largestMomentZ(sims), 2)],
    ["5.2", "w for 10 Hz: balanced, excitatory only (notebook 03)", `${withError(w.wBal.w, w.wBal.se, 3)}, ${withError(w.wExc.w, w.wExc.se, 3)}`],
    ["5.2", "Fano factor (100 ms) and ISI CV, balanced", `${fanoText(sb.fano)}, ${cvText(sb.cv)}`],
    ["5.2", "Fano factor (100 ms) and ISI CV, mean-driven", `${fanoText(se.fano)}, ${cvText(se.cv)}`]]);
}
