/**
 * The synchronous state of the E/I/X network: detection and measurement of population spikes
 * (a large part of a population firing within one or two bins), their grouping into synchronous
 * episodes, and the deterministic recovery time that sets their period.
 *
 * References: N. Brunel, "Dynamics of sparsely connected networks of excitatory and inhibitory
 * spiking neurons", J. Comput. Neurosci. 8, 183-208 (2000) (synchronous states of sparse E/I
 * networks); the recovery time is the LIF's deterministic charging time, as in
 * {@link lifDeterministicRate}.
 */
import { MeanFieldParams, resolveMeanFieldParams } from "../theory/mean-field";
import { SpikeTrains } from "../spikes/spike-trains";
import { checkNumber, invalid } from "../core/validate";

/** Options of {@link populationSpikes}. */
export interface PopulationSpikeOptions {
  /**
   * A bin of dt belongs to a candidate event when at least this fraction of the neurons spike in
   * it, in (0, 1]. Default 0.02 (in the asynchronous state at 30 Hz and dt = 0.1 ms a bin holds
   * 0.3% of the neurons on average).
   */
  binFraction?: number;
  /**
   * A maximal run of consecutive candidate bins is a population spike when its spikes per neuron
   * (spikes in the run / n) reach this size, > 0. Default 0.25.
   */
  minSize?: number;
  /** Population spikes at most this far apart (s) belong to the same synchronous episode. Default 0.1. */
  maxInterval?: number;
  /** Ignore spikes before this time (s). Default 0. */
  start?: number;
}

/** The default binFraction and minSize of {@link populationSpikes}. */
export const defaultSpikeLimits = Object.freeze({ binFraction: 0.02, minSize: 0.25 });

/** A run of consecutive population spikes, each within `maxInterval` of the previous one. */
export interface SynchronousEpisode {
  /** Time of the first population spike (s). */
  start: number;
  /** Time of the last population spike (s). */
  end: number;
  /** Number of population spikes. */
  count: number;
}

/** Result of {@link populationSpikes}. */
export interface PopulationSpikes {
  /** Time of each population spike (s): the start of its bin with the most spikes. */
  times: Float64Array;
  /** Size of each population spike: spikes in the event divided by the number of neurons. */
  sizes: Float64Array;
  /** Width of each population spike (s): number of bins of the run times dt. */
  widths: Float64Array;
  /** Fraction of the neurons spiking in the peak bin of each population spike (1: all at once). */
  peakFractions: Float64Array;
  /** Intervals between consecutive population spikes (s), length count - 1. */
  intervals: Float64Array;
  /** The synchronous episodes, in time order. */
  episodes: SynchronousEpisode[];
  /** Time of the last population spike (s); null when there is none. */
  last: number | null;
}

/**
 * Finds population spikes in a population's spike trains: with c(k) the number of neurons
 * spiking in bin k, a run of consecutive bins with c(k) >= binFraction * n is a population spike
 * when sum_k c(k) / n >= minSize. Its time is the bin with the largest c(k), its size the spikes
 * per neuron in the run (1 when every neuron fires once; more when some fire twice, as in an
 * excitatory cascade over several bins), its peak fraction max_k c(k) / n, its width the run length. Population
 * spikes closer than maxInterval are grouped into episodes (a locked synchronous state). In an
 * asynchronous population at rate r the expected fraction per bin is r dt, far below binFraction,
 * so nothing is found. Cost O(spikes + bins).
 * @param trains the spike trains of one population (n >= 1).
 * @param options binFraction, minSize, maxInterval (s), start (s).
 * @returns times (s), sizes, widths (s), peak fractions, intervals (s), episodes and the last time (s).
 * @throws ParameterError for a non-SpikeTrains or options out of range.
 */
export function populationSpikes(trains: SpikeTrains, options: PopulationSpikeOptions = {}): PopulationSpikes {
  const where = "populationSpikes";
  if (!(trains instanceof SpikeTrains)) invalid(where, "trains", trains, "a SpikeTrains");
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const binFraction = checkNumber(where, "binFraction", options.binFraction ?? defaultSpikeLimits.binFraction, { min: 0, minInclusive: false, max: 1 });
  const minSize = checkNumber(where, "minSize", options.minSize ?? defaultSpikeLimits.minSize, { min: 0, minInclusive: false });
  const maxInterval = checkNumber(where, "maxInterval", options.maxInterval ?? 0.1, { min: 0, minInclusive: false, unit: "s" });
  const start = checkNumber(where, "start", options.start ?? 0, { min: 0, max: trains.duration, unit: "s" });
  const { n, nBins, dt } = trains;
  const c = new Uint32Array(nBins);
  for (let s = 0; s < trains.bins.length; s++) c[trains.bins[s]]++;
  const times: number[] = [];
  const sizes: number[] = [];
  const widths: number[] = [];
  const peaks: number[] = [];
  scanPopulationSpikes(c, n, Math.ceil(start / dt - 1e-9), nBins, { binFraction, minSize }, (peak, sum, bins) => {
    times.push(peak * dt);
    sizes.push(sum / n);
    widths.push(bins * dt);
    peaks.push(c[peak] / n);
  });
  const intervals = new Float64Array(Math.max(0, times.length - 1));
  for (let q = 1; q < times.length; q++) intervals[q - 1] = times[q] - times[q - 1];
  const episodes: SynchronousEpisode[] = [];
  for (let q = 0; q < times.length; q++) {
    const e = episodes[episodes.length - 1];
    if (e !== undefined && times[q] - e.end <= maxInterval) {
      e.end = times[q];
      e.count++;
    } else {
      episodes.push({ start: times[q], end: times[q], count: 1 });
    }
  }
  return {
    times: Float64Array.from(times),
    sizes: Float64Array.from(sizes),
    widths: Float64Array.from(widths),
    peakFractions: Float64Array.from(peaks),
    intervals,
    episodes,
    last: times.length > 0 ? times[times.length - 1] : null,
  };
}

