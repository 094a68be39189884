import type { ClosedLoopShift } from "../../theory/closed-loop-shift";
import type { TheoryRow } from "../../experiments/theory-table";
import type { CorrelationEffect } from "../../experiments/input-correlations";
import { md, type ReportPart } from "../../report/markdown";
import type { Verdict } from "../../report/verdict";
import { fixed, signed, signedWithError } from "../../report/format";
import { renewalMarginI, theoryScore } from "./theory-table-report";

/**
 * Notebook 06's finite-K theory section: the theories' scores and the parts of the deviation,
 * and the measured cross-correlation effect.
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
  return renewalMarginI(theory) > 0;
}

/** The row where a theory's larger |relative deviation| is largest, and that deviation. */
function worstRow(theory: readonly TheoryRow[], name: "discrete" | "renewal" | "correlated"): { row: TheoryRow; deviation: number } {
  const dev = (r: TheoryRow) => Math.max(...r.verdicts[name].relative.map(Math.abs));
  const row = theory.reduce((a, b) => (dev(b) > dev(a) ? b : a));
  return { row, deviation: dev(row) };
}

/** The finite-K theories' scores (verdicts `sign`, `renWorse` and `onePct`), the parts of the deviation at K = 100, r_X = 10 Hz, and their change with K. */
export function finiteKReport(theory: readonly TheoryRow[], v: { sign: Verdict; renWorse: Verdict; onePct: Verdict }): ReportPart {
  const [dif, dis, ren, spec, cor] = (["diffusion", "discrete", "renewal", "spectra", "correlated"] as const).map((t) => theoryScore(theory, t));
  const kRows = theory.filter((r) => r.rX === 10).sort((a, b) => a.K - b.K), ends = [kRows[0], kRows[kRows.length - 1]];
  const at = theory.find((r) => r.K === 100 && r.rX === 10)!.parts;
  const poissonPart = ends.map((r) => r.discrete.rE - r.balanced.rE), structure = ends.map((r) => r.parts.trainStructure[0]);
  const worstI = (["discrete", "renewal"] as const).map((t) => fx(100 * Math.max(...theory.map((r) => Math.abs(r.verdicts[t].relative[1]))), 1));
  const worst = worstRow(theory, "correlated");
  const margin = Math.min(...theory.map((r) => Math.abs(r.renewal.rI - r.sim.I.mean) - Math.abs(r.discrete.rI - r.sim.I.mean)));
  return md`* **Diffusion mean field**: ${scoreSentence(dif)}.
* **Euler chain, Poisson inputs**: ${scoreSentence(dis)}: the right sign ${v.sign}.
* **Euler chain, per-bin overdispersed inputs** (each train's excess variance at the membrane's time scale, renewal Fano factor, put into single bins): ${scoreSentence(ren)}; its r_I is further from the simulation than with Poisson inputs ${v.renWorse} (largest |deviation| of r_I ${worstI[0]}% with Poisson inputs, ${worstI[1]}% with these; the smallest difference of the two |deviations| is ${fx(margin)} Hz).
* **Euler chain, self-consistent input spectra**: ${scoreSentence(spec)}.
* **Euler chain, input spectra and cross-covariance** (the correlations between a neuron's input trains from linear response): ${scoreSentence(cor)}. Every rate within 1% ${v.onePct} (largest deviation ${fx(100 * worst.deviation, 1)}%, at $K = ${worst.row.K}$, $r_X = ${worst.row.rX}$ Hz).
* **Where the deviation comes from** ($K = 100$, $r_X = 10$ Hz; E, I in Hz): simulation − balanced = ${hz(at.total[0])}, ${hz(at.total[1])} = diffusion mean field − balanced (${hz(at.meanField[0])}, ${hz(at.meanField[1])}) + the diffusion approximation's error (Poisson-input chain − diffusion: ${hz(at.diffusionError[0])}, ${hz(at.diffusionError[1])}) + the input trains' own structure (input spectra − Poisson inputs: ${hz(at.trainStructure[0])}, ${hz(at.trainStructure[1])}) + the cross-covariance of the inputs (${hz(at.crossCorrelations[0])}, ${hz(at.crossCorrelations[1])}; the next part measures it) + the rest (simulation − theory: ${hz(at.remainder[0])}, ${hz(at.remainder[1])}).
* **How the deviation changes with $K$** ($r_X = 10$ Hz, $r_E$): from $K = ${ends[0].K}$ to $K = ${ends[1].K}$ the simulated deviation goes from ${hz(ends[0].parts.total[0])} to ${hz(ends[1].parts.total[0])} ± ${fx(ends[1].sim.E.se)} Hz, where a $1/\sqrt K$ decay would leave ${hz(ends[0].parts.total[0] * Math.sqrt(ends[0].K / ends[1].K))} Hz; the Poisson-input part goes from ${hz(poissonPart[0])} to ${hz(poissonPart[1])} Hz (${Math.abs(poissonPart[1]) < Math.abs(poissonPart[0]) ? "shrinking" : "growing"}), the train-structure part from ${hz(structure[0])} to ${hz(structure[1])} Hz (${Math.abs(structure[1]) > Math.abs(structure[0]) ? "growing" : "shrinking"}, as the effective Fano factor of the E trains goes from ${fx(ends[0].spectra.fano[0])} to ${fx(ends[1].spectra.fano[0])}).`;
}

