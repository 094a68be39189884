import { balanceConditions } from "../lib/src/theory/balance-conditions";
import { ParameterError } from "../lib/src/core/validate";

// Hand-worked: r = -J^{-1} J_X r_X with D = J_EE J_II - J_EI J_IE,
// r_E = (J_EI J_IX - J_EX J_II) r_X / D, r_I = (J_IE J_EX - J_EE J_IX) r_X / D, r_X = 10 Hz.

describe("balanceConditions", () => {
  test("the tutorial's couplings: 2 > 1.25 > 1, D = 0.5, r = (30, 20) Hz, balanced", () => {
    const c = balanceConditions();
    expect([c.external, c.inhibitory, c.excitatory]).toEqual([2, 1.25, 1]);
    expect([c.upper, c.lower, c.state]).toEqual([true, true, "balanced"]);
    expect(c.det).toBeCloseTo(0.5, 12);
    expect(c.rates.rE).toBeCloseTo(30, 10);
    expect(c.rates.rI).toBeCloseTo(20, 10);
  });

  test("beyond the upper inequality (|J_EI| = 4.5): 2 < 2.25 > 1, D = 2.5, r_E = (-4.5 + 4) 10 / 2.5 = -2 Hz, r_I = 4 Hz: E silent", () => {
    const c = balanceConditions({ J: [[1, -4.5], [1, -2]] });
    expect([c.upper, c.lower, c.state]).toEqual([false, true, "E silent"]);
    expect(c.det).toBeCloseTo(2.5, 12);
    expect(c.rates.rE).toBeCloseTo(-2, 10);
    expect(c.rates.rI).toBeCloseTo(4, 10);
  });

  test("below the lower inequality (|J_EI| = 1.5): 2 > 0.75 < 1, D = -0.5, r = (-50, -20) Hz: runaway", () => {
    const c = balanceConditions({ J: [[1, -1.5], [1, -2]] });
    expect([c.upper, c.lower, c.state]).toEqual([true, false, "runaway"]);
    expect(c.det).toBeCloseTo(-0.5, 12);
    expect(c.rates.rE).toBeCloseTo(-50, 10);
    expect(c.rates.rI).toBeCloseTo(-20, 10);
  });

  test("all three ratios reversed (0.5 < 1 < 2): a positive solution r = (10, 30) Hz with D = -1, unstable: runaway", () => {
    const c = balanceConditions({ J: [[2, -1], [1, -1]], JX: [1, 2] });
    expect([c.external, c.inhibitory, c.excitatory]).toEqual([0.5, 1, 2]);
    expect([c.upper, c.lower, c.state]).toEqual([false, false, "runaway"]);
    expect(c.det).toBeCloseTo(-1, 12);
    expect(c.rates.rE).toBeCloseTo(10, 10);
    expect(c.rates.rI).toBeCloseTo(30, 10);
  });

  test("on a boundary (|J_EI|/|J_II| = J_EX/J_IX exactly) the inequality fails: r_E = 0", () => {
    const c = balanceConditions({ J: [[1, -4], [1, -2]] });
    expect([c.upper, c.lower, c.state]).toEqual([false, true, "E silent"]);
    expect(c.rates.rE).toBeCloseTo(0, 12);
  });

  test("the rates scale with r_X; r_X = 0 gives zero rates", () => {
    expect(balanceConditions({ rX: 5 }).rates.rE).toBeCloseTo(15, 10);
    expect(balanceConditions({ rX: 0 }).rates).toEqual({ rE: 0, rI: 0 });
  });

  test.each([
    [{ J: [[1, Number.NaN], [1, -2]] }, /J_EI must be a finite number <= 0/],
    [{ J: [[1, 2.5], [1, -2]] }, /J_EI must be a finite number <= 0/],
    [{ J: [[1, -2.5], [1, 0]] }, /J_II must be a finite number < 0/],
    [{ J: [[1, -2.5], [0, -2]] }, /J_IE must be a finite number > 0/],
    [{ JX: [2, 0] }, /J_IX must be a finite number > 0/],
    [{ rX: -1 }, /rX must be a finite number >= 0/],
    [{ J: [[1, -2.5]] }, /J must be a 2x2 array/],
  ])("refuses %j with a ParameterError naming the parameter", (input, message) => {
    expect(() => balanceConditions(input as never)).toThrow(ParameterError);
    expect(() => balanceConditions(input as never)).toThrow(message);
  });
});
