import { outOfTableReport, theoryScore, theoryTableReport } from "../lib/src/tutorial/notebook06/theory-table-report";
import { check } from "../lib/src/report/verdict";
import type { TheoryRow, TheoryVerdict } from "../lib/src/experiments/theory-table";

const v = (relE: number, relI: number, zE: number, zI: number, rightSign: boolean): TheoryVerdict => ({
  relative: [relE, relI], z: [zE, zI],
  withinOnePercent: Math.abs(relE) <= 0.01 && Math.abs(relI) <= 0.01,
  withinTwoSE: Math.abs(zE) <= 2 && Math.abs(zI) <= 2, rightSign,
});

function row(K: number, renewal: TheoryVerdict, correlated: TheoryVerdict = renewal): TheoryRow {
  const pair = { rE: 30, rI: 20 };
  const parts: [number, number] = [0, 0];
  return {
    K, rX: 10, N: 10 * K,
    sim: { E: { mean: 29.25, se: 0.07, perSeed: [] }, I: { mean: 20.29, se: 0.05, perSeed: [] }, usable: 20, runs: 20 },
    balanced: pair, diffusion: pair, discrete: pair, renewal: { ...pair, fano: [1.5, 1.3] }, spectra: pair, correlated: { rE: 29.1, rI: 20.5, variance: [-0.2, -0.1], left: [0, 0] },
    verdicts: { balanced: v(0.026, -0.014, 10, -6, true), diffusion: v(0.035, 0.031, 15, 12, false), discrete: v(0.012, -0.001, 5, -0.4, true), renewal, spectra: renewal, correlated },
    parts: { total: parts, meanField: parts, diffusionError: parts, trainStructure: parts, crossCorrelations: parts, remainder: parts },
  } as unknown as TheoryRow;
}

describe("theoryTableReport and theoryScore", () => {
  const rows = [row(100, v(-0.001, 0.016, -0.4, 6, true)), row(200, v(0.002, 0.004, 1, 1.5, false))];

  test("the table has one line per row, the simulated rates with their SE and each theory's deviation in %", () => {
    const text = theoryTableReport(rows).markdown;
    const lines = text.trim().split("\n");
    expect(lines).toHaveLength(2 + rows.length);
    expect(lines[2]).toContain("29.25 ± 0.07");
    expect(lines[2]).toContain("-0.1, +1.6");
    expect(lines[3]).toContain("+0.2, +0.4 ✓");
    expect(lines[2]).not.toContain("+1.6 ✓");
  });

  test("the last column says whether both rates of the best theory (input spectra and cross-covariance) are within 1 %", () => {
    const lines = theoryTableReport([row(100, v(0.012, 0, 1, 0, true), v(-0.004, 0.009, -1, 1, true)), row(25, v(0, 0, 0, 0, true), v(0.005, 0.021, 1, 5, true))]).markdown.trim().split("\n");
    expect(lines[0]).toMatch(/self-consistent input spectra: E, I \(%\) \| Euler chain, input spectra and cross-covariance: E, I \(%\) \| within 1 % \|$/);
    expect(lines[2]).toMatch(/\| -0\.4, \+0\.9 ✓ \| yes \|$/);
    expect(lines[3]).toMatch(/\| \+0\.5, \+2\.1 \| no \|$/);
  });

  test("the points outside the table: one sentence each with the simulation, the prediction, its deviation and the verdict", () => {
    const r = row(150, v(0, 0, 0, 0, true), v(-0.004, 0.009, -1.2, 1.8, true));
    const verdict = check({ id: "x", holds: true, yes: "both rates within 1%", no: "not both rates within 1%" });
    const text = outOfTableReport([r], [verdict]).markdown;
    expect(text).toContain("$K = 150$, $r_X = 10$ Hz: simulation 29.25 ± 0.07, 20.29 ± 0.05 Hz; input spectra and cross-covariance 29.10, 20.50 Hz (-0.4%, +0.9%; -1.2 SE, +1.8 SE): **both rates within 1%**.");
    expect(outOfTableReport([r], [verdict]).verdicts.map((x) => x.record.id)).toEqual(["x"]);
    expect(() => outOfTableReport([r], [])).toThrow(/outOfTableReport: verdicts/);
  });

  test("a point where runs locked into the synchronous state says how many of its runs were used", () => {
    const locked = { ...row(1000, v(0, 0, 0, 0, true)), sim: { ...rows[0].sim, usable: 20, runs: 23 } } as TheoryRow;
    const lines = theoryTableReport([rows[0], locked]).markdown.trim().split("\n");
    expect(lines[0]).toContain("| runs |");
    expect(lines[2]).toMatch(/^\| 100 \| 10 \| 20 \|/);
    expect(lines[3]).toMatch(/^\| 1000 \| 10 \| 20 of 23 \|/);
  });

  test("the score counts rows within 1 %, within 2 SE and with the right sign, and the largest deviation", () => {
    expect(theoryScore(rows, "renewal")).toEqual({ maxDeviation: 0.016, withinOnePercent: 1, withinTwoSE: 1, rightSign: 1, rows: 2 });
    expect(theoryScore(rows, "discrete").rightSign).toBe(2);
  });

  test("an empty or missing table is refused with the parameter named", () => {
    expect(() => theoryTableReport([])).toThrow(/theoryTableReport: rows/);
    expect(() => theoryTableReport(null as unknown as TheoryRow[])).toThrow(/rows/);
  });
});
