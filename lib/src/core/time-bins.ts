/**
 * Time bins: the discretisation of time shared by every simulator (bins of width dt, seconds).
 */
import { ParameterError, checkNumber, invalid } from "./validate";

/**
 * Most bins a time grid may have: 2^32 - 1. Spike trains store bin indices as Uint32 (0 ..
 * 2^32 - 1); a longer grid would wrap its indices around silently (at dt = 0.1 ms, after
 * 429 496.7295 s), so every grid is checked where it is created.
 */
export const MAX_BINS = 2 ** 32 - 1;

/**
 * Checks that a number of bins is an integer in [0, {@link MAX_BINS}], so that every bin index
 * fits the Uint32 of spike trains.
 * @param where name of the calling function.
 * @param name what the count is, e.g. "drive.length" or "nBins".
 * @param nBins the number of bins.
 * @param dt bin width (s), for the message.
 * @returns nBins.
 * @throws ParameterError naming where, name, the count and the largest duration at this dt.
 */
export function checkBinCount(where: string, name: string, nBins: number, dt: number): number {
  if (nBins > MAX_BINS) {
    throw new ParameterError(
      `${where}: ${name} must be at most ${MAX_BINS} bins (the range of a Uint32 bin index), got ${nBins} bins; ` +
        `at dt = ${dt} s the longest duration is ${MAX_BINS * dt} s: shorten the duration or use a larger dt`,
    );
  }
  return checkNumber(where, name, nBins, { integer: true, min: 0 });
}

/**
 * A time as a whole number of bins of width dt: k = round(seconds / dt), accepted when
 * |k dt - seconds| <= 1e-9 max(seconds, dt) (so that 2 s / 0.1 ms passes despite rounding).
 * @param where name of the calling function.
 * @param name what the time is, e.g. "duration" or "start".
 * @param seconds the time (s), >= 0.
 * @param dt bin width (s), > 0 (not checked here: check it first).
 * @param minBins fewest bins allowed (default 0).
 * @returns k, the number of bins.
 * @throws ParameterError naming where, name and the time when it is negative, not finite, not a
 *   whole number of bins or shorter than minBins bins.
 */
export function timeToBins(where: string, name: string, seconds: unknown, dt: number, minBins = 0): number {
  const t = checkNumber(where, name, seconds, { min: 0, unit: "s" });
  const k = Math.round(t / dt);
  if (Math.abs(k * dt - t) > 1e-9 * Math.max(t, dt)) {
    throw new ParameterError(`${where}: ${name} must be a whole number of bins of dt = ${dt} s, got ${t} s`);
  }
  if (k < minBins) invalid(where, name, t, `at least ${minBins} bin(s) of dt = ${dt} s`);
  return k;
}

/**
 * Number of bins of width dt in a duration, checking that the duration is a whole number of bins
 * (to a relative 1e-9, see {@link timeToBins}) and that every bin index fits a Uint32 (at most
 * {@link MAX_BINS} bins).
 * @throws ParameterError when duration is not a non-negative multiple of dt, or is longer than MAX_BINS bins.
 */
export function binCount(where: string, duration: number, dt: number): number {
  checkNumber(where, "dt", dt, { min: 0, minInclusive: false, unit: "s" });
  return checkBinCount(where, "duration / dt", timeToBins(where, "duration", duration, dt), dt);
}

/**
 * Counts bin indices into coarser bins of `factor` bins each, starting at bin k0: every index k
 * of bins[from .. to) with k0 <= k < k0 + counts.length factor adds 1 to
 * counts[floor((k - k0) / factor)] (e.g. the spikes of one neuron, or of all, per activity bin).
 * @param bins bin indices (e.g. SpikeTrains.bins).
 * @param from first position of bins read.
 * @param to end (exclusive) of the positions read, from <= to <= bins.length.
 * @param k0 first bin counted, an integer >= 0.
 * @param factor bins per coarse bin, an integer >= 1.
 * @param counts the coarse bins, added to in place.
 * @returns how many indices were counted.
 * @throws ParameterError for from, to, k0 or factor out of range.
 */
export function countIntoBins(bins: ArrayLike<number>, from: number, to: number, k0: number, factor: number, counts: Float64Array): number {
  // a cheap test first: this runs once per neuron in synchronyChi, and checkNumber builds its message eagerly
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && from <= to && to <= bins.length && Number.isInteger(k0) && k0 >= 0 && Number.isInteger(factor) && factor >= 1)) {
    const where = "countIntoBins";
    checkNumber(where, "to", to, { integer: true, min: 0, max: bins.length });
    checkNumber(where, "from", from, { integer: true, min: 0, max: to });
    checkNumber(where, "k0", k0, { integer: true, min: 0 });
    checkNumber(where, "factor", factor, { integer: true, min: 1 });
  }
  const kEnd = k0 + counts.length * factor;
  let counted = 0;
  for (let s = from; s < to; s++) {
    const k = bins[s];
    if (k >= k0 && k < kEnd) {
      counts[Math.floor((k - k0) / factor)]++;
      counted++;
    }
  }
  return counted;
}
