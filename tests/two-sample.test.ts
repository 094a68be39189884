import { twoSampleDifference } from "../lib/src/math/two-sample";

describe("twoSampleDifference", () => {
  test("matches the two-sample t statistic computed by hand", () => {
    // a: mean 2, variance 1 (n 3); b: mean 4, variance 4 (n 3); pooled variance (2*1 + 2*4)/4 = 2.5
    const r = twoSampleDifference([1, 2, 3], [2, 4, 6]);
    expect(r.difference).toBe(2);
    expect(r.pooledSd).toBeCloseTo(Math.sqrt(2.5), 14);
    expect(r.se).toBeCloseTo(Math.sqrt(2.5 * (2 / 3)), 14);
    expect(r.z).toBeCloseTo(2 / Math.sqrt(2.5 * (2 / 3)), 14);
    expect(r.df).toBe(4);
  });

  test("one value in b gives the prediction interval of a new draw, sd_a sqrt(1 + 1/n_a)", () => {
    const r = twoSampleDifference([1, 2, 3, 4], [5]);
    expect(r.difference).toBe(2.5);
    expect(r.se).toBeCloseTo(Math.sqrt(5 / 3) * Math.sqrt(1.25), 14);
  });

  test("too few values throw, naming the sample", () => {
    expect(() => twoSampleDifference([1], [2])).toThrow(/twoSampleDifference: a must be an array of at least 2 numbers/);
    expect(() => twoSampleDifference([1, 2], [])).toThrow(/b must be an array of at least 1 number/);
  });
});
