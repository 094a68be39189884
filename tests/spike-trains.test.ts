import { SpikeTrains } from "../lib/src/spikes/spike-trains";

describe("SpikeTrains", () => {
  const x = SpikeTrains.fromEvents(3, 10, 0.001, [2, 0, 2, 0, 1], [1, 3, 4, 7, 9]);

  test("fromEvents sorts events into per-neuron rows in time order", () => {
    expect(Array.from(x.offsets)).toEqual([0, 2, 3, 5]);
    expect(Array.from(x.spikeBins(0))).toEqual([3, 7]);
    expect(Array.from(x.spikeBins(1))).toEqual([9]);
    expect(Array.from(x.spikeBins(2))).toEqual([1, 4]);
  });

  test("counts, times and duration use seconds (rates: firingRates in analysis/)", () => {
    expect(x.duration).toBeCloseTo(0.01, 15);
    expect(Array.from(x.counts())).toEqual([2, 1, 2]);
    expect(Array.from(x.spikeTimes(2))).toEqual([0.001, 0.004]);
    expect(x.totalSpikes).toBe(5);
  });

  test("windowCounts is an ndarray [neuron, window] and drops an incomplete last window", () => {
    const w = x.windowCounts(3); // windows [0,3), [3,6), [6,9); bin 9 dropped
    expect(w.shape).toEqual([3, 3]);
    expect([w.get(0, 0), w.get(0, 1), w.get(0, 2)]).toEqual([0, 1, 1]);
    expect([w.get(1, 0), w.get(1, 1), w.get(1, 2)]).toEqual([0, 0, 0]);
    expect([w.get(2, 0), w.get(2, 1), w.get(2, 2)]).toEqual([1, 1, 0]);
  });

  test("slice keeps a range of neurons", () => {
    const s = x.slice(1, 3);
    expect(s.n).toBe(2);
    expect(Array.from(s.spikeBins(1))).toEqual([1, 4]);
  });

  test("bad indices and inconsistent arrays throw errors that name them", () => {
    expect(() => x.spikeBins(3)).toThrow(/neuron index must be an integer >= 0 and <= 2, got 3/);
    expect(() => x.windowCounts(0)).toThrow(/windowBins must be an integer >= 1/);
    expect(() => new SpikeTrains(2, 5, 0.001, new Uint32Array([0, 1]), new Uint32Array(1))).toThrow(/offsets must have length 3/);
    expect(() => SpikeTrains.fromEvents(2, 5, 0.001, [0, 1], [1])).toThrow(/bin must have length 2, got length 1/);
  });
});
