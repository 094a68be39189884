import { InputGroup } from "../theory/membrane-moments";
import { fanoFactor, firingRates, isiCV } from "../analysis/spike-stats";
import { checkNumber, checkSeed, invalid, within } from "../core/validate";
import { checkBudget, resolveLimits } from "../core/limits";
import { simulateSingleNeuron } from "./single-neuron";
import { findWeightForRate } from "./weight-search";

/**
 * How irregular a single-neuron set-up fires at a given rate: find the coupling w for the rate,
 * then the ISI CV, the Fano factor and the rate of independent neurons at that w (notebook 07
 * compares them with the network's neurons).
 */

/** Options of {@link irregularityAtRate}. */
export interface IrregularityOptions {
  /** The input groups as a function of w, e.g. `(w) => balancedInputs({ K: 100, w })`. */
  inputs: (w: number) => InputGroup[];
  /** Target output rate (Hz), > 0. */
  targetRate: number;
  /** Bracket [lo, hi] of w with rate(lo) < target <= rate(hi) (see `findWeightForRate`). */
  wRange: [number, number];
  /** Seed of the neurons: neuron n draws its inputs from `${seed}-${n}`. */
  seed: number | string;
  /** Number of independent neurons at the found w, an integer >= 1 (default 20). */
  neurons?: number;
  /** Duration of each neuron's run (s), also that of the weight search (default 10). */
  duration?: number;
  /** Time dropped before the statistics (s), a whole number of bins (default 0.1). */
  transient?: number;
  /** Counting window of the Fano factor (s), non-overlapping (default 0.1). */
  window?: number;
  /** Seeds of the weight search (default [1, 2, 3]). */
  searchSeeds?: Array<number | string>;
  /** Tolerance of w in the weight search (default 1e-3). */
  xtol?: number;
  /** Called after each neuron with the number done and `neurons`. */
  onProgress?: (done: number, total: number) => void;
}

/** Result of {@link irregularityAtRate}: the found w and one value per neuron. */
export interface IrregularityResult {
  /** The coupling found for the target rate (mean of the search seeds' roots). */
  w: number;
  /** ISI CV of each neuron, sd(ISI) / mean(ISI) after the transient. */
  cv: number[];
  /** Fano factor of each neuron's counts in windows of `window` after the transient. */
  fano: number[];
  /** Rate of each neuron after the transient (Hz). */
  rate: number[];
}

/**
 * Irregularity of a single-neuron set-up at a target rate: w from `findWeightForRate` (bisection
 * with common random numbers over `searchSeeds`), then `neurons` independent runs at that w with
 * the ISI CV (1 for Poisson, 0 for a clock), the Fano factor Var/mean of the counts in
 * non-overlapping windows (1 for Poisson) and the rate of each, all counted after the transient.
 * @param options inputs, target rate (Hz), w bracket, seed, neurons, duration (s), transient (s),
 *   Fano window (s), search seeds, xtol, progress.
 * @returns the w and per-neuron CV, Fano factor and rate (Hz).
 * @throws ParameterError for bad options, neurons x duration past the work limit (one step a bin
 *   of 0.1 ms per neuron, see `core/limits`), and as `findWeightForRate` and `simulateSingleNeuron`.
 */
export function irregularityAtRate(options: IrregularityOptions): IrregularityResult {
  return within("irregularityAtRate", "options", () => {
    const where = "irregularityAtRate";
    if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
    const { inputs, targetRate, wRange, duration = 10, transient = 0.1, window = 0.1, xtol = 1e-3 } = options;
    const seed = checkSeed(where, options.seed);
    const neurons = checkNumber(where, "neurons", options.neurons ?? 20, { integer: true, min: 1 });
    checkNumber(where, "duration", duration, { min: 0, minInclusive: false, unit: "s" });
    checkNumber(where, "transient", transient, { min: 0, max: duration, maxInclusive: false, unit: "s" });
    checkNumber(where, "window", window, { min: 0, max: duration - transient, minInclusive: false, unit: "s" });
    // one run of simulateSingleNeuron (dt = 0.1 ms) per neuron, estimated before the weight search
    checkBudget(where, resolveLimits(where), { what: `${neurons} neurons of ${duration} s at dt = 0.1 ms`, steps: neurons * Math.ceil(duration / 1e-4) });
    const found = findWeightForRate({ inputs, targetRate, wRange, xtol, seeds: options.searchSeeds ?? [1, 2, 3], duration, transient });
    const out: IrregularityResult = { w: found.w, cv: [], fano: [], rate: [] };
    for (let n = 0; n < neurons; n++) {
      const { spikes } = simulateSingleNeuron({ groups: inputs(found.w), duration, seed: `${seed}-${n}` });
      out.cv.push(isiCV(spikes, 0, transient).cv);
      out.fano.push(fanoFactor(spikes, { window, start: transient }).fano);
      out.rate.push(firingRates(spikes, { start: transient })[0]);
      options.onProgress?.(n + 1, neurons);
    }
    return out;
  });
}
