import { diffusionInput, solveMeanField } from "../lib/src/theory/mean-field";
import { siegertRate } from "../lib/src/theory/siegert";

describe("diffusionInput", () => {
  test("mu = tau sqrt(K) sum_b J_ab r_b and sigma^2 = (tau / 2) sum_b J_ab^2 r_b, per population", () => {
    const d = diffusionInput({ K: 400, rX: 10, tau: 0.02 }, 30, 20);
    // E: 0.02 * 20 * (1 * 30 - 2.5 * 20 + 2 * 10) = 0;   I: 0.4 * (30 - 40 + 10) = 0
    expect(d.mu[0]).toBeCloseTo(0, 12);
    expect(d.mu[1]).toBeCloseTo(0, 12);
    expect(d.muParts[0]).toEqual([0.4 * 30, 0.4 * -2.5 * 20, 0.4 * 2 * 10].map((x) => expect.closeTo(x, 12)));
    expect(d.sigma[0] ** 2).toBeCloseTo(0.01 * (30 + 6.25 * 20 + 4 * 10), 12);
    expect(d.sigma[1] ** 2).toBeCloseTo(0.01 * (30 + 4 * 20 + 10), 12);
  });

  test("sigma does not depend on K while each part of mu grows like sqrt(K)", () => {
    const a = diffusionInput({ K: 100 }, 5, 5);
    const b = diffusionInput({ K: 10000 }, 5, 5);
    expect(b.sigma[0]).toBeCloseTo(a.sigma[0], 14);
    expect(b.muParts[1][2] / a.muParts[1][2]).toBeCloseTo(10, 12);
  });

  test("bad input throws naming the parameter", () => {
    expect(() => diffusionInput({ K: 0 }, 1, 1)).toThrow(/diffusionInput: K/);
    expect(() => diffusionInput({}, -1, 1)).toThrow(/diffusionInput: rE/);
    expect(() => diffusionInput({ J: [[1, 2]] as never }, 1, 1)).toThrow(/diffusionInput: J/);
  });
});

describe("solveMeanField", () => {
  test("the solution satisfies r_a = phi(mu_a(r), sigma_a(r)) for the default network at K = 100", () => {
    for (const rX of [5, 10, 15, 20]) {
      const s = solveMeanField({ rX });
      const d = diffusionInput({ rX }, s.rE, s.rI);
      expect(Math.abs(siegertRate({ mu: d.mu[0], sigma: d.sigma[0] }) - s.rE)).toBeLessThan(1e-8 * s.rE);
      expect(Math.abs(siegertRate({ mu: d.mu[1], sigma: d.sigma[1] }) - s.rI)).toBeLessThan(1e-8 * s.rI);
    }
  });

  test("with no recurrence (J = 0) the rates are phi of the external input alone", () => {
    const J = [[0, 0], [0, 0]] as const;
    for (const K of [10, 100]) {
      const s = solveMeanField({ J, K, rX: 10 });
      const tau = 0.02;
      const muE = tau * Math.sqrt(K) * 2 * 10;
      const muI = tau * Math.sqrt(K) * 1 * 10;
      expect(s.rE).toBeCloseTo(siegertRate({ mu: muE, sigma: Math.sqrt((tau / 2) * 4 * 10) }), 9);
      expect(s.rI).toBeCloseTo(siegertRate({ mu: muI, sigma: Math.sqrt((tau / 2) * 1 * 10) }), 9);
    }
  });

  test("as K grows the rates approach the balanced limit r_E = 3 r_X, r_I = 2 r_X with deviations O(1/sqrt(K))", () => {
    const rX = 10;
    let prev = Infinity;
    for (const K of [1e2, 1e4, 1e6, 1e8]) {
      const s = solveMeanField({ K, rX });
      const dev = Math.max(Math.abs(s.rE - 3 * rX), Math.abs(s.rI - 2 * rX));
      expect(dev).toBeLessThan(prev);
      // the O(1/sqrt(K)) correction has a coefficient below 10 Hz here
      expect(dev * Math.sqrt(K)).toBeLessThan(10);
      prev = dev;
    }
  });

  test("the rates grow with r_X roughly linearly, and at K = 100 lie within 10% (E) and 15% (I) of the balanced prediction", () => {
    for (const rX of [5, 10, 15, 20]) {
      const s = solveMeanField({ rX });
      expect(Math.abs(s.rE / (3 * rX) - 1)).toBeLessThan(0.1);
      expect(Math.abs(s.rI / (2 * rX) - 1)).toBeLessThan(0.15);
    }
  });

  test("failure to converge throws a clear error", () => {
    expect(() => solveMeanField({}, { initial: [200, 1], maxIterations: 1 })).toThrow(/solveMeanField: no convergence/);
    expect(() => solveMeanField({ K: -1 })).toThrow(/solveMeanField: K/);
  });
});
