import { balancedInputs, excitatoryInputs } from "../theory/membrane-moments";
import { checkNumber, invalid, within } from "../core/validate";
import { irregularityAtRate, type IrregularityResult } from "./irregularity";

/**
 * The single-neuron set-ups of notebooks 03 (mean-driven: K excitatory inputs of weight w / K)
 * and 04 (fluctuation-driven: K excitatory and K inhibitory inputs of weights ± w / sqrt(K)),
 * each at several target rates, for comparison with the network's neurons (notebook 07).
 */

/** One set-up at one target rate, from {@link singleNeuronIrregularity}. */
export interface SingleNeuronIrregularity extends IrregularityResult {
  /** "mean-driven (nb 03) at 10 Hz", "fluctuation-driven (nb 04) at 10 Hz", ... */
  name: string;
}

/** Options of {@link singleNeuronIrregularity}. */
export interface SingleNeuronIrregularityOptions {
  /** Partners per population, an integer >= 1 (default 100). */
  K?: number;
  /** Neurons per set-up and target, an integer >= 1 (default 20). */
  neurons?: number;
  /** Duration of each neuron's run and of the weight search (s, default 10). */
  duration?: number;
  /** Called after each neuron with the number done and the total. */
  onProgress?: (done: number, total: number) => void;
}

const SETUPS = [
  { name: "mean-driven (nb 03)", inputs: (K: number, w: number) => excitatoryInputs({ K: K, w: w }), wRange: [3, 10] as [number, number] },
  { name: "fluctuation-driven (nb 04)", inputs: (K: number, w: number) => balancedInputs({ K: K, w: w }), wRange: [0.5, 5] as [number, number] },
];

/**
 * For each target rate t (index i) and set-up (index q: mean-driven, then fluctuation-driven):
 * `irregularityAtRate` with `neurons` neurons of `duration` seconds (also the weight search's)
 * and seed `single-${i}-${q}`, the w bracket [3, 10] (mean-driven) or [0.5, 5] (fluctuation-driven).
 * @param targets target rates (Hz), each > 0
 * @param options K (default 100), neurons (default 20), duration (s, default 10), onProgress
 *   (`neurons` per set-up and target)
 * @throws ParameterError for an empty targets array, and as `irregularityAtRate`
 * @returns one entry per target and set-up, targets outermost
 */
export function singleNeuronIrregularity(targets: readonly number[], options: SingleNeuronIrregularityOptions = {}): SingleNeuronIrregularity[] {
  return within("singleNeuronIrregularity", "targets and options", () => {
    const where = "singleNeuronIrregularity";
    if (!Array.isArray(targets) || targets.length === 0) invalid(where, "targets", targets, "a non-empty array of rates (Hz)");
    const K = checkNumber(where, "K", options.K ?? 100, { integer: true, min: 1 });
    const neurons = checkNumber(where, "neurons", options.neurons ?? 20, { integer: true, min: 1 });
    const total = neurons * SETUPS.length * targets.length;
    return targets.flatMap((target, t) => SETUPS.map((s, q) => ({
      name: `${s.name} at ${target} Hz`,
      ...irregularityAtRate({
        inputs: (w) => s.inputs(K, w), targetRate: target, wRange: s.wRange, seed: `single-${t}-${q}`, neurons, duration: options.duration,
        onProgress: (d) => options.onProgress?.(neurons * (SETUPS.length * t + q) + d, total),
      }),
    })));
  });
}
