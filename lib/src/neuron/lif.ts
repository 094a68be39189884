import { SpikeTrains } from "../spikes/spike-trains";
import { checkLength, checkNumber, checkResult, invalid, ParameterError } from "../core/validate";
import { checkBudget, type LimitOptions, resolveLimits } from "../core/limits";
import { checkBinCount } from "../core/time-bins";

/**
 * A single leaky integrate-and-fire neuron driven by spike trains, simulated with the model's
 * forward-Euler rule (docs/MODEL.md; tutorial tasks 3 and 4):
 *
 *     V(0) = 0
 *     V(k) = V(k-1) * (1 - dt/tau) + I(k-1),   I(j) = sum of the weights w_i of the inputs i
 *                                                     that spike in bin j
 *     if reset is on and V(k) > vTh (strictly): output spike in bin k, and V(k) = 0
 *
 * This is the model's V(k) = V(k-1) + dt * (-V(k-1)/tau + sum_i w_i S_i(k-1)) with S_i = 1/dt in a
 * spike bin: each input spike makes a jump of exactly w_i, one bin after the bin it occurs in.
 *
 * Summation order (fixed, so results are reproducible to the last bit): first the input of the
 * bin is summed, I(k-1), then it is added to the decayed potential, V(k-1) * (1 - dt/tau) + I(k-1).
 * With one weight w for all inputs, I(j) = w * c(j) with c(j) the integer number of input spikes
 * in bin j; with per-input weights, I(j) is summed in increasing input index.
 */

/** Largest V trace {@link simulateLif} records: 1e7 samples (80 MB of Float64), e.g. 1000 s at 0.1 ms. */
export const MAX_TRACE_SAMPLES = 1e7;

/** Bins processed per block when merging the input spikes (bounds memory whatever the duration). */
const BLOCK_BINS = 1 << 16;

/** Parameters of {@link simulateLif} and {@link simulateLifFromDrive}. */
export interface LifOptions extends LimitOptions {
  /** Membrane time constant tau (s), > dt. Default 0.02 (the model's default). */
  tau?: number;
  /** Threshold V_th (dimensionless, > 0). Default 1 (the model's default). */
  vTh?: number;
  /** Spike-and-reset on (default true). When false V is never reset and there are no output spikes. */
  reset?: boolean;
  /**
   * Record the V trace (default false). The trace has one sample per bin, V(0) .. V(nBins - 1),
   * and is refused above {@link MAX_TRACE_SAMPLES} samples.
   */
  recordV?: boolean;
}

/** Result of {@link simulateLif}. */
export interface LifResult {
  /** Output spikes, n = 1, on the input's grid (nBins bins of dt). */
  spikes: SpikeTrains;
  /**
   * V(k) for k = 0 .. nBins - 1 (V(k) = 0 in a bin with an output spike), or null when recordV is
   * false. Sample k is at time k * dt.
   */
  v: Float64Array | null;
}

/** {@link LifOptions} validated against a grid, with the leak factor a = 1 - dt/tau: what the Euler loop runs on. */
export interface ResolvedLif {
  /** Leak factor per bin, 1 - dt/tau, in (0, 1). */
  a: number;
  /** Threshold. */
  vTh: number;
  /** Spike-and-reset on. */
  reset: boolean;
  /** Record the V trace. */
  recordV: boolean;
}

/**
 * Validates LIF options once against the bin width and the number of bins (the boundary of
 * {@link simulateLif}, {@link simulateLifFromDrive} and the functions that build their own input
 * first and want to fail early), including the trace budget and the work limit (one step a bin).
 * @param where name of the calling function, for the error message.
 * @param dt bin width (s).
 * @param nBins number of bins (for the trace budget).
 * @param options the options to check.
 * @returns the leak factor a = 1 - dt/tau and the resolved options.
 * @throws ParameterError for tau <= 0, dt >= tau, vTh <= 0, non-boolean reset/recordV, a trace above
 *   {@link MAX_TRACE_SAMPLES}, or more bins than the work limit allows (see `core/limits`).
 */
export function checkLifOptions(where: string, dt: number, nBins: number, options: LifOptions): ResolvedLif {
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const { tau = 0.02, vTh = 1, reset = true, recordV = false } = options;
  checkNumber(where, "tau", tau, { min: 0, minInclusive: false, unit: "s" });
  if (!(dt < tau)) {
    throw new ParameterError(`${where}: dt must be < tau for forward Euler (leak factor 1 - dt/tau > 0), got dt = ${dt} s, tau = ${tau} s`);
  }
  checkNumber(where, "vTh", vTh, { min: 0, minInclusive: false });
  if (typeof reset !== "boolean") invalid(where, "reset", reset, "a boolean");
  if (typeof recordV !== "boolean") invalid(where, "recordV", recordV, "a boolean");
  if (recordV && nBins > MAX_TRACE_SAMPLES) {
    throw new ParameterError(
      `${where}: recordV would store ${nBins} samples, above the budget of ${MAX_TRACE_SAMPLES} samples ` +
        `(${(MAX_TRACE_SAMPLES * 8) / 1e6} MB); simulate a shorter duration or set recordV: false`,
    );
  }
  checkBudget(where, resolveLimits(where, options), { what: `the Euler steps of one neuron over ${nBins} bins`, steps: nBins });
  return { a: 1 - dt / tau, vTh, reset, recordV };
}

