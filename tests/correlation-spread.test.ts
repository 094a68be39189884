import { ParameterError } from "../lib/src/core/validate";
import { correlationSpread } from "../lib/src/analysis/correlation-spread";

describe("correlationSpread", () => {
  test("the spread of independent coefficients is the sampling spread, and none of it is real", () => {
    // 4000 independent Gaussian coefficients of sd 1 / sqrt(nw - 1): the sample sd has SE sd / sqrt(2 * 4000)
    const nw = 101, sd0 = 1 / Math.sqrt(nw - 1);
    let s = 12345;
    const u = () => ((s = (1103515245 * s + 12345) % 2147483648) + 0.5) / 2147483648;
    const c = Array.from({ length: 4000 }, () => sd0 * Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()));
    const r = correlationSpread(c, nw);
    expect(r.sdNull).toBeCloseTo(0.1, 15);
    expect(Math.abs(r.sd - sd0)).toBeLessThan(5 * sd0 / Math.sqrt(8000));
    // realShare = max(sd^2 - sd0^2, 0) / sd^2 is within 5 SE of 0: 2 * 5 / sqrt(8000)
    expect(r.realShare).toBeLessThan(10 / Math.sqrt(8000));
  });

  test("coefficients spread 2.3 times as wide as sampling noise are 81% real", () => {
    const r = correlationSpread([-0.2, 0.2, -0.2, 0.2], 101);
    expect(r.sd).toBeCloseTo(Math.sqrt(0.16 / 3), 12);
    expect(r.realVariance).toBeCloseTo(0.16 / 3 - 0.01, 12);
    expect(r.realShare).toBeCloseTo(1 - 0.01 / (0.16 / 3), 12);
    expect(() => correlationSpread([0.1], 10)).toThrow(ParameterError);
    expect(() => correlationSpread([0.1, 0.2], 1)).toThrow(/nWindows/);
  });
});
