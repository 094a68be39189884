import { kScan, meanInputByK } from "../lib/src/experiments/k-scan";
import { solveMeanField } from "../lib/src/theory/mean-field";
import { ParameterError } from "../lib/src/core/validate";

// Small networks (K = 20 and 40, N = 10 K, 0.6 s): fast (at K = 10, N = 100 is too small: 2 neurons in a bin
// already count as 2% of the population, and population spikes are found in the asynchronous state). The measured input parts are time
// averages of the recorded input times tau / dt: the counterpart of tau sqrt(K) J_ab r_b.

describe("kScan and meanInputByK", () => {
  const progress: [number, number][] = [];
  const runs = kScan({ Ks: [20, 40], seeds: [1, 2], duration: 0.6, recorded: [0, 1], keep: { K: 40, seed: 1 }, onProgress: (d, t) => progress.push([d, t]) });

  test("one run per K and seed, K outermost; the connectivity only of the kept run; progress ends at the total", () => {
    expect(runs.map((r) => [r.K, r.seed])).toEqual([[20, 1], [20, 2], [40, 1], [40, 2]]);
    expect(runs.map((r) => r.connectivity !== undefined)).toEqual([false, false, true, false]);
    const total = 2 * 10 * 400 * 0.6 + 2 * 10 * 1600 * 0.6;   // cost N K T per run
    expect(progress[progress.length - 1]).toEqual([total, total]);
  });

  test("the window starts after the transient in whole bins, and a usable run's parts are the time averages times tau / dt", () => {
    for (const r of runs) {
      expect(r.start).toBeGreaterThanOrEqual(0.2);
      expect(Math.abs(r.start / 1e-4 - Math.round(r.start / 1e-4))).toBeLessThan(1e-6);
      if (!r.usable) continue;
      const k0 = Math.round(r.start / 1e-4);
      const x = r.input.X[1].subarray(k0);
      expect(r.parts[1][2]).toBeCloseTo(x.reduce((s, v) => s + v, 0) / x.length * 200, 10);
    }
  });

  test("the mean input from X is tau sqrt(K) J_EX r_X within 5 standard errors", () => {
    const m = meanInputByK(runs, [20, 40]);
    expect(runs.every((r) => r.usable)).toBe(true);
    for (const at of m) {
      expect(at.n).toBe(2 * runs.filter((r) => r.K === at.K && r.usable).length);
      expect(at.mf).toEqual(solveMeanField({ K: at.K }));
      // X input of one neuron over a window T_w >= 0.3 s: K Poisson partners at 10 Hz with jumps J_EX / sqrt(K), so
      // tau / T_w * (J_EX / sqrt(K)) * count has sd tau J_EX sqrt(r_X / T_w); neurons share 10% of their partners
      const n = at.n, sd = 0.02 * 2 * Math.sqrt(10 / 0.3), se = sd * Math.sqrt((1 + (n - 1) * 0.1) / n);
      expect(Math.abs(at.comp[2].m - 0.02 * Math.sqrt(at.K) * 2 * 10)).toBeLessThan(5 * se);
      expect(at.total.m).toBeCloseTo(at.comp[0].m + at.comp[1].m + at.comp[2].m, 10);
    }
  });

  test("a K without usable runs is refused (no means of nothing)", () => {
    expect(() => meanInputByK(runs, [30])).toThrow(/^meanInputByK: K = 30 has 0 recorded neuron\(s\) in usable runs, at least 2 are needed/);
  });

  test("bad input is refused", () => {
    expect(() => kScan({ Ks: [], seeds: [1], duration: 1, recorded: [0] })).toThrow(ParameterError);
    expect(() => kScan({ Ks: [10.5], seeds: [1], duration: 1, recorded: [0] })).toThrow(/Ks\[0\]/);
    expect(() => meanInputByK([], [10])).toThrow(ParameterError);
  });
});
