import type { TopLevelSpec } from "vega-lite";
import { mean } from "../../math/statistics";
import { histogram } from "../../math/histogram";
import type { SyncRun, LockedRates, LockPeriod } from "../../analysis/locked-state";
import { lockedIntervals } from "../../analysis/locked-state";
import type { CorrelationResult } from "../../analysis/spike-count-correlations";
import { correlationSpread } from "../../analysis/correlation-spread";
import type { TrainIrregularity } from "../../analysis/train-irregularity";
import type { ClosedLoopShift } from "../../theory/closed-loop-shift";
import type { BalancedRates } from "../../theory/balanced-rates";
import type { TheoryRow } from "../../experiments/theory-table";
import type { KScanRun, MeanInputAtK } from "../../experiments/k-scan";
import type { CorrelationEffect } from "../../experiments/input-correlations";
import type { SingleNeuronIrregularity } from "../../experiments/single-neuron-irregularity";
import { histogramChart } from "../../charts/histogram";
import { vconcatCharts } from "../../charts/base";
import { md, markdownTable, type ReportPart } from "../../report/markdown";
import type { Verdict } from "../../report/verdict";
import { fixed, percentRange, signed, signedPercent as pct } from "../../report/format";
import { theoryScore } from "./theory-table-report";
import type { RateSweepReport } from "./rate-sweep-report";
import { inputPartsTrace } from "./input-parts";
import { inputPartsChart } from "./input-parts-chart";

/**
 * Notebook 06's section sentences and tables that the other parts do not cover: the finite-K
 * theories' scores and the parts of the deviation, the measured cross-correlation effect, the
 * mean inputs against K, the rates against K in the asynchronous state, and the conclusion.
 */

const fx = (x: number, d = 2) => fixed(x, d);
const hz = (x: number) => signed(x, 2);

/** How close one theory comes to the simulation over the table's points (`theoryScore`). */
export type TheoryScore = ReturnType<typeof theoryScore>;

/** "up to ...% off; within 1% at ..., within 2 SE at ... and with the right sign ... at ... of ... points". */
export function scoreSentence(s: TheoryScore): ReportPart {
  return md`up to ${fx(100 * s.maxDeviation, 1)}% off; within 1% at ${s.withinOnePercent}, within 2 SE at ${s.withinTwoSE} and with the right sign of the deviation from the balanced limit at ${s.rightSign} of ${s.rows} points`;
}

/** Whether the per-bin overdispersed (renewal) inputs put r_I further from the simulation than Poisson inputs at every row. */
export function renewalWorseForI(theory: readonly TheoryRow[]): boolean {
  return theory.every((r) => Math.abs(r.verdicts.renewal.relative[1]) > Math.abs(r.verdicts.discrete.relative[1]));
}

/** The row where a theory's larger |relative deviation| is largest, and that deviation. */
function worstRow(theory: readonly TheoryRow[], name: "discrete" | "renewal" | "spectra"): { row: TheoryRow; deviation: number } {
  const dev = (r: TheoryRow) => Math.max(...r.verdicts[name].relative.map(Math.abs));
  const row = theory.reduce((a, b) => (dev(b) > dev(a) ? b : a));
  return { row, deviation: dev(row) };
}

