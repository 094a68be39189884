import { type MimeBundle } from "../display/kernel";
import { showMarkdown } from "../display/show";
import { invalid } from "../core/validate";
import { ReportPart } from "./markdown";
import { VERDICT_MIME, type VerdictBundle } from "./verdict";

/**
 * Displays report parts as one Markdown output whose bundle also carries the verdicts as JSON
 * under {@link VERDICT_MIME}, for the tests that check a notebook's verdicts.
 */

/**
 * The MIME bundle of a report: `text/markdown` and `text/plain` (the parts, separated by blank
 * lines) and, when any part states a verdict, `application/vnd.ei-balance.verdict+json`
 * with `{ verdicts: [...] }`.
 * @param parts Markdown parts (from `md`, `comparisonTable`, ...) or plain Markdown strings
 * @throws ParameterError when there is no part, or two verdicts share an id
 * @returns the Markdown and the verdict bundle
 */
export function reportContent(parts: readonly (ReportPart | string)[]): { markdown: string; extra: MimeBundle } {
  if (!Array.isArray(parts as unknown) || parts.length === 0) invalid("showReport", "parts", parts, "at least one Markdown part");
  parts.forEach((p, k) => {
    if (typeof p !== "string" && !(p instanceof ReportPart)) invalid("showReport", `parts[${k}]`, p, "Markdown (a string or a ReportPart from md)");
  });
  const records = parts.flatMap((p) => (typeof p === "string" ? [] : p.verdicts.map((v) => v.toJSON())));
  const ids = records.map((r) => r.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined) invalid("showReport", "verdict id", twice, "unique within one output");
  const bundle: VerdictBundle = { verdicts: records };
  return { markdown: parts.map(String).join("\n\n"), extra: records.length > 0 ? { [VERDICT_MIME]: bundle } : {} };
}

/**
 * Displays report parts as ONE output (Markdown, a text copy, and the verdicts as JSON): in a
 * cell, `showReport(comparisonTable([...]), md\`...\`)`.
 * @param parts Markdown parts or plain Markdown strings, shown separated by blank lines
 * @throws ParameterError as {@link reportContent}
 * @returns undefined in a kernel (the output is displayed), the bundle otherwise
 */
export function showReport(...parts: (ReportPart | string)[]): MimeBundle | undefined {
  const { markdown, extra } = reportContent(parts);
  return showMarkdown(markdown, extra);
}
