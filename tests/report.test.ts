import {
  VERDICT_MIME, agreement, agreementSentence, check, comparisonTable, fixed, markdownTable, md, parameterTable,
  reportContent, showReport, signed, signedWithError, verdictList, withError, type VerdictBundle,
} from "../lib/src/report";
import { ParameterError } from "../lib/src/core/validate";

describe("number formatting", () => {
  test("fixed prints decimals or exponent form", () => {
    expect(fixed(19.9041, 3)).toBe("19.904");
    expect(fixed(0.09207, 3, true)).toBe("9.207e-2");
  });

  test("signed always shows the sign of a z-score", () => {
    expect(signed(0.041)).toBe("+0.04");
    expect(signed(-1.29)).toBe("-1.29");
    expect(signed(0)).toBe("+0.00");
  });

  test("withError prints value and standard error with the same decimals", () => {
    expect(withError(19.904, 0.1396, 3)).toBe("19.904 ± 0.140");
    expect(withError(0.09207, 0.004, 3, true)).toBe("9.207e-2 ± 4.0e-3");
  });

  test("signedWithError prints the signed difference and its standard error with the same decimals", () => {
    expect(signedWithError(-0.1572, 0.0801, 2)).toBe("-0.16 ± 0.08");
    expect(signedWithError(0.0074, 0.11, 2)).toBe("+0.01 ± 0.11");
    expect(() => signedWithError(0.1, NaN, 2)).toThrow(/signedWithError: se/);
  });

  test("digits outside 0..20 are refused with the function's name", () => {
    expect(() => fixed(1, -1)).toThrow(new ParameterError("fixed: digits must be an integer >= 0 and <= 20, got -1"));
    expect(() => signed(1, 1.5)).toThrow(ParameterError);
  });
});

describe("verdicts", () => {
  test("agreement holds exactly when |z| is below the threshold", () => {
    expect(agreement({ id: "a", z: 2.99 }).holds).toBe(true);
    expect(agreement({ id: "a", z: -3 }).holds).toBe(false);
    expect(agreement({ id: "a", z: 1.5, threshold: 1 }).holds).toBe(false);
  });

  test("a verdict prints its phrase in bold and serialises to its record", () => {
    const v = agreement({ id: "mean", z: -0.69, asserted: true });
    expect(`${v}`).toBe("**theory and simulation agree**");
    expect(JSON.parse(JSON.stringify(v))).toEqual({ id: "mean", claim: "theory and simulation agree", holds: true, z: -0.69, threshold: 3, asserted: true });
    const no = check({ id: "fit", holds: false, yes: "the counts follow the law", no: "they do not" });
    expect(`${no}`).toBe("**they do not**");
    expect(no.toJSON()).toEqual({ id: "fit", claim: "the counts follow the law", holds: false });
  });

  test("a verdict carries its numbers to 4 significant digits and prints them after its phrase", () => {
    const v = agreement({ id: "rate", z: 1.23456, values: { "r_E (Hz)": 29.254321, SE: 0.0712345 } });
    expect(v.record.values).toEqual({ "r_E (Hz)": 29.25, SE: 0.07123 });
    expect(`${v}`).toBe("**theory and simulation agree** (r_E (Hz) = 29.25; SE = 0.07123)");
    const c = check({ id: "n", holds: true, yes: "large", no: "small", values: { count: 108 } });
    expect(c.toJSON()).toEqual({ id: "n", claim: "large", holds: true, values: { count: 108 } });
    expect(() => check({ id: "n", holds: true, yes: "y", no: "n", values: { x: NaN } })).toThrow(new ParameterError("check: values.x must be a finite number, got NaN"));
    expect(() => check({ id: "n", holds: true, yes: "y", no: "n", values: {} })).toThrow(ParameterError);
    // rounding the largest double to 4 digits would overflow: it is kept as it is
    expect(check({ id: "n", holds: true, yes: "y", no: "n", values: { x: -Number.MAX_VALUE } }).record.values).toEqual({ x: -Number.MAX_VALUE });
  });

  test("bad input is refused: empty id, non-finite z, threshold <= 0, non-boolean holds", () => {
    expect(() => agreement({ id: "", z: 1 })).toThrow(new ParameterError('agreement: options: check: id must be a non-empty string, got ""'));
    expect(() => agreement({ id: "a", z: NaN })).toThrow(new ParameterError("agreement: z must be a finite number, got NaN"));
    expect(() => agreement({ id: "a", z: 1, threshold: 0 })).toThrow(ParameterError);
    expect(() => check({ id: "a", holds: 1 as unknown as boolean, yes: "y", no: "n" })).toThrow(ParameterError);
  });
});

