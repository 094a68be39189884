import { freeMembraneMoments } from "../lib/src/experiments/free-moments";
import { balancedInputs, excitatoryInputs, membraneMoments } from "../lib/src/theory/membrane-moments";
import { traceMoments } from "../lib/src/analysis/trace-moments";
import { simulateSingleNeuron } from "../lib/src/experiments/single-neuron";

describe("freeMembraneMoments", () => {
  test("is the trace moments of the free run beside the membrane-moment theory of its inputs", () => {
    const groups = excitatoryInputs({ K: 100, w: 1, rate: 10 });
    const r = freeMembraneMoments({ groups, duration: 10, seed: "fm", nBatches: 20 });
    const run = simulateSingleNeuron({ groups, duration: 10, seed: "fm", reset: false, recordV: true });
    expect(r.sim).toEqual(traceMoments(run.v!, { dt: 1e-4, transient: 0.1, nBatches: 20, correlationTime: 0.02 }));
    expect(r.theory).toEqual(membraneMoments({ groups }));
    expect(r.zMean).toBeCloseTo((r.sim.mean - r.theory.discrete.mean) / r.sim.meanSE, 12);
  });

  test("the simulated mean and variance agree with the Euler theory within 4 SE (balanced inputs, three seeds)", () => {
    for (const seed of [1, 2, 3]) {
      const r = freeMembraneMoments({ groups: balancedInputs({ K: 100, w: 1, rate: 10 }), duration: 20, seed });
      expect(Math.abs(r.zMean)).toBeLessThan(4);
      expect(Math.abs(r.zVariance)).toBeLessThan(4);
    }
  });
});