/** The finite-K theories' scores (verdicts `sign`, `renWorse` and `onePct`), the parts of the deviation at K = 100, r_X = 10 Hz, and their change with K. */
export function finiteKReport(theory: readonly TheoryRow[], v: { sign: Verdict; renWorse: Verdict; onePct: Verdict }): ReportPart {
  const [dif, dis, ren, spec] = (["diffusion", "discrete", "renewal", "spectra"] as const).map((t) => theoryScore(theory, t));
  const kRows = theory.filter((r) => r.rX === 10).sort((a, b) => a.K - b.K), ends = [kRows[0], kRows[kRows.length - 1]];
  const at = theory.find((r) => r.K === 100 && r.rX === 10)!.parts;
  const poissonPart = ends.map((r) => r.discrete.rE - r.balanced.rE), structure = ends.map((r) => r.parts.trainStructure[0]);
  const worstI = (["discrete", "renewal"] as const).map((t) => fx(100 * Math.max(...theory.map((r) => Math.abs(r.verdicts[t].relative[1]))), 1));
  const worst = worstRow(theory, "spectra");
  const margin = Math.min(...theory.map((r) => Math.abs(r.renewal.rI - r.sim.I.mean) - Math.abs(r.discrete.rI - r.sim.I.mean)));
  return md`* **Diffusion mean field**: ${scoreSentence(dif)}.
* **Euler chain, Poisson inputs**: ${scoreSentence(dis)}: the right sign ${v.sign}.
* **Euler chain, per-bin overdispersed inputs** (each train's excess variance at the membrane's time scale, renewal Fano factor, put into single bins): ${scoreSentence(ren)}; its r_I is further from the simulation than with Poisson inputs ${v.renWorse} (largest |deviation| of r_I ${worstI[0]}% with Poisson inputs, ${worstI[1]}% with these; the smallest difference of the two |deviations| is ${fx(margin)} Hz).
* **Euler chain, self-consistent input spectra**: ${scoreSentence(spec)}. Every rate within 1% ${v.onePct} (largest deviation ${fx(100 * worst.deviation, 1)}%, at $K = ${worst.row.K}$, $r_X = ${worst.row.rX}$ Hz).
* **Where the deviation comes from** ($K = 100$, $r_X = 10$ Hz; E, I in Hz): simulation − balanced = ${hz(at.total[0])}, ${hz(at.total[1])} = diffusion mean field − balanced (${hz(at.meanField[0])}, ${hz(at.meanField[1])}) + the diffusion approximation's error (Poisson-input chain − diffusion: ${hz(at.diffusionError[0])}, ${hz(at.diffusionError[1])}) + the input trains' own structure (input spectra − Poisson inputs: ${hz(at.trainStructure[0])}, ${hz(at.trainStructure[1])}) + the rest (simulation − input spectra: ${hz(at.remainder[0])}, ${hz(at.remainder[1])}; the next part measures it).
* **How the deviation changes with $K$** ($r_X = 10$ Hz, $r_E$): from $K = ${ends[0].K}$ to $K = ${ends[1].K}$ the simulated deviation goes from ${hz(ends[0].parts.total[0])} to ${hz(ends[1].parts.total[0])} ± ${fx(ends[1].sim.E.se)} Hz, where a $1/\sqrt K$ decay would leave ${hz(ends[0].parts.total[0] * Math.sqrt(ends[0].K / ends[1].K))} Hz; the Poisson-input part goes from ${hz(poissonPart[0])} to ${hz(poissonPart[1])} Hz (${Math.abs(poissonPart[1]) < Math.abs(poissonPart[0]) ? "shrinking" : "growing"}), the train-structure part from ${hz(structure[0])} to ${hz(structure[1])} Hz (${Math.abs(structure[1]) > Math.abs(structure[0]) ? "growing" : "shrinking"}, as the effective Fano factor of the E trains goes from ${fx(ends[0].spectra.fano[0])} to ${fx(ends[1].spectra.fano[0])}).`;
}

/** What is left of the remainder simulation − input spectra once the closed-loop shift of the cross-correlations is taken off (Hz, E and I). */
export function remainderLeft(at: TheoryRow, dr: ClosedLoopShift): number[] {
  return [0, 1].map((a) => at.parts.remainder[a] - dr.dr[a]);
}

/** Whether the cross-correlations lower the free membrane variance of both populations by more than 3 SE (paired per seed). */
export function correlationsLowerVariance(xc: CorrelationEffect): boolean {
  return [xc.E, xc.I].every((c) => {
    const d = c.freeVariance.real.perSeed.map((x, i) => x - c.freeVariance.shifted.perSeed[i]);
    const m = d.reduce((a, b) => a + b, 0) / d.length;
    const se = Math.sqrt(d.reduce((a, b) => a + (b - m) ** 2, 0) / (d.length - 1) / d.length);
    return m < -3 * se;
  });
}

