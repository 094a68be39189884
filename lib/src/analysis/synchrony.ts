/**
 * Golomb's synchrony measure chi for a population of spike trains.
 */
import { activityBinning, ActivityOptions, smoothGaussian } from "./population-activity";
import { SpikeTrains } from "../spikes/spike-trains";
import { invalid } from "../core/validate";
import { countIntoBins } from "../core/time-bins";

/** Result of {@link synchronyChi}. */
export interface Synchrony {
  /** chi = sqrt(chiSquared), in [0, 1]: 1 for identical trains, about 1/sqrt(n) for independent ones. */
  chi: number;
  /** chi^2 = Var(population mean signal) / mean over neurons of Var(single-neuron signal). */
  chiSquared: number;
  /** Variance over time of the population mean signal (spikes per bin)^2. */
  populationVariance: number;
  /** Mean over neurons of the variance over time of each neuron's signal (spikes per bin)^2. */
  meanSingleVariance: number;
  /** Number of neurons with non-zero variance (silent neurons are excluded from both variances). */
  n: number;
}

/**
 * Golomb's synchrony measure: with s_i(t) the spike count of neuron i per bin (optionally smoothed
 * by a Gaussian kernel, see {@link ActivityOptions}) and A(t) = (1/n) sum_i s_i(t) the population
 * mean,
 *
 *     chi^2 = Var_t(A) / ((1/n) sum_i Var_t(s_i)).
 *
 * chi = 1 when all neurons fire together (identical trains), chi^2 = 1/n on average for
 * independent neurons, chi^2 -> (mean pairwise correlation) for large n. Silent neurons (zero
 * variance) are left out of both A and the mean single-neuron variance. The value depends on the
 * bin width and smoothing: state them.
 *
 * References: D. Golomb and J. Rinzel, Physica D 72, 259-282 (1994); D. Golomb, "Neuronal
 * synchrony measures", Scholarpedia 2(1):1347 (2007).
 * @param trains the spike trains (n >= 1).
 * @param options binWidth (s), start and end (s), smoothing (s).
 * @returns chi, chi^2, the two variances and the number of neurons used.
 * @throws ParameterError for bad options or when no neuron has a non-zero variance.
 */
export function synchronyChi(trains: SpikeTrains, options: ActivityOptions = {}): Synchrony {
  const where = "synchronyChi";
  const { factor, k0, nBins, smoothingBins } = activityBinning(where, trains, options);
  const pop = new Float64Array(nBins);
  const single = new Float64Array(nBins);
  let sumVar = 0;
  let used = 0;
  for (let i = 0; i < trains.n; i++) {
    single.fill(0);
    if (countIntoBins(trains.bins, trains.offsets[i], trains.offsets[i + 1], k0, factor, single) === 0) continue;
    const x = smoothingBins > 0 ? smoothGaussian(single, smoothingBins) : single;
    let m = 0;
    for (let t = 0; t < nBins; t++) m += x[t];
    m /= nBins;
    let v = 0;
    for (let t = 0; t < nBins; t++) v += (x[t] - m) ** 2;
    v /= nBins;
    if (!(v > 0)) continue;
    sumVar += v;
    used++;
    for (let t = 0; t < nBins; t++) pop[t] += x[t];
  }
  if (used === 0) invalid(where, "trains", "no neuron with spikes varying in time", "at least one neuron with a non-zero variance");
  let m = 0;
  for (let t = 0; t < nBins; t++) m += pop[t] / used;
  m /= nBins;
  let popVar = 0;
  for (let t = 0; t < nBins; t++) popVar += (pop[t] / used - m) ** 2;
  popVar /= nBins;
  const meanSingle = sumVar / used;
  const chiSquared = popVar / meanSingle;
  return { chi: Math.sqrt(chiSquared), chiSquared, populationVariance: popVar, meanSingleVariance: meanSingle, n: used };
}
