import { Rng } from "../lib/src/core/rng";
import { batchMeans, mean, RunningStats, standardError, summarize, variance } from "../lib/src/math/statistics";
import { traceMoments } from "../lib/src/analysis/trace-moments";

describe("general statistics", () => {
  test("mean, unbiased and population variance of a small sample computed by hand", () => {
    const x = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(x)).toBe(5);
    expect(variance(x, 0)).toBe(4);
    expect(variance(x)).toBeCloseTo(32 / 7, 14);
    const s = summarize(x);
    expect(s).toMatchObject({ n: 8, mean: 5 });
    expect(s.se).toBeCloseTo(Math.sqrt(32 / 7 / 8), 14);
    expect(standardError(x)).toBe(s.se);
  });

  test("variance loses no digits on a large offset (two-pass and Welford)", () => {
    const x = [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16];
    expect(variance(x)).toBe(30);
    const w = new RunningStats();
    for (const v of x) w.push(v);
    expect(w.mean).toBe(1e9 + 10);
    expect(w.variance).toBe(30);
    expect(w.n).toBe(4);
    expect(w.se).toBeCloseTo(Math.sqrt(30 / 4), 12);
  });

  test("empty and single-value samples, and values that are not finite numbers, are refused (no NaN)", () => {
    expect(() => mean([])).toThrow(/^mean: x must hold at least 1 value\(s\) \(the mean of no values is undefined\), got 0$/);
    expect(() => mean([1, undefined as unknown as number, 3])).toThrow(/^mean: x\[1\] must be a finite number, got undefined$/);
    expect(() => variance([1])).toThrow(/^variance: x must hold at least 2 value\(s\) \(a sample variance needs two\), got 1$/);
    expect(() => summarize([5])).toThrow(/^summarize: x must hold at least 2 value/);
    expect(() => summarize([5], "findWeightForRate")).toThrow(/^findWeightForRate: x must hold/);
    expect(() => new RunningStats().mean).toThrow(/RunningStats\.mean: no values were pushed/);
    const r = new RunningStats();
    r.push(1);
    expect(() => r.se).toThrow(/RunningStats\.variance: a sample variance needs at least 2 values, got 1/);
    expect(() => r.push(NaN)).toThrow(/RunningStats\.push: x must be a finite number, got NaN/);
  });

  test("batch means average consecutive equal batches and drop the remainder", () => {
    expect(Array.from(batchMeans([1, 2, 3, 4, 5, 6, 100], 3))).toEqual([1.5, 3.5, 5.5]);
  });

  test.each([
    ["a ddof other than 0 or 1", () => variance([1, 2], 2), /variance: ddof must be an integer >= 0 and <= 1, got 2/],
    ["a non-array", () => mean(3 as unknown as number[]), /mean: x must be an array of numbers/],
    ["zero batches", () => batchMeans([1, 2], 0), /batchMeans: nBatches must be an integer >= 1/],
    ["more batches than values", () => batchMeans([1, 2], 3), /batchMeans: nBatches must be an integer >= 1 and <= 2, got 3/],
  ])("rejects %s with a message naming the parameter", (_name, f, message) => {
    expect(f).toThrow(message);
  });
});

/** AR(1) series x_k = a x_{k-1} + sqrt(1 - a^2) N(0,1): stationary mean 0, variance 1, correlation time -dt/ln(a). */
function ar1(n: number, a: number, seed: number | string): Float64Array {
  const rng = new Rng(seed);
  const x = new Float64Array(n);
  x[0] = rng.normal();
  const s = Math.sqrt(1 - a * a);
  for (let k = 1; k < n; k++) x[k] = a * x[k - 1] + s * rng.normal();
  return x;
}

describe("traceMoments: batch-means standard errors for autocorrelated traces", () => {
  // dt = 1e-4 s and a = 1 - dt/tau with tau = 20 ms, like a free membrane potential
  const a = 1 - 1e-4 / 0.02;

  test("an AR(1) trace with correlation time tau: mean 0 and variance 1 within 5 standard errors, for several seeds", () => {
    for (const seed of [1, 2, 3, "x"]) {
      const x = ar1(200_000, a, seed);
      const t = traceMoments(x, { dt: 1e-4, transient: 0.1, nBatches: 32, correlationTime: 0.02 });
      expect(Math.abs(t.mean)).toBeLessThan(5 * t.meanSE);
      expect(Math.abs(t.variance - 1)).toBeLessThan(5 * t.varianceSE);
      expect(t.nSamples).toBe(32 * Math.floor((200_000 - 1000) / 32));
      expect(t.nBatches).toBe(32);
    }
  });

  test("the batch-means SE of the mean is close to the theoretical sqrt(2 tau / T), far above the naive sd / sqrt(N)", () => {
    const x = ar1(400_000, a, 9);
    const t = traceMoments(x, { dt: 1e-4, transient: 0, nBatches: 20 });
    const T = 40;
    const theory = Math.sqrt(((1 + a) / (1 - a)) / x.length); // = sqrt(2 tau / T) to O(dt/tau)
    expect(theory).toBeCloseTo(Math.sqrt((2 * 0.02) / T), 3);
    expect(t.meanSE / theory).toBeGreaterThan(0.5);
    expect(t.meanSE / theory).toBeLessThan(1.6);
    const naive = Math.sqrt(t.variance / x.length);
    expect(t.meanSE / naive).toBeGreaterThan(8); // ~ sqrt(2 tau / dt) = 20
  });

  test("the variance keeps its digits on a large offset, and the transient is dropped", () => {
    const x = new Float64Array(2000);
    for (let i = 0; i < x.length; i++) x[i] = i < 1000 ? 1e6 : 1e8 + (i % 2 === 0 ? 1 : -1);
    const t = traceMoments(x, { dt: 1e-3, transient: 1, nBatches: 10 });
    expect(t.mean).toBe(1e8);
    expect(t.variance).toBe(1);
    expect(t.batchDuration).toBeCloseTo(0.1, 12);
  });

  test.each([
    ["a negative transient", { transient: -1 }, /traceMoments: transient must be a finite number >= 0 \(s\), got -1/],
    ["a transient longer than the trace", { transient: 10 }, /traceMoments: the trace must have at least nBatches = 20 samples after the transient/],
    ["one batch", { nBatches: 1 }, /traceMoments: nBatches must be an integer >= 2, got 1/],
    ["a zero dt", { dt: 0 }, /traceMoments: dt must be a finite number > 0/],
    ["batches shorter than 10 correlation times", { correlationTime: 0.1, transient: 0 }, /traceMoments: batches of .* s are shorter than 10 correlation times/],
  ])("rejects %s", (_name, opts, message) => {
    expect(() => traceMoments(new Float64Array(10_000), opts)).toThrow(message);
  });

  test("rejects a trace with NaN samples", () => {
    expect(() => traceMoments([1, NaN, 2, 3], { transient: 0, nBatches: 2 })).toThrow(/traceMoments: trace must contain finite numbers only/);
  });
});
