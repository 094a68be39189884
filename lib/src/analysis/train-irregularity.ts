import { SpikeTrains } from "../spikes/spike-trains";
import { checkNumber, invalid } from "../core/validate";
import { fanoFactors, firingRates, isiCVs } from "./spike-stats";

/**
 * Irregularity of every neuron of a population: ISI CV, Fano factor and rate, counted after a
 * transient, the same measures as `irregularityAtRate` gives for single neurons.
 */

/** Per-neuron irregularity, from {@link trainIrregularity}. */
export interface TrainIrregularity {
  /** ISI CV of each neuron with a finite CV (at least 2 intervals), sd(ISI) / mean(ISI). */
  cv: number[];
  /** Fano factor of each neuron with a finite one (count variance / mean count). */
  fano: number[];
  /** Rate of every neuron after `start` (Hz). */
  rate: number[];
}

/**
 * The ISI CV (`isiCVs`), the Fano factor of the counts in non-overlapping windows
 * (`fanoFactors`, Var/mean: 1 for Poisson) and the rate of each neuron, all after `start`;
 * neurons whose CV or Fano factor is not finite (too few spikes) are left out of that list.
 * @param trains the spike trains of one population
 * @param options start (s, default 0), window of the Fano factor (s, default 0.1)
 * @throws ParameterError for a non-SpikeTrains or a bad start or window
 * @returns the finite CVs, the finite Fano factors and all rates (Hz)
 */
export function trainIrregularity(trains: SpikeTrains, options: { start?: number; window?: number } = {}): TrainIrregularity {
  const where = "trainIrregularity";
  if (!(trains instanceof SpikeTrains)) invalid(where, "trains", trains, "a SpikeTrains");
  const start = checkNumber(where, "start", options.start ?? 0, { min: 0, max: trains.duration, maxInclusive: false, unit: "s" });
  const window = checkNumber(where, "window", options.window ?? 0.1, { min: 0, minInclusive: false, unit: "s" });
  return {
    cv: Array.from(isiCVs(trains, start).values),
    fano: Array.from(fanoFactors(trains, { window: window, start: start }).values),
    rate: Array.from(firingRates(trains, { start: start })),
  };
}
