import type { ClosedLoopShift } from "../../theory/closed-loop-shift";
import type { TheoryRow } from "../../experiments/theory-table";
import type { CorrelationEffect } from "../../experiments/input-correlations";
import { md, type ReportPart } from "../../report/markdown";
import type { Verdict } from "../../report/verdict";
import { fixed, signed } from "../../report/format";
import { theoryScore } from "./theory-table-report";

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

/** The three finite-K theories' scores (verdicts `sign` and `onePct`), the parts of the deviation at K = 100, r_X = 10 Hz, and their change with K. */
export function finiteKReport(theory: readonly TheoryRow[], v: { sign: Verdict; onePct: Verdict }): ReportPart {
  const [dif, dis, ren] = (["diffusion", "discrete", "renewal"] as const).map((t) => theoryScore(theory, t));
  const kRows = theory.filter((r) => r.rX === 10).sort((a, b) => a.K - b.K), ends = [kRows[0], kRows[kRows.length - 1]];
  const at = theory.find((r) => r.K === 100 && r.rX === 10)!.parts;
  const poissonPart = ends.map((r) => r.discrete.rE - r.balanced.rE), structure = ends.map((r) => r.parts.trainStructure[0]);
  return md`* **Diffusion mean field**: ${scoreSentence(dif)}.
* **Exact transfer, Poisson inputs**: ${scoreSentence(dis)}: the right sign ${v.sign}.
* **Exact transfer, renewal inputs**: ${scoreSentence(ren)}. The goal of every rate within 1% ${v.onePct} by either exact theory.
* **Where the deviation comes from** ($K = 100$, $r_X = 10$ Hz; E, I in Hz): simulation − balanced = ${hz(at.total[0])}, ${hz(at.total[1])} = diffusion mean field − balanced (${hz(at.meanField[0])}, ${hz(at.meanField[1])}) + the diffusion approximation's error (exact − diffusion: ${hz(at.diffusionError[0])}, ${hz(at.diffusionError[1])}) + the input trains' own structure (renewal − Poisson inputs: ${hz(at.trainStructure[0])}, ${hz(at.trainStructure[1])}) + the rest (simulation − renewal: ${hz(at.remainder[0])}, ${hz(at.remainder[1])}: correlations between inputs, and the renewal model's own approximations).
* **How the deviation changes with $K$** ($r_X = 10$ Hz, $r_E$): from $K = ${ends[0].K}$ to $K = ${ends[1].K}$ the simulated deviation goes from ${hz(ends[0].parts.total[0])} to ${hz(ends[1].parts.total[0])} ± ${fx(ends[1].sim.E.se)} Hz, where a $1/\sqrt K$ decay would leave ${hz(ends[0].parts.total[0] * Math.sqrt(ends[0].K / ends[1].K))} Hz; the exact Poisson-input part goes from ${hz(poissonPart[0])} to ${hz(poissonPart[1])} Hz (${Math.abs(poissonPart[1]) < Math.abs(poissonPart[0]) ? "shrinking" : "growing"}), the train-structure part from ${hz(structure[0])} to ${hz(structure[1])} Hz (${Math.abs(structure[1]) > Math.abs(structure[0]) ? "growing" : "shrinking"}, as the Fano factor of the E trains goes from ${fx(ends[0].renewal.fano[0])} to ${fx(ends[1].renewal.fano[0])}).`;
}

/** What is left of the remainder simulation − renewal once the closed-loop shift of the cross-correlations is taken off (Hz, E and I). */
export function remainderLeft(at: TheoryRow, dr: ClosedLoopShift): number[] {
  return [0, 1].map((a) => at.parts.remainder[a] - dr.dr[a]);
}

/** The measured cross-correlation effect: test neurons against the network, open loop, closed loop against the remainder (verdict `explained`). */
export function correlationEffectReport(xc: CorrelationEffect, dr: ClosedLoopShift, at: TheoryRow, explained: Verdict): ReportPart {
  const pm = (m: number, se: number) => `${m >= 0 ? "+" : ""}${fx(m)} ± ${fx(se)}`;
  const rest = remainderLeft(at, dr);
  return md`* **Test neurons reproduce the network** (real − network, Hz): ${pm(xc.E.realMinusNetwork.mean, xc.E.realMinusNetwork.se)} (E), ${pm(xc.I.realMinusNetwork.mean, xc.I.realMinusNetwork.se)} (I).
* **Open loop** (real − shifted, Hz): ${pm(xc.E.difference.mean, xc.E.difference.se)} (E), ${pm(xc.I.difference.mean, xc.I.difference.se)} (I): the correlations lower the variance of the free membrane potential from ${fx(xc.E.freeVariance.shifted.mean)} to ${fx(xc.E.freeVariance.real.mean)} (E) and from ${fx(xc.I.freeVariance.shifted.mean)} to ${fx(xc.I.freeVariance.real.mean)} (I).
* **Closed loop** (Hz): ${pm(dr.dr[0], dr.se[0])} (E), ${pm(dr.dr[1], dr.se[1])} (I), against the remainder simulation − renewal of ${pm(at.parts.remainder[0], at.sim.E.se)}, ${pm(at.parts.remainder[1], at.sim.I.se)}: the cross-correlations ${explained}; left for the renewal model's own approximations: ${fx(rest[0])}, ${fx(rest[1])} Hz.`;
}
