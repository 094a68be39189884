// Notebook 06's finite-K section: the verdict helpers compute what their sentences state, and the
// sentences carry the numbers they are built from.
import type { TheoryRow, TheoryVerdict } from "../lib/src/experiments/theory-table";
import type { CorrelationEffect } from "../lib/src/experiments/input-correlations";
import type { ClosedLoopShift } from "../lib/src/theory/closed-loop-shift";
import { renewalWorseForI, restWithinTwoSE } from "../lib/src/tutorial/notebook06/section-reports";
import { crossCorrelationVerdicts, inputModelVerdicts, outOfTableVerdicts } from "../lib/src/tutorial/notebook06/finite-k-verdicts";
import { inputModelsReport, openLoopDeviation, type InputModelsOpenLoop } from "../lib/src/tutorial/notebook06/input-models";
import { check } from "../lib/src/report/verdict";
import { crossTheoryReport, crossTheoryVerdict } from "../lib/src/tutorial/notebook06/cross-covariance-report";

const v = (relE: number, relI: number): TheoryVerdict => ({
  relative: [relE, relI], z: [0, 0], withinOnePercent: Math.abs(relE) <= 0.01 && Math.abs(relI) <= 0.01, withinTwoSE: false, rightSign: true,
});

function row(renI: number, disI: number, spectra = { rE: 28.82, rI: 20.46 }): TheoryRow {
  const sim = { E: { mean: 28.68, se: 0.13, perSeed: [] }, I: { mean: 20.03, se: 0.08, perSeed: [] }, usable: 20, runs: 20 };
  return {
    K: 25, rX: 10, N: 250, sim, spectra, correlated: spectra,
    verdicts: { renewal: v(0, renI), discrete: v(0, disI), spectra: v(spectra.rE / sim.E.mean - 1, spectra.rI / sim.I.mean - 1), correlated: v(spectra.rE / sim.E.mean - 1, spectra.rI / sim.I.mean - 1) },
    parts: { crossCorrelations: [0, 0], remainder: [sim.E.mean - spectra.rE, sim.I.mean - spectra.rI] },
  } as unknown as TheoryRow;
}

const yes = (id: string) => check({ id, holds: true, yes: "YES", no: "NO" });

describe("finite-K verdict helpers", () => {
  test("renewalWorseForI holds only when the renewal r_I is further off than the Poisson one at every row", () => {
    expect(renewalWorseForI([row(0.016, -0.002), row(0.014, -0.013)])).toBe(true);
    expect(renewalWorseForI([row(0.016, -0.002), row(0.012, -0.013)])).toBe(false);
  });

  test("what is left after the measured cross-correlation shift is tested against the simulation's and the shift's SE combined", () => {
    const r = row(0, 0);
    // rest: -0.14 + 0.03 = -0.11 (2 SE = 0.28) and -0.43 + 0.27 = -0.16 (2 SE = 0.17)
    expect(restWithinTwoSE(r, { dr: [-0.03, -0.27], se: [0.05, 0.03] } as unknown as ClosedLoopShift)).toBe(true);
    expect(restWithinTwoSE(r, { dr: [-0.03, -0.1], se: [0.05, 0.03] } as unknown as ClosedLoopShift)).toBe(false);
  });

  test("the variance verdict uses the paired per-seed differences of the free membrane variance and carries their z", () => {
    const pop = (real: number[], shifted: number[]) => ({ freeVariance: { real: { perSeed: real }, shifted: { perSeed: shifted } } });
    const lower = { E: pop([2.3, 2.4, 2.35], [2.6, 2.65, 2.62]), I: pop([1.5, 1.52, 1.55], [1.7, 1.69, 1.72]) } as unknown as CorrelationEffect;
    const dr = { dr: [-0.03, -0.27], se: [0.05, 0.03] } as unknown as ClosedLoopShift;
    const v = crossCorrelationVerdicts(lower, dr, row(0, 0)).lower;
    expect(v.holds).toBe(true);
    // E: differences -0.3, -0.25, -0.27: mean -0.2733, SE 0.01453
    expect(v.record.values?.["change E"]).toBeCloseTo(-0.2733, 4);
    expect(v.record.values?.["z E"]).toBeCloseTo(-0.27333 / 0.014530, 1);
    const mixed = { ...lower, I: pop([1.5, 1.8, 1.6], [1.7, 1.69, 1.5]) } as unknown as CorrelationEffect;
    expect(crossCorrelationVerdicts(mixed, dr, row(0, 0)).lower.holds).toBe(false);
  });

  test("the out-of-table verdicts carry their deviations, named after the point", () => {
    const [o] = outOfTableVerdicts([row(0, 0)]);
    expect(o.record.id).toBe("out-of-table-K25-rX10-within-1pct");
    expect(o.holds).toBe(false);
    expect(o.record.values?.["I (%)"]).toBeCloseTo(100 * (20.46 / 20.03 - 1), 2);
  });
});

