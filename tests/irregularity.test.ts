import { irregularityAtRate } from "../lib/src/experiments/irregularity";
import { balancedInputs, excitatoryInputs } from "../lib/src/theory/membrane-moments";
import { summarize } from "../lib/src/math/statistics";

// Notebooks 03, 04 and 07: a fluctuation-driven neuron (K excitatory and K inhibitory inputs of
// +-w/sqrt(K)) fires about like a Poisson process (CV near 1), a neuron driven by K excitatory
// inputs of w/K fires more regularly (CV about 0.6 at 10 Hz). Five neurons of 5 s each: the mean
// CV has an SE of about 0.05, so the threshold 0.8 lies several SEs from both.

const fast = { neurons: 5, duration: 5 };

describe("irregularityAtRate", () => {
  const flu = irregularityAtRate({ ...fast, inputs: (w) => balancedInputs({ K: 100, w }), targetRate: 10, wRange: [0.5, 5], seed: "flu" });
  const md = irregularityAtRate({ ...fast, inputs: (w) => excitatoryInputs({ K: 100, w }), targetRate: 10, wRange: [3, 10], seed: "md" });

  test("the neurons fire at the target rate within sampling error", () => {
    for (const r of [flu, md]) {
      const s = summarize(r.rate);
      expect(Math.abs(s.mean - 10)).toBeLessThan(4 * s.se + 1 / (fast.duration - 0.1));
    }
  });

  test("the fluctuation-driven neuron is irregular (CV above 0.8), the excitation-driven one regular (below 0.8)", () => {
    expect(summarize(flu.cv).mean).toBeGreaterThan(0.8);
    expect(summarize(md.cv).mean).toBeLessThan(0.8);
    expect(summarize(flu.fano).mean).toBeGreaterThan(summarize(md.fano).mean);
  });

  test("the same seed gives the same result", () => {
    expect(irregularityAtRate({ ...fast, inputs: (w) => balancedInputs({ K: 100, w }), targetRate: 10, wRange: [0.5, 5], seed: "flu" })).toEqual(flu);
  });

  test("bad options are refused with the function's name", () => {
    const inputs = (w: number) => balancedInputs({ K: 100, w });
    expect(() => irregularityAtRate({ inputs, targetRate: 10, wRange: [0.5, 5], seed: 1, neurons: 0 })).toThrow(/irregularityAtRate: neurons/);
    expect(() => irregularityAtRate({ inputs, targetRate: 10, wRange: [0.5, 5], seed: 1, window: 20 })).toThrow(/irregularityAtRate: window/);
  });
});
