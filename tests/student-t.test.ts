import { incompleteBeta, studentTCritical, studentTTwoSided, THREE_SIGMA_TAIL } from "../lib/src/math/student-t";
import { ParameterError } from "../lib/src/core/validate";

// Reference values: closed forms (df = 1 is the Cauchy law, df = 2 has P(|T| >= t) = 1 - t / sqrt(2 + t^2))
// and the tables of t quantiles (R: qt(0.975, 19) = 2.093024, qt(0.995, 4) = 4.604095; scipy's t.ppf agrees).

describe("Student's t distribution", () => {
  test("the incomplete beta function has its closed forms I_x(1, 1) = x and I_x(a, 1) = x^a", () => {
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 13);
    expect(incompleteBeta(0.7, 2.5, 1)).toBeCloseTo(0.7 ** 2.5, 13);
    expect(incompleteBeta(0.2, 3, 4) + incompleteBeta(0.8, 4, 3)).toBeCloseTo(1, 13);
  });

  test("the two-sided tail is the Cauchy law for df = 1 and has its closed form for df = 2", () => {
    expect(studentTTwoSided(1, 1)).toBeCloseTo(0.5, 13);
    for (const t of [0.5, 2, 7]) expect(studentTTwoSided(t, 2)).toBeCloseTo(1 - t / Math.sqrt(2 + t * t), 13);
  });

  test("the tail approaches the normal's as df grows", () => {
    expect(studentTTwoSided(3, 1e7)).toBeCloseTo(THREE_SIGMA_TAIL, 7);
    expect(THREE_SIGMA_TAIL).toBeCloseTo(0.0026998, 7);
  });

  test("critical values match the tables of t quantiles", () => {
    expect(studentTCritical(19, 0.05)).toBeCloseTo(2.093024, 5);
    expect(studentTCritical(4, 0.01)).toBeCloseTo(4.604095, 5);
    expect(studentTCritical(1e7)).toBeCloseTo(3, 5);
    // the |z| < 3 rule's counterpart for 20 runs (scipy: t.ppf(1 - 0.0026998 / 2, 19) = 3.447233)
    expect(studentTCritical(19)).toBeCloseTo(3.447233, 5);
  });

  test("bad degrees of freedom and tails are refused", () => {
    expect(() => studentTCritical(0)).toThrow(ParameterError);
    expect(() => studentTCritical(5, 1)).toThrow(/studentTCritical: tail/);
    expect(() => incompleteBeta(1.5, 1, 1)).toThrow(/incompleteBeta: x/);
  });
});
