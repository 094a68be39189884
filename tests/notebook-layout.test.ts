// The notebooks read like a Methods section (docs/CONVENTIONS.md): every code cell is short
// (at most 8 lines and 400 characters, no line over 120 characters), defines no local helper
// functions, and builds no Markdown table by hand; narrative lives in Markdown cells.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const DIR = join(__dirname, "..", "notebooks");
const LIMITS = { lines: 8, chars: 400, lineChars: 120 };

interface Cell { cell_type: string; id: string; source: string[] | string }

/** What is wrong with one code cell's source, or an empty list. */
function cellProblems(source: string): string[] {
  const text = source.replace(/\n+$/, "");
  const lines = text.split("\n");
  const problems: string[] = [];
  if (lines.length > LIMITS.lines) problems.push(`${lines.length} lines > ${LIMITS.lines}`);
  if (text.length > LIMITS.chars) problems.push(`${text.length} characters > ${LIMITS.chars}`);
  const long = lines.filter((l) => l.length > LIMITS.lineChars).length;
  if (long > 0) problems.push(`${long} lines over ${LIMITS.lineChars} characters`);
  if (/\|\s*:?-{3,}/.test(text)) problems.push("a hand-built Markdown table (|---|)");
  if (/(?:const|let)\s+\w+\s*=\s*(?:\([^()]*\)|\w+)\s*(?::\s*[\w<>[\]]+\s*)?=>/.test(text)) problems.push("a local helper lambda");
  return problems;
}

/** "id: problems" for every code cell of a notebook that breaks the rules. */
function notebookProblems(name: string): string[] {
  const cells: Cell[] = JSON.parse(readFileSync(join(DIR, name), "utf8")).cells;
  return cells.filter((c) => c.cell_type === "code")
    .map((c) => ({ id: c.id, problems: cellProblems(Array.isArray(c.source) ? c.source.join("") : c.source) }))
    .filter((c) => c.problems.length > 0)
    .map((c) => `${c.id}: ${c.problems.join(", ")}`);
}

describe("notebook code cells stay short", () => {
  const notebooks = readdirSync(DIR).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort();

  test.each(notebooks)("%s", (name) => {
    expect(notebookProblems(name)).toEqual([]);
  });

  test("the check catches what it should", () => {
    expect(cellProblems("const a = 1;\n".repeat(9))).toContain("9 lines > 8");
    expect(cellProblems(`const s = "${"x".repeat(130)}";`)).toEqual(expect.arrayContaining(["1 lines over 120 characters"]));
    expect(cellProblems('md`| a | b |\n|---|---|`')).toContain("a hand-built Markdown table (|---|)");
    expect(cellProblems("const fx = (x: number) => x.toFixed(2);")).toContain("a local helper lambda");
    expect(cellProblems("const run = simulateNetwork({ seed: 1 });\nshow(rasterChart(run.E));")).toEqual([]);
  });
});
