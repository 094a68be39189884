import { checkNumber } from "../core/validate";

/** A histogram: bin edges and the number of values in each bin. */
export interface Histogram {
  /** Left edge of each bin. */
  lo: Float64Array;
  /** Right edge of each bin. */
  hi: Float64Array;
  /** Number of values in [lo, hi) (the last bin also takes its right edge). */
  count: Uint32Array;
}

/**
 * Histogram of values in bins of equal width starting at `start` (default: the minimum, or the
 * minimum - 0.5 for integer data so that each integer sits at a bin centre). NaN values are
 * skipped.
 * @param values the data
 * @param binWidth width of each bin (same unit as the data); default 1
 */
export function histogram(values: ArrayLike<number>, binWidth = 1, start?: number): Histogram {
  checkNumber("histogram", "binWidth", binWidth, { min: 0, minInclusive: false });
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    if (!Number.isInteger(v)) integers = false;
  }
  if (min > max) return { lo: new Float64Array(0), hi: new Float64Array(0), count: new Uint32Array(0) };
  const s = start ?? (integers && binWidth === 1 ? min - 0.5 : min);
  const nBins = Math.max(1, Math.floor((max - s) / binWidth) + 1);
  const count = new Uint32Array(nBins);
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (Number.isNaN(v) || v < s) continue;
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
