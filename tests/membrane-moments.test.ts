import {
  balancedInputs,
  eulerTransientMoments,
  excitatoryInputs,
  membraneMoments,
  weightForMeanAtThreshold,
} from "../lib/src/theory/membrane-moments";
import { simulateSingleNeuron } from "../lib/src/experiments/single-neuron";
import { traceMoments } from "../lib/src/analysis/trace-moments";
import { InputGroup } from "../lib/src/theory/membrane-moments";

const tau = 0.02;
const dt = 1e-4;
const r = 10;

/** Free-membrane trace moments (no reset) for input groups: 32 batches (0.5 s = 25 tau at 16 s) after a 100 ms transient. */
function simulated(groups: InputGroup[], seed: number | string, duration: number, opts: { tau?: number; dt?: number } = {}) {
  const t = opts.tau ?? tau;
  const h = opts.dt ?? dt;
  const { v } = simulateSingleNeuron({ groups, duration, dt: h, tau: t, seed, reset: false, recordV: true });
  return traceMoments(v!, { dt: h, transient: 0.1, nBatches: 32, correlationTime: t });
}

describe("theory formulas", () => {
  test("K inputs of weight w/K: mu = w r tau and sigma^2 = w^2 r tau / (2K) in continuous time", () => {
    for (const [K, w] of [[1, 1], [100, 1], [1000, 3]]) {
      const m = membraneMoments({ groups: excitatoryInputs({ K, w, rate: r }), tau, dt });
      expect(m.continuous.mean).toBeCloseTo(w * r * tau, 14);
      expect(m.continuous.variance).toBeCloseTo((w * w * r * tau) / (2 * K), 14);
      expect(m.continuous.sd).toBeCloseTo(Math.sqrt(m.continuous.variance), 14);
    }
  });

  test("the Euler recursion has the same mean and the variance sigma^2 (1 - r dt) / (1 - dt/(2 tau))", () => {
    const m = membraneMoments({ groups: excitatoryInputs({ K: 100, w: 1, rate: r }), tau, dt });
    expect(m.discrete.mean).toBeCloseTo(m.continuous.mean, 14);
    expect(m.discrete.variance / m.continuous.variance).toBeCloseTo((1 - r * dt) / (1 - dt / (2 * tau)), 12);
    // derived independently: Var I / (1 - a^2) with Var I = K p (1 - p) (w/K)^2
    const a = 1 - dt / tau;
    const p = r * dt;
    expect(m.discrete.variance).toBeCloseTo((100 * p * (1 - p) * 0.01 ** 2) / (1 - a * a), 15);
  });

  test("K excitatory and K inhibitory inputs of weight +-w/sqrt(K): mu = 0 and sigma^2 = w^2 r tau whatever K", () => {
    for (const K of [1, 10, 100, 1000]) {
      const m = membraneMoments({ groups: balancedInputs({ K, w: 2, rate: r }), tau, dt });
      expect(m.continuous.mean).toBeCloseTo(0, 14);
      expect(m.continuous.variance).toBeCloseTo(4 * r * tau, 12);
      expect(m.discrete.mean).toBeCloseTo(0, 14);
      expect(m.discrete.variance).toBeCloseTo((4 * r * tau * (1 - r * dt)) / (1 - dt / (2 * tau)), 12);
    }
  });

  test("the w that puts the mean at threshold is V_th / (r tau) = 5 at the model's defaults", () => {
    expect(weightForMeanAtThreshold()).toBeCloseTo(5, 14);
    expect(weightForMeanAtThreshold({ vTh: 2, rate: 20, tau: 0.01 })).toBeCloseTo(10, 14);
    const w = weightForMeanAtThreshold({ vTh: 1, rate: r, tau });
    for (const K of [1, 100]) expect(membraneMoments({ groups: excitatoryInputs({ K, w, rate: r }) }).continuous.mean).toBeCloseTo(1, 12);
  });

  test("the Euler transient starts at 0 and relaxes to the stationary moments as a^k and a^(2k)", () => {
    const o = { groups: excitatoryInputs({ K: 10, w: 1, rate: r }), tau, dt };
    const st = membraneMoments(o).discrete;
    expect(eulerTransientMoments(o, 0)).toEqual({ mean: 0, variance: 0, sd: 0 });
    const k = 1000; // 100 ms = 5 tau
    const e = eulerTransientMoments(o, k);
    expect(e.mean).toBeCloseTo(st.mean * (1 - (1 - dt / tau) ** k), 14);
    expect(1 - e.mean / st.mean).toBeCloseTo(Math.exp(-5), 3);
    expect(eulerTransientMoments(o, 1e6).variance).toBeCloseTo(st.variance, 14);
  });
});

