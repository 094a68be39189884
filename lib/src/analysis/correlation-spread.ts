import { summarize } from "../math/statistics";
import { checkNumber, invalid, within } from "../core/validate";

/**
 * How much of the spread of spike-count correlation coefficients over pairs is real: the
 * sampling spread of independent trains is about 1 / sqrt(n_w - 1) for n_w windows.
 */

/** The spread of correlation coefficients, from {@link correlationSpread}. */
export interface CorrelationSpread {
  /** Standard deviation of the coefficients over pairs. */
  sd: number;
  /** Sampling spread of independent trains, 1 / sqrt(n_w - 1). */
  sdNull: number;
  /** Variance beyond sampling noise, max(sd^2 - sdNull^2, 0). */
  realVariance: number;
  /** Its share of the variance, realVariance / sd^2. */
  realShare: number;
}

/**
 * The spread of correlation coefficients over pairs against the sampling spread of independent
 * trains: sd over pairs, sdNull = 1 / sqrt(nWindows - 1), the variance beyond sampling
 * max(sd^2 - sdNull^2, 0) and its share of sd^2.
 * @param coefficients the coefficients of the pairs (e.g. `spikeCountCorrelations(...).coefficients`), at least 2
 * @param nWindows the number of counting windows, an integer >= 2
 * @throws ParameterError for fewer than 2 coefficients or a bad nWindows
 * @returns sd, sdNull, realVariance and realShare
 */
export function correlationSpread(coefficients: ArrayLike<number>, nWindows: number): CorrelationSpread {
  return within("correlationSpread", "coefficients", () => {
    const where = "correlationSpread";
    if (coefficients === null || typeof coefficients !== "object" || coefficients.length < 2) {
      invalid(where, "coefficients", coefficients, "an array of at least 2 correlation coefficients");
    }
    checkNumber(where, "nWindows", nWindows, { integer: true, min: 2 });
    const sd = Math.sqrt(summarize(coefficients).variance);
    const sdNull = 1 / Math.sqrt(nWindows - 1);
    const realVariance = Math.max(sd ** 2 - sdNull ** 2, 0);
    return { sd, sdNull, realVariance, realShare: realVariance / sd ** 2 };
  });
}
