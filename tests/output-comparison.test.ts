/**
 * The comparison of a notebook run on Deno's kernel with the committed (tslab) notebook
 * (scripts/notebook-diff.js): it reports every changed chart, Markdown output and text with its
 * cell, and accepts only the two documented kernel differences (a last expression's value as
 * execute_result instead of stdout; numbers differing in their last digits).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compareNotebookOutputs, plainValue } = require("../scripts/notebook-diff") as {
  compareNotebookOutputs: (a: unknown, b: unknown) => { differences: string[]; accepted: string[] };
  plainValue: (s: string) => string;
};

type Output = Record<string, unknown>;
const notebook = (...cells: Output[][]) => ({
  cells: [{ cell_type: "markdown", source: "# t" }, ...cells.map((outputs, k) => ({ cell_type: "code", id: `c${k + 1}`, outputs }))],
});
const stdout = (text: string): Output => ({ output_type: "stream", name: "stdout", text });
const display = (data: Record<string, unknown>): Output => ({ output_type: "display_data", data, metadata: {} });
const result = (text: string): Output => ({ output_type: "execute_result", data: { "text/plain": text }, metadata: {}, execution_count: 3 });
const svg = (x: string) => `<svg><g clip-path="url(#clip-0123456789-1)"><path d="M${x},2L3,4"/></g></svg>`;
const chart = (x: string, spec: unknown = { mark: "point", data: { values: [{ x: 1.5 }] } }) =>
  display({ "application/vnd.vegalite.v5+json": spec, "image/svg+xml": svg(x), "image/png": "iVBOR", "text/plain": "[chart]" });

const table = [display({ "text/markdown": "| a | 1.00 |", "text/plain": "| a | 1.00 |" })];
const committed = notebook([stdout("19904 spikes\n")], [chart("1.25")], table);

describe("comparing a notebook run on Deno with the committed one", () => {
  test("identical outputs give no difference", () => {
    expect(compareNotebookOutputs(committed, committed)).toEqual({ differences: [], accepted: [] });
  });

  test("a changed Markdown number is a difference naming the cell and the MIME type", () => {
    const run = notebook([stdout("19904 spikes\n")], [chart("1.25")], [display({ "text/markdown": "| a | 1.01 |", "text/plain": "| a | 1.00 |" })]);
    const { differences } = compareNotebookOutputs(committed, run);
    expect(differences).toHaveLength(1);
    expect(differences[0]).toMatch(/^cell 3 of 3 \(c3\), output 1: text\/markdown differs at character 9/);
  });

  test("a chart with a moved mark, a missing MIME type or another spec is a difference", () => {
    const moved = compareNotebookOutputs(committed, notebook([stdout("19904 spikes\n")], [chart("1.5")], table));
    expect(moved.differences).toEqual([expect.stringMatching(/^cell 2 of 3 \(c2\), output 1: image\/svg\+xml differs/)]);
    const noPng = chart("1.25");
    delete (noPng.data as Record<string, unknown>)["image/png"];
    const missing = compareNotebookOutputs(committed, notebook([stdout("19904 spikes\n")], [noPng], table));
    expect(missing.differences).toEqual(["cell 2 of 3 (c2), output 1: image/png only under tslab"]);
    const spec = compareNotebookOutputs(committed, notebook([stdout("19904 spikes\n")], [chart("1.25", { mark: "line", data: { values: [{ x: 1.5 }] } })], table));
    expect(spec.differences).toEqual([expect.stringContaining("application/vnd.vegalite.v5+json $.mark differs at character 0")]);
  });

  test("a missing output, an extra stderr output and an error are differences", () => {
    const run = notebook([], [{ output_type: "stream", name: "stderr", text: "warning\n" }, chart("1.25")], [{ output_type: "error", ename: "TypeError", evalue: "x", traceback: [] }]);
    expect(compareNotebookOutputs(committed, run).differences).toEqual([
      "cell 1 of 3 (c1), output 1: tslab has stream stdout, Deno nothing",
      "cell 2 of 3 (c2), output 1: tslab has a display of application/vnd.vegalite.v5+json, image/png, image/svg+xml, text/plain, Deno stream stderr",
      "cell 2 of 3 (c2), output 2: tslab has nothing, Deno a display of application/vnd.vegalite.v5+json, image/png, image/svg+xml, text/plain",
      "cell 3 of 3 (c3), output 1: tslab has a display of text/markdown, text/plain, Deno error",
    ]);
  });

  test("a last expression's value as execute_result (Deno) for stdout (tslab) is accepted when its text is the same", () => {
    const run = notebook([result('\x1b[32m"19904 spikes"\x1b[39m')], [chart("1.25")], table);
    const { differences, accepted } = compareNotebookOutputs(committed, run);
    expect(differences).toEqual([]);
    expect(accepted).toEqual([expect.stringMatching(/^cell 1 of 3 \(c1\), output 1: the last expression's value is an execute_result under Deno/)]);
    const other = notebook([result('"19905 spikes"')], [chart("1.25")], table);
    expect(compareNotebookOutputs(committed, other).differences).toEqual([expect.stringMatching(/^cell 1 of 3 \(c1\), output 1: stream stdout differs at character 4/)]);
  });

  test("numbers differing in the last digits are accepted (SVG ids blanked), larger differences are not", () => {
    const hash = (nb: ReturnType<typeof notebook>) => JSON.parse(JSON.stringify(nb).replace(/clip-0123456789/g, "clip-abcdefabcd"));
    const close = hash(notebook([stdout("19904 spikes\n")], [chart("1.2500000000000002")], table));
    const { differences, accepted } = compareNotebookOutputs(committed, close);
    expect(differences).toEqual([]);
    expect(accepted).toEqual(["cell 2 of 3 (c2), output 1: image/svg+xml: 1 number differs in the last digits (e.g. tslab 1.25, Deno 1.2500000000000002)"]);
    const far = hash(notebook([stdout("19904 spikes\n")], [chart("1.2500001")], table));
    expect(compareNotebookOutputs(committed, far).differences).toHaveLength(1);
  });

  test("Deno's inspect form of a value becomes what console.log prints", () => {
    expect(plainValue('\x1b[32m"a \\"b\\"\\nc"\x1b[39m')).toBe('a "b"\nc');
    expect(plainValue("'it\\'s'")).toBe("it's");
    expect(plainValue("\x1b[33m42\x1b[39m")).toBe("42");
    expect(plainValue("{ a: \x1b[33m1\x1b[39m }")).toBe("{ a: 1 }");
  });
});