describe("theory against simulation (tolerance: 5 batch-means standard errors, t-distributed with 31 degrees of freedom)", () => {
  const seeds = [11, "b", 2024];

  test.each([1, 10, 100, 1000])("K = %i excitatory inputs of weight 1/K: mean and variance of V match", (K) => {
    const th = membraneMoments({ groups: excitatoryInputs({ K, w: 1, rate: r }), tau, dt }).discrete;
    for (const seed of seeds) {
      const s = simulated(excitatoryInputs({ K, w: 1, rate: r }), seed, 16);
      expect(Math.abs(s.mean - th.mean)).toBeLessThan(5 * s.meanSE);
      expect(Math.abs(s.variance - th.variance)).toBeLessThan(5 * s.varianceSE);
      // the error bars are informative: at most a quarter of the value (about 8% from K = 10 on)
      expect(s.varianceSE).toBeLessThan(0.25 * th.variance);
    }
  });

  test.each([1, 10, 100, 1000])("K = %i excitatory + K inhibitory inputs of weight +-1/sqrt(K): mean 0 and variance r tau", (K) => {
    const th = membraneMoments({ groups: balancedInputs({ K, w: 1, rate: r }), tau, dt }).discrete;
    for (const seed of seeds) {
      const s = simulated(balancedInputs({ K, w: 1, rate: r }), seed, 16);
      expect(Math.abs(s.mean - th.mean)).toBeLessThan(5 * s.meanSE);
      expect(Math.abs(s.variance - th.variance)).toBeLessThan(5 * s.varianceSE);
    }
  });

  test("w = V_th / (r tau) puts the simulated mean at the threshold at K = 100 (task 4.3)", () => {
    const w = weightForMeanAtThreshold({ vTh: 1, rate: r, tau });
    for (const seed of seeds) {
      const s = simulated(excitatoryInputs({ K: 100, w, rate: r }), seed, 16);
      expect(Math.abs(s.mean - 1)).toBeLessThan(5 * s.meanSE);
    }
  });

  test("where dt/tau and r dt are large, the simulation follows the discrete-time variance, not the continuous one", () => {
    // one input of weight 1 at 200 Hz, dt = 1 ms, tau = 10 ms: r dt = 0.2, dt/(2 tau) = 0.05,
    // so the Euler variance is (1 - 0.2) / (1 - 0.05) = 0.84 of the continuous one
    const o = { tau: 0.01, dt: 1e-3 };
    const groups = [{ count: 1, weight: 1, rate: 200 }];
    const th = membraneMoments({ groups, ...o });
    expect(th.discrete.variance / th.continuous.variance).toBeCloseTo(0.8 / 0.95, 12);
    for (const seed of seeds) {
      const s = simulated(groups, seed, 300, o);
      const zDiscrete = Math.abs(s.variance - th.discrete.variance) / s.varianceSE;
      const zContinuous = Math.abs(s.variance - th.continuous.variance) / s.varianceSE;
      expect(zDiscrete).toBeLessThan(5);
      expect(zContinuous).toBeGreaterThan(10);
      expect(Math.abs(s.mean - th.discrete.mean)).toBeLessThan(5 * s.meanSE); // the means agree in both
    }
  });
});

describe("theory functions reject bad input with a message naming the parameter", () => {
  test.each([
    ["a negative w", () => excitatoryInputs({ K: 10, w: -1 }), /excitatoryInputs: w must be a finite number >= 0/],
    ["a NaN w", () => balancedInputs({ K: 10, w: NaN }), /balancedInputs: w must be a finite number >= 0, got NaN/],
    ["K = 0", () => excitatoryInputs({ K: 0, w: 1 }), /excitatoryInputs: K must be an integer >= 1, got 0/],
    ["a non-integer K", () => balancedInputs({ K: 2.5, w: 1 }), /balancedInputs: K must be an integer >= 1, got 2.5/],
    ["a negative rate", () => excitatoryInputs({ K: 10, w: 1, rate: -10 }), /excitatoryInputs: rate must be a finite number >= 0 \(Hz\)/],
    ["dt >= tau", () => membraneMoments({ groups: [], tau: 0.01, dt: 0.01 }), /membraneMoments: dt must be < tau/],
    ["a NaN tau", () => membraneMoments({ groups: [], tau: NaN }), /membraneMoments: tau must be a finite number > 0/],
    ["a negative count", () => membraneMoments({ groups: [{ count: -1, weight: 1, rate: 1 }] }), /membraneMoments: groups\[0\]\.count must be an integer >= 0/],
    ["a NaN weight", () => membraneMoments({ groups: [{ count: 1, weight: NaN, rate: 1 }] }), /membraneMoments: groups\[0\]\.weight must be a finite number/],
    ["rate * dt > 1", () => membraneMoments({ groups: [{ count: 1, weight: 1, rate: 2e4 }] }), /membraneMoments: groups\[0\]\.rate \* dt must be <= 1/],
    ["groups not an array", () => membraneMoments({ groups: 3 as unknown as InputGroup[] }), /membraneMoments: groups must be an array/],
    ["a negative bin index", () => eulerTransientMoments({ groups: [] }, -1), /eulerTransientMoments: k must be an integer >= 0/],
    ["a zero rate for the threshold weight", () => weightForMeanAtThreshold({ rate: 0 }), /weightForMeanAtThreshold: rate must be a finite number > 0/],
  ])("%s", (_name, f, message) => {
    expect(f).toThrow(message);
  });
});
