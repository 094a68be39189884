import { synchronousStart } from "../lib/src/tutorial/notebook07/synchronous-start";
import { populationSpikes } from "../lib/src/analysis/synchronous-state";
import { ParameterError } from "../lib/src/core/validate";

// 30 ms from V = 0: at K = 1000 every neuron starts at 0 under a drive of mu_X = 0.4 sqrt(K) = 12.6
// (E), so the first population spike comes after about tau ln(12.6 / 11.6) = 1.7 ms, in both runs.

describe("synchronousStart", () => {
  const progress: number[] = [];
  const { small, large } = synchronousStart({ duration: 0.03, recordV: [0, 5], onProgress: (d) => progress.push(d) });

  test("a K = 100 and a K = 1000 run from V = 0, V recorded in the large one, progress out of 11", () => {
    expect([small.params.K, small.params.N, large.params.K, large.params.N]).toEqual([100, 1000, 1000, 10000]);
    expect(Array.from(large.v!.E!.neurons)).toEqual([0, 5]);
    expect(large.v!.E!.traces[0][0]).toBeLessThan(1);
    expect(progress[progress.length - 1]).toBe(11);
  });

  test("the large network fires a population spike within the first 5 ms", () => {
    const ps = populationSpikes(large.E);
    expect(ps.times.length).toBeGreaterThan(0);
    expect(ps.times[0]).toBeLessThan(0.005);
  });

  test("a duration that is not positive is refused", () => {
    expect(() => synchronousStart({ duration: 0 })).toThrow(ParameterError);
  });
});
