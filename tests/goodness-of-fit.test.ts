import { chiSquareTest } from "../lib/src/math/goodness-of-fit";
import { binomialPmf } from "../lib/src/math/distributions";
import { poissonTrains } from "../lib/src/spikes/poisson";
import { ParameterError } from "../lib/src/core/validate";

describe("chiSquareTest", () => {
  test("a hand-computed case: 3 zeros and 1 one against a fair coin give chi2 = 1 with 1 degree of freedom", () => {
    const r = chiSquareTest([0, 0, 0, 1], () => 0.5, { kMax: 1, minExpected: 1 });
    expect(r.statistic).toBeCloseTo((3 - 2) ** 2 / 2 + (1 - 2) ** 2 / 2, 14);
    expect(r.dof).toBe(1);
    expect(r.z).toBeCloseTo((1 - 1) / Math.sqrt(2), 14);
  });

  test("tails are pooled until each class expects at least minExpected samples", () => {
    // 1000 samples of Binomial(20000, 1e-3): classes below ~11 and above ~30 expect < 5 and are pooled
    const pmf = (k: number) => binomialPmf(20000, 1e-3, k);
    const counts = poissonTrains({ n: 1000, rate: 10, duration: 2, dt: 1e-4, seed: 1 }).counts();
    const r = chiSquareTest(counts, pmf, { kMax: 60 });
    expect(r.dof).toBeGreaterThan(15);
    expect(r.dof).toBeLessThan(30);
  });

  test("Poisson counts pass against their binomial law for several seeds, and shifted counts fail", () => {
    const pmf = (k: number) => binomialPmf(20000, 1e-3, k);
    for (const seed of [1, 2, 3, 4]) {
      const counts = poissonTrains({ n: 1000, rate: 10, duration: 2, dt: 1e-4, seed }).counts();
      expect(chiSquareTest(counts, pmf, { kMax: 60 }).consistent).toBe(true);
      expect(chiSquareTest(counts.map((c) => c + 2), pmf, { kMax: 60 }).consistent).toBe(false);
    }
  });

  test("bad input is refused", () => {
    expect(() => chiSquareTest([], () => 1, { kMax: 3 })).toThrow(ParameterError);
    expect(() => chiSquareTest([1], () => 1, { kMax: 0 })).toThrow(new ParameterError("chiSquareTest: kMax must be an integer >= 1, got 0"));
  });
});
