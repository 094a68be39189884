import { integrate } from "../lib/src/math/quadrature";

describe("integrate (adaptive Gauss-Kronrod 7/15)", () => {
  test("the 15-point rule is exact for polynomials up to degree 22 on one interval", () => {
    // integral of x^n over [0, 1] = 1 / (n + 1)
    for (let n = 0; n <= 22; n++) {
      expect(Math.abs(integrate((x) => x ** n, 0, 1, { relTol: 1 }) * (n + 1) - 1)).toBeLessThan(1e-14);
    }
  });

  test("smooth integrals with closed forms come out to 1e-13 relative", () => {
    expect(Math.abs(integrate(Math.exp, 0, 10) / Math.expm1(10) - 1)).toBeLessThan(1e-13);
    expect(Math.abs(integrate((x) => Math.exp(-x * x), -10, 10) / Math.sqrt(Math.PI) - 1)).toBeLessThan(1e-13);
    expect(Math.abs(integrate((x) => 1 / x, 1, 1e6) / Math.log(1e6) - 1)).toBeLessThan(1e-12);
    expect(Math.abs(integrate(Math.sin, 0, Math.PI) / 2 - 1)).toBeLessThan(1e-13);
  });

  test("reversed limits give minus the integral and equal limits give 0", () => {
    expect(integrate(Math.exp, 1, 0)).toBeCloseTo(-Math.expm1(1), 13);
    expect(integrate(Math.exp, 2, 2)).toBe(0);
  });

  test("a non-finite integrand and bad options throw", () => {
    expect(() => integrate((x) => 1 / x, -1, 1)).toThrow(/integrate: the integrand is not finite/);
    expect(() => integrate(Math.exp, 0, Infinity)).toThrow(/integrate: b/);
    expect(() => integrate(Math.exp, 0, 1, { relTol: 0 })).toThrow(/relTol or absTol/);
  });
});
