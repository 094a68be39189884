import { theoryScore, theoryTableReport } from "../lib/src/tutorial/notebook06/theory-table-report";
import type { TheoryRow, TheoryVerdict } from "../lib/src/experiments/theory-table";

const v = (relE: number, relI: number, zE: number, zI: number, rightSign: boolean): TheoryVerdict => ({
  relative: [relE, relI], z: [zE, zI],
  withinOnePercent: Math.abs(relE) <= 0.01 && Math.abs(relI) <= 0.01,
  withinTwoSE: Math.abs(zE) <= 2 && Math.abs(zI) <= 2, rightSign,
});

function row(K: number, renewal: TheoryVerdict): TheoryRow {
  const pair = { rE: 30, rI: 20 };
  const parts: [number, number] = [0, 0];
  return {
    K, rX: 10, N: 10 * K,
    sim: { E: { mean: 29.25, se: 0.07, perSeed: [] }, I: { mean: 20.29, se: 0.05, perSeed: [] }, usable: 20, runs: 20 },
    balanced: pair, diffusion: pair, discrete: pair, renewal: { ...pair, fano: [1.5, 1.3] },
    verdicts: { balanced: v(0.026, -0.014, 10, -6, true), diffusion: v(0.035, 0.031, 15, 12, false), discrete: v(0.012, -0.001, 5, -0.4, true), renewal },
    parts: { total: parts, meanField: parts, diffusionError: parts, trainStructure: parts, remainder: parts },
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