/** The measured cross-correlation effect: test neurons against the network, open loop (verdict `lower`), closed loop against the remainder (verdict `explained`). */
export function correlationEffectReport(xc: CorrelationEffect, dr: ClosedLoopShift, at: TheoryRow, v: { explained: Verdict; lower: Verdict }): ReportPart {
  const pm = (m: number, se: number) => `${m >= 0 ? "+" : ""}${fx(m)} ± ${fx(se)}`;
  const rest = remainderLeft(at, dr);
  return md`* **Test neurons reproduce the network** (real − network, Hz): ${pm(xc.E.realMinusNetwork.mean, xc.E.realMinusNetwork.se)} (E), ${pm(xc.I.realMinusNetwork.mean, xc.I.realMinusNetwork.se)} (I).
* **Open loop** (real − shifted, Hz): ${pm(xc.E.difference.mean, xc.E.difference.se)} (E), ${pm(xc.I.difference.mean, xc.I.difference.se)} (I): the correlations between trains ${v.lower} (from ${fx(xc.E.freeVariance.shifted.mean)} to ${fx(xc.E.freeVariance.real.mean)} for E, from ${fx(xc.I.freeVariance.shifted.mean)} to ${fx(xc.I.freeVariance.real.mean)} for I).
* **Closed loop** (Hz): ${pm(dr.dr[0], dr.se[0])} (E), ${pm(dr.dr[1], dr.se[1])} (I), against the remainder simulation − input spectra of ${pm(at.parts.remainder[0], at.sim.E.se)}, ${pm(at.parts.remainder[1], at.sim.I.se)}: the cross-correlations ${v.explained}; left: ${hz(rest[0])}, ${hz(rest[1])} Hz, which the open-loop test below assigns.`;
}

/** The input of E neuron 0 of each K's seed-1 run, split by source, over the window [start, end) (s), one chart per K. */
export function inputPartsCharts(kRuns: readonly KScanRun[], Ks: readonly number[], window: { start: number; end: number; dt: number; tau: number }): TopLevelSpec {
  const inputOf = (K: number) => kRuns.find((x) => x.K === K && x.seed === 1)!.input;   // E neuron 0 of the seed-1 run
  const inputTrace = (K: number) => inputPartsTrace({ E: inputOf(K).E[0], I: inputOf(K).I[0], X: inputOf(K).X[0] }, window);
  return vconcatCharts(Ks.map((K) => inputPartsChart(inputTrace(K), `E neuron 0, K = ${K}: input × τ by source (2 ms smoothing)`)));
}

/** The measured mean inputs by source against the mean field, and how each part scales with sqrt(K). */
export function meanInputReport(measured: readonly MeanInputAtK[], Ks: readonly number[]): string {
  const names = ["from E", "from I", "from X"];
  const ratioEI = measured.map((m) => -m.comp[1].m / (m.comp[0].m + m.comp[2].m));
  const slopes = [0, 1, 2].map((b) => measured.map((m) => m.comp[b].m / Math.sqrt(m.K)));
  const table = markdownTable(["K", "neurons", "from E: sim", "theory", "from I: sim", "theory", "from X: sim", "theory", "total: sim", "μ_E theory"],
    measured.map((m) => { const p = m.mf.input.muParts[0]; return [m.K, m.n, `${fx(m.comp[0].m)} ± ${fx(m.comp[0].se)}`, fx(p[0]), `${fx(m.comp[1].m)} ± ${fx(m.comp[1].se)}`, fx(p[1]), `${fx(m.comp[2].m)} ± ${fx(m.comp[2].se)}`, fx(p[2]), `${fx(m.total.m)} ± ${fx(m.total.se)}`, fx(m.mf.input.mu[0])]; }));
  return `${table.markdown}

(Time averages of the input × τ over each run's asynchronous window, mean ± SE over the recorded neurons of both seeds; theory at the mean-field rates.)

From K = ${Ks[0]} to K = ${Ks[Ks.length - 1]} the excitation from E grows ${fx(measured[measured.length - 1].comp[0].m / measured[0].comp[0].m, 1)}-fold and the inhibition ${fx(measured[measured.length - 1].comp[1].m / measured[0].comp[1].m, 1)}-fold, against √(${Ks[Ks.length - 1]}/${Ks[0]}) = ${fx(Math.sqrt(Ks[Ks.length - 1] / Ks[0]), 1)}: each part divided by √K stays at ${slopes.map((s, b) => `${fx(Math.min(...s), 3)}–${fx(Math.max(...s), 3)} (${names[b]})`).join(", ")}. The total stays between ${fx(Math.min(...measured.map((m) => m.total.m)))} and ${fx(Math.max(...measured.map((m) => m.total.m)))}, below the threshold 1, while inhibition cancels ${fx(100 * Math.min(...ratioEI), 0)}–${fx(100 * Math.max(...ratioEI), 0)}% of the excitation from E and X together. Largest difference between a measured part and its theory: ${fx(Math.max(...measured.flatMap((m) => [0, 1, 2].map((b) => Math.abs(m.comp[b].m - m.mf.input.muParts[0][b])))))} units of V, i.e. ${fx(100 * Math.max(...measured.flatMap((m) => [0, 1, 2].map((b) => Math.abs(m.comp[b].m / m.mf.input.muParts[0][b] - 1)))), 1)}% of the part (the mean-field rates are a few percent off, section 1).`;
}

