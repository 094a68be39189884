import { balancedInputs, excitatoryInputs } from "../lib/src/theory/membrane-moments";
import { simulateSingleNeuron } from "../lib/src/experiments/single-neuron";
import { isiCV, meanRate } from "../lib/src/analysis/spike-stats";
import { findWeightForRate, rateVsWeight, weightForMeanRate } from "../lib/src/experiments/weight-search";
import { ParameterError } from "../lib/src/core/validate";

const exc = (w: number) => excitatoryInputs({ K: 100, w, rate: 10 });
const bal = (w: number) => balancedInputs({ K: 100, w, rate: 10 });

describe("rateVsWeight", () => {
  test("with common random numbers the rate rises with w, and each point is the rate simulateSingleNeuron gives for that seed", () => {
    const weights = [3, 3.5, 4, 4.5, 5, 6, 7];
    const curve = rateVsWeight({ inputs: exc, weights, seeds: [5, 6], duration: 5 });
    expect(curve.map((p) => p.w)).toEqual(weights);
    for (let i = 1; i < curve.length; i++) expect(curve[i].rate).toBeGreaterThanOrEqual(curve[i - 1].rate);
    expect(curve[0].rate).toBeLessThan(curve[curve.length - 1].rate);
    expect(Number.isFinite(curve[0].rateSE)).toBe(true);
    expect(() => rateVsWeight({ inputs: exc, weights, seeds: [5], duration: 5 })).toThrow(/^rateVsWeight: seeds must be an array of at least 2 seeds \(the standard error over seeds needs two\), got an array of length 1$/);
    for (const i of [1, 4]) {
      const r = simulateSingleNeuron({ groups: exc(weights[i]), duration: 5, seed: 5 });
      expect(curve[i].rates[0]).toBe(meanRate(r.spikes, { start: 0.1 }));
    }
  });

  test("over several seeds it gives the mean rate and its standard error, and reports progress", () => {
    const calls: Array<[number, number]> = [];
    const curve = rateVsWeight({ inputs: bal, weights: [1, 2], seeds: [1, 2, 3], duration: 3, onProgress: (d, t) => calls.push([d, t]) });
    expect(calls).toEqual([[1, 6], [2, 6], [3, 6], [4, 6], [5, 6], [6, 6]]);
    for (const p of curve) {
      expect(p.rates.length).toBe(3);
      expect(p.rate).toBeCloseTo((p.rates[0] + p.rates[1] + p.rates[2]) / 3, 12);
      expect(p.rateSE).toBeGreaterThan(0);
    }
  });
});

