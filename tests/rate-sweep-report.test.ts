import { openLoopReport, rateSweepReport, sweepFromTable } from "../lib/src/tutorial/notebook06/rate-sweep-report";
import type { OpenLoopRow } from "../lib/src/experiments/open-loop";
import type { TheoryRow } from "../lib/src/experiments/theory-table";
import { siegertRate } from "../lib/src/theory/siegert";
import { ParameterError } from "../lib/src/core/validate";

const point = (rX: number, E: number, I: number, mfE: number, mfI: number) =>
  ({ rX, E: { m: E, se: 0.1 }, I: { m: I, se: 0.1 }, mf: { rE: mfE, rI: mfI }, bal: { rE: 3 * rX, rI: 2 * rX } });
const records = (vs: readonly { record: { id: string; holds: boolean; values?: Record<string, number> } }[]) =>
  vs.map((v) => [v.record.id, v.record.holds, v.record.values]);

describe("rateSweepReport", () => {
  test("a mean field 5% above the simulation at 20 SE is within 10%, resolved, and overestimates every rate", () => {
    const r = rateSweepReport([point(10, 20, 10, 21, 10.5), point(20, 40, 20, 42, 21)], 20);
    expect(r.devMF.map((d) => +d.toFixed(12))).toEqual([0.05, 0.05, 0.05, 0.05]);
    expect(r.maxDeviation).toBeCloseTo(0.05, 12);
    expect(r.maxZ).toBeCloseTo(20, 9);
    expect(r.table.markdown).toContain("| 10 | 20.00 ± 0.10 | 21.00 | +5.0% | 30 (+50.0%) |");
    expect(records(r.verdicts)).toEqual([
      ["mean-field-within-10pct", true, { "largest deviation (%)": 5 }],
      ["mean-field-differences-resolved", true, { resolved: 4, of: 4, "largest |t|": 20, bound: 3.45 }],
      ["mean-field-overestimates-every-rate", true, { "smallest deviation (%)": 5 }],
    ]);
  });

  test("differences within the t-test's bound are not resolved", () => {
    const r = rateSweepReport([point(10, 20, 10, 20.01, 9.99)], 20);
    expect(r.verdicts.map((v) => v.holds)).toEqual([true, false, false]);
    expect(() => rateSweepReport([], 20)).toThrow(ParameterError);
    expect(() => rateSweepReport([point(10, 20, 10, 21, 10.5)], 1)).toThrow(/seeds/);
  });
});

describe("openLoopReport", () => {
  const mu = -0.3, sigma = 1.4, phi = siegertRate({ mu, sigma });
  const row = (rX: number, pop: "E" | "I", net: number, single: number): OpenLoopRow => ({ rX, pop, mu, sigma, net, single, se: 0.3, phi, mf: 1.03 * net });

  test("the errors of the decomposition, the sign at the lowest r_X and the feedback at r_X = 10 Hz, as verdicts with numbers", () => {
    const rows = [row(5, "E", phi / 1.22, phi / 1.2), row(10, "E", phi / 1.1, phi / 1.2), row(10, "I", phi / 1.02, phi / 1.05)];
    const r = openLoopReport(rows, { K: 100, tau: 0.02, duration: 100, batches: 10 });
    expect(r.diffErr[1]).toBeCloseTo(0.2, 12);
    expect(r.note.markdown).toContain("single neuron: 100 s, ± SE over 10 batches of 10 s");
    const [diffusion, raises, lowest, feedback] = r.verdicts.map((v) => v.record);
    expect(diffusion).toMatchObject({ id: "diffusion-overestimates-single-neuron", holds: true, values: { "smallest (%)": 5, "largest (%)": 20 } });
    // net - single at 10 Hz: phi (1/1.1 - 1/1.2) / 0.3 SE
    expect(raises).toMatchObject({ id: "network-input-raises-E-rate", holds: phi * (1 / 1.1 - 1 / 1.2) / 0.3 > 3 });
    expect(lowest).toMatchObject({ id: "network-input-sign-at-lowest-rX", values: { "z at 5 Hz": Number((phi * (1 / 1.22 - 1 / 1.2) / 0.3).toPrecision(4)) } });
    // the r_I change that undoes the open-loop error: |phi - net| / (dphi/dmu) / (tau sqrt(K) |J_EI| = 0.5 per Hz)
    expect(feedback.values!["ΔrI needed at 10 Hz (Hz)"]).toBeCloseTo(Math.abs(phi - phi / 1.1) / r.feedback.slope / 0.5, 3);
    expect(feedback.holds).toBe(true);
  });

  test("rows without r_X = 10 Hz are refused", () => {
    expect(() => openLoopReport([row(5, "E", 20, 21)], { K: 100, tau: 0.02, duration: 100, batches: 10 })).toThrow(ParameterError);
  });
});

describe("sweepFromTable", () => {
  const row = (K: number, rX: number) => ({ K, rX, sim: { E: { mean: 3 * rX - 1, se: 0.1 }, I: { mean: 2 * rX - 1, se: 0.05 }, usable: 20, runs: 20 },
    diffusion: { rE: 3 * rX - 0.5, rI: 2 * rX - 0.5 }, balanced: { rE: 3 * rX, rI: 2 * rX } }) as unknown as TheoryRow;

  test("the rows at one K, by r_X: simulation ± SE, the diffusion mean field and the balanced limit", () => {
    const points = sweepFromTable([row(100, 10), row(25, 10), row(100, 5)], 100);
    expect(points).toEqual([
      { rX: 5, E: { m: 14, se: 0.1 }, I: { m: 9, se: 0.05 }, mf: { rE: 14.5, rI: 9.5 }, bal: { rE: 15, rI: 10 } },
      { rX: 10, E: { m: 29, se: 0.1 }, I: { m: 19, se: 0.05 }, mf: { rE: 29.5, rI: 19.5 }, bal: { rE: 30, rI: 20 } },
    ]);
  });

  test("a K with fewer than 2 rows, or no array, is refused", () => {
    expect(() => sweepFromTable([row(100, 10), row(25, 10)], 25)).toThrow(ParameterError);
    expect(() => sweepFromTable(null as never, 100)).toThrow(ParameterError);
  });
});
