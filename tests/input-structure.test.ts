import { inputStructureRates } from "../lib/src/experiments/input-structure";

describe("inputStructureRates", () => {
  const options = { params: { N: 200, K: 20, duration: 0.8 }, seed: 3, neurons: 4 };

  test("the same seed gives the same rates, bit for bit", () => {
    expect(inputStructureRates(options)).toEqual(inputStructureRates(options));
  });

  test("the network's rates are positive and every mode gives a finite mean and SE", () => {
    const r = inputStructureRates(options);
    for (const pop of [r.E, r.I]) {
      expect(pop.network).toBeGreaterThan(0);
      for (const m of [pop.real, pop.shifted, pop.poisson]) {
        expect(Number.isFinite(m.mean)).toBe(true);
        expect(Number.isFinite(m.se)).toBe(true);
      }
    }
  });

  test("bad input throws naming the function and the parameter", () => {
    expect(() => inputStructureRates({ ...options, neurons: 1 })).toThrow(/inputStructureRates: neurons/);
    expect(() => inputStructureRates({ ...options, transient: 0.5 })).toThrow(/inputStructureRates: transient/);
  });
});
