import { poissonTrains } from "../lib/src/spikes/poisson";
import { lifDeterministicRate } from "../lib/src/theory/siegert";
import { SpikeTrains } from "../lib/src/spikes/spike-trains";
import { populationSpikeRecovery, populationSpikes } from "../lib/src/analysis/synchronous-state";

/** Trains from a list of (neuron, bin) events in time order. */
function fromEvents(n: number, nBins: number, events: [number, number][]): SpikeTrains {
  return SpikeTrains.fromEvents(n, nBins, 1e-4, events.map((e) => e[0]), events.map((e) => e[1]));
}

describe("populationSpikes", () => {
  test("a perfectly synchronous periodic population: every event found, period, size 1, width one bin", () => {
    const n = 50;
    const events: [number, number][] = [];
    for (let k = 100; k < 5000; k += 300) for (let i = 0; i < n; i++) events.push([i, k]);
    const p = populationSpikes(fromEvents(n, 5000, events));
    expect(p.times.length).toBe(17);
    for (const iv of p.intervals) expect(iv).toBeCloseTo(0.03, 12);
    for (const s of p.sizes) expect(s).toBe(1);
    for (const f of p.peakFractions) expect(f).toBe(1);
    for (const w of p.widths) expect(w).toBeCloseTo(1e-4, 12);
    expect(p.episodes).toEqual([{ start: p.times[0], end: p.times[16], count: 17 }]);
    expect(p.last).toBeCloseTo(0.49, 12);
  });

  test("a cascade over three bins with double firing: one event, size > 1, time at the peak bin", () => {
    const n = 100;
    const events: [number, number][] = [];
    for (let i = 0; i < 10; i++) events.push([i, 200]);
    for (let i = 10; i < 60; i++) events.push([i, 201]);
    for (let i = 0; i < n; i++) events.push([i, 202]);
    events.sort((a, b) => a[1] - b[1]);
    const p = populationSpikes(fromEvents(n, 1000, events));
    expect(p.times.length).toBe(1);
    expect(p.times[0]).toBeCloseTo(0.0202, 12);
    expect(p.sizes[0]).toBeCloseTo(1.6, 12);
    expect(p.peakFractions[0]).toBe(1);
    expect(p.widths[0]).toBeCloseTo(3e-4, 12);
  });

  test("independent Poisson trains (asynchronous) have no population spike, for several seeds", () => {
    for (const seed of [1, 2, 3, 4]) {
      const x = poissonTrains({ n: 1000, rate: 30, duration: 2, seed });
      const p = populationSpikes(x);
      expect(p.times.length).toBe(0);
      expect(p.episodes).toEqual([]);
      expect(p.last).toBeNull();
    }
  });

  test("small events are ignored, distant events form separate episodes, start skips early spikes", () => {
    const n = 100;
    const events: [number, number][] = [];
    const at = (k: number, count: number) => { for (let i = 0; i < count; i++) events.push([i, k]); };
    at(100, 10); // 10% of the population: below minSize 0.25
    at(500, 80);
    at(800, 80);
    at(5000, 90); // 0.42 s after the previous one: a new episode
    events.sort((a, b) => a[1] - b[1]);
    const trains = fromEvents(n, 6000, events);
    const p = populationSpikes(trains);
    expect(Array.from(p.times, (t) => Math.round(t * 1e4))).toEqual([500, 800, 5000]);
    expect(p.episodes.map((e) => e.count)).toEqual([2, 1]);
    expect(populationSpikes(trains, { start: 0.06 }).times.length).toBe(2);
    expect(populationSpikes(trains, { minSize: 0.05 }).times.length).toBe(4);
  });

  test("bad options are refused with a message naming the parameter", () => {
    const x = poissonTrains({ n: 10, rate: 10, duration: 0.1, seed: 1 });
    expect(() => populationSpikes(x, { binFraction: 0 })).toThrow(/populationSpikes: binFraction/);
    expect(() => populationSpikes(x, { minSize: -1 })).toThrow(/minSize/);
    expect(() => populationSpikes(x, { start: 1 })).toThrow(/start/);
    expect(() => populationSpikes({} as SpikeTrains)).toThrow(/trains/);
  });
});

describe("populationSpikeRecovery", () => {
  test("the SPEC network at K = 1000: jumps -1.5 sqrt(K) and -sqrt(K), drives 0.4 and 0.2 sqrt(K)", () => {
    const r = populationSpikeRecovery({ K: 1000 });
    const s = Math.sqrt(1000);
    expect(r.jump[0]).toBeCloseTo(-1.5 * s, 12);
    expect(r.jump[1]).toBeCloseTo(-s, 12);
    expect(r.drive[0]).toBeCloseTo(0.4 * s, 12);
    expect(r.drive[1]).toBeCloseTo(0.2 * s, 12);
    expect(r.recovery[0]).toBeCloseTo(0.02 * Math.log((1.9 * s) / (0.4 * s - 1)), 12);
    expect(r.largeK[0]).toBeCloseTo(0.02 * Math.log(1.9 / 0.4), 12);
    expect(r.largeK[1]).toBeCloseTo(0.02 * Math.log(1.2 / 0.2), 12);
  });

  test("without a jump the recovery is the deterministic LIF period; it tends to the large-K limit", () => {
    for (const K of [10, 100, 1000]) {
      const r = populationSpikeRecovery({ K, fractions: [0, 0] });
      for (const a of [0, 1]) {
        // a drive at or below threshold never fires (rate 0): no recovery (null)
        const rate = lifDeterministicRate(r.drive[a]);
        if (rate === 0) expect(r.recovery[a]).toBeNull();
        else expect(r.recovery[a]).toBeCloseTo(1 / rate, 12);
      }
    }
    const big = populationSpikeRecovery({ K: 1e12 });
    expect(Math.abs(big.recovery[0]! - big.largeK[0]!)).toBeLessThan(1e-6);
    expect(Math.abs(big.recovery[1]! - big.largeK[1]!)).toBeLessThan(1e-6);
  });

  test("a drive below threshold never recovers; bad parameters are refused", () => {
    const r = populationSpikeRecovery({ K: 1, rX: 1 });
    expect(r.recovery).toEqual([null, null]);
    expect(() => populationSpikeRecovery({ K: 0 })).toThrow(/populationSpikeRecovery: K/);
    expect(() => populationSpikeRecovery({ fractions: [2, 1] })).toThrow(/fractions\[0\]/);
  });
});
