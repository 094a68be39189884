/**
 * Population activity of a set of spike trains and its second-order statistics: the summed spike
 * count per time bin (optionally smoothed), its autocorrelation and its power spectrum. An
 * asynchronous population has a flat spectrum and an autocorrelation that vanishes beyond a few
 * ms; a synchronous (oscillating) one has peaks at the oscillation frequency and its harmonics.
 * Reference: N. Brunel and V. Hakim, Neural Comput. 11, 1621-1671 (1999); Brunel (2000), J. Comput.
 * Neurosci. 8:183 (population-rate spectra of the asynchronous and synchronous states).
 */
import { SpikeTrains } from "../spikes/spike-trains";
import { checkFiniteArray, checkNumber, checkResult, invalid } from "../core/validate";
import { checkBudget, LimitOptions, resolveLimits } from "../core/limits";
import { countIntoBins, timeToBins } from "../core/time-bins";

/** Options of {@link populationActivity} and of the synchrony measure. */
export interface ActivityOptions {
  /** Width of the activity bins (s), a whole number (>= 1) of the trains' dt. Default: dt. */
  binWidth?: number;
  /** Start of the analysed interval (s), a whole number of dt, e.g. to drop a transient. Default 0. */
  start?: number;
  /** End of the analysed interval (s), a whole number of dt. Default: the duration. */
  end?: number;
  /**
   * Standard deviation of a Gaussian smoothing kernel (s), >= 0; 0 (default) means no smoothing.
   * The kernel is normalised to sum 1 and truncated at 4 SD; at the edges it is renormalised over
   * the bins inside the interval, so smoothing preserves the mean.
   */
  smoothing?: number;
}

/** Resolved binning of an interval of a SpikeTrains into activity bins. */
export interface ActivityBinning {
  /** Bins of dt per activity bin. */
  factor: number;
  /** First bin of dt of the interval. */
  k0: number;
  /** Number of activity bins (a last incomplete one is dropped). */
  nBins: number;
  /** Gaussian kernel SD in activity bins (0: none). */
  smoothingBins: number;
}

/** Checks the options of {@link populationActivity} against the trains and returns the binning. */
export function activityBinning(where: string, trains: SpikeTrains, options: ActivityOptions): ActivityBinning {
  if (!(trains instanceof SpikeTrains)) invalid(where, "trains", trains, "a SpikeTrains");
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const dt = trains.dt;
  const factor = options.binWidth === undefined ? 1 : timeToBins(where, "binWidth", options.binWidth, dt, 1);
  const k0 = timeToBins(where, "start", options.start ?? 0, dt, 0);
  const k1 = options.end === undefined ? trains.nBins : timeToBins(where, "end", options.end, dt, 0);
  if (k1 > trains.nBins) invalid(where, "end", options.end, `<= the duration ${trains.duration} (s)`);
  const nBins = Math.floor((k1 - k0) / factor);
  if (nBins < 1) invalid(where, "end - start", (k1 - k0) * dt, `at least one activity bin of ${factor * dt} s`);
  const smoothing = checkNumber(where, "smoothing", options.smoothing ?? 0, { min: 0, unit: "s" });
  return { factor, k0, nBins, smoothingBins: smoothing / (factor * dt) };
}

/**
 * Smooths a signal with a Gaussian kernel of standard deviation `sdBins` samples, truncated at
 * 4 SD and normalised to sum 1; near the edges the kernel is renormalised over the samples that
 * exist, so a constant signal stays constant. O(n * sdBins).
 * @param signal the samples, finite numbers.
 * @param sdBins kernel SD in samples, >= 0 (0 returns a copy); the kernel is cut at 4 SD or at the
 *   signal's length, whichever is shorter.
 * @param options maxBytes / maxSteps (the work is n (2 half + 1) steps).
 * @returns the smoothed signal (a new array).
 * @throws ParameterError for a signal value that is not a finite number, sdBins < 0 or non-finite,
 *   or work past the limits (with the estimate).
 */
