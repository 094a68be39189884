import { summarize } from "../math/statistics";
import { checkNumber, invalid, ParameterError } from "../core/validate";

/** Parameters of {@link traceMoments}. */
export interface TraceMomentsOptions {
  /** Sampling interval of the trace (s). Default 1e-4. */
  dt?: number;
  /** Initial transient to drop (s), >= 0. Default 0.1 (tutorial task 4.2: drop the first 100 ms). */
  transient?: number;
  /** Number of batches B for the standard errors, an integer >= 2. Default 20. */
  nBatches?: number;
  /**
   * Correlation time of the trace (s), e.g. tau for a free membrane potential. Optional: when
   * given, a batch shorter than 10 correlation times is refused (its batch means would be
   * correlated and the standard errors too small).
   */
  correlationTime?: number;
}

/** Result of {@link traceMoments}. */
export interface TraceMoments {
  /** Time average of the trace after the transient. */
  mean: number;
  /** Standard error of `mean` from the batch means. */
  meanSE: number;
  /** Time-averaged variance, (1/N) sum (v - mean)^2 over the samples after the transient. */
  variance: number;
  /** Standard error of `variance` from the batch means of (v - mean)^2. */
  varianceSE: number;
  /** Samples used (after the transient; a remainder of fewer than B samples is dropped). */
  nSamples: number;
  /** Number of batches. */
  nBatches: number;
  /** Duration of one batch (s). */
  batchDuration: number;
}

/**
 * Mean and variance of a stationary trace (e.g. V(t) of tutorial task 4.2) after a transient, with
 * honest standard errors by the method of batch means.
 *
 * The samples of a membrane potential are correlated over the membrane time constant tau
 * (autocorrelation e^{-|t|/tau} for the free potential), so the naive sd / sqrt(N) would
 * underestimate the error by a factor ~ sqrt(2 tau / dt) (20 at the default parameters). Instead, the N
 * samples after the transient are cut into B consecutive batches of L = floor(N / B) samples. With
 * batches much longer than tau (say > 10 tau; pass `correlationTime` to enforce it), the batch
 * averages m_b and q_b = mean over the batch of (v - mean)^2 are nearly independent, and
 *
 *     mean = (1/B) sum m_b,           meanSE     = sd(m_b) / sqrt(B)
 *     variance = (1/B) sum q_b,       varianceSE = sd(q_b) / sqrt(B)
 *
 * (Flyvbjerg & Petersen, J. Chem. Phys. 91, 461, 1989). Two passes (the global mean first), so no
 * loss of precision when the variance is small compared with the mean. The SEs themselves are
 * uncertain by a relative ~ 1 / sqrt(2 (B - 1)) (16% at B = 20); compare with theory at 4-5 SE.
 * The variance estimate uses the sample mean, which biases it low by ~ meanSE^2, negligible when the
 * run is long compared with tau.
 *
 * @example
 * const { v } = simulateLif(x, 0.01, { reset: false, recordV: true });
 * traceMoments(v!, { dt: 1e-4, transient: 0.1, correlationTime: 0.02 }); // { mean, meanSE, variance, varianceSE, ... }
 * @param trace the samples, one per dt.
 * @param options dt (s), transient (s), nBatches, correlationTime (s).
 * @returns a {@link TraceMoments}.
 * @throws Error when the trace is not array-like or has NaN, dt <= 0, transient < 0 or longer
 *   than the trace allows (fewer than nBatches samples left), nBatches < 2, or batches shorter
 *   than 10 correlationTime.
 */
export function traceMoments(trace: ArrayLike<number>, options: TraceMomentsOptions = {}): TraceMoments {
  const where = "traceMoments";
  if (trace === null || typeof trace !== "object" || typeof trace.length !== "number") {
    invalid(where, "trace", trace, "an array of numbers");
  }
  const { dt = 1e-4, transient = 0.1, nBatches = 20, correlationTime } = options;
  checkNumber(where, "dt", dt, { min: 0, max: 1e100, minInclusive: false, unit: "s" });
  checkNumber(where, "transient", transient, { min: 0, unit: "s" });
  checkNumber(where, "nBatches", nBatches, { integer: true, min: 2 });
  const start = Math.round(transient / dt);
  const available = trace.length - start;
  if (available < nBatches) {
    throw new ParameterError(
      `${where}: the trace must have at least nBatches = ${nBatches} samples after the transient of ${transient} s ` +
        `(${start} samples), got ${trace.length} samples in all`,
    );
  }
  const L = Math.floor(available / nBatches);
  const batchDuration = L * dt;
  if (correlationTime !== undefined) {
    checkNumber(where, "correlationTime", correlationTime, { min: 0, unit: "s" });
    if (batchDuration < 10 * correlationTime) {
      throw new ParameterError(
        `${where}: batches of ${batchDuration} s are shorter than 10 correlation times (${10 * correlationTime} s); ` +
          `use a longer trace or fewer batches (nBatches = ${nBatches})`,
      );
    }
  }
  const N = L * nBatches;
  let s = 0;
  for (let i = start; i < start + N; i++) s += trace[i];
  const m = s / N;
  if (!Number.isFinite(m)) {
    throw new ParameterError(`${where}: trace must contain finite numbers only, got a non-finite sample after the transient`);
  }
  const bm = new Float64Array(nBatches);
  const bq = new Float64Array(nBatches);
  for (let b = 0; b < nBatches; b++) {
    let s1 = 0;
    let s2 = 0;
    for (let i = start + b * L; i < start + (b + 1) * L; i++) {
      const d = trace[i] - m;
      s1 += d;
      s2 += d * d;
    }
    bm[b] = m + s1 / L;
    bq[b] = s2 / L;
  }
  const sm = summarize(bm);
  const sq = summarize(bq);
  return { mean: sm.mean, meanSE: sm.se, variance: sq.mean, varianceSE: sq.se, nSamples: N, nBatches, batchDuration };
}
