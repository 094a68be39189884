/**
 * Notebook 05, "The full E/I/X network" (tutorial tasks 6.1-6.3): the balance conditions and the
 * rate model's stability, the rates of one run against the balanced prediction, the spread of
 * single-neuron rates, the population activity, the initial condition, the r_X sweep against the
 * balanced lines, and the parts of the mean input.
 */
import type { TopLevelSpec } from "vega-lite";
import type { NetworkParams } from "../network/params";
import type { NetworkRun } from "../network/simulate";
import type { MeanRates, PopulationRateSummary } from "../network/rates";
import type { BalancedRates } from "../theory/balanced-rates";
import { balanceConditions } from "../theory/balance-conditions";
import { rateStability, type RateStability } from "../theory/rate-stability";
import { batchMeans, summarize } from "../math/statistics";
import type { RateHeterogeneity } from "../analysis/rate-heterogeneity";
import type { RateSweepPoint } from "../experiments/rate-sweep";
import { xyChart } from "../charts/xy";
import { histogramChart } from "../charts/histogram";
import { hconcatCharts, vconcatCharts } from "../charts/base";
import { comparisonTable } from "../report/tables";
import { md, markdownTable, type ReportPart } from "../report/markdown";
import { check, type Verdict } from "../report/verdict";
import { fixed, signed, withError } from "../report/format";

type Pop = "E" | "I";

/**
 * The balance conditions of the couplings ({@link balanceConditions}), the verdict on a positive
 * balanced solution (id "positive-balanced-solution", asserted by the notebook: both inequalities
 * hold; its values det J and the margins J_EX/J_IX - |J_EI|/|J_II| and |J_EI|/|J_II| - J_EE/J_IE)
 * and the balanced rates at p.rX (the solution of J r + J_X r_X = 0, as balancedRates gives
 * it; "none" where it is not positive).
 * @param p the couplings J, JX and the external rate rX (Hz).
 * @returns the table.
 */
export function balanceTable(p: Pick<NetworkParams, "J" | "JX" | "rX">): ReportPart {
  const c = balanceConditions({ J: p.J, JX: p.JX, rX: p.rX });
  const positive = check({ id: "positive-balanced-solution", asserted: true, holds: c.upper && c.lower, yes: "yes", no: "no",
    values: { "det J": c.det, "upper margin": c.external - c.inhibitory, "lower margin": c.inhibitory - c.excitatory } });
  const { det, rates: { rE, rI } } = c;
  const ratios = [c.external, c.inhibitory, c.excitatory];
  const rates = rE !== null && rI !== null && rE > 0 && rI > 0 ? String.raw`${rE} Hz $= ${rE / p.rX}\,r_X$ and ${rI} Hz $= ${rI / p.rX}\,r_X$` : "none: no positive solution";
  return markdownTable(["quantity", "value"], [
    [String.raw`$\det J$`, det],
    [String.raw`$J_{EX}/J_{IX}$, $\lvert J_{EI}\rvert/\lvert J_{II}\rvert$, $J_{EE}/J_{IE}$`, ratios.join(", ")],
    ["positive balanced solution ($D > 0$ and the ratios decreasing)", positive],
    [`$r_E$ and $r_I$ at $r_X = ${p.rX}$ Hz (balancedRates)`, rates],
  ]);
}

/** The rate model's stability at K for each r_X (Hz). */
export function stabilityByRate(K: number, rXs: readonly number[]): (RateStability & { rX: number })[] {
  return rXs.map((rX) => ({ rX: rX, ...rateStability({ K: K, rX: rX }) }));
}

/** The smallest ratio of inhibitory to excitatory gain, -A_aI / A_aE, over both populations and every r_X. */
export function smallestGainRatio(stab: readonly RateStability[]): number {
  return Math.min(...stab.flatMap((s) => [-s.jacobian[0][1] / s.jacobian[0][0], -s.jacobian[1][1] / s.jacobian[1][0]]));
}

/** Whether, at every r_X, each population's inhibitory gain exceeds its excitatory gain (-A_aI > A_aE). */
export function inhibitionDominates(stab: readonly RateStability[]): boolean {
  return smallestGainRatio(stab) > 1;
}

