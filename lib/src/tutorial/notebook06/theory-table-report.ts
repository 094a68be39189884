import type { TheoryRow, TheoryVerdict } from "../../experiments/theory-table";
import { invalid } from "../../core/validate";
import { fixed, withError } from "../../report/format";
import { ReportPart, markdownTable, md } from "../../report/markdown";
import type { Verdict } from "../../report/verdict";

/**
 * The finite-K theory table of notebook 06 as Markdown: per (K, r_X) the simulated rates with
 * their between-seed SE and, for each theory, its relative deviation from the simulation (E, I),
 * and whether the best theory (self-consistent input spectra with the cross-covariance of a
 * neuron's inputs) is within 1 % for both rates.
 */

/** The theories of a {@link TheoryRow}, in the order the table shows them, with their column titles. */
const THEORY_COLUMNS = [
  ["balanced", "balanced limit"],
  ["diffusion", "diffusion mean field"],
  ["discrete", "Euler chain, Poisson inputs"],
  ["renewal", "Euler chain, per-bin overdispersed inputs"],
  ["spectra", "Euler chain, self-consistent input spectra"],
  ["correlated", "Euler chain, input spectra and cross-covariance"],
] as const;

/** The theory whose "within 1 %" the table shows: the best one. */
export const BEST_THEORY = "correlated";

/** The name of a theory in a {@link TheoryRow}'s verdicts. */
export type TheoryName = (typeof THEORY_COLUMNS)[number][0];

const percent = (x: number) => `${x >= 0 ? "+" : ""}${fixed(100 * x, 1)}`;
const deviation = (v: TheoryVerdict) => `${percent(v.relative[0])}, ${percent(v.relative[1])}${v.withinTwoSE ? " ✓" : ""}`;

/**
 * The table: K, r_X, runs (usable of simulated, where some locked into the synchronous state), simulated r_E and r_I (mean ± between-seed SE, Hz) and, per theory, its
 * deviation from the simulation in % for E and I (theory / simulation - 1), marked ✓ where both
 * lie within 2 SE; last, "yes" or "no": both rates of the best theory ({@link BEST_THEORY}) within 1 %.
 * @param rows the rows of {@link theoryTable}
 * @throws ParameterError when rows is not a non-empty array
 * @returns the table as a {@link ReportPart}
 */
export function theoryTableReport(rows: readonly TheoryRow[]): ReportPart {
  if (!Array.isArray(rows) || rows.length === 0) invalid("theoryTableReport", "rows", rows, "a non-empty array of theoryTable rows");
  const header = ["K", "r_X (Hz)", "runs", "sim r_E (Hz)", "sim r_I (Hz)", ...THEORY_COLUMNS.map(([, title]) => `${title}: E, I (%)`), "within 1 %"];
  return markdownTable(header, rows.map((r) => [
    r.K, r.rX, r.sim.runs > r.sim.usable ? `${r.sim.usable} of ${r.sim.runs}` : r.sim.runs, withError(r.sim.E.mean, r.sim.E.se, 2), withError(r.sim.I.mean, r.sim.I.se, 2),
    ...THEORY_COLUMNS.map(([name]) => deviation(r.verdicts[name])), r.verdicts[BEST_THEORY].withinOnePercent ? "yes" : "no",
  ]));
}

/**
 * How one theory fares over the rows: the largest |relative deviation| (E and I together), and the
 * number of rows within 1 %, within 2 SE and with the simulation's sign of deviation from the
 * balanced limit.
 * @param rows the rows of {@link theoryTable}
 * @param theory which theory
 * @returns the counts and the largest deviation
 */
export function theoryScore(rows: readonly TheoryRow[], theory: TheoryName) {
  const v = rows.map((r) => r.verdicts[theory]);
  return {
    maxDeviation: Math.max(...v.flatMap((x) => x.relative.map(Math.abs))),
    withinOnePercent: v.filter((x) => x.withinOnePercent).length,
    withinTwoSE: v.filter((x) => x.withinTwoSE).length,
    rightSign: v.filter((x) => x.rightSign).length,
    rows: rows.length,
  };
}

/**
 * The smallest margin by which the per-bin overdispersed (renewal) inputs put r_I further from the
 * simulation than Poisson inputs: min over rows of |relative deviation of r_I| (renewal) minus that
 * of the Poisson-input chain; positive when the renewal r_I is further off at every row.
 * @param rows the rows of {@link theoryTable}
 * @returns the margin (a fraction of r_I)
 */
export function renewalMarginI(rows: readonly TheoryRow[]): number {
  return Math.min(...rows.map((r) => Math.abs(r.verdicts.renewal.relative[1]) - Math.abs(r.verdicts.discrete.relative[1])));
}

/**
 * The best theory at points outside the table, one sentence per row: the simulated rates with
 * their between-seed SE, the prediction, its deviation in % and in SE, and the row's verdict.
 * @param rows rows of {@link theoryTable} for the new points.
 * @param verdicts one verdict per row (both rates within 1 %).
 * @returns the report part.
 * @throws ParameterError when rows is empty or the verdicts do not match the rows.
 */
export function outOfTableReport(rows: readonly TheoryRow[], verdicts: readonly Verdict[]): ReportPart {
  if (!Array.isArray(rows) || rows.length === 0) invalid("outOfTableReport", "rows", rows, "a non-empty array of theoryTable rows");
  if (!Array.isArray(verdicts) || verdicts.length !== rows.length) invalid("outOfTableReport", "verdicts", verdicts, `${rows.length} verdicts, one per row`);
  const z = (x: number) => `${x >= 0 ? "+" : ""}${fixed(x, 1)} SE`;
  return md`${rows.map((r, i) => {
    const t = r[BEST_THEORY], v = r.verdicts[BEST_THEORY];
    return md`* $K = ${r.K}$, $r_X = ${r.rX}$ Hz: simulation ${withError(r.sim.E.mean, r.sim.E.se, 2)}, ${withError(r.sim.I.mean, r.sim.I.se, 2)} Hz; input spectra and cross-covariance ${fixed(t.rE, 2)}, ${fixed(t.rI, 2)} Hz (${percent(v.relative[0])}%, ${percent(v.relative[1])}%; ${z(v.z[0])}, ${z(v.z[1])}): ${verdicts[i]}.`;
  })}`;
}
