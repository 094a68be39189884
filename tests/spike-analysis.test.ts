import { poissonTrains } from "../lib/src/spikes/poisson";
import { SpikeTrains } from "../lib/src/spikes/spike-trains";
import { spikeCountCorrelations } from "../lib/src/analysis/spike-count-correlations";
import { autocorrelation, populationActivity, powerSpectrum, smoothGaussian } from "../lib/src/analysis/population-activity";
import { synchronyChi } from "../lib/src/analysis/synchrony";

/** n copies of one neuron's train. */
function identicalTrains(source: SpikeTrains, n: number): SpikeTrains {
  const row = source.spikeBins(0);
  const offsets = new Uint32Array(n + 1);
  const bins = new Uint32Array(n * row.length);
  for (let i = 0; i < n; i++) {
    bins.set(row, i * row.length);
    offsets[i + 1] = (i + 1) * row.length;
  }
  return new SpikeTrains(n, source.nBins, source.dt, offsets, bins);
}

/** n neurons that all spike every `period` bins (a perfectly synchronous, periodic population). */
function periodicPopulation(n: number, nBins: number, period: number, dt = 1e-4): SpikeTrains {
  const row: number[] = [];
  for (let k = period; k < nBins; k += period) row.push(k);
  const offsets = new Uint32Array(n + 1);
  const bins = new Uint32Array(n * row.length);
  for (let i = 0; i < n; i++) {
    bins.set(row, i * row.length);
    offsets[i + 1] = (i + 1) * row.length;
  }
  return new SpikeTrains(n, nBins, dt, offsets, bins);
}

