import { checkNumber } from "../core/validate";

/**
 * One LIF neuron driven by ONE Poisson input of weight w < V_th (tutorial task 3.1): it fires
 * only on coincidences, when a second input arrives within a window after a first one that did
 * not fire it. The window of the Euler model, and the output rate from a two-state Markov chain.
 */

/** Parameters of {@link coincidenceRate}. */
export interface CoincidenceOptions {
  /** Input rate r_X (Hz). */
  rate: number;
  /** Weight w, the jump of V per input spike, vTh / 2 <= w < vTh (two inputs can reach threshold). */
  w: number;
  /** Threshold V_th. Default 1. */
  vTh?: number;
  /** Bin width Δt (s). Default 1e-4. */
  dt?: number;
  /** Membrane time constant τ (s). Default 0.02. */
  tau?: number;
}

/** Result of {@link coincidenceRate}. */
export interface CoincidenceRate {
  /** Leak factor per bin a = 1 − Δt/τ. */
  a: number;
  /** Window M (bins): a second input fires iff it comes at most M bins after a non-firing first one. */
  M: number;
  /** Probability that an input gap is at most M bins, q = 1 − (1 − r_X Δt)^M. */
  q: number;
  /** Probability that an input is armed (the previous one did not fire), 1/(1 + q). */
  pArmed: number;
  /** Output rate r_X q / (1 + q) (Hz). */
  rate: number;
  /** The continuous-time window τ ln(w / (V_th − w)) (s). */
  windowContinuous: number;
  /** The continuous-time rate, with q_c = 1 − e^{−r_X window} (Hz). */
  rateContinuous: number;
}

/**
 * The coincidence window and output rate of a LIF neuron with one Poisson input of weight w < V_th.
 * Two inputs m bins apart, the first arriving at V = 0, give V = w a^m + w, which crosses V_th iff
 * m <= M = floor(ln((V_th − w)/w) / ln a). Neglecting charge left from still earlier inputs, an
 * input fires iff it is armed and its geometric gap is <= M (probability q); a firing input
 * disarms the next, so the fraction of inputs that fire is q / (1 + q) and r_out = r_X q / (1 + q).
 * @param options rate (Hz), w, vTh, dt (s), tau (s)
 * @throws ParameterError for w outside [vTh / 2, vTh) (below vTh / 2 two inputs never reach
 *   threshold and the window would be negative), rate < 0 or rate dt > 1, dt >= tau
 * @returns the {@link CoincidenceRate}
 */
export function coincidenceRate(options: CoincidenceOptions): CoincidenceRate {
  const where = "coincidenceRate";
  const vTh = checkNumber(where, "vTh", options.vTh ?? 1, { min: 0, minInclusive: false });
  // two inputs within the window reach threshold only when 2 w >= V_th: below, the formula's window is negative
  const w = checkNumber(where, "w", options.w, { min: vTh / 2, max: vTh, maxInclusive: false });
  const tau = checkNumber(where, "tau", options.tau ?? 0.02, { min: 0, minInclusive: false, unit: "s" });
  const dt = checkNumber(where, "dt", options.dt ?? 1e-4, { min: 0, max: tau, minInclusive: false, maxInclusive: false, unit: "s" });
  const rate = checkNumber(where, "rate", options.rate, { min: 0, max: 1 / dt, unit: "Hz" });
  const a = 1 - dt / tau;
  const M = Math.floor(Math.log((vTh - w) / w) / Math.log(a));
  const q = 1 - (1 - rate * dt) ** M;
  const windowContinuous = tau * Math.log(w / (vTh - w));
  const qc = 1 - Math.exp(-rate * windowContinuous);
  return { a, M, q, pArmed: 1 / (1 + q), rate: (rate * q) / (1 + q), windowContinuous, rateContinuous: (rate * qc) / (1 + qc) };
}
