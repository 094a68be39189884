import { poissonTrains } from "../lib/src/spikes/poisson";
import {
  fanoFactor,
  fanoFactors,
  firingRates,
  interSpikeIntervals,
  isiCV,
  isiCVs,
  meanRate,
  windowSpikeCounts,
} from "../lib/src/analysis/spike-stats";
import { SpikeTrains } from "../lib/src/spikes/spike-trains";

function trains(rows: number[][], nBins: number, dt: number): SpikeTrains {
  const offsets = new Uint32Array(rows.length + 1);
  rows.forEach((r, i) => (offsets[i + 1] = offsets[i] + r.length));
  return new SpikeTrains(rows.length, nBins, dt, offsets, Uint32Array.from(rows.flat()));
}

/** One regular train: a spike every `period` bins starting at `phase`. */
function regular(nBins: number, period: number, phase: number, dt: number): SpikeTrains {
  const rows: number[] = [];
  for (let k = phase; k < nBins; k += period) rows.push(k);
  return trains([rows], nBins, dt);
}

describe("firing rates and window counts on hand-made trains", () => {
  const x = trains([[0, 3, 4, 9], [], [5]], 10, 1e-3);

  test("rates over the whole train and over a sub-interval", () => {
    expect(Array.from(firingRates(x))).toEqual([400, 0, 100]);
    expect(Array.from(firingRates(x, { start: 0.003, end: 0.005 }))).toEqual([1000, 0, 0]);
    expect(meanRate(x)).toBeCloseTo(500 / 3, 10);
    expect(meanRate(x, { start: 0.005 })).toBeCloseTo((200 + 200) / 3, 10);
  });

  test("sliding windows of 2 bins with a step of 1 bin, and non-overlapping windows", () => {
    expect(Array.from(windowSpikeCounts(x, { window: 0.002, step: 0.001 }))).toEqual([1, 0, 1, 2, 1, 0, 0, 0, 1]);
    expect(Array.from(windowSpikeCounts(x, { window: 0.002 }))).toEqual([1, 1, 1, 0, 1]);
    expect(Array.from(windowSpikeCounts(x, { window: 0.003, start: 0.001 }))).toEqual([1, 1, 1]);
    expect(Array.from(windowSpikeCounts(x, { window: 0.005 }, 2))).toEqual([0, 1]);
  });

  test("inter-spike intervals in seconds, optionally after a start time", () => {
    expect(Array.from(interSpikeIntervals(x))).toEqual([0.003, 0.001, 0.005]);
    expect(Array.from(interSpikeIntervals(x, 0, 0.001))).toEqual([0.001, 0.005]);
    expect(interSpikeIntervals(x, 1).length).toBe(0);
    expect(() => isiCV(x, 1)).toThrow(/^isiCV: neuron 1 has \d inter-spike interval\(s\) after start = 0 s: the CV needs at least 2/);
  });
});

describe("Fano factor", () => {
  const seeds = [1, 2, "c", 77];

  test("a Poisson train at 10 Hz in 100 ms windows: F = 1 - r dt within 5 theoretical standard errors", () => {
    const dt = 1e-4;
    for (const seed of seeds) {
      const x = poissonTrains({ n: 1, rate: 10, duration: 500, dt, seed });
      const f = fanoFactor(x, { window: 0.1 });
      expect(f.nWindows).toBe(5000);
      // Poisson counts (delta method on variance / mean): Var[F estimate] ~ 2 / nWindows whatever the mean
      const se = Math.sqrt(2 / f.nWindows);
      expect(Math.abs(f.fano - (1 - 10 * dt))).toBeLessThan(5 * se);
      // the batch standard error agrees with the theoretical one to within its own uncertainty
      expect(f.se / se).toBeGreaterThan(0.25);
      expect(f.se / se).toBeLessThan(2.2);
    }
  });

  test("sliding windows (step 10 ms) on a Poisson train also give F near 1", () => {
    for (const seed of seeds) {
      const x = poissonTrains({ n: 1, rate: 10, duration: 500, dt: 1e-4, seed });
      const f = fanoFactor(x, { window: 0.1, step: 0.01, start: 0.1 });
      expect(f.nWindows).toBe((5_000_000 - 1000 - 1000) / 100 + 1); // in bins: (nBins - start - window) / step + 1
      const se = Math.sqrt(2 / (f.nWindows / 10)); // at least as precise as the non-overlapping windows
      expect(Math.abs(f.fano - 1)).toBeLessThan(5 * se);
    }
  });

  test("a regular train has F = 0 when the window is a multiple of the period, sliding or not", () => {
    const x = regular(100_000, 500, 123, 1e-4); // 20 Hz
    expect(fanoFactor(x, { window: 0.1 }).fano).toBe(0);
    expect(fanoFactor(x, { window: 0.1, step: 0.0037 }).fano).toBe(0);
    expect(fanoFactor(x, { window: 0.1 }).mean).toBe(2);
    // with any window the counts differ by at most one: F < 1 / mean
    expect(fanoFactor(x, { window: 0.13, step: 0.001 }).fano).toBeLessThan(1 / 2.6);
  });

  test("fanoFactors gives one value per neuron with spikes, equal to fanoFactor of each, and leaves silent neurons out (fanoFactor refuses them)", () => {
    const x = poissonTrains({ n: 5, rate: 20, duration: 20, dt: 1e-4, seed: 5 });
    const silent = trains([[]], 200_000, 1e-4);
    const all = fanoFactors(x, { window: 0.1, step: 0.05 });
    expect(Array.from(all.neurons)).toEqual([0, 1, 2, 3, 4]);
    for (let i = 0; i < 5; i++) expect(all.values[i]).toBe(fanoFactor(x, { window: 0.1, step: 0.05, neuron: i }).fano);
    expect(fanoFactors(silent, { window: 0.1 })).toEqual({ values: new Float64Array(0), neurons: new Uint32Array(0), leftOut: 1, reason: "no spikes in the windows" });
    expect(() => fanoFactor(silent, { window: 0.1 })).toThrow(/^fanoFactor: neuron 0 has no spikes in the \d+ windows counted: the Fano factor \(variance \/ mean\) of a silent train is undefined$/);
  });
});