/** The network E neurons' ISI CVs with a vertical line at the mean CV of each single-neuron set-up. */
export function cvHistogram(netE: TrainIrregularity, single: readonly SingleNeuronIrregularity[]): TopLevelSpec {
  const hE = Math.max(...Array.from(histogram(netE.cv, 0.05, 0).count));
  const vline = (label: string, x: number) => ({ label: label, x: [x, x], y: [0, hE] });
  return histogramChart(netE.cv, {
    title: "ISI CV: network E neurons (K = 100); lines: mean CV of single neurons",
    xTitle: "coefficient of variation of the ISIs", yTitle: "number of E neurons", binWidth: 0.05, start: 0,
    label: "network E",
    theory: single.map((s) => vline(s.name.replace("mean-driven ", "").replace("fluctuation-driven ", ""), mean(s.cv))),
  });
}

/** The rates at r_X = 10 Hz in the asynchronous state, per K, with the diffusion mean field. */
export interface AsyncRatesAtK {
  K: number;
  n: number;
  runs: number;
  E: { m: number; se: number };
  I: { m: number; se: number };
  mf: { rE: number; rI: number };
}

/** The {@link AsyncRatesAtK} rows of the theory table at r_X = 10 Hz, by K. */
export function asynchronousRatesByK(theory: readonly TheoryRow[]): AsyncRatesAtK[] {
  return theory.filter((r) => r.rX === 10).sort((a, b) => a.K - b.K).map((r) => ({
    K: r.K, n: r.sim.usable, runs: r.sim.runs, E: { m: r.sim.E.mean, se: r.sim.E.se }, I: { m: r.sim.I.mean, se: r.sim.I.se }, mf: r.diffusion,
  }));
}

/** The larger relative error of the mean field's E and I rates against the simulated ones. */
export function meanFieldError(r: AsyncRatesAtK): number {
  return Math.max(Math.abs(r.mf.rE / r.E.m - 1), Math.abs(r.mf.rI / r.I.m - 1));
}

