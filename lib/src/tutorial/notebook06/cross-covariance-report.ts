import type { ClosedLoopShift } from "../../theory/closed-loop-shift";
import type { TheoryRow } from "../../experiments/theory-table";
import type { CorrelationEffect } from "../../experiments/input-correlations";
import { md, type ReportPart } from "../../report/markdown";
import { check, type Verdict, Z_THRESHOLD } from "../../report/verdict";
import { fixed, signed } from "../../report/format";
import { freeVarianceChange } from "./section-reports";

/**
 * The theory of the cross-covariance between a neuron's inputs against its measurement at one
 * point of the table: the predicted change of the free membrane potential's variance (the row's
 * `correlated.variance`) against test neurons on real minus shifted trains, and the theory's
 * cross part of the rates (`parts.crossCorrelations`) against the measured closed-loop shift.
 */


/** (theory - measured) / SE of the measurement, for E and I. */
function zPair(theory: readonly number[], measured: readonly { mean: number; se: number }[]): number[] {
  return [0, 1].map((a) => (theory[a] - measured[a].mean) / measured[a].se);
}

/** The measured quantities the verdicts compare with: the free variance change and the closed-loop shift, per population. */
function measured(xc: CorrelationEffect, dr: ClosedLoopShift) {
  return {
    variance: [freeVarianceChange(xc.E), freeVarianceChange(xc.I)],
    shift: [0, 1].map((a) => ({ mean: dr.dr[a], se: dr.se[a] })),
  };
}

/**
 * The two verdicts at one point: the predicted variance change agrees with the measured one within
 * 3 SE of the measurement (Z_THRESHOLD) for both populations (`variance`, with the values and z),
 * and the theory's cross part of the rates agrees with the measured closed-loop shift within 3 of
 * its SE (`shift`, with the values and z).
 * @param xc the measured effect (test neurons on real against shifted trains) at the row's point.
 * @param dr its closed-loop shift (closedLoopShift).
 * @param row the table's row at the same point.
 * @returns the two verdicts.
 */
export function crossTheoryVerdicts(xc: CorrelationEffect, dr: ClosedLoopShift, row: TheoryRow): { variance: Verdict; shift: Verdict } {
  const m = measured(xc, dr), at = `K${row.K}-rX${row.rX}`;
  const zv = zPair(row.correlated.variance, m.variance), zs = zPair(row.parts.crossCorrelations, m.shift);
  return {
    variance: check({ id: `cross-covariance-variance-${at}`, holds: zv.every((z) => Math.abs(z) < Z_THRESHOLD),
      yes: "agrees with the measured change within 3 SE", no: "does not agree with the measured change within 3 SE",
      values: { "theory E": row.correlated.variance[0], "measured E": m.variance[0].mean, "z E": zv[0], "theory I": row.correlated.variance[1], "measured I": m.variance[1].mean, "z I": zv[1] } }),
    shift: check({ id: `cross-covariance-shift-${at}`, holds: zs.every((z) => Math.abs(z) < Z_THRESHOLD),
      yes: "agrees with the measured shift within 3 SE", no: "does not agree with the measured shift within 3 SE",
      values: { "theory E (Hz)": row.parts.crossCorrelations[0], "measured E (Hz)": m.shift[0].mean, "z E": zs[0], "theory I (Hz)": row.parts.crossCorrelations[1], "measured I (Hz)": m.shift[1].mean, "z I": zs[1] } }),
  };
}

/**
 * The theory of the cross part against its measurement at one point (verdicts of {@link crossTheoryVerdicts}).
 * @param xc the measured effect at the row's point.
 * @param dr its closed-loop shift.
 * @param row the table's row at the same point.
 * @param v the verdicts.
 * @returns the report part.
 */
export function crossTheoryReport(xc: CorrelationEffect, dr: ClosedLoopShift, row: TheoryRow, v: { variance: Verdict; shift: Verdict }): ReportPart {
  const m = measured(xc, dr);
  const pm = (x: { mean: number; se: number }, d: number) => `${signed(x.mean, d)} ± ${fixed(x.se, d)}`;
  return md`* **The cross-covariance from linear response** ($K = ${row.K}$, $r_X = ${row.rX}$ Hz): it changes the variance of the free membrane potential by ${signed(row.correlated.variance[0], 3)} (E), ${signed(row.correlated.variance[1], 3)} (I); the test neurons measure ${pm(m.variance[0], 3)}, ${pm(m.variance[1], 3)}: the prediction ${v.variance}.
* **Its part of the rates** (theory with − without it, Hz): ${signed(row.parts.crossCorrelations[0], 2)} (E), ${signed(row.parts.crossCorrelations[1], 2)} (I), against the measured closed-loop shift ${pm(m.shift[0], 2)}, ${pm(m.shift[1], 2)}: the theory ${v.shift}.`;
}