describe("the open-loop report of the input models", () => {
  const m: InputModelsOpenLoop = {
    rates: [29.25, 20.29], shifted: { mean: [30.66, 21.6], se: [0.11, 0.1] },
    poisson: [27.66, 18.46], renewal: [32.41, 23.02], spectra: [30.97, 21.83], heterogeneity: [0.01, 0.02], heterogeneitySD: 2,
  };

  test("deviations are model / shifted - 1 and the sentence carries every model's rates", () => {
    expect(openLoopDeviation(m, "renewal")[0]).toBeCloseTo(32.41 / 30.66 - 1, 12);
    const text = inputModelsReport(m, { closest: yes("c"), negligible: yes("n") }).markdown;
    expect(text).toContain("30.66 ± 0.11, 21.60 ± 0.10 Hz");
    expect(text).toContain("32.41, 23.02 Hz (+5.7%, +6.6%)");
    expect(text).toContain("30.97, 21.83 Hz (+1.0%, +1.1%)");
    expect(text).toContain("an SD of 2.0 Hz change the open-loop rates by 0.010, 0.020 Hz");
  });

  test("the verdicts: input spectra closer than per-bin inputs for both rates, heterogeneity below one SE, with their numbers", () => {
    const v = inputModelVerdicts(m);
    expect(v.closest.holds).toBe(true);
    expect(v.closest.record.values?.["spectra E (%)"]).toBeCloseTo(100 * (30.97 / 30.66 - 1), 2);
    expect(v.negligible.holds).toBe(true);
    expect(inputModelVerdicts({ ...m, heterogeneity: [0.2, 0.02] }).negligible.holds).toBe(false);
  });
});

describe("the cross-covariance theory against its measurement", () => {
  const pop = (real: number[], shifted: number[]) => ({ freeVariance: { real: { perSeed: real }, shifted: { perSeed: shifted } } });
  // paired differences E: -0.3, -0.25, -0.27 (mean -0.27333, SE 0.01453); I: -0.2, -0.17, -0.17 (mean -0.18, SE 0.01)
  const xc = { E: pop([2.3, 2.4, 2.35], [2.6, 2.65, 2.62]), I: pop([1.5, 1.52, 1.55], [1.7, 1.69, 1.72]) } as unknown as CorrelationEffect;
  const at = (variance: number[]) => ({ ...row(0, 0), correlated: { rE: 28.8, rI: 20.2, variance, left: [0, 0] } }) as unknown as TheoryRow;

  test("the variance verdict compares theory with measurement within 3 SE of the measurement, with its numbers", () => {
    const v = crossTheoryVerdict(xc, at([-0.26, -0.17]));
    expect(v.holds).toBe(true);
    expect(v.record.id).toBe("cross-covariance-variance-K25-rX10");
    expect(v.record.values?.["z E"]).toBeCloseTo((-0.26 + 0.273333) / 0.014530, 2);
    // E 11.9 SE off (threshold 3 SE): the verdict fails
    expect(crossTheoryVerdict(xc, at([-0.1, -0.17])).holds).toBe(false);
  });

  test("the report states the predicted and measured numbers", () => {
    const r = at([-0.26, -0.17]);
    const text = crossTheoryReport(xc, r, crossTheoryVerdict(xc, r)).markdown;
    expect(text).toContain("-0.260 (E), -0.170 (I)");
    expect(text).toContain("-0.273 ± 0.015, -0.180 ± 0.010");
  });
});
