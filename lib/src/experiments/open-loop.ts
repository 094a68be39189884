import { defaultNetworkParams } from "../network/params";
import { diffusionInput } from "../theory/mean-field";
import { siegertRate } from "../theory/siegert";
import { firingRates } from "../analysis/spike-stats";
import { summarize } from "../math/statistics";
import { checkNumber, invalid, within } from "../core/validate";
import { simulateSingleNeuron } from "./single-neuron";

/**
 * The open-loop test of the diffusion mean field (notebook 06): one LIF neuron driven by exactly
 * the input the theory assumes, K independent Poisson trains from each of E, I and X at the
 * simulated network rates, against phi(mu, sigma) and the network's own neurons.
 */

/** A mean with its standard error. */
export interface MeanWithSE {
  /** The mean. */
  m: number;
  /** Its standard error. */
  se: number;
}

/** One point of a network rate sweep: r_X, the simulated rates and the self-consistent mean field. */
export interface SweepPoint {
  /** External rate r_X (Hz). */
  rX: number;
  /** Simulated E rate, mean and SE over seeds (Hz). */
  E: MeanWithSE;
  /** Simulated I rate, mean and SE over seeds (Hz). */
  I: MeanWithSE;
  /** Self-consistent diffusion mean-field rates (Hz). */
  mf: { rE: number; rI: number };
}

/** One row of {@link openLoopNeurons}: one population at one r_X. */
export interface OpenLoopRow {
  /** External rate r_X (Hz). */
  rX: number;
  /** The population whose neuron is driven. */
  pop: "E" | "I";
  /** Mean free membrane potential mu at the simulated rates (units of V_th). */
  mu: number;
  /** Its standard deviation sigma (units of V_th). */
  sigma: number;
  /** The network's rate of this population (Hz). */
  net: number;
  /** The Poisson-driven neuron's rate, mean over batches (Hz). */
  single: number;
  /** Its standard error over batches (Hz). */
  se: number;
  /** Siegert's phi(mu, sigma) (Hz). */
  phi: number;
  /** The self-consistent mean-field rate (Hz). */
  mf: number;
}

/** Options of {@link openLoopNeurons}. */
export interface OpenLoopOptions {
  /** Partners per population (default 100). */
  K?: number;
  /** Duration of each neuron's run (s), > 0 (default 100). */
  duration?: number;
  /** Batches for the rate's standard error, an integer >= 2 (default 10). */
  batches?: number;
  /** Called after each run with the runs done and the total (2 per sweep point). */
  onProgress?: (done: number, total: number) => void;
}

/** The tutorial's weights onto E and onto I from E, I and X: [J_aE, J_aI, J_aX]. */
const WEIGHTS = ([0, 1] as const).map((a) => [...defaultNetworkParams.J[a], defaultNetworkParams.JX[a]]);

/**
 * For each sweep point and population a = E, I: one LIF neuron driven by K Poisson trains from
 * each of E, I, X at the simulated rates r_E, r_I and r_X with jumps J_ab / sqrt(K), for
 * `duration` seconds (seed `open-${q}-${a}`: q the point, a = 0 for E, 1 for I); its rate as the
 * mean over `batches` equal batches with the SE over batches; mu_a, sigma_a = diffusionInput at
 * the simulated rates, and phi = siegertRate(mu_a, sigma_a).
 * @param points the sweep points (simulated rates and mean field)
 * @param options K, duration (s), batches, onProgress
 * @throws ParameterError for an empty points array or bad options
 * @returns one row per point and population, E first
 */
export function openLoopNeurons(points: readonly SweepPoint[], options: OpenLoopOptions = {}): OpenLoopRow[] {
  return within("openLoopNeurons", "points and options", () => {
    const where = "openLoopNeurons";
    if (!Array.isArray(points) || points.length === 0) invalid(where, "points", points, "a non-empty array of sweep points");
    const K = checkNumber(where, "K", options.K ?? 100, { integer: true, min: 1 });
    const T = checkNumber(where, "duration", options.duration ?? 100, { min: 0, minInclusive: false, unit: "s" });
    const nb = checkNumber(where, "batches", options.batches ?? 10, { integer: true, min: 2, max: 1e6 });
    const total = 2 * points.length;
    const rows = points.flatMap((r, q) => ([0, 1] as const).map((a) => {
      const rates = [r.E.m, r.I.m, r.rX];
      const groups = rates.map((rate, b) => ({ count: K, weight: WEIGHTS[a][b] / Math.sqrt(K), rate: rate }));
      const sim = simulateSingleNeuron({ groups: groups, duration: T, seed: `open-${q}-${a}` });
      options.onProgress?.(2 * q + a + 1, total);
      const batches = Array.from({ length: nb }, (_, j) => firingRates(sim.spikes, { start: j * T / nb, end: (j + 1) * T / nb })[0]);
      const s = summarize(batches);
      const d = diffusionInput({ K: K, rX: r.rX }, r.E.m, r.I.m);
      return {
        rX: r.rX, pop: a === 0 ? "E" as const : "I" as const, mu: d.mu[a], sigma: d.sigma[a], net: a === 0 ? r.E.m : r.I.m,
        single: s.mean, se: s.se, phi: siegertRate({ mu: d.mu[a], sigma: d.sigma[a] }), mf: a === 0 ? r.mf.rE : r.mf.rI,
      };
    }));
    options.onProgress?.(total, total);
    return rows;
  });
}
