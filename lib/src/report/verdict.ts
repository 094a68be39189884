import { checkNumber, invalid, within } from "../core/validate";

/**
 * Verdicts: a computed yes/no statement of a notebook ("theory and simulation agree"), shown in
 * bold in the Markdown and emitted machine-readably, so that a test can check that a re-executed
 * notebook reaches the verdicts its prose asserts.
 */

/** The MIME type under which a report output carries its verdicts as JSON ({@link VerdictBundle}). */
export const VERDICT_MIME = "application/vnd.ei-balance.verdict+json";

/** A verdict as JSON: what a notebook output carries under {@link VERDICT_MIME}. */
export interface VerdictRecord {
  /** Identifier, unique within a notebook, e.g. "mean-count". */
  id: string;
  /** What the verdict says when it holds (its "yes" phrase). */
  claim: string;
  /** Whether the claim holds in this run. */
  holds: boolean;
  /** The z-score it was computed from, if any. */
  z?: number;
  /** The |z| threshold below which the claim holds, if computed from a z-score. */
  threshold?: number;
  /** What the notebook's fixed prose (its Markdown cells) asserts; a test checks holds === asserted. */
  asserted?: boolean;
  /**
   * The numbers the verdict rests on, by name (value, SE, z, sign, ...), each rounded to
   * {@link VALUE_DIGITS} significant digits: printed after the phrase and compared exactly by the
   * notebook tests, so that a re-executed notebook must reproduce them as printed.
   */
  values?: Record<string, number>;
}

/** Significant digits of a verdict's {@link VerdictRecord.values}: what is printed and what a re-execution must reproduce. */
export const VALUE_DIGITS = 4;

/** The JSON object under {@link VERDICT_MIME}. */
export interface VerdictBundle {
  verdicts: VerdictRecord[];
}

/**
 * One computed verdict. Interpolated into Markdown (`${verdict}`) it prints its phrase in bold:
 * the "yes" phrase when it holds, the "no" phrase otherwise.
 */
export class Verdict {
  /**
   * @param record the machine-readable verdict
   * @param no the phrase printed when the claim does not hold
   */
  constructor(readonly record: VerdictRecord, readonly no: string) {}

  /** Whether the claim holds in this run. */
  get holds(): boolean {
    return this.record.holds;
  }

  /** The phrase for this run: the claim when it holds, the "no" phrase otherwise. */
  get phrase(): string {
    return this.holds ? this.record.claim : this.no;
  }

  /** The phrase in bold Markdown, followed by its values in parentheses when it has any: `**phrase** (z = 1.23)`. */
  toString(): string {
    const values = Object.entries(this.record.values ?? {}).map(([name, x]) => `${name} = ${x}`);
    return values.length > 0 ? `**${this.phrase}** (${values.join("; ")})` : `**${this.phrase}**`;
  }

  /** The verdict as JSON ({@link VerdictRecord}). */
  toJSON(): VerdictRecord {
    return this.record;
  }
}

/** Options of {@link check}. */
export interface CheckOptions {
  /** Identifier, unique within the notebook. */
  id: string;
  /** Whether the claim holds (computed from the run). */
  holds: boolean;
  /** The phrase when it holds, e.g. "the counts follow the binomial law". */
  yes: string;
  /** The phrase when it does not. */
  no: string;
  /** What the notebook's Markdown asserts (omit when the prose asserts nothing fixed). */
  asserted?: boolean;
  /** The numbers the verdict rests on, by name ({@link VerdictRecord.values}); each must be finite. */
  values?: Record<string, number>;
}

function checkText(where: string, name: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") invalid(where, name, value, "a non-empty string");
  return value as string;
}

function checkAsserted(where: string, asserted: unknown): boolean | undefined {
  if (asserted !== undefined && typeof asserted !== "boolean") invalid(where, "asserted", asserted, "true, false or undefined");
  return asserted as boolean | undefined;
}

function checkValues(where: string, values: unknown): Record<string, number> | undefined {
  if (values === undefined) return undefined;
  if (typeof values !== "object" || values === null || Array.isArray(values)) invalid(where, "values", values, "an object of named numbers");
  const entries = Object.entries(values as Record<string, unknown>);
  if (entries.length === 0) invalid(where, "values", values, "at least one named number, or no values option");
  return Object.fromEntries(entries.map(([name, x]) => [checkText(where, "values name", name), rounded(checkNumber(where, `values.${name}`, x))]));
}

/** x to {@link VALUE_DIGITS} significant digits; x itself where rounding would overflow (|x| near the largest double). */
function rounded(x: number): number {
  const r = Number(x.toPrecision(VALUE_DIGITS));
  return Number.isFinite(r) ? r : x;
}

/**
 * A verdict computed by the caller: `holds` is the outcome of a test done in the cell; `values`
 * are the numbers it rests on, kept to {@link VALUE_DIGITS} significant digits.
 * @throws ParameterError when id, yes or no is empty, holds or asserted is not a boolean, or a value is not finite
 * @returns the {@link Verdict}
 */
export function check(options: CheckOptions): Verdict {
  const where = "check";
  if (typeof options.holds !== "boolean") invalid(where, "holds", options.holds, "true or false");
  const asserted = checkAsserted(where, options.asserted);
  const values = checkValues(where, options.values);
  const record: VerdictRecord = { id: checkText(where, "id", options.id), claim: checkText(where, "yes", options.yes), holds: options.holds };
  if (asserted !== undefined) record.asserted = asserted;
  if (values !== undefined) record.values = values;
  return new Verdict(record, checkText(where, "no", options.no));
}

/** Options of {@link agreement}. */
export interface AgreementOptions {
  /** Identifier, unique within the notebook. */
  id: string;
  /** z = (simulation - theory) / SE. */
  z: number;
  /** Agreement when |z| < threshold (default 3: a correct model passes with probability 99.7 %). */
  threshold?: number;
  /** Phrase when they agree (default "theory and simulation agree"). */
  yes?: string;
  /** Phrase when they do not (default "theory and simulation disagree"). */
  no?: string;
  /** What the notebook's Markdown asserts. */
  asserted?: boolean;
  /** The numbers the verdict rests on besides z (value, SE, ...), as in {@link CheckOptions.values}. */
  values?: Record<string, number>;
}

/** The default |z| threshold of agreement. */
export const Z_THRESHOLD = 3;

/**
 * The verdict of a z-test: the claim holds when |z| < threshold.
 * @throws ParameterError when z is not finite, threshold is not > 0, a phrase or id is empty, or a value is not finite
 * @returns the {@link Verdict}, its record carrying z and the threshold
 */
export function agreement(options: AgreementOptions): Verdict {
  const z = checkNumber("agreement", "z", options.z);
  const threshold = checkNumber("agreement", "threshold", options.threshold ?? Z_THRESHOLD, { min: 0, minInclusive: false });
  const v = within("agreement", "options", () => check({
    id: options.id, holds: Math.abs(z) < threshold, asserted: options.asserted, values: options.values,
    yes: options.yes ?? "theory and simulation agree", no: options.no ?? "theory and simulation disagree",
  }));
  return new Verdict({ ...v.record, z, threshold }, v.no);
}
