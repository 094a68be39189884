import { lifDeterministicRate, siegertRate, simulateLifGaussian } from "../lib/src/theory/siegert";
import { integrate } from "../lib/src/math/quadrature";

// Reference rates (Hz) for tau = 20 ms, V_th = 1, V_r = 0, no refractory period, sigma = standard
// deviation of the free membrane potential: 1 / (tau sqrt(pi) * integral from -mu/(sqrt2 sigma) to
// (1 - mu)/(sqrt2 sigma) of exp(u^2) erfc(-u) du), computed independently with mpmath 1.3.0
// (mp.dps = 30, tanh-sinh quadrature mpmath.quad with exp and erfc, the range split at u = 0).
const REFERENCE: [number, number, number][] = [
  [0.5, 0.1, 0.00035525678863476722],
  [0.5, 0.3, 6.8715266727414968],
  [0.8, 0.2, 12.06659316314789],
  [1, 0.05, 13.765917006461588],
  [1, 0.5, 35.082683011987506],
  [1.2, 0.1, 29.440852816098531],
  [2, 0.5, 79.99226511913716],
  [0, 1, 23.884513793668864],
  [-1, 0.5, 0.024900845155207147],
  [0.2, 0.1, 1.9882573255010667e-12],
  [5, 0.01, 224.07213555040717],
  [1.5, 2, 113.30005601629633],
  [0.9, 0.02, 0.00035525128976885734],
];

describe("siegertRate", () => {
  test.each(REFERENCE)("at mu = %p, sigma = %p the rate matches the mpmath value %p Hz to 1e-10", (mu, sigma, ref) => {
    const r = siegertRate({ mu, sigma });
    expect(Math.abs(r - ref) / ref).toBeLessThan(1e-10);
  });

  test("as sigma -> 0 with mu > V_th the rate tends to the deterministic 1 / (tau ln(mu / (mu - V_th)))", () => {
    const tau = 0.02;
    for (const mu of [1.05, 1.5, 3, 100, 1e6]) {
      const det = 1 / (tau * Math.log1p(1 / (mu - 1))); // ln(mu / (mu - 1)) without rounding for large mu
      expect(Math.abs(lifDeterministicRate(mu, { tau }) / det - 1)).toBeLessThan(1e-14);
      for (const sigma of [1e-3, 1e-5]) {
        // the first correction is O(sigma^2 / (mu - V_th)^2)
        const tol = 20 * (sigma / (mu - 1)) ** 2 + 1e-9;
        expect(Math.abs(siegertRate({ mu, sigma, tau }) - det) / det).toBeLessThan(tol);
      }
      expect(siegertRate({ mu, sigma: 0, tau })).toBe(lifDeterministicRate(mu, { tau }));
    }
  });

  test("as sigma -> 0 with mu < V_th the rate vanishes, and it vanishes far below threshold", () => {
    expect(siegertRate({ mu: 0.9, sigma: 1e-3 })).toBe(0);
    expect(siegertRate({ mu: 0.9, sigma: 0 })).toBe(0);
    expect(siegertRate({ mu: -100, sigma: 1 })).toBe(0);
    // asymptote far below threshold: with y = (V_th - mu) / (sqrt2 sigma) -> infinity the integral is
    // exp(y^2) / y (1 + 1 / (2 y^2) + ...), so r ~ y exp(-y^2) / (tau sqrt(pi)) with a relative O(1 / (2 y^2)) correction
    for (const [mu, sigma] of [[0, 0.15], [-1, 0.3], [0.5, 0.08]]) {
      const y = (1 - mu) / (Math.SQRT2 * sigma);
      const asymptote = (y / (0.02 * Math.sqrt(Math.PI))) * Math.exp(-y * y);
      expect(Math.abs(siegertRate({ mu, sigma }) / asymptote - 1)).toBeLessThan(1 / (y * y));
    }
  });

  test("the rate is finite, non-negative and never NaN over a wide grid of (mu, sigma)", () => {
    const sigmas = [0, 1e-300, 1e-12, 1e-6, 1e-3, 0.01, 0.1, 0.3, 1, 3, 10, 100, 1e4, 1e8];
    for (let mu = -1e3; mu <= 1e3; mu += mu > -10 && mu < 10 ? 0.173 : 37.1) {
      for (const sigma of sigmas) {
        const r = siegertRate({ mu, sigma });
        expect(Number.isFinite(r)).toBe(true);
        expect(r).toBeGreaterThanOrEqual(0);
      }
    }
    for (const mu of [-1e12, 1e12]) for (const sigma of sigmas) expect(Number.isFinite(siegertRate({ mu, sigma }))).toBe(true);
  });

  test("the rate increases with mu at fixed sigma and with sigma below threshold", () => {
    for (const sigma of [0.05, 0.2, 1]) {
      let prev = -1;
      for (let mu = -1; mu <= 3; mu += 0.01) {
        const r = siegertRate({ mu, sigma });
        expect(r).toBeGreaterThanOrEqual(prev);
        prev = r;
      }
    }
    let prev = -1;
    for (let sigma = 0.01; sigma < 3; sigma += 0.01) {
      const r = siegertRate({ mu: 0.5, sigma });
      expect(r).toBeGreaterThan(prev);
      prev = r;
    }
  });

  test("the refractory period caps the rate at 1 / t_ref and reset and threshold can be moved", () => {
    expect(siegertRate({ mu: 1e4, sigma: 1, tRef: 0.002 })).toBeLessThan(500);
    expect(siegertRate({ mu: 1e4, sigma: 1, tRef: 0.002 })).toBeGreaterThan(490);
    // shifting mu, V_th and V_r together leaves the rate unchanged
    const a = siegertRate({ mu: 0.8, sigma: 0.3 });
    const b = siegertRate({ mu: 10.8, sigma: 0.3, vTh: 11, vReset: 10 });
    expect(Math.abs(a - b) / a).toBeLessThan(1e-9);
  });

  test("the rate agrees with Brunel's form of the integral (sigma_B = sqrt(2) sigma) computed by plain quadrature", () => {
    const tau = 0.02;
    for (const [mu, sigma] of [[0.7, 0.25], [1.1, 0.4], [0.3, 0.6]]) {
      const sB = Math.SQRT2 * sigma;
      // exp(u^2) (1 + erf u), evaluated directly (no overflow for these moderate limits)
      const f = (u: number) => {
        let e = 0; // erf by its Maclaurin series, independent of the library's erf
        let term = u;
        for (let n = 0; n < 200; n++) {
          e += term / (2 * n + 1);
          term *= (-u * u) / (n + 1);
        }
        return Math.exp(u * u) * (1 + (2 / Math.sqrt(Math.PI)) * e);
      };
      const T = tau * Math.sqrt(Math.PI) * integrate(f, (0 - mu) / sB, (1 - mu) / sB);
      expect(Math.abs(siegertRate({ mu, sigma, tau }) * T - 1)).toBeLessThan(1e-9);
    }
  });

  test("bad parameters throw errors naming the parameter", () => {
    expect(() => siegertRate({ mu: NaN, sigma: 1 })).toThrow(/siegertRate: mu/);
    expect(() => siegertRate({ mu: 1, sigma: -1 })).toThrow(/siegertRate: sigma/);
    expect(() => siegertRate({ mu: 1, sigma: 1, tau: 0 })).toThrow(/siegertRate: tau/);
    expect(() => siegertRate({ mu: 1, sigma: 1, vReset: 1 })).toThrow(/siegertRate: vReset/);
  });
});

