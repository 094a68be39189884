import { simulateNetwork } from "../lib/src/network/simulate";
import { meanRates } from "../lib/src/network/rates";
import { networkRateSweep } from "../lib/src/experiments/rate-sweep";
import { asynchronousRates } from "../lib/src/experiments/asynchronous-rates";
import { theoryPointRuns } from "../lib/src/experiments/theory-table";

// a small, short network so the test stays fast
const params = { N: 200, K: 20, duration: 0.3 };

describe("networkRateSweep", () => {
  const seeds = [1, 2, 3];
  const rX = [5, 10];
  const calls: [number, number][] = [];
  const sweep = networkRateSweep({ rX, seeds, params, transient: 0.1, onProgress: (d, t) => calls.push([d, t]) });

  test("one point per r_X, each the mean and standard error over seeds of simulateNetwork + meanRates", () => {
    expect(sweep.map((p) => p.rX)).toEqual(rX);
    for (const p of sweep) {
      const e = seeds.map((seed) => meanRates(simulateNetwork({ params: { ...params, rX: p.rX }, seed }), { transient: 0.1 }).E.mean);
      expect(p.E.perSeed).toEqual(e);
      const m = e.reduce((a, b) => a + b, 0) / e.length;
      const sd = Math.sqrt(e.reduce((a, b) => a + (b - m) ** 2, 0) / (e.length - 1));
      expect(p.E.mean).toBeCloseTo(m, 12);
      expect(p.E.sd).toBeCloseTo(sd, 12);
      expect(p.E.sem).toBeCloseTo(sd / Math.sqrt(e.length), 12);
      expect(p.I.perSeed).toHaveLength(seeds.length);
      expect(p.I.mean).toBeGreaterThan(0);
    }
  });

  test("is deterministic for the same seeds", () => {
    const again = networkRateSweep({ rX, seeds, params, transient: 0.1 });
    expect(again).toEqual(sweep);
  });

  test("progress increases to the total simulated time of all runs and ends there", () => {
    const total = rX.length * seeds.length * params.duration;
    for (let q = 1; q < calls.length; q++) expect(calls[q][0]).toBeGreaterThanOrEqual(calls[q - 1][0]);
    expect(calls.every(([, t]) => t === total)).toBe(true);
    expect(calls[calls.length - 1][0]).toBeCloseTo(total, 12);
    expect(calls.filter(([d]) => d >= total)).toHaveLength(1);
  });

  test("one seed is refused before any run: a spread and a standard error over seeds need two", () => {
    expect(() => networkRateSweep({ rX: [10], seeds: [4], params })).toThrow(/^networkRateSweep: seeds must be at least 2 seeds \(the spread and standard error over seeds need two\), got an array of length 1$/);
  });

  test("bad input is refused with the function, the parameter and the value", () => {
    expect(() => networkRateSweep({ rX: [], seeds })).toThrow("networkRateSweep: rX must be a non-empty array of rates (Hz)");
    expect(() => networkRateSweep({ rX: [10], seeds: [] })).toThrow("networkRateSweep: seeds must be a non-empty array of seeds");
    expect(() => networkRateSweep({ rX: [10, -1], seeds })).toThrow(/networkRateSweep: rX\[1\] must be a finite number >= 0 \(Hz\), got -1/);
    expect(() => networkRateSweep({ rX: [10], seeds: [1, NaN] })).toThrow(/networkRateSweep: seed must be/);
    expect(() => networkRateSweep({ rX: [10], seeds, params: { N: 50, K: 100 } })).toThrow(/networkParams: K must be an integer >= 1 and <= 50, got 100/);
    expect(() => networkRateSweep({ rX: [20000], seeds })).toThrow(/networkParams: rX \* dt must be <= 1/);
    expect(() => networkRateSweep({ rX: [10], seeds, params, transient: 0.3 })).toThrow(/networkRateSweep: transient must be .* < 0.3 \(s\), got 0.3/);
  });
});

// Notebook 06 reads its rate sweep off the theory table's K = 100 rows instead of simulating it
// again (sweepFromTable): the table's runs at a point (theoryPointRuns: N = nPerK K, seeds 1, 2, ...,
// initial V uniform, rates over the asynchronous window) are the sweep's runs with the same seeds,
// initial V uniform and transient 0.2 s, as long as no run has a population spike after the transient.
describe("the theory table's runs at a point are networkRateSweep's runs", () => {
  const sweepAt = (K: number, rXs: number[]) =>
    networkRateSweep({ rX: rXs, seeds: [1, 2, 3], params: { N: 10 * K, K, duration: 0.6 }, initialV: "uniform", transient: 0.2 });
  const tableAt = (K: number, rX: number) => asynchronousRates(theoryPointRuns({ K, rX }, { seeds: 3, duration: () => 0.6 }));

  test("same seeds, same rates, bit for bit (N = 300, K = 30, 0.6 s, seeds 1 to 3)", () => {
    const rXs = [5, 10];
    const sweep = sweepAt(30, rXs);
    rXs.forEach((rX, k) => {
      const table = tableAt(30, rX);
      expect([table.usable, table.runs]).toEqual([3, 3]);
      expect(table.E.perSeed).toEqual(sweep[k].E.perSeed);
      expect(table.I.perSeed).toEqual(sweep[k].I.perSeed);
      expect([table.E.mean, table.E.se]).toEqual([sweep[k].E.mean, sweep[k].E.sem]);
    });
  });

  test("where a run is not usable the table replaces it by the next seed, and the two differ there (K = 20, r_X = 5 Hz)", () => {
    const table = tableAt(20, 5), sweep = sweepAt(20, [5]);
    expect([table.usable, table.runs]).toEqual([3, 5]);
    expect(table.E.perSeed.slice(0, 2)).toEqual(sweep[0].E.perSeed.slice(0, 2));
    expect(table.E.perSeed[2]).not.toBe(sweep[0].E.perSeed[2]);
  });
});