/** The largest real part of the eigenvalues over every r_X (1/s): negative when the rate model is stable everywhere. */
export function largestRealPart(stab: readonly RateStability[]): number {
  return Math.max(...stab.flatMap((s) => s.eigenvalues.map((l) => l.re)));
}

/** The gains and eigenvalues at each r_X, the slowest decay and fastest oscillation, and the verdicts. */
export function stabilityReport(stab: readonly (RateStability & { rX: number })[], v: { stable: Verdict; inhibition: Verdict }): ReportPart[] {
  const lam = (l: { re: number; im: number }) => `${fixed(l.re, 0)} ${l.im >= 0 ? "+" : "−"} ${fixed(Math.abs(l.im), 0)}i`;
  return [markdownTable(["$r_X$ (Hz)", "mean-field $r_E$, $r_I$ (Hz)", "gains $A_{EE}, A_{EI}, A_{IE}, A_{II}$", String.raw`eigenvalues $\lambda$ (1/s)`],
    stab.map((s) => [s.rX, `${fixed(s.rates[0], 2)}, ${fixed(s.rates[1], 2)}`, s.jacobian.flat().map((x) => fixed(x, 2)).join(", "), s.eigenvalues.map(lam).join(", ")])),
  markdownTable(["check", "value"], [
    ["slowest decay of a perturbation: time constant (ms)", fixed(1000 / Math.min(...stab.map((s) => -Math.max(s.eigenvalues[0].re, s.eigenvalues[1].re))), 1)],
    ["fastest oscillation while it decays (Hz)", fixed(Math.max(...stab.map((s) => Math.abs(s.eigenvalues[0].im))) / (2 * Math.PI), 0)]]),
  md`The balanced state in the rate model: ${v.stable} at every $r_X$ here; the inhibitory against the excitatory gain: ${v.inhibition}.`];
}

/** The larger relative deviation of the E and I rates from the balanced prediction. */
export function worstRelativeDeviation(after: MeanRates, theory: BalancedRates): number {
  return Math.max(Math.abs(after.E.mean / theory.rE - 1), Math.abs(after.I.mean / theory.rI - 1));
}

/** The rates after the transient and over the whole run against the balanced prediction, and the larger relative deviation. */
export function runRatesReport(after: MeanRates, whole: MeanRates, theory: BalancedRates, transient: number): ReportPart[] {
  const rel = (x: number, th: number) => `${signed((100 * (x - th)) / th, 1)} %`;
  const row = (a: Pop, th: number) => [a, withError(after[a].mean, after[a].sem, 2), withError(whole[a].mean, whole[a].sem, 2), th, rel(after[a].mean, th)];
  return [markdownTable(["population", `simulation, after ${transient} s (Hz)`, "simulation, whole run (Hz)", "balanced theory (Hz)", `difference (after ${transient} s)`],
    [row("E", theory.rE), row("I", theory.rI)]),
  markdownTable(["check", "value"], [["larger relative deviation from the balanced prediction (%)", fixed(100 * worstRelativeDeviation(after, theory), 1)]])];
}

/** Histograms of the E and I single-neuron rates counted over a window of `window` s after the transient. */
export function rateHistograms(rE: Float64Array, rI: Float64Array, window: number, transient: number): TopLevelSpec {
  const hist = (r: Float64Array, label: string) => histogramChart(r, {
    binWidth: 3 / window, start: -0.5 / window, width: 300, label: "neurons per bin",
    title: `${label} neurons`, xTitle: `rate after ${transient} s (Hz)`,
  });
  return hconcatCharts([hist(rE, "E"), hist(rI, "I")], { title: "Single-neuron rates (N = 1000 each)" });
}

/** Mean, SD, CV, extremes and silent neurons of the single-neuron rates of E and I. */
export function rateSpreadTable(after: MeanRates, rE: Float64Array, rI: Float64Array): ReportPart {
  const row = (a: Pop, r: Float64Array) => [a, fixed(after[a].mean, 2), fixed(after[a].sd, 2), fixed(after[a].sd / after[a].mean, 2),
    `${fixed(Math.min(...r), 1)}, ${fixed(Math.max(...r), 1)}`, r.filter((x) => x === 0).length];
  return markdownTable(["population", "mean (Hz)", "SD across neurons (Hz)", "CV of rates", "lowest, highest (Hz)", "silent neurons"], [row("E", rE), row("I", rI)]);
}