describe("simulateLifGaussian against siegertRate", () => {
  // Four regimes: mean-driven (mu > V_th, small sigma), near threshold, fluctuation-driven (mu < V_th)
  // and zero mean. Tolerance: 5 Poisson standard errors sqrt(r / T) of the rate (the ISI CV of a LIF
  // neuron with white noise is <= 1 in these regimes, so the count variance is at most Poisson's);
  // the exact OU step with the Brownian-bridge crossing test leaves a bias O(dt / tau), measured
  // below 0.3% here (20 seeds x 300 s per case), allowed for as 0.005 r.
  const cases: [number, number][] = [[1.2, 0.1], [0.8, 0.2], [1, 0.5], [0, 1]];
  const T = 300;
  test.each(cases)("at mu = %p, sigma = %p the simulated rate is within 5 standard errors of the theory", (mu, sigma) => {
    const r = siegertRate({ mu, sigma });
    for (const seed of [1, 2, 3]) {
      const sim = simulateLifGaussian({ mu, sigma, duration: T, seed });
      expect(Math.abs(sim.rate - r)).toBeLessThan(5 * Math.sqrt(r / T) + 0.005 * r);
    }
  });

  test("the simulation never fires when the threshold is out of reach and is reproducible with a seed", () => {
    const a = simulateLifGaussian({ mu: 0, sigma: 0.1, vTh: 100, duration: 1, seed: 3 });
    expect(a.spikeTimes.length).toBe(0);
    const b = simulateLifGaussian({ mu: 1, sigma: 0.5, duration: 2, seed: 9 });
    const c = simulateLifGaussian({ mu: 1, sigma: 0.5, duration: 2, seed: 9 });
    expect(Array.from(b.spikeTimes)).toEqual(Array.from(c.spikeTimes));
  });

  test("without the bridge correction the discrete-time rate is lower, by O(sqrt(dt / tau))", () => {
    const with_ = simulateLifGaussian({ mu: 0, sigma: 1, duration: 100, seed: 5 }).rate;
    const without = simulateLifGaussian({ mu: 0, sigma: 1, duration: 100, seed: 5, bridge: false }).rate;
    expect(without).toBeLessThan(with_);
  });
});
