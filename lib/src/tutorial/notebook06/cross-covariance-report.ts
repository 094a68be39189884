import type { TheoryRow } from "../../experiments/theory-table";
import type { CorrelationEffect } from "../../experiments/input-correlations";
import { md, type ReportPart } from "../../report/markdown";
import { check, type Verdict, Z_THRESHOLD } from "../../report/verdict";
import { signed, signedWithError } from "../../report/format";
import { freeVarianceChange } from "./section-reports";

/**
 * The theory of the cross-covariance between a neuron's inputs against its measurement at one
 * point of the table: the predicted change of the free membrane potential's variance (the row's
 * `correlated.variance`) against test neurons on real minus shifted trains. (Its part of the
 * rates, open loop, is compared in open-loop-parts.ts.)
 */

/** (theory - measured) / SE of the measurement, for E and I. */
function zPair(theory: readonly number[], measured: readonly { mean: number; se: number }[]): number[] {
  return [0, 1].map((a) => (theory[a] - measured[a].mean) / measured[a].se);
}

/**
 * The verdict at one point: the predicted variance change agrees with the measured one within
 * 3 SE of the measurement (Z_THRESHOLD) for both populations, with the values and z.
 * @param xc the measured effect (test neurons on real against shifted trains) at the row's point.
 * @param row the table's row at the same point.
 * @returns the verdict, its id ending in K and r_X.
 */
export function crossTheoryVerdict(xc: CorrelationEffect, row: TheoryRow): Verdict {
  const m = [freeVarianceChange(xc.E), freeVarianceChange(xc.I)], at = `K${row.K}-rX${row.rX}`;
  const zv = zPair(row.correlated.variance, m);
  return check({ id: `cross-covariance-variance-${at}`, holds: zv.every((z) => Math.abs(z) < Z_THRESHOLD),
    yes: "agrees with the measured change within 3 SE", no: "does not agree with the measured change within 3 SE",
    values: { "theory E": row.correlated.variance[0], "measured E": m[0].mean, "z E": zv[0], "theory I": row.correlated.variance[1], "measured I": m[1].mean, "z I": zv[1] } });
}

/**
 * The theory of the cross part's variance against its measurement at one point (the verdict of {@link crossTheoryVerdict}).
 * @param xc the measured effect at the row's point.
 * @param row the table's row at the same point.
 * @param v the verdict.
 * @returns the report part.
 */
export function crossTheoryReport(xc: CorrelationEffect, row: TheoryRow, v: Verdict): ReportPart {
  const m = [freeVarianceChange(xc.E), freeVarianceChange(xc.I)];
  const pm = (x: { mean: number; se: number }) => signedWithError(x.mean, x.se, 3);
  return md`* **The cross-covariance from linear response** ($K = ${row.K}$, $r_X = ${row.rX}$ Hz): it changes the variance of the free membrane potential by ${signed(row.correlated.variance[0], 3)} (E), ${signed(row.correlated.variance[1], 3)} (I); the test neurons measure ${pm(m[0])}, ${pm(m[1])}: the prediction ${v}.`;
}