/** The Euler state carried from block to block. */
class Integrator {
  v = 0;
  private out = new Uint32Array(64);
  private m = 0;
  readonly trace: Float64Array | null;

  constructor(private readonly p: ResolvedLif, private readonly nBins: number) {
    this.trace = p.recordV ? new Float64Array(nBins) : null;
  }

  /** Advances over input bins j = j0 .. j0 + len - 1: computes V(j + 1) from I(j) = drive[j - j0]. */
  run(drive: Float64Array, j0: number, len: number): void {
    const { a, vTh, reset } = this.p;
    const trace = this.trace;
    const last = Math.min(len, this.nBins - 1 - j0); // V(k) only for k <= nBins - 1
    let v = this.v;
    for (let q = 0; q < last; q++) {
      v = v * a + drive[q];
      const k = j0 + q + 1;
      if (reset && v > vTh) {
        v = 0;
        if (this.m === this.out.length) {
          const grown = new Uint32Array(this.out.length * 2);
          grown.set(this.out);
          this.out = grown;
        }
        this.out[this.m++] = k;
      }
      if (trace !== null) trace[k] = v;
    }
    this.v = v;
  }

  result(dt: number): LifResult {
    const bins = this.out.slice(0, this.m);
    const spikes = new SpikeTrains(1, this.nBins, dt, Uint32Array.of(0, this.m), bins);
    return { spikes, v: this.trace };
  }
}

function checkWeights(where: string, weights: number | ArrayLike<number>, n: number): number | ArrayLike<number> {
  if (typeof weights === "number") return checkNumber(where, "weights", weights);
  if (weights === null || typeof weights !== "object" || typeof weights.length !== "number") {
    return invalid(where, "weights", weights, `a finite number or an array of ${n} finite numbers`);
  }
  checkLength(where, "weights", weights, n);
  for (let i = 0; i < n; i++) {
    if (typeof weights[i] !== "number" || !Number.isFinite(weights[i])) {
      invalid(where, `weights[${i}]`, weights[i], "a finite number");
    }
  }
  return weights;
}

/**
 * Simulates one LIF neuron driven by the spike trains `inputs` (tutorial tasks 3.1, 4, 5) with the
 * forward-Euler rule of this module's header: V(k) = V(k-1) (1 - dt/tau) + I(k-1), spike and
 * reset to 0 when V(k) > vTh strictly. The bin width dt is the inputs' `dt`.
 *
 * Cost O(input spikes + nBins + n * nBins / 65536): the input spikes are first merged into a
 * per-bin input I(j) (a scatter, block by block of 65536 bins, so memory stays bounded), then V is
 * stepped once per bin. An input spike in the last bin (nBins - 1) would act on V(nBins), outside
 * the simulated window, so it has no effect.
 *
 * @example
 * const x = poissonTrains({ n: 100, rate: 10, duration: 2, seed: 1 });
 * const { spikes, v } = simulateLif(x, 1 / 100, { tau: 0.02, vTh: 1, reset: false, recordV: true });
 * @param inputs presynaptic spike trains (n inputs, nBins bins of dt seconds).
 * @param weights the jump of V per input spike (dimensionless, negative for inhibition): one number
 *   for every input, or an array of length inputs.n.
 * @param options tau (s, default 0.02), vTh (default 1), reset (default true), recordV (default false).
 * @returns the output spikes (n = 1, same grid) and the V trace or null.
 * @throws Error when inputs is not a SpikeTrains, weights are not finite or have the wrong length,
 *   tau <= 0, dt >= tau, vTh <= 0, or the trace would exceed {@link MAX_TRACE_SAMPLES}.
 */
