import { asynchronousRates } from "../lib/src/experiments/asynchronous-rates";

describe("asynchronousRates", () => {
  const params = { N: 200, K: 20, duration: 0.6 };

  test("with usableWanted it stops once that many runs were usable, and the rates are those of the same seeds run alone", () => {
    const progress: [number, number][] = [];
    const some = asynchronousRates({ params, seeds: [1, 2, 3, 4, 5, 6], usableWanted: 3, onProgress: (d, t) => progress.push([d, t]) });
    expect(some.usable).toBe(3);
    expect(some.runs).toBeGreaterThanOrEqual(3);
    expect(progress[progress.length - 1]).toEqual([3, 3]);
    const alone = asynchronousRates({ params, seeds: [1, 2, 3, 4, 5, 6].slice(0, some.runs) });
    expect(alone.usable).toBe(3);
    expect(alone.E.perSeed).toEqual(some.E.perSeed);
    expect(alone.runs).toBe(some.runs);
  });

  test("usableWanted must be a whole number of runs no larger than the seeds given", () => {
    expect(() => asynchronousRates({ params, seeds: [1, 2], usableWanted: 3 })).toThrow(/asynchronousRates: usableWanted/);
    expect(() => asynchronousRates({ params, seeds: [1, 2], usableWanted: 1.5 })).toThrow(/usableWanted/);
  });
});
