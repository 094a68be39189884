import { poissonTrains } from "../lib/src/spikes/poisson";
import { SpikeTrains } from "../lib/src/spikes/spike-trains";
import { ParameterError } from "../lib/src/core/validate";
import { rateHeterogeneity, rateSpreadByWindow, splitHalfRates } from "../lib/src/analysis/rate-heterogeneity";

// Poisson trains are the reference with exact answers: their rate spread is pure count noise,
// Var(r_i) = r / L (times 1 - r dt for the discretised Bernoulli trains), and two disjoint halves
// are independent, so the split-half covariance is 0 unless the rates themselves differ.

const dt = 1e-4;
const seeds = [1, 2, 3, 4, 5];

/** n/2 trains at rateA followed by n/2 trains at rateB (persistent rate variance ((rateA - rateB)/2)^2). */
function twoRates(n: number, rateA: number, rateB: number, duration: number, seed: number): SpikeTrains {
  const a = poissonTrains({ n: n / 2, rate: rateA, duration, seed: `${seed}-a` });
  const b = poissonTrains({ n: n / 2, rate: rateB, duration, seed: `${seed}-b` });
  const offsets = new Uint32Array(n + 1);
  offsets.set(a.offsets);
  for (let i = 1; i <= n / 2; i++) offsets[n / 2 + i] = a.offsets[n / 2] + b.offsets[i];
  const bins = new Uint32Array(a.bins.length + b.bins.length);
  bins.set(a.bins);
  bins.set(b.bins, a.bins.length);
  return new SpikeTrains(n, a.nBins, dt, offsets, bins);
}

describe("rateSpreadByWindow", () => {
  test("the rate SD of Poisson trains is count noise, sqrt(r / L), at every window", () => {
    // mean over seeds of sd^2 / (r (1 - r dt) / L); each ratio has relative SE sqrt(2 / (n - 1))
    const n = 2000;
    const rate = 10;
    const windows = [0.5, 2, 4];
    for (const L of windows) {
      const ratios = seeds.map((seed) => {
        const [s] = rateSpreadByWindow(poissonTrains({ n, rate, duration: 4, seed }), { windows: [L] });
        return s.sd ** 2 / ((s.mean * (1 - rate * dt)) / L);
      });
      const se = Math.sqrt(2 / (n - 1) / seeds.length);
      expect(Math.abs(ratios.reduce((a, b) => a + b) / seeds.length - 1)).toBeLessThan(4 * se);
    }
  });

  test("poissonSd is sqrt(mean / L) and the windows start at start", () => {
    const x = new SpikeTrains(2, 20, 0.1, Uint32Array.from([0, 3, 4]), Uint32Array.from([1, 12, 15, 11]));
    const [a, b] = rateSpreadByWindow(x, { start: 1, windows: [0.5, 1] });
    expect(a.mean).toBeCloseTo(2, 12); // counts in [1, 1.5): 1 and 1
    expect(a.sd).toBe(0);
    expect(b.mean).toBeCloseTo(1.5, 12); // counts in [1, 2): 2 and 1
    expect(a.poissonSd).toBeCloseTo(Math.sqrt(2 / 0.5), 12);
    expect(b.sd).toBeCloseTo(Math.SQRT1_2, 12);
  });

  test("bad windows are refused with the function, the parameter and the value", () => {
    const x = poissonTrains({ n: 10, rate: 10, duration: 1, seed: 1 });
    expect(() => rateSpreadByWindow(x, { windows: [] })).toThrow(ParameterError);
    expect(() => rateSpreadByWindow(x, { windows: [2] })).toThrow(/rateSpreadByWindow: windows\[0\]/);
    expect(() => rateSpreadByWindow(x, { start: 0.5, windows: [0.6] })).toThrow(/windows\[0\].*0\.6/);
    expect(() => rateSpreadByWindow(poissonTrains({ n: 1, rate: 10, duration: 1, seed: 1 }), { windows: [1] })).toThrow(/trains\.n/);
  });
});

describe("splitHalfRates", () => {
  test("equal-rate Poisson trains have no persistent variance: the covariance is 0 within its SE", () => {
    const z = seeds.map((seed) => {
      const s = splitHalfRates(poissonTrains({ n: 1000, rate: 20, duration: 4, seed }));
      expect(s.half).toBeCloseTo(2, 12);
      return s.covariance / s.covarianceSe;
    });
    // the mean of 5 independent z-scores has SD 1/sqrt(5)
    expect(Math.abs(z.reduce((a, b) => a + b) / seeds.length)).toBeLessThan(4 / Math.sqrt(seeds.length));
  });

  test("two groups at 10 and 30 Hz have persistent variance 100 Hz^2, found through the count noise", () => {
    for (const seed of seeds) {
      const s = splitHalfRates(twoRates(1000, 10, 30, 2, seed));
      expect(Math.abs(s.covariance - 100)).toBeLessThan(4 * s.covarianceSe);
      expect(s.persistentSd).toBeCloseTo(Math.sqrt(s.covariance), 12);
      // each half (1 s) carries count noise of variance 20 Hz^2 on top: correlation 100 / 120
      expect(Math.abs(s.correlation - 100 / 120)).toBeLessThan(0.05);
    }
  });

  test("a range that is too short or beyond the run is refused", () => {
    const x = poissonTrains({ n: 10, rate: 10, duration: 1, seed: 1 });
    expect(() => splitHalfRates(x, { start: 0.5, end: 0.5 })).toThrow(/splitHalfRates: end/);
    expect(() => splitHalfRates(x, { end: 2 })).toThrow(ParameterError);
  });
});

describe("rateHeterogeneity", () => {
  test("the persistent share falls with the count noise as the window grows, and the rest is Poisson", () => {
    const h = rateHeterogeneity(twoRates(2000, 10, 30, 4, 7), { windows: [0.5, 1, 4] });
    const shares = h.windows.map((w) => w.persistentShare);
    expect(shares[0]).toBeLessThan(shares[1]);
    expect(shares[1]).toBeLessThan(shares[2]);
    // at L the variance is 100 + 20 / L: share 100 / (100 + 20 / L) within sampling error
    h.windows.forEach((w) => expect(Math.abs(w.persistentShare - 100 / (100 + 20 / w.window))).toBeLessThan(0.1));
    h.windows.forEach((w) => expect(Math.abs(w.noiseOverPoisson - 1)).toBeLessThan(0.25));
    expect(h.split.half).toBeCloseTo(2, 12);
  });
});
