import { poissonTrains } from "../lib/src/spikes/poisson";
import { ParameterError } from "../lib/src/core/validate";

describe("poissonTrains (the SPEC's discretised Poisson process)", () => {
  const N = 1000;
  const rate = 10;
  const T = 2;
  const dt = 1e-4;
  const nBins = Math.round(T / dt);
  const p = rate * dt;
  const seeds = [1, 2, 3, 17, 2026];

  test("mean count per neuron is r T = 20 within 4 standard errors, for several seeds", () => {
    for (const seed of seeds) {
      const counts = poissonTrains({ n: N, rate, duration: T, dt, seed }).counts();
      const mean = counts.reduce((a, b) => a + b, 0) / N;
      const se = Math.sqrt((nBins * p * (1 - p)) / N); // binomial variance / N
      expect(Math.abs(mean - rate * T)).toBeLessThan(4 * se);
    }
  });

  test("variance of the counts is n p (1 - p) within 4 standard errors (binomial fourth moment)", () => {
    const v = nBins * p * (1 - p);
    const mu4 = v * (1 + 3 * (nBins - 2) * p * (1 - p)); // central fourth moment of the binomial
    const se = Math.sqrt((mu4 - (v * v * (N - 3)) / (N - 1)) / N);
    for (const seed of seeds) {
      const counts = Array.from(poissonTrains({ n: N, rate, duration: T, dt, seed }).counts());
      const m = counts.reduce((a, b) => a + b, 0) / N;
      const s2 = counts.reduce((a, c) => a + (c - m) ** 2, 0) / (N - 1);
      expect(Math.abs(s2 - v)).toBeLessThan(4 * se);
    }
  });

  test("no bin holds two spikes: every train's bins are strictly increasing and in range", () => {
    const x = poissonTrains({ n: 200, rate: 2000, duration: 0.5, dt, seed: 4 }); // p = 0.2
    let bad = 0;
    for (let i = 0; i < x.n; i++) {
      const b = x.spikeBins(i);
      for (let k = 0; k < b.length; k++) {
        if (b[k] >= x.nBins || (k > 0 && b[k] <= b[k - 1])) bad++;
      }
    }
    expect(x.totalSpikes).toBeGreaterThan(10000);
    expect(bad).toBe(0);
  });

  test("inter-spike intervals are geometric: mean 1/p bins, variance (1-p)/p^2, P(1 bin) = p", () => {
    const q = 0.05;
    const x = poissonTrains({ n: 500, rate: q / dt, duration: 1, dt, seed: 9 });
    const gaps: number[] = [];
    for (let i = 0; i < x.n; i++) {
      const b = x.spikeBins(i);
      for (let k = 1; k < b.length; k++) gaps.push(b[k] - b[k - 1]);
    }
    const n = gaps.length;
    const mean = gaps.reduce((a, g) => a + g, 0) / n;
    const variance = gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / (n - 1);
    const trueVar = (1 - q) / q ** 2;
    expect(Math.abs(mean - 1 / q)).toBeLessThan(5 * Math.sqrt(trueVar / n));
    const mu4 = trueVar ** 2 * (9 + q ** 2 / (1 - q));
    expect(Math.abs(variance - trueVar)).toBeLessThan(5 * Math.sqrt((mu4 - trueVar ** 2) / n));
    const ones = gaps.filter((g) => g === 1).length / n;
    expect(Math.abs(ones - q)).toBeLessThan(5 * Math.sqrt((q * (1 - q)) / n));
  });

  test("rate 0 gives no spike and rate 1/dt a spike in every bin (exact edge cases)", () => {
    expect(poissonTrains({ n: 10, rate: 0, duration: 1, dt, seed: 1 }).totalSpikes).toBe(0);
    const full = poissonTrains({ n: 3, rate: 1 / dt, duration: 0.01, dt, seed: 1 });
    expect(Array.from(full.counts())).toEqual([100, 100, 100]);
    expect(Array.from(full.spikeBins(2))).toEqual(Array.from({ length: 100 }, (_, k) => k));
  });

  test("n = 0 and duration 0 give empty trains", () => {
    expect(poissonTrains({ n: 0, rate, duration: T, dt, seed: 1 }).totalSpikes).toBe(0);
    const x = poissonTrains({ n: 5, rate, duration: 0, dt, seed: 1 });
    expect(x.nBins).toBe(0);
    expect(x.totalSpikes).toBe(0);
  });

  test("the same seed gives identical trains; another seed different ones", () => {
    const a = poissonTrains({ n: N, rate, duration: T, dt, seed: "abc" });
    const b = poissonTrains({ n: N, rate, duration: T, dt, seed: "abc" });
    const c = poissonTrains({ n: N, rate, duration: T, dt, seed: "abd" });
    expect(Buffer.from(b.bins.buffer).equals(Buffer.from(a.bins.buffer))).toBe(true);
    expect(Array.from(b.offsets)).toEqual(Array.from(a.offsets));
    expect(Buffer.from(c.bins.buffer).equals(Buffer.from(a.bins.buffer))).toBe(false);
  });

  test.each([
    [{ rate: -5 }, /poissonTrains: rate must be a finite number >= 0 \(Hz\), got -5/],
    [{ rate: NaN }, /rate must be a finite number >= 0 \(Hz\), got NaN/],
    [{ rate: 20000 }, /rate \* dt must be <= 1 .*got 20000 Hz \* 0.0001 s = 2/],
    [{ n: 10.5 }, /n must be an integer >= 0, got 10.5/],
    [{ n: -1 }, /n must be an integer >= 0, got -1/],
    [{ dt: 0 }, /dt must be a finite number > 0 \(s\), got 0/],
    [{ dt: -1e-4 }, /dt must be a finite number > 0 \(s\), got -0.0001/],
    [{ duration: -1 }, /duration must be a finite number >= 0 \(s\), got -1/],
    [{ duration: 1.00005 }, /duration must be a whole number of bins of dt = 0.0001 s, got 1.00005 s/],
    [{ seed: undefined }, /seed must be a finite number or a string, got undefined/],
  ])("bad input %o throws a ParameterError naming it", (bad, message) => {
    const call = () => poissonTrains({ n: 10, rate: 10, duration: 1, dt: 1e-4, seed: 1, ...bad } as never);
    expect(call).toThrow(ParameterError);
    expect(call).toThrow(message);
  });

  test("a ParameterError's stack is only its message (what a notebook prints)", () => {
    try {
      poissonTrains({ n: 10, rate: -1, duration: 1, seed: 1 });
      throw new Error("no error thrown");
    } catch (e) {
      expect((e as Error).stack).toBe("ParameterError: poissonTrains: rate must be a finite number >= 0 (Hz), got -1");
    }
  });
});
