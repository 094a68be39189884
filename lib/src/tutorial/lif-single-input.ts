import { poolReplays, replayInputs, replayCounts, type InputReplay, type ReplayCounts, type FiringByGap } from "../analysis/input-replay";
import { coincidenceRate, type CoincidenceRate } from "../theory/coincidence";
import { checkNumber, invalid } from "../core/validate";
import { simulateSingleNeuron, type SingleNeuronResult } from "../experiments/single-neuron";
import type { SampleSummary } from "../math/statistics";
import type { TopLevelSpec } from "vega-lite";
import { traceChart } from "../charts/trace";
import { spikeTicksChart } from "../charts/ticks";
import { vconcatCharts } from "../charts/base";
import { xyChart } from "../charts/xy";
import { comparisonTable } from "../report/tables";
import { md, markdownTable, type ReportPart } from "../report/markdown";
import type { Verdict } from "../report/verdict";
import { fixed } from "../report/format";

/**
 * Notebook 02, "One LIF neuron, one input": many independent runs of one LIF neuron with ONE Poisson input of weight w < V_th (tutorial
 * task 3.1): the output rate of each run, and every input replayed against the coincidence rule.
 */

/** Parameters of {@link coincidenceRuns}. */
export interface CoincidenceRunsOptions {
  /** Weight of the input, 0 < w < vTh. */
  w: number;
  /** Input rate (Hz). */
  rate: number;
  /** One seed per run. */
  seeds: Array<number | string>;
  /** Duration of each run (s). */
  duration: number;
  /** Bin width (s). Default 1e-4. */
  dt?: number;
  /** Membrane time constant (s). Default 0.02. */
  tau?: number;
  /** Threshold. Default 1. */
  vTh?: number;
  /** Called after each run with the number done and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** Result of {@link coincidenceRuns}. */
export interface CoincidenceRuns {
  /** Output rate of each run (Hz): spikes / duration. */
  rates: number[];
  /** All runs' inputs replayed against the coincidence rule, pooled in run order. */
  replay: InputReplay;
}

/**
 * Runs `simulateSingleNeuron` once per seed with one input of weight w, and replays each run's
 * inputs (`replayInputs`) with the window M of `coincidenceRate`.
 * @param options w, rate (Hz), seeds, duration (s), dt (s), tau (s), vTh, onProgress
 * @throws ParameterError for an empty seed list, or any error of `coincidenceRate` or `simulateSingleNeuron`
 * @returns the {@link CoincidenceRuns}
 */
export function coincidenceRuns(options: CoincidenceRunsOptions): CoincidenceRuns {
  const { w, rate, seeds, duration, dt = 1e-4, tau = 0.02, vTh = 1, onProgress } = options;
  if (!Array.isArray(seeds) || seeds.length === 0) invalid("coincidenceRuns", "seeds", seeds, "a non-empty array of seeds");
  checkNumber("coincidenceRuns", "duration", duration, { min: 0, minInclusive: false, unit: "s" });
  const { a, M } = coincidenceRate({ rate, w, vTh, dt, tau });
  const rates: number[] = [];
  const replays = seeds.map((seed, s) => {
    const r = simulateSingleNeuron({ groups: [{ count: 1, weight: w, rate }], duration, dt, tau, vTh, seed });
    rates.push(r.spikes.totalSpikes / duration);
    onProgress?.(s + 1, seeds.length);
    return replayInputs(r.inputs[0].bins, r.spikes.bins, r.spikes.nBins, { a, w, vTh, M });
  });
  return { rates, replay: poolReplays(replays) };
}

/**
 * V(t) with the threshold above the input and output spikes of one run on a shared time axis.
 * @param run a run of {@link simulateSingleNeuron} with `recordV` and one input.
 * @param w the input's weight, @param rX its rate (Hz), @param vTh the threshold (for the titles and the line).
 */
export function singleInputChart(run: SingleNeuronResult, w: number, rX: number, vTh: number): TopLevelSpec {
  const dt = run.spikes.dt;
  const ticks = [{ label: "input (X)", times: run.inputs[0].spikeTimes(0) }, { label: "output (LIF)", times: run.spikes.spikeTimes(0) }];
  return vconcatCharts([
    traceChart(run.v!, { dt: dt, threshold: vTh, title: `V(t) of a LIF neuron driven by one Poisson input (w = ${w}, r_X = ${rX} Hz)`, height: 200 }),
    spikeTicksChart(ticks, { timeRange: [0, run.spikes.duration], title: "Input and output spikes" }),
  ], { shareX: true, title: "One LIF neuron, one Poisson input (task 3.1)" });
}

/**
 * The firing window M and the two potentials that bracket the threshold:
 * "M = ... bins = ... ms; w a^M + w = ... > 1 >= w a^(M+1) + w = ...".
 */
export function firingWindowLine(theory: CoincidenceRate, w: number, dt: number): string {
  const { a, M } = theory;
  return `M = ${M} bins = ${(M * dt * 1e3).toFixed(1)} ms; w a^M + w = ${(w * a ** M + w).toFixed(5)} > 1 >= w a^(M+1) + w = ${(w * a ** (M + 1) + w).toFixed(5)}`;
}

const yesNo = (x: boolean) => (x ? "yes" : "–");

/**
 * Every input of one run replayed against the pair rule and the exact rule, as a table; how many
 * inputs and outputs each rule explains and the closest miss, as a second table; and the verdict.
 * @param rp the replay of the run's input (`replayInputs`), @param inputTimes the input spike times (s).
 * @param dt the time step (s), @param ruleHolds the verdict on the rules.
 */
export function replayReport(rp: InputReplay, inputTimes: ArrayLike<number>, dt: number, ruleHolds: Verdict): ReportPart[] {
  const counts = replayCounts(rp);
  const ms = (bins: number) => fixed(bins * dt * 1e3, 1);
  const closest = rp.vAfter.reduce((best, v, i) => (!rp.fired[i] && v > rp.vAfter[best] ? i : best), rp.fired.indexOf(false));
  const header = ["input", "time (s)", "gap to previous input (ms)", "pair rule: fire?", "V reached (exact)", "exact rule: fire?", "simulated: fired?"];
  const rows = rp.gap.map((m, i) => [i + 1, fixed(inputTimes[i], 4), m === null ? "first" : ms(m), yesNo(rp.pair[i]),
    fixed(rp.vAfter[i], 3), yesNo(rp.exact[i]), yesNo(rp.fired[i])]);
  return [markdownTable(header, rows), markdownTable(["check in this run", "value"], [
    ["inputs where the exact rule and the simulation agree", `${counts.inputs - counts.exactMismatch} of ${counts.inputs}`],
    ["output spikes the pair rule predicts", `${counts.pairExplained} of ${counts.outputs}`],
    ["spikes the pair rule predicts that did not happen", counts.pairFalse],
    ["closest miss: input, gap to the previous (ms), V reached", `${closest + 1}, ${rp.gap[closest] === null ? "first" : ms(rp.gap[closest]!)}, ${fixed(rp.vAfter[closest], 3)}`],
  ]), md`The firing condition against the simulated neuron: ${ruleHolds}.`];
}

/** How much of the output the residual charge of earlier inputs explains, and the rate's relative standard error (both in %). */
export function residualShare(rates: SampleSummary, lc: ReplayCounts): { residual: number; rateError: number } {
  return { residual: (100 * (lc.outputs - lc.pairExplained)) / lc.outputs, rateError: (100 * rates.se) / rates.mean };
}

/**
 * The output rate of many runs against r_X q / (1 + q) (verdict "output-rate"), the rules' counts
 * over all runs, the continuous-time rate and the residual charge's share of the output against
 * the rate's standard error, with the verdict `residualSmall` on it.
 * @param rates the runs' rates summarised, @param lc the rules' counts over all runs.
 * @param theory the coincidence rate, @param runs number and duration (s) of the runs, for the column title.
 */
export function outputRateReport(rates: SampleSummary, lc: ReplayCounts, theory: CoincidenceRate, runs: { n: number; duration: number }, residualSmall: Verdict): ReportPart[] {
  const { residual, rateError } = residualShare(rates, lc);
  return [
    comparisonTable([{ quantity: "output rate (Hz)", simulation: rates.mean, se: rates.se, theory: theory.rate, id: "output-rate", asserted: true }],
      { simulation: `simulation (${runs.n} × ${runs.duration} s, ± SE over runs)`, theory: md`theory $r_X q/(1+q)$ (Euler, $q = ${fixed(theory.q, 4)}$)` }),
    markdownTable(["check over all runs", "simulation", "theory"], [
      ["output spikes explained by the pair rule", `${lc.pairExplained} of ${lc.outputs}`, "all, if residual charge is neglected"],
      ["spikes predicted by the pair rule that did not happen", lc.pairFalse, "0 (the rule is sufficient)"],
      ["inputs where the exact rule and the simulation differ", `${lc.exactMismatch} of ${lc.inputs}`, "0"],
      ["output rate in continuous time (Hz)", "", fixed(theory.rateContinuous, 3)],
      ["spikes helped by residual charge (% of the output)", `${lc.outputs - lc.pairExplained} (${fixed(residual, 1)} %)`, `below the rate's SE (${fixed(rateError, 1)} %)`]]),
    md`Residual charge against the statistical uncertainty of the rate: ${residualSmall}.`,
  ];
}

/**
 * The fraction of inputs that fire against their gap to the previous input, with the theory's
 * step: 1/(1+q) up to M dt, then 0.
 * @param byGap the classes of `firingByGap` (width M/10 bins), @param theory the coincidence rate, @param dt (s).
 */
export function firingByGapChart(byGap: FiringByGap, theory: CoincidenceRate, dt: number): TopLevelSpec {
  const ms = (bins: number) => bins * dt * 1e3;
  const edge = ms(theory.M);
  return xyChart({
    title: "Probability that an input fires the neuron, against its gap to the previous input",
    xTitle: "gap to the previous input spike (ms)",
    yTitle: "P(output spike)",
    lines: [{ label: "theory: 1/(1+q) up to M dt, then 0", x: [0, edge, edge, ms(20 * (theory.M / 10))], y: [theory.pArmed, theory.pArmed, 0, 0] }],
    // classes without inputs (fraction null) have no point
    points: [{ label: "simulation (±2 SE)", ...withInputs(byGap, (c, f, se) => ({ x: ms(c), y: f, error: 2 * se })) }],
  });
}

/** The classes of `byGap` with inputs, mapped to a chart's point: columns x, y, error. */
function withInputs(byGap: FiringByGap, point: (centre: number, f: number, se: number) => { x: number; y: number; error: number }) {
  const rows = byGap.centres.flatMap((c, j) => (byGap.fraction[j] === null ? [] : [point(c, byGap.fraction[j]!, byGap.se[j]!)]));
  return { x: rows.map((r) => r.x), y: rows.map((r) => r.y), error: rows.map((r) => r.error) };
}

/** The largest |z| of the first `classes` gap classes (those with inputs) against the armed probability 1/(1+q). */
export function stepDeviation(byGap: FiringByGap, pArmed: number, classes = 10): number {
  return Math.max(...byGap.fraction.slice(0, classes).flatMap((f, j) => (f === null ? [] : [Math.abs((f - pArmed) / byGap.se[j]!)])));
}

/** Inputs with a gap beyond the edge of the first `classes` classes, those that fired, and those that fired beyond the next class. */
export function lateFirings(byGap: FiringByGap, classes = 10): { inputs: number; fired: number; beyondNextClass: number } {
  const sum = (x: number[]) => x.reduce((s, v) => s + v, 0);
  return { inputs: sum(byGap.n.slice(classes)), fired: sum(byGap.fired.slice(classes)), beyondNextClass: sum(byGap.fired.slice(classes + 1)) };
}

/** The step's numbers: the largest deviation below the edge, the inputs beyond it and those that fired; the verdicts. */
export function stepReport(byGap: FiringByGap, theory: CoincidenceRate, dt: number, maxZ: number, verdicts: { step: Verdict; late: Verdict }): ReportPart[] {
  const late = lateFirings(byGap);
  return [markdownTable(["check over all runs", "value"], [
    [`largest deviation from 1/(1+q) = ${fixed(theory.pArmed, 3)} below ${fixed(theory.M * dt * 1e3, 1)} ms (standard errors)`, fixed(maxZ, 2)],
    ["inputs with a longer gap", late.inputs],
    ["of which fired (residual charge)", late.fired],
    ["of which beyond the first class after the edge", late.beyondNextClass]]),
  md`The simulated fractions and the step: ${verdicts.step}; spikes after a longer gap: ${verdicts.late}.`];
}
