import { openLoopNeurons } from "../lib/src/experiments/open-loop";
import { simulateSingleNeuron } from "../lib/src/experiments/single-neuron";
import { diffusionInput } from "../lib/src/theory/mean-field";
import { siegertRate } from "../lib/src/theory/siegert";
import { ParameterError } from "../lib/src/core/validate";

// One sweep point at r_X = 10 Hz with network-like rates, 5 s per neuron (fast).
const point = { rX: 10, E: { m: 28, se: 0.1 }, I: { m: 19, se: 0.1 }, mf: { rE: 29, rI: 19.5 } };

describe("openLoopNeurons", () => {
  const progress: [number, number][] = [];
  const rows = openLoopNeurons([point], { duration: 5, batches: 5, onProgress: (d, t) => progress.push([d, t]) });

  test("one row per population with mu, sigma and phi of the diffusion input at the simulated rates", () => {
    expect(rows.map((r) => r.pop)).toEqual(["E", "I"]);
    const d = diffusionInput({ K: 100, rX: 10 }, 28, 19);
    rows.forEach((r, a) => {
      expect(r.mu).toBe(d.mu[a]);
      expect(r.sigma).toBe(d.sigma[a]);
      expect(r.phi).toBe(siegertRate({ mu: d.mu[a], sigma: d.sigma[a] }));
    });
    expect([rows[0].net, rows[1].net, rows[0].mf, rows[1].mf]).toEqual([28, 19, 29, 19.5]);
    expect(progress).toEqual([[1, 2], [2, 2], [2, 2]]);
  });

  test("the neuron's rate is the mean of equal batches, i.e. its spikes over the whole run", () => {
    const sim = simulateSingleNeuron({ groups: [28, -2.5 * 19, 2 * 10].map((_, b) => ({ count: 100, weight: [1, -2.5, 2][b] / 10, rate: [28, 19, 10][b] })), duration: 5, seed: "open-0-0" });
    expect(rows[0].single).toBeCloseTo(sim.spikes.counts()[0] / 5, 9);
    expect(rows[0].se).toBeGreaterThan(0);
  });

  test("the Poisson-driven neuron fires within 20% of phi (the diffusion approximation's error at jumps up to 0.25) plus 4 SE", () => {
    for (const r of rows) expect(Math.abs(r.single - r.phi)).toBeLessThan(0.2 * r.phi + 4 * r.se);
  });

  test("bad input is refused", () => {
    expect(() => openLoopNeurons([])).toThrow(ParameterError);
    expect(() => openLoopNeurons([point], { batches: 1 })).toThrow(/batches/);
  });
});
