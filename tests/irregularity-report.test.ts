import { chiExcessZ, correlationReport, irregularityReport } from "../lib/src/tutorial/notebook07/irregularity-report";
import { spikeCountCorrelations } from "../lib/src/analysis/spike-count-correlations";
import { rateHeterogeneity } from "../lib/src/analysis/rate-heterogeneity";
import { synchronyChi } from "../lib/src/analysis/synchrony";
import { poissonTrains } from "../lib/src/spikes/poisson";
import type { Verdict } from "../lib/src/report/verdict";
import { ParameterError } from "../lib/src/core/validate";

const trains = poissonTrains({ n: 100, rate: 20, duration: 2, seed: 1 });
const heterogeneity = rateHeterogeneity(trains, { windows: [2] });
const single = (name: string, w: number, cv: number[]) => ({ name, w, cv, fano: cv.map((x) => x * x), rate: [10, 10] });
const byId = (vs: readonly Verdict[], id: string) => vs.find((v) => v.record.id === id)!.record;

describe("irregularityReport", () => {
  const network = { E: { cv: [1.2, 1.4], fano: [1.5, 1.7], rate: [20, 22] }, I: { cv: [1.1, 1.1], fano: [1.2, 1.2], rate: [30, 30] } };
  const c = {
    network, heterogeneity, tau: 0.02,
    single: [single("mean-driven (nb 03) at 10 Hz", 5, [0.5, 0.5]), single("fluctuation-driven (nb 04) at 10 Hz", 1.5, [0.94, 0.96])],
  };

  test("a table row per population and set-up, and verdicts with their numbers: closer to the fluctuation-driven neuron, more irregular", () => {
    const r = irregularityReport(c);
    expect(r.tables[0].markdown).toContain("| network E (K = 100) | 2 | 21.00 | 1.300 ± 0.100 | 1.600 ± 0.100 |");
    // mu = w r_X tau = 5 * 10 * 0.02 = 1.00, sigma = 5 sqrt(0.2 / 200) = 0.158
    expect(r.tables[0].markdown).toContain("| single neuron, mean-driven (nb 03) at 10 Hz, w = 5.000 (μ = 1.00, σ = 0.158) | 2 | 10.00 | 0.500 ± 0.000 |");
    expect(r.tables[1].markdown).toContain("| slowest and fastest E neuron (Hz) |");
    expect(byId(r.verdicts, "network-closer-to-fluctuation-driven")).toEqual({ id: "network-closer-to-fluctuation-driven", holds: true, asserted: true,
      claim: expect.any(String), values: { "CV network E": 1.3, "CV gap to fluctuation-driven": 0.35, "CV gap to mean-driven": 0.8 } });
    // z = (1.3 - 0.95) / hypot(0.1, 0.01) = 3.483
    expect(byId(r.verdicts, "network-more-irregular-than-poisson-driven")).toMatchObject({ holds: true, values: { z: 3.483 } });
  });

  test("a network as regular as the mean-driven neuron is not closer to the fluctuation-driven one, nor more irregular", () => {
    const regular = { ...network, E: { cv: [0.5, 0.5], fano: [0.3, 0.3], rate: [20, 22] } };
    const r = irregularityReport({ ...c, network: regular });
    expect(r.verdicts.map((v) => v.holds)).toEqual([false, false]);
    expect(() => irregularityReport({ ...c, single: c.single.slice(0, 1) })).toThrow(ParameterError);
  });
});

describe("correlationReport", () => {
  test("independent trains: mean correlations near zero, chi not above its independent value, the null spread 1/sqrt(n_w - 1)", () => {
    const opt = { window: 0.1, pairs: 300 };
    const EE = spikeCountCorrelations(trains, { ...opt, seed: 1 }), II = spikeCountCorrelations(trains, { ...opt, seed: 2 });
    const EI = spikeCountCorrelations(trains, { ...opt, seed: 3 }), nul = spikeCountCorrelations(trains, { ...opt, seed: 4 });
    const s = synchronyChi(trains, { binWidth: 0.005 });
    const r = correlationReport({ pairs: { EE, II, EI, null: nul }, chi: { E: s, I: s, null: s }, bins: 400 });
    expect(r.tables[1].markdown).toContain("| null spread 1/√(n_w − 1) (20 windows) | 0.229 | 0.229 | 0.229 |");
    expect(r.tables[3].markdown).toBe("(1/√n = 0.100 for the 100 independent trains; χ = 1 for identical trains.)");
    expect(byId(r.verdicts, "mean-correlations-near-zero")).toMatchObject({ holds: true, values: { "E-E": Number(EE.mean.toPrecision(4)) } });
    expect(byId(r.verdicts, "chi-above-independent").holds).toBe(false);
    expect(byId(r.verdicts, "chi-far-from-synchrony").holds).toBe(false);   // chi = 1/sqrt(100) = 0.1 for 100 independent trains
    expect(() => correlationReport({ pairs: { EE, II, EI, null: nul }, chi: { E: s, I: s, null: s }, bins: 0 })).toThrow(ParameterError);
  });

  test("chiExcessZ: n chi^2 of independent trains is 1 within a few sqrt(2 / M), at several seeds", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const t = poissonTrains({ n: 200, rate: 20, duration: 10, seed });
      expect(Math.abs(chiExcessZ(synchronyChi(t, { binWidth: 0.005 }), 2000))).toBeLessThan(4);
    }
    expect(chiExcessZ({ chi: 0.2, chiSquared: 0.04, n: 100, populationVariance: 1, meanSingleVariance: 1 }, 2000)).toBeCloseTo(3 / Math.sqrt(0.001), 9);
  });
});
