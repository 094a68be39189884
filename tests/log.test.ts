import { ln } from "../lib/src/core/log";

/** A pseudo-random stream of doubles in (0, 1) (a fixed linear congruential generator). */
function* uniforms(n: number): Generator<number> {
  let s = 987654321;
  for (let i = 0; i < n; i++) {
    s = (s * 48271) % 2147483647;
    yield s / 2147483647;
  }
}

describe("ln (fdlibm's logarithm, the same bits on every engine)", () => {
  test("special values", () => {
    expect(ln(0)).toBe(-Infinity);
    expect(ln(-0)).toBe(-Infinity);
    expect(ln(-1)).toBeNaN();
    expect(ln(NaN)).toBeNaN();
    expect(ln(Infinity)).toBe(Infinity);
    expect(ln(1)).toBe(0);
    expect(ln(2)).toBe(Math.LN2);
    expect(ln(10)).toBe(Math.LN10);
    expect(ln(Math.E)).toBe(1);
  });

  test("within one ulp of Math.log over (0, 1), near 1, subnormals and large arguments", () => {
    let worst = 0;
    for (const u of uniforms(200_000)) {
      for (const x of [u, 1 - u * 1e-3, u * 1e-310, u * 1e300]) {
        const ulp = Math.abs(Math.log(x)) * 2 ** -52 || Number.MIN_VALUE;
        worst = Math.max(worst, Math.abs(ln(x) - Math.log(x)) / ulp);
      }
    }
    expect(worst).toBeLessThanOrEqual(1);
  });
});