/** Simulation − input spectra (without the cross-covariance), Hz, [E, I]. */
const spectraRest = (at: TheoryRow): [number, number] => [at.sim.E.mean - at.spectra.rE, at.sim.I.mean - at.spectra.rI];

/** What is left of the remainder simulation − input spectra once the closed-loop shift of the cross-correlations is taken off (Hz, E and I). */
export function remainderLeft(at: TheoryRow, dr: ClosedLoopShift): number[] {
  return [0, 1].map((a) => spectraRest(at)[a] - dr.dr[a]);
}

/** The paired per-seed change of the free membrane variance (real - shifted trains) of one population: mean and SE. */
export function freeVarianceChange(c: CorrelationEffect["E"]): { mean: number; se: number } {
  const d = c.freeVariance.real.perSeed.map((x, i) => x - c.freeVariance.shifted.perSeed[i]);
  const m = d.reduce((a, b) => a + b, 0) / d.length;
  return { mean: m, se: Math.sqrt(d.reduce((a, b) => a + (b - m) ** 2, 0) / (d.length - 1) / d.length) };
}

/** The measured cross-correlation effect: test neurons against the network, open loop (verdict `lower`), closed loop against the remainder (verdict `explained`). */
export function correlationEffectReport(xc: CorrelationEffect, dr: ClosedLoopShift, at: TheoryRow, v: { explained: Verdict; lower: Verdict }): ReportPart {
  const pm = (m: number, se: number) => signedWithError(m, se, 2);
  const rest = remainderLeft(at, dr);
  return md`* **Test neurons reproduce the network** (real − network, Hz): ${pm(xc.E.realMinusNetwork.mean, xc.E.realMinusNetwork.se)} (E), ${pm(xc.I.realMinusNetwork.mean, xc.I.realMinusNetwork.se)} (I).
* **Open loop** (real − shifted, Hz): ${pm(xc.E.difference.mean, xc.E.difference.se)} (E), ${pm(xc.I.difference.mean, xc.I.difference.se)} (I): the correlations between trains ${v.lower} (from ${fx(xc.E.freeVariance.shifted.mean)} to ${fx(xc.E.freeVariance.real.mean)} for E, from ${fx(xc.I.freeVariance.shifted.mean)} to ${fx(xc.I.freeVariance.real.mean)} for I).
* **Closed loop** (Hz): ${pm(dr.dr[0], dr.se[0])} (E), ${pm(dr.dr[1], dr.se[1])} (I), against the remainder simulation − input spectra of ${pm(spectraRest(at)[0], at.sim.E.se)}, ${pm(spectraRest(at)[1], at.sim.I.se)}: the cross-correlations ${v.explained}; left: ${hz(rest[0])}, ${hz(rest[1])} Hz, which the open-loop test below assigns.`;
}

/** Whether what is left of a row's remainder after the cross-correlations lies within 2 SE (simulation and shift SE combined) for both rates. */
export function restWithinTwoSE(row: TheoryRow, dr: ClosedLoopShift): boolean {
  const rest = remainderLeft(row, dr);
  return [row.sim.E.se, row.sim.I.se].every((se, a) => Math.abs(rest[a]) <= 2 * Math.hypot(se, dr.se[a]));
}