/** The SD of the rates against the counting window, with Poisson count noise and the persistent SD. */
export function heterogeneityChart(het: Record<Pop, RateHeterogeneity>, windows: readonly number[]): TopLevelSpec {
  const chart = (a: Pop) => xyChart({
    title: `${a} neurons`, xTitle: "counting window L (s)", yTitle: "SD of the rates across neurons (Hz)", logX: true, zeroY: true, width: 300,
    lines: [{ label: "Poisson count noise √(r/L)", x: windows, y: het[a].windows.map((w) => w.poissonSd), dashed: true }],
    points: [{ label: "simulation", x: windows, y: het[a].windows.map((w) => w.sd) }],
    rules: [{ label: "persistent SD (split halves)", y: het[a].split.persistentSd }],
  });
  return hconcatCharts([chart("E"), chart("I")], { title: "Spread of single-neuron rates against the counting window (20 s run)" });
}

/** The spread of the rates per window and population, the split-half persistent variance, and the verdict on count noise. */
export function heterogeneityReport(het: Record<Pop, RateHeterogeneity>, mostlyNoise: Verdict): ReportPart[] {
  const rows = (a: Pop) => het[a].windows.map((w) => [a, w.window, fixed(w.sd, 2), fixed(w.poissonSd, 2), `${fixed(100 * w.persistentShare, 0)} %`, fixed(w.noiseOverPoisson, 2)]);
  const halves = het.E.split, w62 = het.E.windows[0];
  return [markdownTable(["population", "window L (s)", "SD of the rates (Hz)", "Poisson count noise (Hz)", "persistent share of the variance", "rest / Poisson count noise"],
    [...rows("E"), ...rows("I")]),
  markdownTable(["split halves", "value"], [
    ["correlation of the two halves' E rates across neurons", fixed(halves.correlation, 2)],
    ["their covariance: the persistent variance, E (Hz²)", withError(halves.covariance, halves.covarianceSe, 2)],
    ["persistent SD: E, I (Hz)", `${fixed(halves.persistentSd, 2)}, ${fixed(het.I.split.persistentSd, 2)}`],
    ["persistent SD of E, % of the mean rate", fixed(100 * halves.persistentSd / w62.mean, 1)]]),
  md`The spread of the rates in the ${w62.window} s window of 6.2: ${mostlyNoise}.`];
}

/** The E and I population rates of a run recorded with `recordPopulationRate`, in bins of `bin` s. */
export function populationRateChart(run: NetworkRun, bin: number): TopLevelSpec {
  const nb = Math.round(run.params.duration / bin);   // number of bins
  const tMid = Array.from({ length: nb }, (_, k) => (k + 0.5) * bin);
  return xyChart({
    title: `Population activity (${bin * 1e3} ms bins), V(0) = 0`,
    xTitle: "time (s)", yTitle: "population rate (Hz)", zeroY: true, width: 700,
    lines: [
      { label: "E", x: tMid, y: batchMeans(run.populationRate!.E, nb) },
      { label: "I", x: tMid, y: batchMeans(run.populationRate!.I, nb) },
    ],
  });
}

/** The steady fluctuations of the population rates in 1 ms bins against independent Poisson neurons, and the mean pairwise correlation they imply. */
export function populationFluctuationReport(run: NetworkRun, transient: number): ReportPart {
  const k0 = Math.round(transient / run.params.dt), nMs = Math.round((run.params.duration - transient) / 1e-3);
  const steady = (x: Float64Array) => summarize(batchMeans(x.subarray(k0), nMs));
  const poissonSd = (r: number) => Math.sqrt(r / (run.params.N * 1e-3));
  const cBar = (s: { mean: number; sd: number }) => ((s.sd / poissonSd(s.mean)) ** 2 - 1) / (run.params.N - 1);
  const row = (a: Pop) => {
    const s = steady(run.populationRate![a]);
    return [a, `${fixed(s.mean, 1)} ± ${fixed(s.sd, 1)}`, fixed(poissonSd(s.mean), 1), fixed(s.sd / poissonSd(s.mean), 1), fixed(cBar(s), 4)];
  };
  return markdownTable([`population (1 ms bins after ${transient} s)`, "rate, mean ± SD (Hz)", "SD of independent Poisson neurons (Hz)", "ratio", String.raw`mean pairwise correlation $\bar c$`],
    [row("E"), row("I")]);
}