describe("Markdown parts", () => {
  test("md keeps LaTeX raw and collects interpolated verdicts in order", () => {
    const v1 = agreement({ id: "one", z: 0.5 });
    const v2 = check({ id: "two", holds: false, yes: "yes", no: "no" });
    const part = md`$\mu = w r_X \tau$ and $\sigma^2$: ${v1}, ${2.5}, ${v2}.`;
    expect(part.markdown).toBe("$\\mu = w r_X \\tau$ and $\\sigma^2$: **theory and simulation agree**, 2.5, **no**.");
    expect(part.verdicts.map((v) => v.record.id)).toEqual(["one", "two"]);
    expect(md`a ${part} b`.verdicts).toHaveLength(2);
  });

  test("markdownTable lays out header, separator and rows, and refuses ragged rows", () => {
    expect(markdownTable(["K", "z"], [[1, "+0.19"], [10, "-0.44"]]).markdown).toBe("| K | z |\n|---|---|\n| 1 | +0.19 |\n| 10 | -0.44 |");
    expect(() => markdownTable(["K", "z"], [[1]])).toThrow(new ParameterError("markdownTable: rows[0] must be an array of 2 cells, like the header, got an array of length 1"));
    expect(() => markdownTable([], [])).toThrow(ParameterError);
  });
});

describe("comparison and parameter tables", () => {
  const rows = [
    { quantity: "mean count per neuron", simulation: 19.904, se: 0.14, theory: 20, id: "mean-count", asserted: true },
    { quantity: "variance of the count", simulation: 19.48, theory: 19.98, digits: 2 },
    { quantity: "far off", simulation: 11, se: 0.25, theory: 10, digits: 1 },
  ];

  test("each row shows simulation ± SE, theory, difference, z and a verdict from |z| < 3", () => {
    const table = comparisonTable(rows);
    const lines = table.markdown.split("\n");
    expect(lines[0]).toBe("| quantity | simulation ± SE | theory | difference | z | verdict |");
    expect(lines[2]).toBe("| mean count per neuron | 19.904 ± 0.140 | 20.000 | -0.096 | -0.69 | **agree** |");
    expect(lines[3]).toBe("| variance of the count | 19.48 | 19.98 | -0.50 | — | — |");
    expect(lines[4]).toBe("| far off | 11.0 ± 0.3 | 10.0 | 1.0 | +4.00 | **disagree** |");
    expect(lines[6]).toContain("|z| < 3");
  });

  test("rows with an SE become verdicts, named by id or by their quantity", () => {
    const records = comparisonTable(rows).verdicts.map((v) => v.toJSON());
    expect(records.map((r) => [r.id, r.holds, r.asserted])).toEqual([["mean-count", true, true], ["far off", false, undefined]]);
  });

  test("a stricter threshold turns agreement into disagreement", () => {
    expect(comparisonTable(rows.slice(0, 1)).markdown).toContain("z = (simulation − theory) / SE");
    expect(comparisonTable(rows.slice(0, 1), { simulation: "Brian2", theory: "ours", difference: "Brian2 − ours" }).markdown).toContain("z = (Brian2 − ours) / SE");
    expect(comparisonTable(rows.slice(0, 1), { threshold: 0.5 }).verdicts[0].holds).toBe(false);
  });

  test("bad rows are refused: no rows, SE <= 0, non-finite values", () => {
    expect(() => comparisonTable([])).toThrow(ParameterError);
    expect(() => comparisonTable([{ quantity: "x", simulation: 1, se: 0, theory: 1 }])).toThrow(new ParameterError("comparisonTable: se must be a finite number > 0, got 0"));
    expect(() => comparisonTable([{ quantity: "x", simulation: NaN, theory: 1 }])).toThrow(ParameterError);
  });

  test("parameterTable lists meaning, symbol and value with its unit", () => {
    const t = parameterTable([{ symbol: "$r_X$", value: 10, unit: "Hz", meaning: "input rate" }, { symbol: "$N$", value: 1000, meaning: "number of trains" }]);
    expect(t.markdown).toBe("| parameter | symbol | value |\n|---|---|---|\n| input rate | $r_X$ | 10 Hz |\n| number of trains | $N$ | 1000 |");
    expect(() => parameterTable([])).toThrow(ParameterError);
  });

  test("agreementSentence states z, the verdict and the threshold in one line", () => {
    const s = agreementSentence({ id: "mean", subject: "The simulated mean", reference: "$r_X T = 20$", z: -0.6866 });
    expect(s.markdown).toBe("The simulated mean differs from $r_X T = 20$ by -0.69 standard errors: **theory and simulation agree** (|z| < 3).");
    expect(agreementSentence({ id: "m", subject: "S", reference: "R", z: 3.2, no: "they disagree" }).markdown).toBe("S differs from R by +3.20 standard errors: **they disagree** (|z| ≥ 3).");
  });
});

