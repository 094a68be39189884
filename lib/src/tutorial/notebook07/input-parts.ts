import { SpikeTrains } from "../../spikes/spike-trains";
import { checkNumber, invalid } from "../../core/validate";
import { populationActivity, smoothGaussian } from "../../analysis/population-activity";

/**
 * Time courses for the charts of notebook 07: one neuron's input by source, smoothed and scaled
 * to units of V, and the fraction of a population firing per bin.
 */

/** One neuron's smoothed input × tau by source, from {@link inputPartsTrace}. */
export interface InputPartsTrace {
  /** Times (s). */
  t: number[];
  /** Input × tau from E (units of V_th). */
  E: number[];
  /** From I. */
  I: number[];
  /** From X. */
  X: number[];
  /** Their sum. */
  total: number[];
}

/** Options of {@link inputPartsTrace}. */
export interface InputPartsOptions {
  /** Start of the window (s), >= 0. */
  start: number;
  /** End of the window (s), > start. */
  end: number;
  /** Time step of the traces (s). */
  dt: number;
  /** Membrane time constant tau (s): the input per bin times tau / dt is in units of V. */
  tau: number;
  /** Standard deviation of the Gaussian smoothing, in bins (default 20). */
  sdBins?: number;
  /** Keep every step-th bin (default 10). */
  step?: number;
}

/**
 * The input of one neuron by source over [start, end): each part smoothed with a Gaussian of
 * `sdBins` bins (`smoothGaussian`), every `step`-th bin kept, times tau / dt (so that its time
 * average is comparable with mu), and their sum.
 * @param parts the per-bin input from E, I and X of the neuron (units of V)
 * @param options start (s), end (s), dt (s), tau (s), sdBins, step
 * @throws ParameterError for traces of different lengths or a window outside them
 * @returns times (s) and the scaled parts and total
 */
export function inputPartsTrace(parts: { E: Float64Array; I: Float64Array; X: Float64Array }, options: InputPartsOptions): InputPartsTrace {
  const where = "inputPartsTrace";
  if (parts === null || typeof parts !== "object") invalid(where, "parts", parts, "an object { E, I, X } of input traces");
  const n = parts.E.length;
  if (parts.I.length !== n || parts.X.length !== n) invalid(where, "parts", "traces of different lengths", "E, I and X of equal length");
  const dt = checkNumber(where, "dt", options.dt, { min: 0, minInclusive: false, unit: "s" });
  const tau = checkNumber(where, "tau", options.tau, { min: 0, minInclusive: false, unit: "s" });
  const k0 = Math.round(checkNumber(where, "start", options.start, { min: 0, unit: "s" }) / dt);
  const k1 = Math.round(checkNumber(where, "end", options.end, { min: options.start, minInclusive: false, unit: "s" }) / dt);
  if (k1 > n) invalid(where, "end", options.end, `at most the traces' end, ${n} bins of dt`);
  const sdBins = checkNumber(where, "sdBins", options.sdBins ?? 20, { min: 0, minInclusive: false });
  const step = checkNumber(where, "step", options.step ?? 10, { integer: true, min: 1 });
  const [e, i, x] = [parts.E, parts.I, parts.X].map((p) => smoothGaussian(p.subarray(k0, k1), sdBins));
  const idx = Array.from({ length: Math.floor((k1 - k0) / step) }, (_, j) => step * j);
  const s = tau / dt;
  return {
    t: idx.map((j) => (k0 + j) * dt), E: idx.map((j) => s * e[j]), I: idx.map((j) => s * i[j]), X: idx.map((j) => s * x[j]),
    total: idx.map((j) => s * (e[j] + i[j] + x[j])),
  };
}

/**
 * The fraction of each population firing per bin of `binWidth`: spike count of the bin / n
 * (`populationActivity`), with the bins' start times.
 * @param run the E and I spike trains
 * @param binWidth bin width (s), a whole number of time steps (default 0.001)
 * @throws ParameterError as `populationActivity`
 * @returns the bin start times (s) and the E and I fractions
 */
export function activityFractions(run: { E: SpikeTrains; I: SpikeTrains }, binWidth = 0.001): { t: number[]; E: number[]; I: number[] } {
  if (run === null || typeof run !== "object") invalid("activityFractions", "run", run, "an object { E, I } of SpikeTrains");
  const [a, b] = [run.E, run.I].map((tr) => populationActivity(tr, { binWidth: binWidth }).activity);
  return {
    t: Array.from(a, (_, k) => k * binWidth),
    E: Array.from(a, (c) => c / run.E.n), I: Array.from(b, (c) => c / run.I.n),
  };
}
