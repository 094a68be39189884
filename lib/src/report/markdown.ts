import { invalid } from "../core/validate";
import { Verdict } from "./verdict";

/**
 * Markdown pieces of a report: a {@link ReportPart} is Markdown text with the verdicts it states;
 * the `md` template tag builds one with LaTeX written as in a Markdown cell (no escaped
 * backslashes) and collects the verdicts interpolated into it; `markdownTable` lays out rows.
 */

/** Markdown text together with the verdicts it states. Interpolates as its Markdown. */
export class ReportPart {
  /**
   * @param markdown the Markdown text
   * @param verdicts the verdicts stated in it, in order
   * @throws ParameterError when markdown is not a string or verdicts not an array of Verdicts
   */
  constructor(readonly markdown: string, readonly verdicts: readonly Verdict[] = []) {
    if (typeof markdown !== "string") invalid("ReportPart", "markdown", markdown, "a string");
    if (!Array.isArray(verdicts) || !verdicts.every((v) => v instanceof Verdict)) invalid("ReportPart", "verdicts", verdicts, "an array of Verdicts (from check or agreement)");
  }

  /** The Markdown text. */
  toString(): string {
    return this.markdown;
  }
}

/** What may be interpolated into {@link md}: text, numbers, verdicts, parts, or arrays of them. */
export type MarkdownValue = string | number | Verdict | ReportPart | readonly MarkdownValue[];

function render(value: MarkdownValue, verdicts: Verdict[]): string {
  if (value instanceof Verdict) {
    verdicts.push(value);
    return String(value);
  }
  if (value instanceof ReportPart) {
    verdicts.push(...value.verdicts);
    return value.markdown;
  }
  if (Array.isArray(value)) return value.map((v: MarkdownValue) => render(v, verdicts)).join("\n");
  if (typeof value === "string" || typeof value === "number") return String(value);
  return invalid("md", "an interpolated value", value, "a string, number, Verdict, ReportPart or an array of them");
}

/**
 * Template tag for report Markdown: md`The mean differs from $r_X \tau$ by ${z} SE: ${verdict}.`
 * The literal text is taken raw, so LaTeX is written exactly as in a Markdown cell (`\tau`, not
 * `\\tau`). A {@link Verdict} prints as its bold phrase and a {@link ReportPart} as its Markdown;
 * both add their verdicts to the result; an array prints one element per line. TypeScript 5.0
 * (tslab's) refuses `\x` and `\u` even in a tagged template: write ξ, or interpolate `${"\\xi"}`.
 * Labels with LaTeX are parts too: `{ quantity: md\`$\sigma^2$\`, ... }`.
 * @throws ParameterError when a value of another type is interpolated
 * @returns the {@link ReportPart}
 */
export function md(strings: TemplateStringsArray, ...values: MarkdownValue[]): ReportPart {
  const verdicts: Verdict[] = [];
  let text = strings.raw[0];
  values.forEach((value, i) => {
    text += render(value, verdicts) + strings.raw[i + 1];
  });
  return new ReportPart(text, verdicts);
}

/** A table cell: text, a number (printed as is), a verdict (its bold phrase) or a part (e.g. md`$\mu$`). */
export type TableCell = string | number | Verdict | ReportPart;

/**
 * A Markdown table from a header and rows; verdicts in cells are collected into the part.
 * @param header column titles
 * @param rows one array of cells per row, each as long as the header
 * @throws ParameterError when the header is empty or a row's length differs from it
 * @returns the table as a {@link ReportPart}
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly TableCell[])[]): ReportPart {
  if (!Array.isArray(header) || header.length === 0) invalid("markdownTable", "header", header, "a non-empty array of column titles");
  if (!Array.isArray(rows)) invalid("markdownTable", "rows", rows, "an array of rows (arrays of cells)");
  rows.forEach((r, k) => {
    if (!Array.isArray(r)) invalid("markdownTable", `rows[${k}]`, r, "an array of cells");
  });
  const verdicts: Verdict[] = [];
  const line = (cells: readonly TableCell[]) => `| ${cells.map((c) => render(c, verdicts)).join(" | ")} |`;
  const bad = rows.findIndex((r) => r.length !== header.length);
  if (bad >= 0) invalid("markdownTable", `rows[${bad}]`, rows[bad], `an array of ${header.length} cells, like the header`);
  const text = [line(header), `|${header.map(() => "---").join("|")}|`, ...rows.map(line)].join("\n");
  return new ReportPart(text, verdicts);
}

/**
 * Verdicts as a Markdown list, one per line: `* **phrase** (name = value; ...)`, each the
 * result of one computed test; the part carries them all (for `showReport`).
 * @param verdicts the verdicts, at least one
 * @throws ParameterError when the array is empty or holds something other than verdicts
 * @returns the list as a {@link ReportPart}
 */
export function verdictList(verdicts: readonly Verdict[]): ReportPart {
  if (!Array.isArray(verdicts) || verdicts.length === 0) invalid("verdictList", "verdicts", verdicts, "a non-empty array of verdicts");
  const bad = verdicts.findIndex((v) => !(v instanceof Verdict));
  if (bad >= 0) invalid("verdictList", `verdicts[${bad}]`, verdicts[bad], "a Verdict (from check or agreement)");
  return new ReportPart(verdicts.map((v) => `* ${v}`).join("\n"), verdicts);
}
