// The exact discrete transfer against simulations of the same single neuron (the SPEC's Euler
// rule with independent Poisson inputs). Tolerance: 4 standard errors of the simulated mean over
// independent neurons, plus the chain's grid error (measured against the finest grids: within
// 0.15 % at the default spacing, 0.3 % allowed; within 0.1 % at m = 64 for mean-driven input).
import { eulerChainRate } from "../lib/src/theory/discrete-transfer";
import { excitatoryInputs, InputGroup } from "../lib/src/theory/membrane-moments";
import { siegertRate } from "../lib/src/theory/siegert";
import { simulateSingleNeuron } from "../lib/src/experiments/single-neuron";
import { firingRates } from "../lib/src/analysis/spike-stats";
import { summarize } from "../lib/src/math/statistics";

const GRID = 0.003;

/** Rate of `n` independent neurons (each its own seed), counted after 0.1 s: mean and SE. */
function simulatedRate(groups: InputGroup[], n: number, duration: number, label: string) {
  const rates = Array.from({ length: n }, (_, i) => {
    const out = simulateSingleNeuron({ groups, duration, seed: `${label}-${i}` });
    return firingRates(out.spikes, { start: 0.1 })[0];
  });
  const s = summarize(rates);
  return { mean: s.mean, se: s.se };
}

describe("exact discrete transfer against single-neuron simulation", () => {
  test("K = 100 inputs of w/K at 10 Hz with w = 4.2717: the chain gives the simulated 10 Hz, the Siegert formula does not", () => {
    // w = 4.2717 +- 0.0005 gives 10 Hz in 20,000 neurons x 10 s
    const w = 4.2717;
    const groups = excitatoryInputs({ K: 100, w, rate: 10 });
    const sim = simulatedRate(groups, 800, 10, "w4.2717");
    // mean-driven input is the chain's hardest case (sparse jumps): a fine grid
    const chain = eulerChainRate(groups, { subdivisions: 64 }).rate;
    const tol = 4 * sim.se + 0.001 * sim.mean;
    expect(Math.abs(chain - sim.mean)).toBeLessThan(tol);
    const siegert = siegertRate({ mu: w * 10 * 0.02, sigma: Math.sqrt((w * w * 10 * 0.02) / 200) });
    expect(Math.abs(siegert - sim.mean)).toBeGreaterThan(tol);
  });

  test("an E neuron's network input at K = 100 (r_E = 29.5, r_I = 20.3, r_X = 10 Hz): the chain gives the simulated rate", () => {
    const groups: InputGroup[] = [
      { count: 100, weight: 0.1, rate: 29.5 },
      { count: 100, weight: -0.25, rate: 20.3 },
      { count: 100, weight: 0.2, rate: 10 },
    ];
    const sim = simulatedRate(groups, 300, 5, "netE");
    const chain = eulerChainRate(groups).rate;
    expect(Math.abs(chain - sim.mean)).toBeLessThan(4 * sim.se + GRID * sim.mean);
  });
});
