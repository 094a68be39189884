import { balanceConditions } from "../lib/src/theory/balance-conditions";
import { ParameterError } from "../lib/src/core/validate";

// Hand-worked: r = -J^{-1} J_X r_X with D = J_EE J_II - J_EI J_IE,
// r_E = (J_EI J_IX - J_EX J_II) r_X / D, r_I = (J_IE J_EX - J_EE J_IX) r_X / D, r_X = 10 Hz.

describe("balanceConditions", () => {
  // [case, input, upper, lower, state, det J, r_E (Hz), r_I (Hz)], worked by hand from the formulas above.
  test.each([
    ["the tutorial's couplings: 2 > 1.25 > 1", {}, true, true, "balanced", 0.5, 30, 20],
    ["|J_EI| = 4.5: 2 < 2.25 > 1", { J: [[1, -4.5], [1, -2]] }, false, true, "E silent", 2.5, -2, 4],
    ["|J_EI| = 1.5: 2 > 0.75 < 1", { J: [[1, -1.5], [1, -2]] }, true, false, "runaway", -0.5, -50, -20],
    ["all reversed, 0.5 < 1 < 2", { J: [[2, -1], [1, -1]], JX: [1, 2] }, false, false, "runaway", -1, 10, 30],
  ])("%s", (_, input, upper, lower, state, det, rE, rI) => {
    const c = balanceConditions(input as never);
    expect([c.upper, c.lower, c.state]).toEqual([upper, lower, state]);
    expect(c.det).toBeCloseTo(det as number, 12);
    expect(c.rates.rE).toBeCloseTo(rE as number, 10);
    expect(c.rates.rI).toBeCloseTo(rI as number, 10);
  });

  test("the ratios: J_EX/J_IX, |J_EI|/|J_II|, J_EE/J_IE", () => {
    const c = balanceConditions({ J: [[2, -1], [1, -1]], JX: [1, 2] });
    expect([c.external, c.inhibitory, c.excitatory]).toEqual([0.5, 1, 2]);
    const d = balanceConditions();
    expect([d.external, d.inhibitory, d.excitatory]).toEqual([2, 1.25, 1]);
  });

  test("on a boundary (|J_EI|/|J_II| = J_EX/J_IX exactly) the inequality fails: r_E = 0", () => {
    const c = balanceConditions({
      J: [
        [1, -4],
        [1, -2],
      ],
    });
    expect([c.upper, c.lower, c.state]).toEqual([false, true, "E silent"]);
    expect(c.rates.rE).toBeCloseTo(0, 12);
  });

  test("on the other boundary (det J = 0) there is no unique balanced solution: the rates are null, not Infinity or NaN", () => {
    const c = balanceConditions({ J: [[1, -2], [1, -2]], JX: [1, 0.8] });
    expect(c.det).toBe(0);
    expect(c.rates).toEqual({ rE: null, rI: null });
    expect(c.state).toBe("runaway");
  });

  test("the rates scale with r_X; r_X = 0 gives zero rates", () => {
    expect(balanceConditions({ rX: 5 }).rates.rE).toBeCloseTo(15, 10);
    expect(balanceConditions({ rX: 0 }).rates).toEqual({ rE: 0, rI: 0 });
  });

  test.each([
    [
      {
        J: [
          [1, Number.NaN],
          [1, -2],
        ],
      },
      /J_EI must be a finite number <= 0/,
    ],
    [
      {
        J: [
          [1, 2.5],
          [1, -2],
        ],
      },
      /J_EI must be a finite number <= 0/,
    ],
    [
      {
        J: [
          [1, -2.5],
          [1, 0],
        ],
      },
      /J_II must be a finite number < 0/,
    ],
    [
      {
        J: [
          [1, -2.5],
          [0, -2],
        ],
      },
      /J_IE must be a finite number > 0/,
    ],
    [{ JX: [2, 0] }, /J_IX must be a finite number > 0/],
    [{ rX: -1 }, /rX must be a finite number >= 0/],
    [{ J: [[1, -2.5]] }, /J must be a 2x2 array/],
  ])("refuses %j with a ParameterError naming the parameter", (input, message) => {
    expect(() => balanceConditions(input as never)).toThrow(ParameterError);
    expect(() => balanceConditions(input as never)).toThrow(message);
  });
});
