import { asynchronousFrom, asynchronousRates, unusableFrom } from "../lib/src/experiments/asynchronous-rates";
import { networkParams } from "../lib/src/network/params";
import { simulateNetwork } from "../lib/src/network/simulate";

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

  test("a run stops as soon as a population spike leaves it less than minWindow, exactly the runs that the whole run leaves out", () => {
    // N = 4000, K = 1000, 0.6 s from uniform V (window start > 0.3 s: left out): seed 1 stays locked, seed 2 escapes
    // too late (last population spike about 0.26 s), seed 5 escapes in time (window start 0.2 s)
    const p = networkParams({ N: 4000, K: 1000, duration: 0.6 });
    const a = { params: p, transient: 0.2, minWindow: 0.3 };
    const verdicts = [1, 2, 5].map((seed) => {
      const whole = simulateNetwork({ params: p, seed, initialV: "uniform", threads: 1 });
      const run = simulateNetwork({ params: p, seed, initialV: "uniform", threads: 1, progressInterval: 0.02, stopWhen: unusableFrom({ ...a, seed }) });
      if (!run.stopped) expect(Array.from(run.E.bins)).toEqual(Array.from(whole.E.bins));
      return { leftOut: asynchronousFrom(whole, 0.2) > 0.6 - 0.3, stopped: run.stopped, shorter: run.nBins < whole.nBins };
    });
    expect(verdicts.map((v) => v.leftOut)).toEqual([true, true, false]);
    for (const v of verdicts) expect([v.stopped, v.shorter]).toEqual([v.leftOut, v.leftOut]);
  });
});