/** The asynchronous rates against K with the mean field and the balanced limit, the locked episodes' rates, and what they show. */
export function asyncRatesReport(asyncRates: readonly AsyncRatesAtK[], locked: readonly LockedRates[], bal: BalancedRates, Ks: readonly number[]): string {
  const mfOK = asyncRates.filter((r) => meanFieldError(r) < 0.1), mfBad = asyncRates.filter((r) => meanFieldError(r) >= 0.1);
  const last = asyncRates[asyncRates.length - 1], kMax = Ks[Ks.length - 1];
  const table = markdownTable(["K", "N", "usable runs", "r_E async (Hz)", "mean field", "balanced", "r_I async (Hz)", "mean field", "balanced", "(r_E − 30)/30", "(r_I − 20)/20"],
    asyncRates.map((r) => [r.K, 10 * r.K, r.n === r.runs ? r.n : `${r.n} of ${r.runs}`, `${fx(r.E.m)} ± ${fx(r.E.se)}`, fx(r.mf.rE), bal.rE, `${fx(r.I.m)} ± ${fx(r.I.se)}`, fx(r.mf.rI), bal.rI, pct(r.E.m / bal.rE - 1), pct(r.I.m / bal.rI - 1)]));
  return `${table.markdown}

Inside locked episodes: ${locked.map((l) => `K = ${l.K} (${l.label}): r_E = ${fx(l.E, 1)} Hz, r_I = ${fx(l.I, 1)} Hz`).join("; ")}.

In the asynchronous state the simulated rates stay within ${fx(100 * Math.max(...asyncRates.flatMap((r) => [Math.abs(r.E.m / bal.rE - 1), Math.abs(r.I.m / bal.rI - 1)])), 1)}% of the balanced values 3 r_X and 2 r_X at every K from ${Ks[0]} to ${kMax} (at K = ${kMax}: ${pct(last.E.m / bal.rE - 1)} for E, ${pct(last.I.m / bal.rI - 1)} for I). The mean field predicts corrections of order 1/√K that vanish at large K (${pct(asyncRates[0].mf.rE / bal.rE - 1)} for r_E at K = ${Ks[0]}, ${pct(last.mf.rE / bal.rE - 1)} at K = ${kMax}); it is within 10% of the simulation ${mfOK.length === asyncRates.length ? "at every K" : `at K = ${mfOK.map((r) => r.K).join(", ")}`} and within ${fx(100 * meanFieldError(last), 1)}% at K = ${kMax}, ${mfBad.length > 0 ? `but at K = ${mfBad.map((r) => `${r.K} (${fx(100 * meanFieldError(r), 1)}%)`).join(", ")} it misses: there the jumps J/√K reach ${fx(2.5 / Math.sqrt(mfBad[0].K), 2)} of the threshold and the diffusion approximation fails, while the simulated rates do not show the predicted upward correction` : "its largest error being at the smallest K, where the jumps J/√K are largest"}. The simulated r_E is ${asyncRates.every((r) => r.E.m < bal.rE) ? "below" : "not always below"} 30 Hz at every K, ${fx(100 * Math.min(...asyncRates.map((r) => 1 - r.E.m / bal.rE)), 1)}–${fx(100 * Math.max(...asyncRates.map((r) => 1 - r.E.m / bal.rE)), 1)}% below (a correction shrinking like 1/√K from its value at K = ${Ks[0]} would leave ${fx(100 * (1 - asyncRates[0].E.m / bal.rE) * Math.sqrt(Ks[0] / kMax), 1)}% at K = ${kMax}; the simulation gives ${fx(100 * (1 - last.E.m / bal.rE), 1)} ± ${fx(100 * last.E.se / bal.rE, 1)}%), while the mean field puts r_E above 30 Hz at K = ${asyncRates.filter((r) => r.mf.rE > bal.rE).map((r) => r.K).join(", ")}: the wrong sign there. The deviation of the simulated r_E from the balanced value at K = ${kMax} (${pct(last.E.m / bal.rE - 1)}) is ${Math.abs(last.E.m - last.mf.rE) > 3 * last.E.se ? "larger than the mean field's" : "consistent with the mean field's"} (${pct(last.mf.rE / bal.rE - 1)}; ${last.n} runs). Counted over a whole locked run instead, the rates would be up to ${fx(Math.max(...locked.map((l) => l.E / bal.rE - 1)) * 100, 0)}% above the balanced prediction: the synchronous state is a different state of the same network, not a failure of the balanced theory of the asynchronous state.`;
}

/** Whether the mean spike-count correlations of all pair types are within 3 SE of zero. */
export function correlationsNearZero(pairs: readonly CorrelationResult[]): boolean {
  return pairs.every((c) => Math.abs(c.mean / c.standardError) < 3);
}

/** Whether no run at K = 100 locks (no locked interval after any population spike). */
export function noLockAt(allSync: readonly SyncRun[], K: number): boolean {
  return allSync.filter((m) => m.K === K).every((m) => lockedIntervals(m.psE).length === 0);
}

/** What notebook 06's conclusion states, gathered from its sections. */
export interface BeyondFindings {
  sweepReport: RateSweepReport;
  openReport: { diffErr: number[] };
  rXs: readonly number[];
  seeds: number;
  theory: readonly TheoryRow[];
  measured: readonly MeanInputAtK[];
  Ks: readonly number[];
  netE: TrainIrregularity;
  single: readonly SingleNeuronIrregularity[];
  cEE: CorrelationResult;
  chi: { E: number; null: number };
  asyncRates: readonly AsyncRatesAtK[];
  bal: BalancedRates;
  allSync: readonly SyncRun[];
  locked: readonly LockedRates[];
  r1000: LockPeriod;
  verdicts: { corrZero: Verdict; noLock100: Verdict };
}

