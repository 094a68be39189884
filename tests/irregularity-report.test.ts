import { correlationReport, irregularityReport } from "../lib/src/tutorial/notebook06/irregularity-report";
import { spikeCountCorrelations } from "../lib/src/analysis/spike-count-correlations";
import { rateHeterogeneity } from "../lib/src/analysis/rate-heterogeneity";
import { poissonTrains } from "../lib/src/spikes/poisson";
import { ParameterError } from "../lib/src/core/validate";

const trains = poissonTrains({ n: 100, rate: 20, duration: 2, seed: 1 });
const heterogeneity = rateHeterogeneity(trains, { windows: [2] });
const single = (name: string, w: number, cv: number) => ({ name, w, cv: [cv, cv], fano: [cv * cv, cv * cv], rate: [10, 10] });

describe("irregularityReport", () => {
  const network = { E: { cv: [1.2, 1.4], fano: [1.5, 1.7], rate: [20, 22] }, I: { cv: [1.1, 1.1], fano: [1.2, 1.2], rate: [30, 30] } };
  const c = {
    network, heterogeneity, targets: [10, 21], duration: 10, tau: 0.02,
    single: [single("mean-driven (nb 03) at 10 Hz", 5, 0.5), single("fluctuation-driven (nb 04) at 10 Hz", 1.5, 0.95)],
  };

  test("a table row per population and set-up, and the network closer to the fluctuation-driven neuron", () => {
    const text = irregularityReport(c);
    expect(text).toContain("| network E (K = 100) | 2 | 21.00 | 1.300 ± 0.100 | 1.600 ± 0.100 |");
    expect(text).toContain("| single neuron, mean-driven (nb 03) at 10 Hz, w = 5.000 | 2 | 10.00 | 0.500 ± 0.000 |");
    expect(text).toContain("They are much closer to the **fluctuation-driven** single neuron of notebook 04 (CV 0.95, Fano 0.90 at 10 and 21 Hz)");
    // mu = w r_X tau = 5 * 10 * 0.02 = 1.00: not below threshold
    expect(text).toContain("its mean input $\\mu = w r_X \\tau$ is 1.00");
    expect(text).toContain("They are even more irregular than the fluctuation-driven neuron");
    expect(text).toContain("the slowest E neuron fires at 20.0 Hz");
  });

  test("a network as regular as the mean-driven neuron is said not to be closer to the fluctuation-driven one", () => {
    const regular = { ...network, E: { cv: [0.5, 0.5], fano: [0.3, 0.3], rate: [20, 22] } };
    const text = irregularityReport({ ...c, network: regular });
    expect(text).toContain("They are not closer to the fluctuation-driven neuron");
    expect(text).not.toContain("even more irregular");
    expect(() => irregularityReport({ ...c, single: c.single.slice(0, 1) })).toThrow(ParameterError);
  });
});

describe("correlationReport", () => {
  test("independent trains: tiny mean correlations, the null spread 1/sqrt(n_w - 1) and chi against its independent value", () => {
    const opt = { window: 0.1, pairs: 300 };
    const EE = spikeCountCorrelations(trains, { ...opt, seed: 1 }), II = spikeCountCorrelations(trains, { ...opt, seed: 2 });
    const EI = spikeCountCorrelations(trains, { ...opt, seed: 3 }), nul = spikeCountCorrelations(trains, { ...opt, seed: 4 });
    const text = correlationReport({ pairs: { EE, II, EI, null: nul }, chi: { E: 0.1, I: 0.1, null: 0.1 }, nullNeurons: 100 });
    expect(text).toContain("Null spread 1/√(n_w − 1) = 0.229");
    expect(text).toContain("(1/√n = 0.100)");
    expect(text).toContain("The mean pairwise correlations are tiny");
    expect(text).toContain("χ is 1.0 times its value for independent trains");
    expect(text.split("\n").filter((l) => l.startsWith("| network") || l.startsWith("| independent"))).toHaveLength(4);
    expect(() => correlationReport({ pairs: { EE, II, EI, null: nul }, chi: { E: 0.1, I: 0.1, null: 0.1 }, nullNeurons: 0 })).toThrow(ParameterError);
  });
});
