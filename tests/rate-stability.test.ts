import { rateStability } from "../lib/src/theory/rate-stability";
import { ParameterError } from "../lib/src/core/validate";

// The linearised rate dynamics tau dr/dt = -r + phi(r) at the mean-field rates. Exact facts used:
// the eigenvalues lambda of M = (A - 1)/tau solve det(M - lambda) = 0; det A is proportional to
// det J at large K (A_ab ~ g_a tau sqrt(K) J_ab), so det J < 0 gives a saddle (one lambda > 0).

describe("rateStability", () => {
  test("the default network's rates are stable from K = 25 to K = 10 000 at r_X = 5 to 20 Hz", () => {
    for (const K of [25, 100, 1000, 10000]) {
      for (const rX of [5, 10, 20]) expect(rateStability({ K, rX }).eigenvalues.every((l) => l.re < 0)).toBe(true);
    }
  });

  test("the eigenvalues solve det((A - 1)/tau - lambda) = 0", () => {
    const tau = 0.02;
    const s = rateStability({ K: 100, rX: 10, tau });
    const [[a, b], [c, d]] = s.jacobian;
    for (const l of s.eigenvalues) {
      // (m11 - l)(m22 - l) - m12 m21 with complex l = re + i im
      const m11 = (a - 1) / tau, m22 = (d - 1) / tau, m12 = b / tau, m21 = c / tau;
      const pRe = (m11 - l.re) * (m22 - l.re) - l.im * l.im - m12 * m21;
      const pIm = -l.im * (m11 - l.re) - l.im * (m22 - l.re);
      expect(Math.hypot(pRe, pIm)).toBeLessThan(1e-8 * (m11 * m11 + m22 * m22));
    }
  });

  test("at large K the gains scale with the weights: A_aE / A_aI = J_aE / J_aI within 3 %", () => {
    const s = rateStability({ K: 10000, rX: 10 });
    expect(Math.abs(s.jacobian[0][0] / s.jacobian[0][1] / (1 / -2.5) - 1)).toBeLessThan(0.03);
    expect(Math.abs(s.jacobian[1][0] / s.jacobian[1][1] / (1 / -2) - 1)).toBeLessThan(0.03);
  });

  test("weights with det J < 0 have a positive but unstable balanced state: a saddle", () => {
    // J_EX/J_IX = 0.5 < |J_EI|/|J_II| = 1 < J_EE/J_IE = 2: balanced rates r_E = 1 r_X, r_I = 3 r_X
    const s = rateStability({ J: [[2, -1], [1, -1]], JX: [1, 2], K: 100, rX: 10 });
    expect(s.rates.every((r) => r > 0)).toBe(true);
    expect(s.stable).toBe(false);
    expect(s.eigenvalues.map((l) => l.im)).toEqual([0, 0]);
    expect(s.eigenvalues[0].re).toBeGreaterThan(0);
    expect(s.eigenvalues[1].re).toBeLessThan(0);
  });

  test("a bad step or bad parameters are refused", () => {
    expect(() => rateStability({}, 0)).toThrow(/rateStability: step/);
    expect(() => rateStability({ K: -1 })).toThrow(ParameterError);
  });
});