export function simulateLif(inputs: SpikeTrains, weights: number | ArrayLike<number>, options: LifOptions = {}): LifResult {
  const where = "simulateLif";
  if (!(inputs instanceof SpikeTrains)) invalid(where, "inputs", inputs, "a SpikeTrains");
  const w = checkWeights(where, weights, inputs.n);
  const { n, nBins, dt, offsets, bins } = inputs;
  const p = checkLifOptions(where, dt, nBins, options);
  const integ = new Integrator(p, nBins);
  const blockLen = Math.min(BLOCK_BINS, Math.max(1, nBins));
  const drive = new Float64Array(blockLen);
  const cursor = offsets.slice(0, n); // next unread spike of each input
  for (let j0 = 0; j0 < nBins; j0 += blockLen) {
    const j1 = Math.min(nBins, j0 + blockLen);
    drive.fill(0);
    if (typeof w === "number") {
      // integer counts first, then one multiplication per bin: I(j) = w * c(j)
      for (let i = 0; i < n; i++) {
        let s = cursor[i];
        const end = offsets[i + 1];
        while (s < end && bins[s] < j1) drive[bins[s++] - j0] += 1;
        cursor[i] = s;
      }
      for (let q = 0; q < j1 - j0; q++) drive[q] *= w;
    } else {
      for (let i = 0; i < n; i++) {
        const wi = w[i];
        let s = cursor[i];
        const end = offsets[i + 1];
        while (s < end && bins[s] < j1) drive[bins[s++] - j0] += wi;
        cursor[i] = s;
      }
    }
    integ.run(drive, j0, j1 - j0);
  }
  return integ.result(dt);
}

/**
 * Merges input spike trains into the per-bin input I(j) = sum of w_i over the inputs spiking in
 * bin j (the same sums, in the same order, as {@link simulateLif}). Useful to drive
 * {@link simulateLifFromDrive} many times with one input, e.g. when sweeping a weight.
 * Memory: one Float64 per bin.
 * @param inputs presynaptic spike trains.
 * @param weights one number for every input, or an array of length inputs.n.
 * @returns a Float64Array of length inputs.nBins.
 * @throws ParameterError when inputs is not a SpikeTrains, weights are not finite or have the wrong
 *   length, or a bin's sum overflows double precision (weights near 1e308).
 */
export function binnedInput(inputs: SpikeTrains, weights: number | ArrayLike<number>): Float64Array {
  const where = "binnedInput";
  if (!(inputs instanceof SpikeTrains)) invalid(where, "inputs", inputs, "a SpikeTrains");
  const w = checkWeights(where, weights, inputs.n);
  const { n, nBins, offsets, bins } = inputs;
  const drive = new Float64Array(nBins);
  for (let i = 0; i < n; i++) {
    const wi = typeof w === "number" ? 1 : w[i];
    for (let s = offsets[i]; s < offsets[i + 1]; s++) drive[bins[s]] += wi;
  }
  if (typeof w === "number") for (let j = 0; j < nBins; j++) drive[j] *= w;
  for (let j = 0; j < nBins; j++) if (!Number.isFinite(drive[j])) checkResult(where, `the input of bin ${j}`, drive[j], "these weights: their sum overflows");
  return drive;
}

/**
 * Runs the Euler rule of {@link simulateLif} on a given per-bin input I(j) (the sum of the jumps
 * of bin j): V(k) = V(k-1) (1 - dt/tau) + drive[k-1] for k = 1 .. drive.length - 1. O(nBins).
 * @param drive per-bin input I(j), one entry per bin (its length is nBins, at most 2^32 - 1); must be finite.
 * @param dt bin width (s), > 0 and < tau.
 * @param options tau (s, default 0.02), vTh (default 1), reset (default true), recordV (default
 *   false), and the work limit maxSteps (one step a bin).
 * @returns output spikes (n = 1, drive.length bins) and the V trace or null.
 * @throws ParameterError for a drive that is not a Float64Array or holds a NaN or an infinity
 *   (naming its index), dt <= 0, tau <= 0, dt >= tau, vTh <= 0, a trace above
 *   {@link MAX_TRACE_SAMPLES}, or more bins than the work limit.
 */
export function simulateLifFromDrive(drive: Float64Array, dt: number, options: LifOptions = {}): LifResult {
  const where = "simulateLifFromDrive";
  if (!(drive instanceof Float64Array)) invalid(where, "drive", drive, "a Float64Array");
  checkNumber(where, "dt", dt, { min: 0, minInclusive: false, unit: "s" });
  checkBinCount(where, "drive.length", drive.length, dt);
  const p = checkLifOptions(where, dt, drive.length, options);
  for (let j = 0; j < drive.length; j++) {
    if (!Number.isFinite(drive[j])) invalid(where, `drive[${j}]`, drive[j], "a finite number");
  }
  return integrateDrive(drive, dt, p);
}

/**
 * The Euler loop of {@link simulateLifFromDrive} without its checks, for callers that validated
 * their options once with {@link checkLifOptions} and built a finite drive themselves (e.g. a
 * weight sweep, which runs it many times on one input).
 * @param drive per-bin input I(j), finite (not checked).
 * @param dt bin width (s).
 * @param p options resolved by {@link checkLifOptions} for this dt and drive.length.
 * @returns output spikes and the V trace or null.
 */
export function integrateDrive(drive: Float64Array, dt: number, p: ResolvedLif): LifResult {
  const integ = new Integrator(p, drive.length);
  integ.run(drive, 0, drive.length);
  return integ.result(dt);
}
