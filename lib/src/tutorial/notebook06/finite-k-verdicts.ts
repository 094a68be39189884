/**
 * Notebook 06's finite-K theory section: its verdicts, each with the numbers it rests on
 * (percent deviations, Hz, z), computed from the theory table, the measured cross-correlation
 * effect and the open-loop test of the input models.
 */
import { check, type Verdict } from "../../report/verdict";
import type { TheoryRow } from "../../experiments/theory-table";
import type { CorrelationEffect } from "../../experiments/input-correlations";
import type { ClosedLoopShift } from "../../theory/closed-loop-shift";
import { BEST_THEORY, renewalMarginI, theoryScore } from "./theory-table-report";
import { freeVarianceChange, remainderLeft, renewalWorseForI, restWithinTwoSE } from "./section-reports";
import { openLoopDeviation, type InputModelsOpenLoop } from "./input-models";

const pct = (x: number) => 100 * x;

/**
 * The table's verdicts: the Euler chain with Poisson inputs has the right sign of the deviation
 * from the balanced limit at every point (`sign`), per-bin overdispersed inputs put r_I further
 * from the simulation than Poisson inputs at every point (`renWorse`, with the smallest margin in
 * percentage points), and the best theory is within 1 % at every point (`onePct`).
 * @param theory the rows of {@link theoryTable}.
 * @returns the three verdicts.
 */
export function finiteKVerdicts(theory: readonly TheoryRow[]): { sign: Verdict; renWorse: Verdict; onePct: Verdict } {
  const dis = theoryScore(theory, "discrete"), best = theoryScore(theory, BEST_THEORY);
  const margin = renewalMarginI(theory);
  return {
    sign: check({ id: "exact-transfer-right-sign", holds: dis.rightSign === dis.rows, yes: "at every point", no: "not at every point",
      asserted: true, values: { "points with the right sign": dis.rightSign, points: dis.rows } }),
    renWorse: check({ id: "renewal-rI-worse-than-poisson", holds: renewalWorseForI(theory), yes: "at every point", no: "not at every point",
      values: { "smallest margin (percentage points of r_I)": pct(margin) } }),
    onePct: check({ id: "finite-k-within-1pct", holds: best.withinOnePercent === best.rows, yes: "holds", no: "does not hold", asserted: true,
      values: { "points within 1 %": best.withinOnePercent, points: best.rows, "largest deviation (%)": pct(best.maxDeviation) } }),
  };
}

/**
 * The cross-correlation part at one point: whether the measured closed-loop shift accounts for the
 * remainder (simulation - best theory) within 2 SE (`explained`, with what is left in Hz), and
 * whether the correlations between trains lower the free membrane variance (`lower`, with the
 * paired change and its z per population).
 * @param xc the measured effect (test neurons on real against shifted trains).
 * @param dr its closed-loop shift.
 * @param at the table's row at the same point.
 * @returns the two verdicts.
 */
export function crossCorrelationVerdicts(xc: CorrelationEffect, dr: ClosedLoopShift, at: TheoryRow): { explained: Verdict; lower: Verdict } {
  const rest = remainderLeft(at, dr);
  const [cE, cI] = [freeVarianceChange(xc.E), freeVarianceChange(xc.I)];
  return {
    explained: check({ id: "cross-correlations-explain-remainder", holds: restWithinTwoSE(at, dr),
      yes: "account for the whole remainder within 2 SE", no: "do not account for the whole remainder",
      values: { "left E (Hz)": rest[0], "left I (Hz)": rest[1] } }),
    lower: check({ id: "cross-correlations-lower-variance", holds: cE.mean < -3 * cE.se && cI.mean < -3 * cI.se,
      yes: "lower the variance of the free membrane potential", no: "do not lower the free membrane variance",
      values: { "change E": cE.mean, "z E": cE.mean / cE.se, "change I": cI.mean, "z I": cI.mean / cI.se } }),
  };
}

/**
 * The open-loop test of the input models: the input spectra come closer to the test neurons on
 * shifted trains than the per-bin overdispersed inputs for both rates (`closest`, deviations in %),
 * and quenched heterogeneity of the partners' rates changes the rates by less than one SE of the
 * test neurons (`negligible`, in Hz).
 * @param m the input models' open-loop rates against the shifted test neurons.
 * @returns the two verdicts.
 */
export function inputModelVerdicts(m: InputModelsOpenLoop): { closest: Verdict; negligible: Verdict } {
  const ren = openLoopDeviation(m, "renewal"), spec = openLoopDeviation(m, "spectra");
  return {
    closest: check({ id: "input-spectra-closest-open-loop", holds: [0, 1].every((a) => Math.abs(spec[a]) < Math.abs(ren[a])),
      yes: "closer to the test neurons", no: "not closer to the test neurons",
      values: { "spectra E (%)": pct(spec[0]), "spectra I (%)": pct(spec[1]), "per-bin E (%)": pct(ren[0]), "per-bin I (%)": pct(ren[1]) } }),
    negligible: check({ id: "quenched-heterogeneity-negligible", holds: [0, 1].every((a) => Math.abs(m.heterogeneity[a]) < m.shifted.se[a]),
      yes: "below one SE of the test neurons", no: "not below one SE of the test neurons",
      values: { "change E (Hz)": m.heterogeneity[0], "change I (Hz)": m.heterogeneity[1], "SE E (Hz)": m.shifted.se[0], "SE I (Hz)": m.shifted.se[1] } }),
  };
}

/**
 * One verdict per point outside the table: the best theory within 1 % for both rates, with the
 * deviations in % and in between-seed SE.
 * @param rows rows of {@link theoryTable} for the new points.
 * @returns the verdicts, in the order of the rows.
 */
export function outOfTableVerdicts(rows: readonly TheoryRow[]): Verdict[] {
  return rows.map((r) => {
    const v = r.verdicts[BEST_THEORY];
    return check({ id: `out-of-table-K${r.K}-rX${r.rX}-within-1pct`, holds: v.withinOnePercent, yes: "both rates within 1%", no: "not both rates within 1%",
      values: { "E (%)": pct(v.relative[0]), "I (%)": pct(v.relative[1]), "z E": v.z[0], "z I": v.z[1] } });
  });
}