describe("CV of inter-spike intervals", () => {
  test("Poisson ISIs have CV = sqrt(1 - r dt) (about 1) within 5 standard errors of 1/sqrt(n)", () => {
    for (const seed of [3, 4, "cv"]) {
      const x = poissonTrains({ n: 1, rate: 20, duration: 200, dt: 1e-4, seed });
      const c = isiCV(x);
      expect(c.nIntervals).toBeGreaterThan(3500);
      expect(Math.abs(c.cv - Math.sqrt(1 - 20e-4))).toBeLessThan(5 / Math.sqrt(c.nIntervals));
      // delta-method SE ~ 1/sqrt(n) for exponential ISIs (its 4th-moment estimate has heavy tails)
      expect(c.se * Math.sqrt(c.nIntervals)).toBeGreaterThan(0.6);
      expect(c.se * Math.sqrt(c.nIntervals)).toBeLessThan(2.5);
      expect(c.meanIsi).toBeCloseTo(1 / 20, 2);
    }
  });

  test("a regular train has CV = 0, and isiCVs gives one CV per neuron", () => {
    const r = regular(10_000, 250, 7, 1e-4);
    expect(isiCV(r).cv).toBe(0);
    const x = poissonTrains({ n: 3, rate: 20, duration: 10, dt: 1e-4, seed: 1 });
    const cvs = isiCVs(x);
    expect(cvs.leftOut).toBe(0);
    for (let i = 0; i < 3; i++) expect(cvs.values[i]).toBe(isiCV(x, i).cv);
    const some = trains([[1, 5, 9], [2]], 20, 1e-3);
    expect(isiCVs(some)).toMatchObject({ neurons: Uint32Array.of(0), leftOut: 1, reason: "fewer than 2 inter-spike intervals" });
  });
});

describe("spike statistics reject bad input with a message naming the parameter", () => {
  const x = trains([[0, 3, 4, 9]], 10, 1e-3);
  test.each([
    ["a window that is not a whole number of bins", () => fanoFactor(x, { window: 0.0015 }), /fanoFactor: window must be a whole number of bins of dt = 0.001 s, got 0.0015 s/],
    ["a zero window", () => windowSpikeCounts(x, { window: 0 }), /windowSpikeCounts: window must be at least 1 bin/],
    ["a negative step", () => fanoFactor(x, { window: 0.002, step: -0.001 }), /fanoFactor: step must be a finite number >= 0 \(s\), got -0.001/],
    ["a NaN window", () => fanoFactors(x, { window: NaN }), /fanoFactors: window must be a finite number/],
    ["a window longer than the train", () => fanoFactor(x, { window: 0.006 }), /fanoFactor: at least 2 windows must fit in the train, got 1/],
    ["a neuron out of range", () => isiCV(x, 1), /isiCV: neuron must be an integer >= 0 and <= 0, got 1/],
    ["an end beyond the duration", () => firingRates(x, { end: 0.02 }), /firingRates: end must be <= the duration/],
    ["an empty range", () => meanRate(x, { start: 0.005, end: 0.005 }), /meanRate: end must be > start = 0.005 \(s\), got 0.005/],
    ["one batch", () => fanoFactor(x, { window: 0.001, nBatches: 1 }), /fanoFactor: nBatches must be an integer >= 2/],
    ["a window past the end", () => windowSpikeCounts(x, { window: 0.02 }), /windowSpikeCounts: no window fits: start \+ window = 0\.02 s is past the end of the trains \(0\.01 s\)/],
    ["a start after the end", () => windowSpikeCounts(x, { window: 0.001, start: 0.01 }), /windowSpikeCounts: no window fits/],
    ["not a SpikeTrains", () => isiCVs([] as unknown as SpikeTrains), /isiCVs: trains must be a SpikeTrains/],
  ])("%s", (_name, f, message) => {
    expect(f).toThrow(message);
  });
});