describe("findWeightForRate", () => {
  test("each seed's root is where its rate-vs-w staircase reaches the target, and w is their mean with a standard error", () => {
    const seeds = [1, 2, 3, 4];
    const res = findWeightForRate({ inputs: exc, targetRate: 10, wRange: [3, 8], seeds, duration: 5, xtol: 1e-4 });
    expect(res.roots.length).toBe(4);
    expect(res.rateResolution).toBeCloseTo(1 / 4.9, 12);
    const m = res.roots.reduce((a, x) => a + x, 0) / 4;
    expect(res.w).toBeCloseTo(m, 12);
    expect(res.se).toBeCloseTo(res.sd / 2, 12);
    expect(res.sd).toBeGreaterThan(0); // the seeds differ
    // mean-driven regime: the 10 Hz point is below w = 5 (mean at threshold) but not far
    expect(res.w).toBeGreaterThan(3.5);
    expect(res.w).toBeLessThan(5.5);
    seeds.forEach((seed, s) => {
      // this seed's rates (rates[0]); the second seed only makes the call valid (2 seeds at least)
      const [at, below] = rateVsWeight({ inputs: exc, weights: [res.roots[s], res.roots[s] * 0.97], seeds: [seed, 99], duration: 5 });
      expect(at.rates[0]).toBeGreaterThanOrEqual(10);
      expect(below.rates[0]).toBeLessThan(10);
    });
  });

  test("the same seeds give the same w and standard error", () => {
    const o = { inputs: bal, targetRate: 10, wRange: [0.5, 5] as [number, number], seeds: ["a", "b"], duration: 3 };
    const a = findWeightForRate(o);
    const b = findWeightForRate(o);
    expect(a.w).toBe(b.w);
    expect(a.se).toBe(b.se);
  });

  test("progress reaches done = total once per seed and ends at the total", () => {
    const calls: Array<[number, number]> = [];
    const res = findWeightForRate({ inputs: bal, targetRate: 10, wRange: [0.5, 5], seeds: [1, 2], duration: 2, xtol: 0.01, onProgress: (d, t) => calls.push([d, t]) });
    const total = calls[0][1];
    expect(calls[calls.length - 1]).toEqual([total, total]);
    for (let i = 1; i < calls.length; i++) expect(calls[i][0]).toBeGreaterThanOrEqual(calls[i - 1][0]);
    expect(res.evaluations).toBeLessThanOrEqual(total);
    expect(res.evaluations).toBeGreaterThan(2 * 9);
  });

  test("at 10 Hz the balanced (fluctuation-driven) neuron fires more irregularly than the mean-driven one", () => {
    const seeds = [1, 2];
    const we = findWeightForRate({ inputs: exc, targetRate: 10, wRange: [3, 8], seeds, duration: 5 }).w;
    const wb = findWeightForRate({ inputs: bal, targetRate: 10, wRange: [0.5, 5], seeds, duration: 5 }).w;
    const cvE = isiCV(simulateSingleNeuron({ groups: exc(we), duration: 30, seed: 9 }).spikes).cv;
    const cvB = isiCV(simulateSingleNeuron({ groups: bal(wb), duration: 30, seed: 9 }).spikes).cv;
    // ~300 intervals each: CV about 1 (Poisson-like) against about 0.6, each known to ~0.05
    expect(cvB).toBeGreaterThan(0.8);
    expect(cvE).toBeLessThan(0.72);
    expect(cvB - cvE).toBeGreaterThan(0.2);
  });

  test.each([
    ["a bracket that does not contain the target", { wRange: [3, 3.5] }, /findWeightForRate: wRange must bracket the target rate 10 Hz for every seed, got .* for seed 1; widen wRange/],
    ["a negative target rate", { targetRate: -1 }, /findWeightForRate: targetRate must be a finite number > 0 \(Hz\), got -1/],
    ["wRange reversed", { wRange: [8, 3] }, /findWeightForRate: wRange\[1\] must be a finite number > 8, got 3/],
    ["no seeds", { seeds: [] }, /findWeightForRate: seeds must be an array of at least 2 seeds/],
    ["one seed (no standard error)", { seeds: [1] }, /findWeightForRate: seeds must be an array of at least 2 seeds \(the standard error over seeds needs two\)/],
    ["a transient as long as the run", { transient: 2 }, /findWeightForRate: transient must be a finite number >= 0 and < 2 \(s\)/],
    ["dt >= tau", { tau: 1e-4 }, /findWeightForRate: dt must be < tau/],
    ["inputs whose counts change with w", { inputs: (w: number) => excitatoryInputs({ K: w > 4 ? 100 : 50, w }) }, /findWeightForRate: inputs\(w\) must return the same groups/],
    ["inputs with a negative w", { inputs: exc, wRange: [-1, 8] }, /excitatoryInputs: w must be a finite number >= 0, got -1/],
  ])("rejects %s with a message naming the parameter", (_name, override, message) => {
    const o = { inputs: exc, targetRate: 10, wRange: [3, 8] as [number, number], seeds: [1, 2], duration: 2, ...override };
    expect(() => findWeightForRate(o as Parameters<typeof findWeightForRate>[0])).toThrow(message);
  });

  test("rateVsWeight rejects a NaN weight and an empty list", () => {
    expect(() => rateVsWeight({ inputs: exc, weights: [1, NaN], seeds: [1, 2], duration: 1 })).toThrow(/rateVsWeight: weights\[1\] must be a finite number, got NaN/);
    expect(() => rateVsWeight({ inputs: exc, weights: [], seeds: [1, 2], duration: 1 })).toThrow(/rateVsWeight: weights must be a non-empty array/);
  });
});

describe("weightForMeanRate", () => {
  const seeds = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `${tag}/${i}`);

  test("the interpolated w gives the target mean rate on independent seeds, within the combined standard errors", () => {
    // independent seed sets; the check's SE combines the rate's SE on new seeds with slope x SE(w)
    for (const tag of ["a", "b", "c"]) {
      const r = weightForMeanRate({ inputs: exc, targetRate: 10, wRange: [4.2, 4.35], seeds: seeds(tag, 150), duration: 5 });
      const [check] = rateVsWeight({ inputs: exc, weights: [r.w], seeds: seeds(`${tag}-check`, 150), duration: 5 });
      expect(Math.abs(check.rate - 10) / Math.hypot(check.rateSE, r.slope * r.se)).toBeLessThan(4);
      expect(r.points.map((p) => p.w)).toEqual([4.2, 4.35]);
      expect(r.slope).toBeCloseTo((r.points[1].rate - r.points[0].rate) / 0.15, 10);
    }
  });

  test("its standard error is that of the mean of the seeds' interpolated rates, divided by the slope", () => {
    const r = weightForMeanRate({ inputs: exc, targetRate: 10, wRange: [4.2, 4.35], seeds: seeds("se", 40), duration: 5 });
    const lambda = (r.w - 4.2) / 0.15;
    const y = Array.from(r.points[0].rates, (lo, s) => (1 - lambda) * lo + lambda * r.points[1].rates[s]);
    const m = y.reduce((a, b) => a + b, 0) / y.length;
    expect(m).toBeCloseTo(10, 10);
    const sd = Math.sqrt(y.reduce((a, b) => a + (b - m) ** 2, 0) / (y.length - 1));
    expect(r.se).toBeCloseTo(sd / Math.sqrt(40) / r.slope, 12);
  });

  test("a range whose mean rates do not bracket the target, or fewer than 2 seeds, is refused", () => {
    expect(() => weightForMeanRate({ inputs: exc, targetRate: 10, wRange: [3, 3.5], seeds: seeds("x", 3), duration: 2 })).toThrow(/wRange must bracket the target rate 10 Hz on average/);
    expect(() => weightForMeanRate({ inputs: exc, targetRate: 10, wRange: [4, 5], seeds: [1], duration: 2 })).toThrow(ParameterError);
    expect(() => weightForMeanRate({ inputs: exc, targetRate: 10, wRange: [5, 4], seeds: [1, 2], duration: 2 })).toThrow(ParameterError);
  });
});