/**
 * Internal to the analyses (not re-exported from the package; its callers validate): the scan of
 * {@link populationSpikes} over per-bin spike counts, bins k0 .. end - 1. A maximal run of
 * consecutive bins with c(k) >= binFraction n is reported when sum_k c(k) / n >= minSize, with
 * its peak bin (the first with the largest c(k)), its spikes and its number of bins. Over a
 * prefix of a run's bins (end earlier than the run's end) every population spike found is one of
 * the whole run's, or the start of one with at least its spikes and a peak no earlier: the last
 * one's peak can only move later as the run goes on.
 * @param c spikes per bin (at least `end` entries).
 * @param n neurons of the population.
 * @param k0 first bin scanned.
 * @param end bins scanned end before this one.
 * @param limits binFraction in (0, 1] and minSize > 0 (as in {@link PopulationSpikeOptions}).
 * @param found called for each population spike, in time order: peak bin, spikes, bins.
 */
export function scanPopulationSpikes(
  c: Uint32Array, n: number, k0: number, end: number,
  limits: { binFraction: number; minSize: number },
  found: (peak: number, sum: number, bins: number) => void,
): void {
  const need = limits.binFraction * n;
  let k = k0;
  while (k < end) {
    if (c[k] < need) {
      k++;
      continue;
    }
    let sum = 0;
    let peak = k;
    const first = k;
    for (; k < end && c[k] >= need; k++) {
      sum += c[k];
      if (c[k] > c[peak]) peak = k;
    }
    if (sum / n >= limits.minSize) found(peak, sum, k - first);
  }
}

/** Parameters of {@link populationSpikeRecovery}: the mean-field parameters plus the fractions that fire. */
export interface RecoveryParams extends MeanFieldParams {
  /** Fractions [f_E, f_I] of E and I that fire in the population spike, each in [0, 1]. Default [1, 1]. */
  fractions?: readonly [number, number];
}

/** Result of {@link populationSpikeRecovery}, per target population [E, I]. */
export interface PopulationSpikeRecovery {
  /** V just after the population spike: sqrt(K) (J_aE f_E + J_aI f_I) (units of V; negative = net inhibition). */
  jump: [number, number];
  /** Asymptote of V under the external drive alone: tau sqrt(K) J_aX r_X (units of V). */
  drive: [number, number];
  /** Time for V to climb from `jump` back to the threshold under the drive alone (s); null if drive <= vTh (it never does). */
  recovery: [number | null, number | null];
  /** K -> infinity limit of `recovery` (s): tau ln((tau J_aX r_X - J_aE f_E - J_aI f_I) / (tau J_aX r_X)); null without drive (J_aX r_X = 0). */
  largeK: [number | null, number | null];
}

/**
 * Deterministic recovery after a population spike of the model's network: if fractions f_E, f_I of
 * the E and I neurons fire in one bin (and are reset to 0), one bin later every neuron of
 * population a receives the jump sqrt(K) (J_aE f_E + J_aI f_I) (K f_b of its K partners in b
 * fired, each with weight J_ab / sqrt(K)). With the recurrent populations silent, V then relaxes
 * towards the external drive mu_X = tau sqrt(K) J_aX r_X, dV/dt = (mu_X - V) / tau, and reaches
 * the threshold after
 *
 *     T_a = tau ln((mu_X - jump_a) / (mu_X - vTh)),
 *
 * which tends to tau ln((tau J_aX r_X - J_aE f_E - J_aI f_I) / (tau J_aX r_X)) as K -> infinity
 * (both jump and drive grow like sqrt(K)). The smaller T_a (the first population to recover)
 * sets the period of a locked synchronous state; noise (the X input alone gives V a standard
 * deviation of about sqrt(tau J_aX^2 r_X / 2)) lets the leading neurons fire earlier.
 * @param params J, JX, K, rX (Hz), tau (s), vTh, fractions.
 * @returns jump, drive (units of V), recovery and its large-K limit (s; null where V never
 *   reaches the threshold under the drive alone), for [E, I].
 * @throws ParameterError for bad parameters.
 */
export function populationSpikeRecovery(params: RecoveryParams = {}): PopulationSpikeRecovery {
  const where = "populationSpikeRecovery";
  const { J, JX, K, rX, tau, vTh } = resolveMeanFieldParams(where, params);
  const { fractions = [1, 1] as const } = params;
  if (!Array.isArray(fractions) || fractions.length !== 2) invalid(where, "fractions", fractions, "an array [f_E, f_I]");
  for (let a = 0; a < 2; a++) checkNumber(where, `fractions[${a}]`, fractions[a], { min: 0, max: 1 });
  const s = Math.sqrt(K);
  const jump: [number, number] = [0, 0];
  const drive: [number, number] = [0, 0];
  const recovery: [number | null, number | null] = [0, 0];
  const largeK: [number | null, number | null] = [0, 0];
  for (let a = 0; a < 2; a++) {
    const net = J[a][0] * fractions[0] + J[a][1] * fractions[1];
    jump[a] = s * net;
    drive[a] = tau * s * JX[a] * rX;
    recovery[a] = drive[a] > vTh ? (jump[a] >= vTh ? 0 : tau * Math.log((drive[a] - jump[a]) / (drive[a] - vTh))) : null;
    const d1 = tau * JX[a] * rX;
    largeK[a] = d1 > 0 ? (net >= 0 ? 0 : tau * Math.log((d1 - net) / d1)) : null;
  }
  return { jump, drive, recovery, largeK };
}
