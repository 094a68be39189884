import { poolReplays, replayInputs, type InputReplay } from "../analysis/input-replay";
import { coincidenceRate } from "../theory/coincidence";
import { checkNumber, invalid } from "../core/validate";
import { simulateSingleNeuron } from "../experiments/single-neuron";

/**
 * Notebook 02, "One LIF neuron, one input": many independent runs of one LIF neuron with ONE Poisson input of weight w < V_th (tutorial
 * task 3.1): the output rate of each run, and every input replayed against the coincidence rule.
 */

/** Parameters of {@link coincidenceRuns}. */
export interface CoincidenceRunsOptions {
  /** Weight of the input, 0 < w < vTh. */
  w: number;
  /** Input rate (Hz). */
  rate: number;
  /** One seed per run. */
  seeds: Array<number | string>;
  /** Duration of each run (s). */
  duration: number;
  /** Bin width (s). Default 1e-4. */
  dt?: number;
  /** Membrane time constant (s). Default 0.02. */
  tau?: number;
  /** Threshold. Default 1. */
  vTh?: number;
  /** Called after each run with the number done and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** Result of {@link coincidenceRuns}. */
export interface CoincidenceRuns {
  /** Output rate of each run (Hz): spikes / duration. */
  rates: number[];
  /** All runs' inputs replayed against the coincidence rule, pooled in run order. */
  replay: InputReplay;
}

/**
 * Runs `simulateSingleNeuron` once per seed with one input of weight w, and replays each run's
 * inputs (`replayInputs`) with the window M of `coincidenceRate`.
 * @param options w, rate (Hz), seeds, duration (s), dt (s), tau (s), vTh, onProgress
 * @throws ParameterError for an empty seed list, or any error of `coincidenceRate` or `simulateSingleNeuron`
 * @returns the {@link CoincidenceRuns}
 */
export function coincidenceRuns(options: CoincidenceRunsOptions): CoincidenceRuns {
  const { w, rate, seeds, duration, dt = 1e-4, tau = 0.02, vTh = 1, onProgress } = options;
  if (!Array.isArray(seeds) || seeds.length === 0) invalid("coincidenceRuns", "seeds", seeds, "a non-empty array of seeds");
  checkNumber("coincidenceRuns", "duration", duration, { min: 0, minInclusive: false, unit: "s" });
  const { a, M } = coincidenceRate({ rate, w, vTh, dt, tau });
  const rates: number[] = [];
  const replays = seeds.map((seed, s) => {
    const r = simulateSingleNeuron({ groups: [{ count: 1, weight: w, rate }], duration, dt, tau, vTh, seed });
    rates.push(r.spikes.totalSpikes / duration);
    onProgress?.(s + 1, seeds.length);
    return replayInputs(r.inputs[0].bins, r.spikes.bins, r.spikes.nBins, { a, w, vTh, M });
  });
  return { rates, replay: poolReplays(replays) };
}
