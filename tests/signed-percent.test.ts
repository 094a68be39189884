import { percentRange, signedPercent } from "../lib/src/report/format";
import { ParameterError } from "../lib/src/core/validate";

describe("signedPercent and percentRange", () => {
  test("a relative change prints in percent with its sign and one decimal", () => {
    expect(signedPercent(0.0123)).toBe("+1.2%");
    expect(signedPercent(-0.05)).toBe("-5.0%");
    expect(signedPercent(0)).toBe("+0.0%");
  });

  test("a range prints from the smallest to the largest change, whatever their order", () => {
    expect(percentRange([0.02, -0.031, 0.001])).toBe("-3.1% to +2.0%");
    expect(percentRange([0.1])).toBe("+10.0% to +10.0%");
    expect(() => percentRange([])).toThrow(ParameterError);
  });
});