/** The E population rate in 1 ms bins over the first `first` s of the runs from V(0) = 0 and from uniform V(0). */
export function startChart(run: NetworkRun, runU: NetworkRun, first: number): TopLevelSpec {
  const nFirst = Math.round(first / 1e-3), kFirst = Math.round(first / run.params.dt);   // 1 ms bins, 0.1 ms bins
  const tFirst = Array.from({ length: nFirst }, (_, k) => (k + 0.5) * 1e-3);
  const firstMs = (x: Float64Array) => batchMeans(x.subarray(0, kFirst), nFirst);
  return xyChart({
    title: "E population activity in the first 100 ms (1 ms bins)",
    xTitle: "time (s)", yTitle: "E population rate (Hz)", width: 700,
    lines: [
      { label: "V(0) = 0 (tutorial)", x: tFirst, y: firstMs(run.populationRate!.E) },
      { label: "V(0) uniform in [0, V_th)", x: tFirst, y: firstMs(runU.populationRate!.E) },
    ],
  });
}

/** The largest number of E neurons firing in one time bin of the first `first` s, and when (ms). */
export function firstPeak(run: NetworkRun, first: number): { neurons: number; t: number } {
  const r = run.populationRate!.E, kFirst = Math.round(first / run.params.dt);
  const k = r.subarray(0, kFirst).reduce((best, x, q) => (x > r[best] ? q : best), 0);
  return { neurons: Math.round(r[k] * run.params.N * run.params.dt), t: k * run.params.dt * 1e3 };
}

/** Batches of each run's population rate from which {@link rateDifference} takes its standard errors. */
export const DIFFERENCE_BATCHES = 20;

function steadyRate(run: NetworkRun, a: Pop, transient: number): { mean: number; se: number } {
  const k0 = Math.round(transient / run.params.dt);
  const s = summarize(batchMeans(run.populationRate![a].subarray(k0), DIFFERENCE_BATCHES));
  return { mean: s.mean, se: s.se };
}

/**
 * The difference of the population rates after the transient between two runs of one network
 * (run − runU, Hz) and its z-score per population. Each run's SE comes from
 * {@link DIFFERENCE_BATCHES} batch means of its population rate, so it includes the fluctuations
 * the neurons of the network share (the across-neuron SE leaves them out); the SE of the
 * difference is their quadrature sum, conservative when the runs share connectivity and X spikes.
 * @param run the first run, recorded with `recordPopulationRate: true`
 * @param runU the second run, recorded the same way
 * @param transient time dropped at the start (s)
 * @returns the differences, their SEs and z-scores
 */
export function rateDifference(run: NetworkRun, runU: NetworkRun, transient: number): { dE: number; seE: number; zDE: number; dI: number; seI: number; zDI: number } {
  const [e, eU, i, iU] = [steadyRate(run, "E", transient), steadyRate(runU, "E", transient), steadyRate(run, "I", transient), steadyRate(runU, "I", transient)];
  const dE = e.mean - eU.mean, seE = Math.hypot(e.se, eU.se), dI = i.mean - iU.mean, seI = Math.hypot(i.se, iU.se);
  return { dE, seE, zDE: dE / seE, dI, seI, zDI: dI / seI };
}

/**
 * The start-up burst of the uniform start against the V(0) = 0 start and the asynchronous level:
 * the most E neurons firing in one bin in each run, and the mean number per bin after the
 * transient (rate × N × dt). The uniform start reduces the burst when its peak is below the
 * V(0) = 0 peak; it leaves one when its peak exceeds the asynchronous level by more than 5
 * Poisson standard deviations (level + 5 √level).
 * @param pZ the peak of the V(0) = 0 run ({@link firstPeak})
 * @param pU the peak of the uniform run
 * @param rE the E rate after the transient of the uniform run (Hz)
 * @param N neurons per population
 * @param dt the time step (s)
 * @returns the peaks, the level, the ratio peak / level, and whether it reduces but leaves a burst
 */
