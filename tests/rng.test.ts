import { Rng, deriveSeed } from "../lib/src/core/rng";

describe("Rng", () => {
  test("the same seed gives bit-identical streams; another seed a different one", () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xa = Array.from({ length: 1000 }, () => a.uniform());
    const xb = Array.from({ length: 1000 }, () => b.uniform());
    const xc = Array.from({ length: 1000 }, () => c.uniform());
    expect(xb).toEqual(xa);
    expect(xc).not.toEqual(xa);
    expect(new Rng("42").uniform()).toBe(new Rng(42).uniform()); // a number seed is its string
  });

  test("uniform() lies in [0, 1) with mean 1/2 and variance 1/12 (within 5 standard errors)", () => {
    for (const seed of [1, 2, 3]) {
      const r = new Rng(seed);
      const n = 100000;
      let s = 0;
      let s2 = 0;
      let outside = 0;
      for (let k = 0; k < n; k++) {
        const u = r.uniform();
        if (!(u >= 0 && u < 1)) outside++;
        s += u;
        s2 += u * u;
      }
      expect(outside).toBe(0);
      const m = s / n;
      // SE of the mean: sqrt(1/12 / n); SE of E[u^2] (= 1/3): sqrt((1/5 - 1/9) / n)
      expect(Math.abs(m - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
      expect(Math.abs(s2 / n - 1 / 3)).toBeLessThan(5 * Math.sqrt((1 / 5 - 1 / 9) / n));
    }
  });

  test("geometric(p) has mean 1/p and variance (1-p)/p^2 (within 5 standard errors), P(G=1) = p", () => {
    for (const [seed, p] of [[1, 0.3], [2, 0.01], [3, 1e-3]] as const) {
      const r = new Rng(seed);
      const n = 50000;
      let s = 0;
      let s2 = 0;
      let ones = 0;
      let invalid = 0;
      for (let k = 0; k < n; k++) {
        const g = r.geometric(p);
        if (!(Number.isInteger(g) && g >= 1)) invalid++;
        s += g;
        s2 += g * g;
        if (g === 1) ones++;
      }
      expect(invalid).toBe(0);
      const mean = s / n;
      const variance = s2 / n - mean * mean;
      const trueVar = (1 - p) / p ** 2;
      expect(Math.abs(mean - 1 / p)).toBeLessThan(5 * Math.sqrt(trueVar / n));
      // Var(sample variance) ~ (mu4 - sigma^4)/n; geometric kurtosis excess = 6 + p^2/(1-p)
      const mu4 = trueVar ** 2 * (9 + p ** 2 / (1 - p));
      expect(Math.abs(variance - trueVar)).toBeLessThan(5 * Math.sqrt((mu4 - trueVar ** 2) / n));
      expect(Math.abs(ones / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  test("geometric(1) is always 1 and geometric(0) is Infinity", () => {
    const r = new Rng(7);
    expect(r.geometric(1)).toBe(1);
    expect(r.geometric(0)).toBe(Infinity);
  });

  test("normal() has mean 0 and variance 1 (within 5 standard errors)", () => {
    const r = new Rng(5);
    const n = 100000;
    let s = 0;
    let s2 = 0;
    for (let k = 0; k < n; k++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  });

  test("sampleWithoutReplacement draws distinct values in range, each value equally often", () => {
    const r = new Rng(11);
    const n = 20;
    const k = 5;
    const hits = new Float64Array(n);
    const reps = 20000;
    const out = new Uint32Array(k);
    let bad = 0;
    for (let rep = 0; rep < reps; rep++) {
      r.sampleWithoutReplacement(n, out);
      if (new Set(out).size !== k) bad++;
      for (const v of out) {
        if (v >= n) bad++;
        else hits[v]++;
      }
    }
    expect(bad).toBe(0);
    // each value is chosen with probability k/n per draw: binomial(reps, k/n)
    const p = k / n;
    for (const h of hits) expect(Math.abs(h - reps * p)).toBeLessThan(5 * Math.sqrt(reps * p * (1 - p)));
  });

  test("sampleWithoutReplacement with k = n returns a permutation, and refuses k > n", () => {
    const r = new Rng(3);
    const out = new Uint16Array(100);
    r.sampleWithoutReplacement(100, out);
    expect(Array.from(out).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(() => r.sampleWithoutReplacement(50, out)).toThrow(/n must be an integer >= 100 and <= 2147483647, got 50/);
  });

  test("deriveSeed gives distinct, reproducible labels and refuses a bad seed", () => {
    expect(deriveSeed(1, "X")).toBe(deriveSeed(1, "X"));
    expect(deriveSeed(1, "X")).not.toBe(deriveSeed(1, "V0"));
    expect(new Rng(deriveSeed(1, "X")).uniform()).not.toBe(new Rng(deriveSeed(2, "X")).uniform());
    expect(() => deriveSeed(NaN, "X")).toThrow(/seed must be a finite number or a string, got NaN/);
    expect(() => new Rng(Infinity)).toThrow(/seed/);
  });
});
