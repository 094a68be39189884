import { openLoopReport, rateSweepReport } from "../lib/src/tutorial/notebook06/rate-sweep-report";
import type { OpenLoopRow } from "../lib/src/experiments/open-loop";
import { siegertRate } from "../lib/src/theory/siegert";
import { ParameterError } from "../lib/src/core/validate";

const point = (rX: number, E: number, I: number, mfE: number, mfI: number) =>
  ({ rX, E: { m: E, se: 0.1 }, I: { m: I, se: 0.1 }, mf: { rE: mfE, rI: mfI }, bal: { rE: 3 * rX, rI: 2 * rX } });

describe("rateSweepReport", () => {
  test("a mean field 5% above the simulation at 50 SE meets the goal of 10% but is resolved, and overestimates every rate", () => {
    const r = rateSweepReport([point(10, 20, 10, 21, 10.5), point(20, 40, 20, 42, 21)], 20);
    expect(r.devMF.map((d) => +d.toFixed(12))).toEqual([0.05, 0.05, 0.05, 0.05]);
    expect(r.maxDeviation).toBeCloseTo(0.05, 12);
    expect(r.maxZ).toBeCloseTo(20, 9);
    expect(r.markdown).toContain("| 10 | 20.00 ± 0.10 | 21.00 | +5.0% | 30 (+50.0%) |");
    expect(r.markdown).toContain("within **5.0%** of the simulated ones at every r_X (the balanced limit: within 100.0%): **the goal of 10% is met**");
    expect(r.markdown).toContain("up to 20 standard errors");
    expect(r.markdown).toContain("the mean field overestimates every rate");
  });

  test("differences within the t-test's bound are reported as not resolved", () => {
    const r = rateSweepReport([point(10, 20, 10, 20.01, 9.99)], 20);
    expect(r.markdown).toContain("The differences are within");
    expect(r.markdown).toContain("(t-test, 19 degrees of freedom)");
    expect(() => rateSweepReport([], 20)).toThrow(ParameterError);
    expect(() => rateSweepReport([point(10, 20, 10, 21, 10.5)], 1)).toThrow(/seeds/);
  });
});

describe("openLoopReport", () => {
  const mu = -0.3, sigma = 1.4, phi = siegertRate({ mu, sigma });
  const row = (pop: "E" | "I", net: number, single: number): OpenLoopRow => ({ rX: 10, pop, mu, sigma, net, single, se: 0.3, phi, mf: 1.03 * net });

  test("the errors of the decomposition and the feedback argument at r_X = 10 Hz", () => {
    const rows = [row("E", phi / 1.1, phi / 1.2), row("I", phi / 1.02, phi / 1.05)];
    const r = openLoopReport(rows, { K: 100, tau: 0.02, duration: 100, batches: 10 });
    expect(r.diffErr[0]).toBeCloseTo(0.2, 12);
    expect(r.markdown).toContain("φ overestimates it by +5.0% to +20.0%");
    expect(r.markdown).toContain("single neuron: 100 s, ± SE over 10 batches of 10 s.");
    // tau sqrt(K) |J_EI| = 0.02 * 10 * 2.5 = 0.50 per Hz of r_I
    expect(r.markdown).toContain("μ_E moves by τ√K |J_EI| = 0.50 per Hz of r_I");
    expect(r.markdown).toContain("the network's own E neurons fire +9.1% at r_X = 10 Hz");
    expect(r.markdown).toContain("the **self-consistent** solution (closed loop) only by +3.0% to +3.0%");
  });

  test("rows without r_X = 10 Hz are refused", () => {
    expect(() => openLoopReport([{ ...row("E", 20, 21), rX: 5 }], { K: 100, tau: 0.02, duration: 100, batches: 10 })).toThrow(ParameterError);
  });
});