describe("spikeCountCorrelations", () => {
  test("independent Poisson trains have correlations about 0, with spread 1/sqrt(windows)", () => {
    for (const seed of [1, 2, 3]) {
      const x = poissonTrains({ n: 200, rate: 10, duration: 20, seed });
      const c = spikeCountCorrelations(x, { window: 0.1, pairs: 400, seed });
      expect(c.nWindows).toBe(200);
      const sd = 1 / Math.sqrt(c.nWindows);
      // mean over pairs: SE sd / sqrt(pairs); 5 SE (pairs sharing a neuron make it slightly larger: allow 6)
      expect(Math.abs(c.mean)).toBeLessThan(6 * sd / Math.sqrt(c.coefficients.length));
      let v = 0;
      for (const r of c.coefficients) v += (r - c.mean) ** 2;
      const spread = Math.sqrt(v / (c.coefficients.length - 1));
      // the SD of a sample SD over 400 pairs has relative SE ~ 1/sqrt(2 * 400) = 3.5%: allow 20%
      expect(Math.abs(spread / sd - 1)).toBeLessThan(0.2);
    }
  });

  test("identical trains have correlation 1 for every pair", () => {
    const x = identicalTrains(poissonTrains({ n: 1, rate: 20, duration: 10, seed: 4 }), 10);
    const c = spikeCountCorrelations(x, { window: 0.05, pairs: 30, seed: 1 });
    expect(c.coefficients.length).toBe(30);
    for (const r of c.coefficients) expect(r).toBeCloseTo(1, 12);
    for (let p = 0; p < 30; p++) expect(c.pairs[2 * p]).not.toBe(c.pairs[2 * p + 1]);
  });

  test("cross-population pairs, silent neurons skipped, the same seed gives the same pairs", () => {
    const e = poissonTrains({ n: 20, rate: 10, duration: 5, seed: 5 });
    const silent = new SpikeTrains(3, e.nBins, e.dt, new Uint32Array(4), new Uint32Array(0));
    // every pair has a silent neuron: no correlation is defined, so there is no mean to give
    expect(() => spikeCountCorrelations(e, { window: 0.1, pairs: 10, seed: 2, other: silent })).toThrow(/^spikeCountCorrelations: 0 pair\(s\) with a defined correlation \(10 skipped: a neuron without spikes/);
    const some = new SpikeTrains(2, e.nBins, e.dt, Uint32Array.of(0, 0, e.offsets[1]), e.bins.slice(0, e.offsets[1]));
    const c = spikeCountCorrelations(e, { window: 0.1, pairs: 40, seed: 2, other: some });
    expect(c.skipped + c.coefficients.length).toBe(40);
    expect(c.skipped).toBeGreaterThan(0);
    expect(c.coefficients.length).toBeGreaterThan(1);
    const a = spikeCountCorrelations(e, { window: 0.1, pairs: 10, seed: 7 });
    const b = spikeCountCorrelations(e, { window: 0.1, pairs: 10, seed: 7 });
    expect(Array.from(a.pairs)).toEqual(Array.from(b.pairs));
    expect(() => spikeCountCorrelations(e, { window: 0.00015, pairs: 1, seed: 1 })).toThrow(/window must be a whole number of bins/);
    expect(() => spikeCountCorrelations(e, { window: 5, pairs: 1, seed: 1 })).toThrow(/spikeCountCorrelations: window must be at most half of the trains after start \(2 windows at least\), got 1 window/);
  });
});

describe("populationActivity, autocorrelation and powerSpectrum", () => {
  test("population activity counts every spike in the interval, and smoothing preserves the total", () => {
    const x = poissonTrains({ n: 50, rate: 10, duration: 2, seed: 8 });
    const a = populationActivity(x, { binWidth: 0.001 });
    expect(a.activity.length).toBe(2000);
    expect(a.activity.reduce((s, v) => s + v, 0)).toBe(x.totalSpikes);
    const s = populationActivity(x, { binWidth: 0.001, smoothing: 0.003 });
    // edge renormalisation keeps constants constant, so the sum is preserved up to edge effects
    expect(Math.abs(s.activity.reduce((t, v) => t + v, 0) - x.totalSpikes)).toBeLessThan(0.02 * x.totalSpikes);
    const late = populationActivity(x, { binWidth: 0.001, start: 1 });
    expect(late.activity.length).toBe(1000);
    expect(late.start).toBe(1);
    const c = smoothGaussian([2, 2, 2, 2, 2], 1.5);
    for (const v of c) expect(v).toBeCloseTo(2, 14);
  });

  test("the activity of independent Poisson neurons is white: autocorrelation within 5/sqrt(n) of 0 at every lag", () => {
    for (const seed of [1, 2]) {
      const x = poissonTrains({ n: 100, rate: 10, duration: 20, seed });
      const { activity } = populationActivity(x, { binWidth: 0.001 });
      const c = autocorrelation(activity, 50);
      expect(c[0]).toBe(1);
      const se = 1 / Math.sqrt(activity.length);
      for (let k = 1; k <= 50; k++) expect(Math.abs(c[k])).toBeLessThan(5 * se);
    }
  });

  test("the spectrum obeys Parseval and is flat at 2 Var binWidth for white activity", () => {
    const x = poissonTrains({ n: 100, rate: 10, duration: 20, seed: 3 });
    const { activity, binWidth } = populationActivity(x, { binWidth: 0.001 });
    const { frequency, power } = powerSpectrum(activity, binWidth);
    const n = activity.length;
    const m = activity.reduce((s, v) => s + v, 0) / n;
    const variance = activity.reduce((s, v) => s + (v - m) ** 2, 0) / n;
    const df = frequency[1] - frequency[0];
    expect(power.reduce((s, p) => s + p, 0) * df).toBeCloseTo(variance, 10);
    expect(frequency[frequency.length - 1]).toBeCloseTo(500, 10); // Nyquist 1 / (2 binWidth)
    // band averages: periodogram values have relative SD 1, so a band of m frequencies has SE 1/sqrt(m)
    const level = 2 * variance * binWidth;
    for (const [lo, hi] of [[1, 100], [100, 300], [300, 499]]) {
      let s = 0;
      let count = 0;
      for (let k = 0; k < frequency.length; k++) {
        if (frequency[k] >= lo && frequency[k] < hi) {
          s += power[k];
          count++;
        }
      }
      expect(Math.abs(s / count / level - 1)).toBeLessThan(5 / Math.sqrt(count));
    }
  });

  test("a population firing together every 25 ms has its spectral peak at 40 Hz and an autocorrelation peak at 25 ms", () => {
    const x = periodicPopulation(20, 25600, 250); // 2.56 s at dt = 0.1 ms
    const { activity, binWidth } = populationActivity(x, { binWidth: 0.001, smoothing: 0.002 });
    const { frequency, power } = powerSpectrum(activity, binWidth);
    let best = 1;
    for (let k = 1; k < power.length; k++) if (power[k] > power[best]) best = k;
    expect(Math.abs(frequency[best] - 40)).toBeLessThanOrEqual(frequency[1]);
    const c = autocorrelation(activity, 40);
    let lag = 10;
    for (let k = 10; k <= 40; k++) if (c[k] > c[lag]) lag = k;
    expect(lag).toBe(25);
    expect(c[25]).toBeGreaterThan(0.9);
  });

  test("bad input throws", () => {
    expect(() => autocorrelation([1, 1, 1], 1)).toThrow(/autocorrelation: signal/);
    expect(() => autocorrelation([1, 2, 3], 3)).toThrow(/autocorrelation: maxLag/);
    expect(() => powerSpectrum([1, 2], 0)).toThrow(/powerSpectrum: binWidth/);
    const x = poissonTrains({ n: 2, rate: 10, duration: 1, seed: 1 });
    expect(() => populationActivity(x, { binWidth: 0.00015 })).toThrow(/binWidth must be a whole number of bins/);
  });
});

describe("synchronyChi", () => {
  test("a perfectly synchronous population has chi = 1", () => {
    expect(synchronyChi(periodicPopulation(50, 20000, 250), { binWidth: 0.001 }).chi).toBeCloseTo(1, 12);
    const same = identicalTrains(poissonTrains({ n: 1, rate: 15, duration: 5, seed: 2 }), 30);
    expect(synchronyChi(same, { binWidth: 0.002, smoothing: 0.005 }).chi).toBeCloseTo(1, 12);
  });

  test("independent Poisson neurons have chi^2 = 1/n within the sampling error sqrt(2 / bins)", () => {
    for (const seed of [1, 2, 3]) {
      const n = 200;
      const x = poissonTrains({ n, rate: 10, duration: 20, seed });
      const s = synchronyChi(x, { binWidth: 0.005 });
      const bins = 20 / 0.005;
      expect(s.n).toBe(n);
      expect(Math.abs(s.chiSquared * n - 1)).toBeLessThan(5 * Math.sqrt(2 / bins));
    }
  });

  test("silent neurons are left out and an all-silent population throws", () => {
    const x = poissonTrains({ n: 10, rate: 10, duration: 2, seed: 1 });
    const rows = Array.from(x.offsets);
    const withSilent = new SpikeTrains(12, x.nBins, x.dt, Uint32Array.from([...rows, rows[10], rows[10]]), x.bins);
    expect(synchronyChi(withSilent).n).toBe(10);
    const silent = new SpikeTrains(3, 100, 1e-4, new Uint32Array(4), new Uint32Array(0));
    expect(() => synchronyChi(silent)).toThrow(/synchronyChi: trains/);
  });
});