export function burstReduction(pZ: { neurons: number }, pU: { neurons: number }, rE: number, N: number, dt: number) {
  const level = rE * N * dt;
  return { zero: pZ.neurons, uniform: pU.neurons, level, ratio: pU.neurons / level,
    reducedNotRemoved: pU.neurons < pZ.neurons && pU.neurons > level + 5 * Math.sqrt(level) };
}

/** The two runs of one network from V(0) = 0 and from uniform V(0): what {@link initialConditionReport} compares. */
export interface StartComparison {
  pZ: { neurons: number; t: number };
  pU: { neurons: number; t: number };
  after: MeanRates;
  whole: MeanRates;
  afterU: MeanRates;
  wholeU: MeanRates;
  /** {@link rateDifference} of the two runs. */
  diff: ReturnType<typeof rateDifference>;
}

/** The burst and the rates of both runs, the differences after the transient, and the verdicts `same` and `burst`. */
export function initialConditionReport(c: StartComparison, N: number, transient: number, v: { same: Verdict; burst: Verdict }): ReportPart[] {
  const { pZ, pU, after, whole, afterU, wholeU } = c;
  const { dE, seE, dI, seI } = c.diff;
  const f2 = (s: PopulationRateSummary) => withError(s.mean, s.sem, 2);
  return [markdownTable(["initial V", "most E neurons firing in one 0.1 ms bin", `r_E after ${transient} s (Hz)`, `r_I after ${transient} s (Hz)`, "r_E whole run (Hz)", "r_I whole run (Hz)"], [
    ["0 (tutorial)", `${pZ.neurons} of ${N}, at ${fixed(pZ.t, 1)} ms`, f2(after.E), f2(after.I), f2(whole.E), f2(whole.I)],
    ["uniform in [0, V_th)", `${pU.neurons} of ${N}, at ${fixed(pU.t, 1)} ms`, f2(afterU.E), f2(afterU.I), f2(wholeU.E), f2(wholeU.I)]]),
  markdownTable(["check", "value"], [
    [`difference after ${transient} s, E (Hz, ± SE from ${DIFFERENCE_BATCHES} batch means)`, withError(dE, seE, 2)],
    [`difference after ${transient} s, I (Hz, ± SE from ${DIFFERENCE_BATCHES} batch means)`, withError(dI, seI, 2)],
    ["the burst's effect on the whole-run E rate of the V(0) = 0 run (Hz)", signed(whole.E.mean - after.E.mean, 2)]]),
  md`The uniform start: ${v.burst}. The two starts after the transient: ${v.same}.`];
}

/** The simulated rates against r_X with the balanced lines, and their deviation from the lines. */
export function sweepCharts(sweep: readonly RateSweepPoint[], th: readonly BalancedRates[], nSeeds: number): TopLevelSpec {
  const rXs = sweep.map((s) => s.rX), xs = [0, 22];
  const simPoints = (dev: boolean) => (["E", "I"] as const).map((a) => ({ label: a, x: rXs,
    y: sweep.map((s, q) => s[a].mean - (dev ? (a === "E" ? th[q].rE : th[q].rI) : 0)), error: sweep.map((s) => s[a].sem) }));
  const ratesChart = xyChart({
    title: `Lines: balanced theory r_E = 3 r_X, r_I = 2 r_X. Points: simulation (mean ± SE, ${nSeeds} seeds)`,
    xTitle: "external rate r_X (Hz)", yTitle: "population rate (Hz)", zeroY: true, points: simPoints(false),
    lines: [{ label: "E", x: xs, y: xs.map((x) => 3 * x) }, { label: "I", x: xs, y: xs.map((x) => 2 * x) }],
  });
  const devChart = xyChart({ title: "Simulation minus balanced theory (error bars: ±1 SE over seeds)", xTitle: "external rate r_X (Hz)", yTitle: "simulated - theory (Hz)",
    lines: [{ label: "balanced limit (K → ∞)", x: xs, y: [0, 0], dashed: true }], points: simPoints(true) });
  return vconcatCharts([ratesChart, devChart], { title: "Rates against r_X: simulation vs balanced theory" });
}