/** Notebook 06's five-item conclusion from its results. */
export function beyondConclusion(f: BeyondFindings): ReportPart {
  const { sweepReport, openReport, rXs, measured, Ks, netE, cEE, asyncRates, bal, allSync, locked, r1000 } = f;
  const { corrZero, noLock100 } = f.verdicts;
  const [dis, ren, spec] = (["discrete", "renewal", "spectra"] as const).map((t) => theoryScore(f.theory, t));
  const flu = f.single.filter((s) => s.name.startsWith("fluctuation")), mdr = f.single.filter((s) => s.name.startsWith("mean"));
  const cvNet = mean(netE.cv);
  const kLast = asyncRates[asyncRates.length - 1], m1000 = measured[measured.length - 1];
  const lockRuns = allSync.filter((m) => lockedIntervals(m.psE).length > 1), lockMs = lockRuns.map((m) => 1000 * (m.psE.episodes[0].end - m.psE.episodes[0].start));
  const realShare = correlationSpread(cEE.coefficients, cEE.nWindows).realShare;
  const balDev = Math.max(...asyncRates.flatMap((r) => [Math.abs(r.E.m / bal.rE - 1), Math.abs(r.I.m / bal.rI - 1)]));
  return md`* **Finite-$K$ mean field.** At $K = 100$ the self-consistent diffusion (Siegert) theory is within ${fx(100 * sweepReport.maxDeviation, 1)}% of the simulated rates for $r_X$ = ${rXs[0]}–${rXs[rXs.length - 1]} Hz, but not within the statistical errors (up to ${fx(sweepReport.maxZ, 0)} SE over ${f.seeds} seeds): it ${sweepReport.devMF.every((d) => d > 0) ? "overestimates every rate" : "misses the rates in both directions"}. Its single-neuron ingredient errs more: with jumps up to ${fx(2.5 / Math.sqrt(100))} $V_\text{th}$, φ overestimates a Poisson-driven neuron's rate by ${percentRange(openReport.diffErr)}, an error partly compensated by the network's non-Poisson input; the feedback absorbs most of it, because $\mu$ depends on the rates through the large factor $\tau\sqrt K$. At $K = ${asyncRates[0].K}$ (jumps up to ${fx(2.5 / Math.sqrt(asyncRates[0].K))} $V_\text{th}$) its error is ${fx(100 * meanFieldError(asyncRates[0]), 1)}%, and it puts $r_E$ on the wrong side of 30 Hz at $K$ = ${asyncRates.filter((r) => r.mf.rE > bal.rE).map((r) => r.K).join(", ")} (section 4).
* **Exact discrete transfer.** Removing the diffusion approximation (the exact transfer of the Euler neuron, solved self-consistently) leaves the rates ${scoreSentence(dis)}; with per-bin overdispersed inputs ${scoreSentence(ren)}; with self-consistent input spectra ${scoreSentence(spec)}.
* **Balance.** The mean inputs of an E neuron grow like $\sqrt K$ (at $K = ${m1000.K}$: ${fx(m1000.comp[0].m, 1)} from E, ${fx(m1000.comp[2].m, 1)} from X and ${fx(m1000.comp[1].m, 1)} from I, in units of $V$), while their sum stays between ${fx(Math.min(...measured.map((m) => m.total.m)))} and ${fx(Math.max(...measured.map((m) => m.total.m)))}, below threshold, from $K$ = ${Ks[0]} to ${Ks[Ks.length - 1]}.
* **Asynchronous irregular state.** Network neurons are irregular (ISI CV ${fx(cvNet)} for E, Fano factor ${fx(mean(netE.fano))}), ${cvNet > Math.max(...flu.map((s) => mean(s.cv))) ? "more so than" : "like"} the fluctuation-driven single neuron of notebook 04 and unlike the mean-driven one of notebook 03 (CV ${mdr.map((s) => fx(mean(s.cv))).join(" and ")}). Mean pairwise spike-count correlations are ${corrZero} despite 10% shared inputs (E-E ${fx(cEE.mean, 3)}); ${fx(100 * realShare, 0)}% of the spread of the E-E coefficients is real, the rest sampling noise; $\chi$ = ${fx(f.chi.E, 3)} for E against ${fx(f.chi.null, 3)} for independent trains.
* **Large $K$.** In the asynchronous state the rates stay within ${fx(100 * balDev, 1)}% of the balanced limit from $K = ${Ks[0]}$ to $K = ${kLast.K}$, with $r_E$ ${asyncRates.every((r) => r.E.m < bal.rE) ? "below 30 Hz at every K" : "on both sides of 30 Hz"}. But a synchronous start (all $V = 0$), and at $K \ge 400$ even random initial $V$, can lock the network into a synchronous state (${lockRuns.length} of ${allSync.length} runs here; at $K = 100$ the network ${noLock100}): whole populations fire in one bin every ${r1000.iv ? fx(1000 * r1000.iv.mean, 1) : "—"} ms at $K = 1000$, a period set by the net inhibitory jump $\sqrt K(J_{aE} + J_{aI})$ after each population spike and the recovery against the external drive. A lock lasted ${fx(Math.min(...lockMs), 0)}–${fx(Math.max(...lockMs), 0)} ms here, with rates up to ${fx(100 * Math.max(...locked.map((l) => l.E / bal.rE - 1)), 0)}% above the balanced ones, so comparisons with the theory of the asynchronous state must detect and discard it, as done here with populationSpikes.`;
}

