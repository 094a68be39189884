import { checkNumber, invalid, within } from "../core/validate";
import { fixed, signed, withError } from "./format";
import { ReportPart, type TableCell, markdownTable, md } from "./markdown";
import { Verdict, Z_THRESHOLD, agreement } from "./verdict";

/**
 * The tables notebooks print again and again: simulation against theory (with difference, z and
 * a verdict per row), the parameters of a run, and the one-line verdict sentence of a z-test.
 */

/** One row of {@link comparisonTable}. */
export interface ComparisonRow {
  /** What is compared (Markdown; LaTeX in `$...$` through md`...`), e.g. "mean count per neuron". */
  quantity: string | ReportPart;
  /** The simulated value. */
  simulation: number;
  /** Its standard error; without it the row shows no z and no verdict. */
  se?: number;
  /** The theoretical value. */
  theory: number;
  /** Decimals of every number in the row (default 3). */
  digits?: number;
  /** Print the numbers in exponent form (default false). */
  scientific?: boolean;
  /** Verdict identifier (default: the quantity). */
  id?: string;
  /** What the notebook's Markdown asserts about this row's agreement. */
  asserted?: boolean;
}

/** Options of {@link comparisonTable}. */
export interface ComparisonOptions {
  /** Agreement when |z| < threshold (default 3). */
  threshold?: number;
  /** Header of the simulation column (default "simulation ± SE"). */
  simulation?: string | ReportPart;
  /** Header of the theory column (default "theory"; LaTeX through md`...`). */
  theory?: string | ReportPart;
  /** What the difference is, in the line under the table (default "simulation − theory"; e.g. "Brian2 − ours" for two engines). */
  difference?: string;
}

function comparisonCells(row: ComparisonRow, threshold: number): TableCell[] {
  const where = "comparisonTable";
  const sim = checkNumber(where, "simulation", row.simulation);
  const theory = checkNumber(where, "theory", row.theory);
  const digits = row.digits ?? 3;
  const num = (x: number) => fixed(x, digits, row.scientific);
  if (row.se === undefined) return [row.quantity, num(sim), num(theory), num(sim - theory), "—", "—"];
  const se = checkNumber(where, "se", row.se, { min: 0, minInclusive: false });
  const z = (sim - theory) / se;
  const verdict = agreement({ id: row.id ?? String(row.quantity), z, threshold, asserted: row.asserted, yes: "agree", no: "disagree" });
  return [row.quantity, withError(sim, se, digits, row.scientific), num(theory), num(sim - theory), signed(z), verdict];
}

/**
 * A table of simulation against theory: quantity | simulation ± SE | theory | difference | z |
 * verdict, with z = (simulation − theory)/SE and the verdict "agree" when |z| < threshold, and a
 * line under the table saying so (`difference` names the difference there when the columns are
 * not a simulation and a theory). Each row with an SE adds its verdict to the part.
 * @param rows the rows (at least one)
 * @param options threshold and column headers
 * @throws ParameterError when there is no row, a number is not finite, an SE is not > 0, or the threshold is not > 0
 * @returns the table and its verdicts as a {@link ReportPart}
 */
export function comparisonTable(rows: readonly ComparisonRow[], options: ComparisonOptions = {}): ReportPart {
  if (!Array.isArray(rows) || rows.length === 0) invalid("comparisonTable", "rows", rows, "a non-empty array");
  const threshold = checkNumber("comparisonTable", "threshold", options.threshold ?? Z_THRESHOLD, { min: 0, minInclusive: false });
  const header = ["quantity", String(options.simulation ?? "simulation ± SE"), String(options.theory ?? "theory"), "difference", "z", "verdict"];
  const table = markdownTable(header, rows.map((r) => comparisonCells(r, threshold)));
  const difference = String(options.difference ?? "simulation − theory");
  return md`${table}

z = (${difference}) / SE; the verdict is "agree" when |z| < ${threshold}.`;
}

/** One row of {@link parameterTable}. */
export interface ParameterRow {
  /** The symbol (Markdown; LaTeX through md`...`), e.g. md`$\Delta t$` or "$r_X$". */
  symbol: string | ReportPart;
  /** Its value. */
  value: number | string;
  /** Its unit ("Hz", "s"); omit for dimensionless values. */
  unit?: string;
  /** What it is, in words. */
  meaning: string;
}

/**
 * A table of the parameters of a run: parameter | symbol | value.
 * @param rows the parameters (at least one)
 * @throws ParameterError when there is no row
 * @returns the table as a {@link ReportPart}
 */
export function parameterTable(rows: readonly ParameterRow[]): ReportPart {
  if (!Array.isArray(rows) || rows.length === 0) invalid("parameterTable", "rows", rows, "a non-empty array");
  return markdownTable(["parameter", "symbol", "value"], rows.map((r) => [r.meaning, r.symbol, `${r.value}${r.unit ? ` ${r.unit}` : ""}`]));
}

/** Options of {@link agreementSentence}. */
export interface SentenceOptions {
  /** Verdict identifier, unique within the notebook. */
  id: string;
  /** What was measured, e.g. "The simulated mean count". */
  subject: string | ReportPart;
  /** What it is compared with, e.g. "$r_X T = 20$" or md`$\mu = w r_X \tau$`. */
  reference: string | ReportPart;
  /** z = (simulation − reference) / SE. */
  z: number;
  /** Agreement when |z| < threshold (default 3). */
  threshold?: number;
  /** Phrase when they agree (default "theory and simulation agree"). */
  yes?: string;
  /** Phrase when they do not (default "theory and simulation disagree"). */
  no?: string;
  /** What the notebook's Markdown asserts. */
  asserted?: boolean;
}

/**
 * The one-line verdict of a z-test: "The simulated mean count differs from $r_X T = 20$ by −0.69
 * standard errors: **theory and simulation agree** (|z| < 3)."
 * @throws ParameterError as {@link agreement}
 * @returns the sentence and its verdict as a {@link ReportPart}
 */
export function agreementSentence(options: SentenceOptions): ReportPart {
  return within("agreementSentence", "options", () => {
    const verdict: Verdict = agreement(options);
    const threshold = verdict.record.threshold ?? Z_THRESHOLD;
    return md`${options.subject} differs from ${options.reference} by ${signed(options.z)} standard errors: ${verdict} (|z| ${verdict.holds ? "<" : "≥"} ${threshold}).`;
  });
}