/** The sweep's rates against the balanced lines, row by row, and which deviations a t-test resolves. */
export interface SweepComparison {
  rows: { quantity: string; simulation: number; se: number; theory: number; digits: number; id: string }[];
  worst: number;
  resolved: string[];
  below: number[];
  above: number[];
}

/** The {@link SweepComparison} of a sweep with the balanced rates at threshold |t| < tCrit. */
export function compareSweep(sweep: readonly RateSweepPoint[], th: readonly BalancedRates[], tCrit: number): SweepComparison {
  const rows = sweep.flatMap((s, q) => (["E", "I"] as const).map((a) => ({ quantity: `$r_${a}$ (Hz) at $r_X$ = ${s.rX} Hz`,
    simulation: s[a].mean, se: s[a].sem, theory: a === "E" ? th[q].rE : th[q].rI, digits: 2, id: `rate-${a}-rX-${s.rX}` })));
  return {
    rows,
    worst: Math.max(...rows.map((r) => Math.abs(r.simulation / r.theory - 1))),
    resolved: rows.filter((r) => Math.abs((r.simulation - r.theory) / r.se) >= tCrit).map((r) => r.quantity),
    below: sweep.filter((s, q) => s.E.mean < th[q].rE && s.I.mean < th[q].rI).map((s) => s.rX),
    above: sweep.filter((s, q) => s.E.mean > th[q].rE && s.I.mean > th[q].rI).map((s) => s.rX),
  };
}

/** Whether the rates lie below both lines at the largest r_X and above them at the smallest: flatter than the balanced lines. */
export function flatterThanLines(c: SweepComparison, sweep: readonly RateSweepPoint[]): boolean {
  const rXs = sweep.map((s) => s.rX);
  return c.below.includes(Math.max(...rXs)) && c.above.includes(Math.min(...rXs));
}

/** The E rate minus its balanced line (Hz) at the lowest and the highest r_X, named by r_X. */
export function endDeviations(sweep: readonly RateSweepPoint[], th: readonly BalancedRates[]): Record<string, number> {
  const ends = [0, sweep.length - 1];
  return Object.fromEntries(ends.map((q) => [`r_E − 3 r_X at ${sweep[q].rX} Hz`, sweep[q].E.mean - th[q].rE]));
}

/** The sweep's comparison table, where the rates lie against the lines, the seed-to-seed spread at 10 Hz, and the verdicts. */
export function sweepReport(c: SweepComparison, sweep: readonly RateSweepPoint[], tCrit: number, after: MeanRates, v: { deviate: Verdict; flatter: Verdict }): ReportPart[] {
  const n = sweep[0].E.perSeed.length, s10 = sweep[sweep.map((s) => s.rX).indexOf(10)];
  const { rows, worst, resolved, below, above } = c;
  const table = comparisonTable(rows, { threshold: tCrit, simulation: `simulation ± SE (${n} seeds)`, theory: "balanced theory" });
  return [table, markdownTable(["check", "value"], [
    [`threshold of the absolute t (Student, ${n - 1} degrees of freedom)`, tCrit],
    ["largest relative deviation from the lines (%)", fixed(100 * worst, 1)],
    ["differences resolved", `${resolved.length} of ${rows.length}`],
    ["$r_X$ (Hz) where both rates lie above the lines", above.length ? above.join(", ") : "none"],
    ["$r_X$ (Hz) where both rates lie below the lines", below.length ? below.join(", ") : "none"],
    ["seed-to-seed SD of $r_E$ at $r_X$ = 10 Hz (Hz), and over the across-neuron SE of 6.2", `${fixed(s10.E.sd, 2)}, ${fixed(s10.E.sd / after.E.sem, 1)} times`]]),
  md`The differences from the lines: ${v.deviate}; the slope: ${v.flatter}.`];
}

/** The excitatory (E + X) and inhibitory parts of the mean input, the net mean and the fluctuation of each population and r_X. */
export interface BalancePart {
  rX: number;
  a: Pop;
  exc: number;
  inh: number;
  mu: number;
  sigma: number;
}