export function smoothGaussian(signal: ArrayLike<number>, sdBins: number, options: LimitOptions = {}): Float64Array {
  const where = "smoothGaussian";
  checkFiniteArray(where, "signal", signal);
  checkNumber(where, "sdBins", sdBins, { min: 0 });
  const n = signal.length;
  // beyond n - 1 bins the kernel never meets the signal: the same result with a kernel of at most 2n + 1
  const half = sdBins === 0 ? 0 : Math.min(Math.ceil(4 * sdBins), n);
  checkBudget(where, resolveLimits(where, options), { what: `smoothing ${n} bins with a kernel of ${2 * half + 1}`, bytes: 8 * (n + 2 * half + 1), steps: n * (2 * half + 1) });
  const out = new Float64Array(n);
  if (sdBins === 0) {
    for (let t = 0; t < n; t++) out[t] = signal[t];
    return out;
  }
  const kernel = new Float64Array(2 * half + 1);
  for (let j = -half; j <= half; j++) kernel[j + half] = Math.exp(-0.5 * (j / sdBins) ** 2);
  for (let t = 0; t < n; t++) {
    let s = 0;
    let w = 0;
    const lo = Math.max(-half, -t);
    const hi = Math.min(half, n - 1 - t);
    for (let j = lo; j <= hi; j++) {
      const k = kernel[j + half];
      s += k * signal[t + j];
      w += k;
    }
    out[t] = s / w;
  }
  return out;
}

/** Result of {@link populationActivity}. */
export interface PopulationActivity {
  /** Spikes per activity bin, summed over all neurons (smoothed if asked). */
  activity: Float64Array;
  /** Width of an activity bin (s). */
  binWidth: number;
  /** Time of the start of the first bin (s). */
  start: number;
  /** Number of neurons summed. */
  n: number;
}

/**
 * Population activity: A(t) = number of spikes of all n neurons in the bin [t, t + binWidth),
 * optionally smoothed by a Gaussian kernel (see {@link ActivityOptions}). The population rate per
 * neuron is A / (n binWidth) (Hz).
 * @param trains the spike trains.
 * @param options binWidth (s), start and end (s), smoothing (s).
 * @returns the activity (spikes per bin), the bin width (s), the start (s) and n.
 * @throws ParameterError when trains is not a SpikeTrains or times are not whole numbers of bins.
 */
export function populationActivity(trains: SpikeTrains, options: ActivityOptions = {}): PopulationActivity {
  const where = "populationActivity";
  const { factor, k0, nBins, smoothingBins } = activityBinning(where, trains, options);
  const counts = new Float64Array(nBins);
  countIntoBins(trains.bins, 0, trains.bins.length, k0, factor, counts);
  const activity = smoothingBins > 0 ? smoothGaussian(counts, smoothingBins) : counts;
  return { activity, binWidth: factor * trains.dt, start: k0 * trains.dt, n: trains.n };
}

function meanOf(x: ArrayLike<number>): number {
  let s = 0;
  for (let t = 0; t < x.length; t++) s += x[t];
  return s / x.length;
}

/**
 * Autocorrelation coefficients of a signal x(t), t = 0 .. n-1, at lags 0 .. maxLag (the standard
 * biased estimator, always a valid correlation sequence):
 *
 *     c(k) = sum_{t < n-k} (x_t - m)(x_{t+k} - m) / sum_t (x_t - m)^2,   m = mean of x,  c(0) = 1.
 *
 * For independent samples c(k), k >= 1, is about N(-1/n, 1/n) (standard error 1/sqrt(n)).
 * Direct sums, O(n maxLag). Multiply lag k by the bin width for the time lag (s).
 * Reference: M. B. Priestley, Spectral Analysis and Time Series (Academic Press, 1981), sec. 5.3.
 * @param signal the samples (length n >= 2, not constant).
 * @param maxLag largest lag in samples, an integer in [0, n - 1].
 * @returns a Float64Array of maxLag + 1 coefficients.
 * @throws ParameterError for a bad maxLag or a constant signal.
 */
