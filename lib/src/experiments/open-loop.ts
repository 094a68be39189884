import { defaultNetworkParams } from "../network/params";
import { diffusionInput } from "../theory/mean-field";
import { siegertRate } from "../theory/siegert";
import { firingRates } from "../analysis/spike-stats";
import { summarize } from "../math/statistics";
import { checkNumber, invalid, within } from "../core/validate";
import { groupInputsEstimate, simulateSingleNeuron } from "./single-neuron";
import { poolTask, runGroup } from "./run-pool";

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

/** One open-loop neuron: the rates of E, I and X (Hz), K, the duration (s), the batches, the seed and the population driven. */
interface OpenLoopRun {
  rates: number[];
  K: number;
  T: number;
  batches: number;
  seed: string;
  a: 0 | 1;
}

/** The Poisson input groups of one open-loop neuron of population a. */
function openLoopGroups({ rates, K, a }: Pick<OpenLoopRun, "rates" | "K" | "a">): { count: number; weight: number; rate: number }[] {
  return rates.map((rate, b) => ({ count: K, weight: WEIGHTS[a][b] / Math.sqrt(K), rate }));
}

/** One open-loop neuron's rate: the mean over equal batches and its SE over batches (Hz). */
const openLoopRun = poolTask("openLoopNeurons", (r: OpenLoopRun): { mean: number; se: number } => {
  const sim = simulateSingleNeuron({ groups: openLoopGroups(r), duration: r.T, seed: r.seed });
  const nb = r.batches;
  const s = summarize(Array.from({ length: nb }, (_, j) => firingRates(sim.spikes, { start: (j * r.T) / nb, end: ((j + 1) * r.T) / nb })[0]));
  return { mean: s.mean, se: s.se };
});

/**
 * For each sweep point and population a = E, I: one LIF neuron driven by K Poisson trains from
 * each of E, I, X at the simulated rates r_E, r_I and r_X with jumps J_ab / sqrt(K), for
 * `duration` seconds (seed `open-${q}-${a}`: q the point, a = 0 for E, 1 for I); its rate as the
 * mean over `batches` equal batches with the SE over batches; mu_a, sigma_a = diffusionInput at
 * the simulated rates, and phi = siegertRate(mu_a, sigma_a). The neurons are independent: they
 * run side by side on the run pool's worker threads (one per core), with the same results, bit
 * for bit, and the same progress calls as one after another.
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
    const runs = points.flatMap((r, q) => ([0, 1] as const).map((a): OpenLoopRun => ({ rates: [r.E.m, r.I.m, r.rX], K, T, batches: nb, seed: `open-${q}-${a}`, a })));
    const total = runs.length;
    const rates: { mean: number; se: number }[] = [];
    const dt = 1e-4; // simulateSingleNeuron's bin
    const bytesPerRun = (groupInputsEstimate(openLoopGroups(runs[0]), Math.round(T / dt), dt).bytes ?? 0) + 8 * Math.round(T / dt);
    runGroup(where, { bytesPerRun }, {
      task: openLoopRun, count: total, args: (i) => runs[i],
      consume: (s, i) => {
        rates.push(s);
        options.onProgress?.(i + 1, total);
        return true;
      },
    });
    options.onProgress?.(total, total);
    return runs.map(({ rates: [rE, rI, rX], a }, i) => {
      const d = diffusionInput({ K, rX }, rE, rI);
      const r = points[Math.floor(i / 2)];
      return {
        rX, pop: a === 0 ? "E" as const : "I" as const, mu: d.mu[a], sigma: d.sigma[a], net: a === 0 ? rE : rI,
        single: rates[i].mean, se: rates[i].se, phi: siegertRate({ mu: d.mu[a], sigma: d.sigma[a] }), mf: a === 0 ? r.mf.rE : r.mf.rI,
      };
    });
  });
}