/** The {@link BalancePart}s at the sweep's simulated rates: sqrt(K) tau (J r + J_X r_X) split by sign, sigma of the diffusion. */
export function balanceParts(sweep: readonly RateSweepPoint[], p: NetworkParams): BalancePart[] {
  const sk = Math.sqrt(p.K), tau = p.tau;
  return sweep.flatMap((s) => ([0, 1] as const).map((i) => {
    const exc = sk * tau * (p.J[i][0] * s.E.mean + p.JX[i] * s.rX), inh = sk * tau * p.J[i][1] * s.I.mean;
    const sigma = Math.sqrt((tau / 2) * (p.J[i][0] ** 2 * s.E.mean + p.J[i][1] ** 2 * s.I.mean + p.JX[i] ** 2 * s.rX));
    return { rX: s.rX, a: i === 0 ? "E" as const : "I" as const, exc, inh, mu: exc + inh, sigma };
  }));
}

/** The parts of the mean input, how far they cancel, the fluctuations, and the verdict that the net mean is below threshold. */
export function balancePartsReport(parts: readonly BalancePart[], subthreshold: Verdict): ReportPart[] {
  const maxMu = Math.max(...parts.map((x) => Math.abs(x.mu))), share = Math.max(...parts.map((x) => Math.abs(x.mu) / x.exc));
  return [markdownTable(["r_X (Hz)", "neuron", "excitatory part (E + X)", "inhibitory part (I)", String.raw`net mean $\mu_a$`, String.raw`fluctuation $\sigma_a$`],
    parts.map((x) => [x.rX, x.a, fixed(x.exc, 2), fixed(x.inh, 2), fixed(x.mu, 3), fixed(x.sigma, 2)])),
  markdownTable(["check", "value"], [
    ["largest part (times the threshold)", fixed(Math.max(...parts.map((x) => x.exc)), 0)],
    [String.raw`largest absolute net mean $\mu_a$, and its share of the excitatory part (%)`, `${fixed(maxMu, 2)}, ${fixed(100 * share, 0)}`],
    [String.raw`fluctuations $\sigma_a$`, `${fixed(Math.min(...parts.map((x) => x.sigma)), 2)} to ${fixed(Math.max(...parts.map((x) => x.sigma)), 2)}`]]),
  md`The net mean input: ${subthreshold}.`];
}

/** What the notebook's results table gathers from its sections. */
export interface NetworkFindings {
  theory: BalancedRates;
  rX: number;
  transient: number;
  start: StartComparison;
  het: Record<Pop, RateHeterogeneity>;
  sweep: readonly RateSweepPoint[];
  comparison: SweepComparison;
}

/** The notebook's results in one table (tasks 6.1-6.3). */
export function networkSummary(f: NetworkFindings): ReportPart {
  const { theory, transient, het, sweep } = f;
  const { after, pZ, pU } = f.start;
  const { dE, dI } = f.start.diff;
  const { rows, worst, resolved } = f.comparison;
  const w62E = het.E.windows[0];
  return markdownTable(["task", "result", "this run"], [
    ["6.1", "balanced rates at the default weights", String.raw`$r_E = ${theory.rE / f.rX}\,r_X$, $r_I = ${theory.rI / f.rX}\,r_X$`],
    ["6.2", `$r_E$, $r_I$ after ${transient} s (Hz)`, `${fixed(after.E.mean, 2)}, ${fixed(after.I.mean, 2)}`],
    ["6.2", "larger relative deviation from the balanced prediction (%)", fixed(100 * worstRelativeDeviation(after, theory), 1)],
    ["6.2", `SD of the E rates over ${w62E.window} s (Hz), persistent share, persistent SD (Hz)`, `${fixed(w62E.sd, 2)}, ${fixed(100 * w62E.persistentShare, 0)} %, ${fixed(het.E.split.persistentSd, 2)}`],
    ["6.2", "most E neurons in one 0.1 ms bin: V(0) = 0, uniform", `${pZ.neurons}, ${pU.neurons}`],
    ["6.2", "uniform start against V(0) = 0 after the transient: E, I (Hz)", `${fixed(dE, 2)}, ${fixed(dI, 2)}`],
    ["6.3", `largest relative deviation from the lines over $r_X$ = ${sweep.map((s) => s.rX).join(", ")} Hz (%)`, fixed(100 * worst, 1)],
    ["6.3", "differences resolved by a $t$-test", `${resolved.length} of ${rows.length}`]]);
}
