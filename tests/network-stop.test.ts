import { existsSync } from "node:fs";
import { join } from "node:path";
import { simulateNetwork } from "../lib/src/network/simulate";
import type * as Network from "../lib/src/network";
import type { SpikeTrains } from "../lib/src/spikes/spike-trains";

// simulateNetwork's stopWhen: a stopped run is the start of the whole run, bit for bit.

/** The spikes of `t` in its first `bins` bins, neuron by neuron. */
function firstBins(t: SpikeTrains, bins: number): number[][] {
  return Array.from({ length: t.n }, (_, i) => Array.from(t.bins.subarray(t.offsets[i], t.offsets[i + 1])).filter((k) => k < bins));
}

describe("simulateNetwork's stopWhen", () => {
  const params = { N: 200, K: 20, duration: 0.5 };
  const whole = simulateNetwork({ params, seed: 3, recordPopulationRate: true });

  test("it sees the spikes per bin of the bins done; a run it ends holds the first bins of the whole run, bit for bit", () => {
    const seen: number[] = [];
    const run = simulateNetwork({
      params, seed: 3, recordPopulationRate: true, progressInterval: 0.05,
      stopWhen: (counts, bins) => {
        seen.push(bins);
        for (let k = 0; k < bins; k++) {
          expect(counts.E[k] / (params.N * whole.params.dt)).toBe(whole.populationRate!.E[k]);
          expect(counts.I[k] / (params.N * whole.params.dt)).toBe(whole.populationRate!.I[k]);
        }
        return bins > 2000;
      },
    });
    expect(seen).toEqual([501, 1001, 1501, 2001]);
    expect([run.stopped, run.nBins, run.E.nBins, run.I.nBins, run.populationRate!.E.length]).toEqual([true, 2001, 2001, 2001, 2001]);
    expect(firstBins(run.E, 2001)).toEqual(firstBins(whole.E, 2001));
    expect(firstBins(run.I, 2001)).toEqual(firstBins(whole.I, 2001));
    expect(Array.from(run.populationRate!.I)).toEqual(Array.from(whole.populationRate!.I.subarray(0, 2001)));
  });

  test("a rule that never fires leaves the whole run, and is not asked after the last bin", () => {
    let last = 0;
    const run = simulateNetwork({ params, seed: 3, stopWhen: (_, bins) => ((last = bins), false) });
    expect(run.stopped).toBe(false);
    expect(whole.stopped).toBe(false);
    expect(last).toBe(4001);
    expect(Array.from(run.E.bins)).toEqual(Array.from(whole.E.bins));
    expect(Array.from(run.I.offsets)).toEqual(Array.from(whole.I.offsets));
  });

  test("a stopWhen that is not a function, or one with recordX, recordV or recordInput, is refused", () => {
    expect(() => simulateNetwork({ params, seed: 1, stopWhen: 3 as never })).toThrow("simulateNetwork: stopWhen must be a function (binCounts, bins) => boolean, got 3");
    expect(() => simulateNetwork({ params, seed: 1, stopWhen: () => true, recordV: { E: [0] } })).toThrow(/simulateNetwork: stopWhen .* only without recordX, recordV and recordInput/);
    expect(() => simulateNetwork({ params, seed: 1, stopWhen: () => true, recordX: true })).toThrow(/stopWhen/);
  });
});

// The threads run compiled code (lib/dist/network/simulation-worker.js): as tests/network-threads.test.ts, the built library.
const dist = join(__dirname, "..", "lib", "dist", "network");
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built library, loaded only where it exists
const built = existsSync(join(dist, "simulation-worker.js")) ? (require(dist) as typeof Network) : undefined;

(built ? describe : describe.skip)("simulateNetwork's stopWhen on two threads", () => {
  test("a run on two threads that it ends holds the spikes of the one-thread run it ends, bit for bit (N K >= 2^21)", () => {
    const lib = built as typeof Network;
    const conn = lib.buildConnectivity({ N: 3000, K: 700, seed: 1 });
    const options = { params: { N: 3000, K: 700, duration: 0.05 }, seed: 1, connectivity: conn, initialV: "uniform" as const, progressInterval: 0.01, stopWhen: (_: unknown, bins: number) => bins > 200 };
    const one = lib.simulateNetwork({ ...options, threads: 1 });
    const two = lib.simulateNetwork({ ...options, threads: 2 });
    expect([one.stopped, one.nBins, two.stopped, two.nBins]).toEqual([true, 201, true, 201]);
    expect(one.E.bins.length).toBeGreaterThan(0);
    for (const pop of ["E", "I"] as const) {
      expect(Array.from(two[pop].bins)).toEqual(Array.from(one[pop].bins));
      expect(Array.from(two[pop].offsets)).toEqual(Array.from(one[pop].offsets));
    }
    // the connectivity's run state was released: a later whole run on it starts as the stopped one did
    const again = lib.simulateNetwork({ ...options, stopWhen: undefined, threads: 2 });
    expect(firstBins(again.E, 201)).toEqual(firstBins(one.E, 201));
  });
});