describe("showReport", () => {
  test("outside a kernel it returns one bundle: Markdown, text and the verdicts as JSON", () => {
    const bundle = showReport(comparisonTable([{ quantity: "q", simulation: 1, se: 1, theory: 1, id: "q" }]), "plain text")!;
    expect(Object.keys(bundle).sort()).toEqual([VERDICT_MIME, "text/markdown", "text/plain"].sort());
    expect(String(bundle["text/markdown"]).endsWith("\n\nplain text")).toBe(true);
    expect((bundle[VERDICT_MIME] as VerdictBundle).verdicts).toEqual([{ id: "q", claim: "agree", holds: true, z: 0, threshold: 3 }]);
  });

  test("without verdicts the bundle is plain Markdown, like showMarkdown's", () => {
    expect(Object.keys(showReport("just text")!).sort()).toEqual(["text/markdown", "text/plain"]);
  });

  test("two verdicts with one id, or no part at all, are refused", () => {
    const v = () => agreement({ id: "same", z: 0 });
    expect(() => reportContent([md`${v()} ${v()}`])).toThrow(new ParameterError('showReport: verdict id must be unique within one output, got "same"'));
    expect(() => reportContent([])).toThrow(ParameterError);
  });
});

describe("labels with LaTeX", () => {
  test("a quantity or symbol may be an md part, so its LaTeX is written once, unescaped", () => {
    const t = comparisonTable([{ quantity: md`$\sigma^2$`, simulation: 1, se: 1, theory: 1 }]);
    expect(t.markdown.split("\n")[2].startsWith("| $\\sigma^2$ | 1.000 ± 1.000 |")).toBe(true);
    expect(t.verdicts[0].record.id).toBe("$\\sigma^2$");
    expect(parameterTable([{ symbol: md`$\Delta t$`, value: 0.1, unit: "ms", meaning: "time step" }]).markdown).toContain("| time step | $\\Delta t$ | 0.1 ms |");
  });
});

describe("verdictList", () => {
  test("one verdict per line with its values, all carried by the part; an empty list is refused", () => {
    const a = check({ id: "a", holds: true, yes: "yes a", no: "no a", values: { x: 1.5 } });
    const b = agreement({ id: "b", z: 4 });
    const part = verdictList([a, b]);
    expect(part.markdown).toBe("* **yes a** (x = 1.5)\n* **theory and simulation disagree**");
    expect(part.verdicts).toEqual([a, b]);
    expect(() => verdictList([])).toThrow(ParameterError);
  });
});