/** "network: r_E = ... Hz, r_I = ... Hz (E rates from ... to ... Hz), population spikes after the transient: ...". */
export function networkRatesLine(netE: TrainIrregularity, netI: TrainIrregularity, populationSpikes: number): string {
  return `network: r_E = ${fx(mean(netE.rate))} Hz, r_I = ${fx(mean(netI.rate))} Hz (E rates from ${fx(Math.min(...netE.rate), 1)} to ${fx(Math.max(...netE.rate), 1)} Hz), population spikes after the transient: ${populationSpikes}`;
}

/** The input-spectra rates plus the closed-loop shift of the measured cross-correlations, relative to the simulation - 1, [E, I]. */
export function withCrossCorrelations(row: TheoryRow, dr: ClosedLoopShift): [number, number] {
  return [(row.spectra.rE + dr.dr[0]) / row.sim.E.mean - 1, (row.spectra.rI + dr.dr[1]) / row.sim.I.mean - 1];
}

/** Whether what is left of a row's remainder after the cross-correlations lies within 2 SE (simulation and shift SE combined) for both rates. */
export function restWithinTwoSE(row: TheoryRow, dr: ClosedLoopShift): boolean {
  const rest = remainderLeft(row, dr);
  return [row.sim.E.se, row.sim.I.se].every((se, a) => Math.abs(rest[a]) <= 2 * Math.hypot(se, dr.se[a]));
}

/** What is left at a point outside 1 %: the remainder, the measured cross-correlation shift, the rate with it (verdicts `within` and `rest`). */
export function whatIsLeftReport(row: TheoryRow, dr: ClosedLoopShift, v: { within: Verdict; rest: Verdict }): ReportPart {
  const pm = (m: number, se: number) => `${m >= 0 ? "+" : ""}${fx(m)} ± ${fx(se)}`;
  const rel = withCrossCorrelations(row, dr), rest = remainderLeft(row, dr);
  return md`* **At $K = ${row.K}$, $r_X = ${row.rX}$ Hz** the input-spectra theory is off by ${pct(row.verdicts.spectra.relative[0])}, ${pct(row.verdicts.spectra.relative[1])} (simulation − theory ${pm(row.parts.remainder[0], row.sim.E.se)}, ${pm(row.parts.remainder[1], row.sim.I.se)} Hz).
* **The cross-correlations there** (real − shifted test neurons, closed loop): ${pm(dr.dr[0], dr.se[0])}, ${pm(dr.dr[1], dr.se[1])} Hz. With them the theory is off by ${pct(rel[0])}, ${pct(rel[1])}: ${v.within}; what is left, ${hz(rest[0])}, ${hz(rest[1])} Hz, is ${v.rest}.`;
}
