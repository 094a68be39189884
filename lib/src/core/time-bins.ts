/**
 * Time bins: the discretisation of time shared by every simulator (bins of width dt, seconds).
 */
import { ParameterError, checkNumber } from "./validate";

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
 * Number of bins of width dt in a duration, checking that the duration is a whole number of bins
 * (to a relative 1e-9, so that 2 s / 0.1 ms is accepted despite rounding) and that every bin index
 * fits a Uint32 (at most {@link MAX_BINS} bins).
 * @throws ParameterError when duration is not a non-negative multiple of dt, or is longer than MAX_BINS bins.
 */
export function binCount(where: string, duration: number, dt: number): number {
  checkNumber(where, "dt", dt, { min: 0, minInclusive: false, unit: "s" });
  checkNumber(where, "duration", duration, { min: 0, unit: "s" });
  const nBins = Math.round(duration / dt);
  if (Math.abs(nBins * dt - duration) > 1e-9 * Math.max(duration, dt)) {
    throw new ParameterError(`${where}: duration must be a whole number of bins of dt = ${dt} s, got ${duration} s`);
  }
  return checkBinCount(where, "duration / dt", nBins, dt);
}
