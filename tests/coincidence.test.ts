import { coincidenceRate } from "../lib/src/theory/coincidence";
import { firingByGap, poolReplays, replayCounts, replayInputs } from "../lib/src/analysis/input-replay";
import { coincidenceRuns } from "../lib/src/tutorial/lif-single-input";
import { simulateSingleNeuron } from "../lib/src/experiments/single-neuron";
import { summarize } from "../lib/src/math/statistics";
import { ParameterError } from "../lib/src/core/validate";

const defaults = { rate: 10, w: 0.9, vTh: 1, dt: 1e-4, tau: 0.02 };

describe("coincidenceRate (one input of weight w < V_th)", () => {
  test("the Euler window M is the largest gap at which two inputs still cross threshold", () => {
    const { a, M } = coincidenceRate(defaults);
    expect(a).toBeCloseTo(0.995, 15);
    expect(M).toBe(438); // ln 9 / -ln 0.995 = 438.35
    expect(0.9 * a ** M + 0.9).toBeGreaterThan(1);
    expect(0.9 * a ** (M + 1) + 0.9).toBeLessThanOrEqual(1);
  });

  test("the rate is r_X q/(1+q) with q = 1 - (1 - r_X dt)^M, and continuous time gives slightly more", () => {
    const c = coincidenceRate(defaults);
    expect(c.q).toBeCloseTo(1 - 0.999 ** 438, 14);
    expect(c.rate).toBeCloseTo((10 * c.q) / (1 + c.q), 14);
    expect(c.rate).toBeCloseTo(2.619, 3);
    expect(c.pArmed).toBeCloseTo(1 / (1 + c.q), 14);
    expect(c.windowContinuous).toBeCloseTo(0.02 * Math.log(9), 14); // 43.94 ms
    expect(c.rateContinuous).toBeCloseTo(2.623, 3);
  });

  test("a weight that fires alone (w >= V_th) or no weight is refused", () => {
    expect(() => coincidenceRate({ ...defaults, w: 1 })).toThrow(new ParameterError("coincidenceRate: w must be a finite number >= 0.5 and < 1, got 1"));
    // below V_th / 2 two inputs never reach threshold: the rate would be negative (-2.28 Hz at w = 0.3)
    expect(() => coincidenceRate({ rate: 10, w: 0.3 })).toThrow(new ParameterError("coincidenceRate: w must be a finite number >= 0.5 and < 1, got 0.3"));
    expect(() => coincidenceRate({ ...defaults, w: 0 })).toThrow(ParameterError);
    expect(() => coincidenceRate({ ...defaults, dt: 0.02 })).toThrow(ParameterError);
  });
});

describe("replayInputs", () => {
  const rule = { a: 0.995, w: 0.9, vTh: 1, M: 438 };

  test("two inputs within M bins fire, a third long after does not, and a fired input disarms the next", () => {
    // inputs at bins 100, 300 (gap 200 <= M: fires in bin 301), 350 (armed? no: 300 fired), 2000 (gap > M)
    const r = replayInputs([100, 300, 350, 2000], [301], 5000, rule);
    expect(r.gap).toEqual([null, 200, 50, 1650]);
    expect(r.pair).toEqual([false, true, false, false]);
    expect(r.exact).toEqual([false, true, false, false]);
    expect(r.fired).toEqual([false, true, false, false]);
    expect(r.vAfter[1]).toBeCloseTo(0.9 * 0.995 ** 200 + 0.9, 12);
    expect(r.vAfter[2]).toBeCloseTo(0.9, 12); // after a reset V restarts from 0
    expect(replayCounts(r)).toEqual({ inputs: 4, outputs: 1, pairExplained: 1, pairFalse: 0, exactMismatch: 0 });
  });

  test("an input in the last bin acts after the run and is skipped", () => {
    expect(replayInputs([10, 99], [], 100, rule).gap).toEqual([null]);
  });

  test("the exact rule reproduces every input of a simulated neuron (20 s, three seeds)", () => {
    const { a, M } = coincidenceRate(defaults);
    for (const seed of [1, 2, 3]) {
      const run = simulateSingleNeuron({ groups: [{ count: 1, weight: 0.9, rate: 10 }], duration: 20, seed });
      const c = replayCounts(replayInputs(run.inputs[0].bins, run.spikes.bins, run.spikes.nBins, { a, w: 0.9, vTh: 1, M }));
      expect(c.exactMismatch).toBe(0);
      expect(c.pairFalse).toBe(0);
      expect(c.outputs).toBe(run.spikes.totalSpikes);
    }
  });

  test("bad constants are refused", () => {
    expect(() => replayInputs([1], [], 10, { ...rule, a: 1 })).toThrow(ParameterError);
    expect(() => replayInputs([1], [], 10, { ...rule, M: -1 })).toThrow(ParameterError);
  });
});

describe("firingByGap and poolReplays", () => {
  const r = replayInputs([100, 300, 350, 2000], [301], 5000, { a: 0.995, w: 0.9, vTh: 1, M: 438 });

  test("inputs fall in the class (j w, (j+1) w] of their gap, with binomial errors floored at 1/n", () => {
    const g = firingByGap(r, 100, 3); // classes (0,100], (100,200], (200,300]
    expect(g.n).toEqual([1, 1, 0]);
    expect(g.fired).toEqual([0, 1, 0]);
    expect(g.fraction).toEqual([0, 1, null]); // the first input has no gap; the empty class has no fraction
    expect(g.se).toEqual([1, 1, null]);
    expect(g.centres).toEqual([50, 150, 250]);
    expect(() => firingByGap(r, 0, 3)).toThrow(ParameterError);
  });

  test("pooling joins replays in order", () => {
    const p = poolReplays([r, r]);
    expect(p.gap).toEqual([...r.gap, ...r.gap]);
    expect(replayCounts(p).outputs).toBe(2);
    expect(() => poolReplays([])).toThrow(ParameterError);
  });
});

describe("coincidenceRuns", () => {
  test("the mean output rate agrees with r_X q/(1+q) within 4 standard errors (three seed sets of 20 runs x 20 s)", () => {
    const theory = coincidenceRate(defaults).rate;
    for (const tag of ["a", "b", "c"]) {
      const runs = coincidenceRuns({ w: 0.9, rate: 10, seeds: Array.from({ length: 20 }, (_, s) => `${tag}${s}`), duration: 20 });
      const s = summarize(runs.rates);
      // the formula neglects residual charge, which adds < 1 % of the output; 4 SE dominate it here
      expect(Math.abs(s.mean - theory) / s.se).toBeLessThan(4);
      expect(replayCounts(runs.replay).exactMismatch).toBe(0);
    }
  });

  test("an empty seed list is refused", () => {
    expect(() => coincidenceRuns({ w: 0.9, rate: 10, seeds: [], duration: 1 })).toThrow(ParameterError);
  });
});