export function autocorrelation(signal: ArrayLike<number>, maxLag: number): Float64Array {
  const where = "autocorrelation";
  checkFiniteArray(where, "signal", signal, 2, "a correlation needs two values");
  const n = signal.length;
  checkNumber(where, "maxLag", maxLag, { integer: true, min: 0, max: n - 1 });
  const m = meanOf(signal);
  const x = new Float64Array(n);
  for (let t = 0; t < n; t++) x[t] = signal[t] - m;
  let c0 = 0;
  for (let t = 0; t < n; t++) c0 += x[t] * x[t];
  if (!(c0 > 0)) invalid(where, "signal", "a constant signal", "a signal with non-zero variance");
  const out = new Float64Array(maxLag + 1);
  for (let k = 0; k <= maxLag; k++) {
    let s = 0;
    for (let t = 0; t + k < n; t++) s += x[t] * x[t + k];
    out[k] = s / c0;
  }
  return out;
}

/** In-place iterative radix-2 FFT of (re, im), length a power of 2. */
function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = re[i];
      re[i] = re[j];
      re[j] = t;
      t = im[i];
      im[i] = im[j];
      im[j] = t;
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (-2 * Math.PI) / len;
    const wr = Math.cos(ang);
    const wi = Math.sin(ang);
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let j = 0; j < len >> 1; j++) {
        const a = i + j;
        const b = a + (len >> 1);
        const xr = re[b] * cr - im[b] * ci;
        const xi = re[b] * ci + im[b] * cr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
        const nr = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = nr;
      }
    }
  }
}

/** Result of {@link powerSpectrum}. */
export interface PowerSpectrum {
  /** Frequencies f_k = k / (M binWidth), k = 0 .. M/2 (Hz), M the padded length. */
  frequency: Float64Array;
  /** One-sided power spectral density at each frequency ((signal units)^2 / Hz). */
  power: Float64Array;
}

/**
 * One-sided power spectral density of a signal sampled every `binWidth` seconds, by the periodogram
 * of the mean-removed signal zero-padded to the next power of two M >= n:
 *
 *     S(f_k) = c_k (binWidth / n) |sum_t (x_t - m) e^(-2 pi i k t / M)|^2,   f_k = k / (M binWidth),
 *
 * with c_k = 2 for 0 < k < M/2 and 1 at k = 0 and k = M/2, so that sum_k S(f_k) df = the (biased)
 * variance of x, df = 1 / (M binWidth) (Parseval). White noise of variance s^2 has S = 2 s^2 binWidth.
 * For population activity in spikes per bin, divide by (n binWidth)^2 for the spectrum of the
 * per-neuron rate in Hz^2/Hz. No averaging over segments: the periodogram's relative standard
 * deviation is 1 at each frequency; smooth or average neighbouring frequencies to compare with theory.
 * Reference: Priestley (1981), sec. 6.1; W. H. Press et al., Numerical Recipes, 3rd ed., sec. 13.4.
 * @param signal the samples (length >= 2).
 * @param binWidth sampling interval (s), > 0.
 * @returns frequencies (Hz) and power ((signal units)^2 / Hz).
 * @throws ParameterError for a too-short signal, a value that is not a finite number, or binWidth <= 0.
 */
export function powerSpectrum(signal: ArrayLike<number>, binWidth: number): PowerSpectrum {
  const where = "powerSpectrum";
  checkFiniteArray(where, "signal", signal, 2, "a spectrum needs two values");
  const n = signal.length;
  checkNumber(where, "binWidth", binWidth, { min: 1e-300, unit: "s" });
  let M = 1;
  while (M < n) M <<= 1;
  const re = new Float64Array(M);
  const im = new Float64Array(M);
  const m = meanOf(signal);
  for (let t = 0; t < n; t++) re[t] = signal[t] - m;
  fft(re, im);
  const half = M >> 1;
  const frequency = new Float64Array(half + 1);
  const power = new Float64Array(half + 1);
  for (let k = 0; k <= half; k++) {
    frequency[k] = k / (M * binWidth);
    const c = k === 0 || k === half ? 1 : 2;
    power[k] = (c * binWidth * (re[k] * re[k] + im[k] * im[k])) / n;
    if (power[k] === Infinity) checkResult(where, `the power at ${frequency[k]} Hz`, power[k], `binWidth = ${binWidth} s and values up to ${Math.max(...Array.from(re, Math.abs))}`);
  }
  return { frequency, power };
}
