/**
 * Time bins: the discretisation of time shared by every simulator (bins of width dt, seconds).
 */
import { ParameterError, checkNumber } from "./validate";

/**
 * Number of bins of width dt in a duration, checking that the duration is a whole number of bins
 * (to a relative 1e-9, so that 2 s / 0.1 ms is accepted despite rounding).
 * @throws Error when duration is not a positive multiple of dt.
 */
export function binCount(where: string, duration: number, dt: number): number {
  checkNumber(where, "dt", dt, { min: 0, minInclusive: false, unit: "s" });
  checkNumber(where, "duration", duration, { min: 0, unit: "s" });
  const nBins = Math.round(duration / dt);
  if (Math.abs(nBins * dt - duration) > 1e-9 * Math.max(duration, dt)) {
    throw new ParameterError(`${where}: duration must be a whole number of bins of dt = ${dt} s, got ${duration} s`);
  }
  return nBins;
}
