import { checkNumber, invalid, ParameterError } from "../core/validate";
import { checkBudget, formatCount, type LimitOptions, resolveLimits } from "../core/limits";

/** A histogram: bin edges and the number of values in each bin. */
export interface Histogram {
  /** Left edge of each bin. */
  lo: Float64Array;
  /** Right edge of each bin. */
  hi: Float64Array;
  /** Number of values in [lo, hi) (the last bin also takes its right edge). */
  count: Uint32Array;
}

/** Bytes a histogram bin takes: its two edges (Float64) and its count (Uint32). */
const BYTES_PER_BIN = 20;

/**
 * Checks that `values` is an array or a typed array of finite numbers (NaN refused: a value that
 * is not there is left out by the caller; infinities refused: no bin of finite width holds them)
 * and returns its range.
 * @throws ParameterError naming `values` or the first bad `values[k]`.
 */
function finiteRange(where: string, values: unknown): { min: number; max: number; integers: boolean } {
  if (!Array.isArray(values) && !(ArrayBuffer.isView(values) && !(values instanceof DataView))) {
    invalid(where, "values", values, "an array or a typed array of numbers");
  }
  const v = values as ArrayLike<number>;
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  for (let k = 0; k < v.length; k++) {
    const x = v[k];
    if (typeof x !== "number" || !Number.isFinite(x)) invalid(where, `values[${k}]`, x, "a finite number");
    if (x < min) min = x;
    if (x > max) max = x;
    if (!Number.isInteger(x)) integers = false;
  }
  return { min, max, integers };
}

/**
 * The histogram of {@link histogram}, for a calling function `where` that may need more memory per
 * bin (e.g. a chart's rows): validates once, estimates the bins' memory and refuses past the limit.
 * @param where name of the calling function, for messages.
 * @param values the data.
 * @param binWidth width of each bin.
 * @param start left edge of the first bin, or undefined for the default.
 * @param limits the caller's maxBytes and maxSteps.
 * @param extraBytesPerBin memory the caller adds per bin (bytes).
 * @returns the histogram.
 * @throws ParameterError as {@link histogram}.
 */
export function histogramFor(
  where: string,
  values: ArrayLike<number>,
  binWidth: number,
  start: number | undefined,
  limits: LimitOptions,
  extraBytesPerBin = 0,
): Histogram {
  checkNumber(where, "binWidth", binWidth, { min: 0, minInclusive: false });
  if (start !== undefined) checkNumber(where, "start", start);
  const { min, max, integers } = finiteRange(where, values);
  if (min > max) return { lo: new Float64Array(0), hi: new Float64Array(0), count: new Uint32Array(0) };
  const s = start ?? (integers && binWidth === 1 ? min - 0.5 : min);
  const nBins = Math.max(1, Math.floor((max - s) / binWidth) + 1);
  const what = `${formatCount(nBins)} bins of width ${binWidth} from ${s} to ${max}`;
  checkBudget(where, resolveLimits(where, limits), { what, bytes: nBins * (BYTES_PER_BIN + extraBytesPerBin), steps: nBins + values.length });
  if (nBins > 2 ** 32 - 1) throw new ParameterError(`${where}: ${what} are more than the ${2 ** 32 - 1} a histogram can count; use a wider binWidth`);
  const count = new Uint32Array(nBins);
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (v < s) continue;
    count[Math.min(nBins - 1, Math.floor((v - s) / binWidth))]++;
  }
  const lo = new Float64Array(nBins);
  const hi = new Float64Array(nBins);
  for (let b = 0; b < nBins; b++) {
    lo[b] = s + b * binWidth;
    hi[b] = s + (b + 1) * binWidth;
  }
  return { lo, hi, count };
}

/**
 * Histogram of values in bins of equal width starting at `start` (default: the minimum, or the
 * minimum - 0.5 for integer data so that each integer sits at a bin centre). Memory 20 bytes a
 * bin, estimated first and refused past the limit (see `core/limits`).
 * @param values the data: an array or a typed array of finite numbers.
 * @param binWidth width of each bin (same unit as the data); default 1
 * @param start left edge of the first bin, a finite number (default: see above).
 * @param limits maxBytes and maxSteps (default: see `core/limits`).
 * @returns the bin edges and counts (empty when there is no value).
 * @throws ParameterError when values is not an array of numbers or holds NaN or an infinity, binWidth
 *   is not > 0, start is not a finite number, or the bins exceed the memory limit (e.g. a range
 *   of 1e12 in bins of 1).
 */
export function histogram(values: ArrayLike<number>, binWidth = 1, start?: number, limits: LimitOptions = {}): Histogram {
  return histogramFor("histogram", values, binWidth, start, limits);
}
