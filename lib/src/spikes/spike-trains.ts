import ndarray from "ndarray";
import { ParameterError, checkLength, checkNumber, invalid } from "../core/validate";
import { checkBinCount, MAX_BINS } from "../core/time-bins";
import { checkBudget, resolveLimits } from "../core/limits";

/**
 * Checks the compressed rows of spike trains: offsets[0] = 0, offsets non-decreasing, and each
 * row's bins strictly increasing (at most one spike per bin) and below nBins.
 * @throws ParameterError naming `where`, the row and the offending value.
 */
function checkRows(where: string, n: number, nBins: number, offsets: Uint32Array, bins: Uint32Array): void {
  if (offsets[0] !== 0) throw new ParameterError(`${where}: offsets[0] must be 0, got ${offsets[0]}`);
  for (let i = 0; i < n; i++) {
    const from = offsets[i];
    const to = offsets[i + 1];
    if (to < from) throw new ParameterError(`${where}: offsets must be non-decreasing, got offsets[${i + 1}] = ${to} < offsets[${i}] = ${from}`);
    let previous = -1;
    for (let s = from; s < to; s++) {
      const k = bins[s];
      if (k <= previous || k >= nBins) {
        const why = k >= nBins ? `outside the ${nBins} bins [0, ${nBins - 1}]` : `not after the previous spike (bin ${previous}): each neuron's spikes must be in time order, at most one per bin`;
        throw new ParameterError(`${where}: neuron ${i}'s spike in bin ${k} is ${why}`);
      }
      previous = k;
    }
  }
}

/**
 * Spike trains of `n` neurons on a grid of `nBins` time bins of width `dt` seconds, stored
 * compactly as compressed sparse rows: the spikes of neuron i are the bin indices
 * `bins[offsets[i]] .. bins[offsets[i + 1] - 1]`, in increasing order, at most one per bin.
 * A spike in bin k happens at time k * dt.
 */
export class SpikeTrains {
  /**
   * @param n number of neurons
   * @param nBins number of time bins
   * @param dt bin width (s)
   * @param offsets row pointers, length n + 1, offsets[0] = 0, non-decreasing
   * @param bins spike bin indices, row after row, increasing within a row
   * @param where the function named in errors (the public function that builds the trains)
   * @throws ParameterError when n is not a non-negative integer, nBins is not an integer in
   *   [0, 2^32 - 1] (the range of a Uint32 bin index), dt is not > 0, offsets do not match bins
   *   (offsets[0] = 0, non-decreasing, offsets[n] = bins.length), or a row is not strictly
   *   increasing within [0, nBins) (checked in O(n + spikes)).
   */
  constructor(
    readonly n: number,
    readonly nBins: number,
    readonly dt: number,
    readonly offsets: Uint32Array,
    readonly bins: Uint32Array,
    where = "SpikeTrains",
  ) {
    checkNumber("SpikeTrains", "n", n, { integer: true, min: 0 });
    checkNumber("SpikeTrains", "dt", dt, { min: 0, minInclusive: false, unit: "s" });
    checkBinCount("SpikeTrains", "nBins", nBins, dt);
    checkLength("SpikeTrains", "offsets", offsets, n + 1);
    // by tag, not instanceof: trains rebuilt from a worker's message carry another realm's Uint32Array
    if (Object.prototype.toString.call(bins) !== "[object Uint32Array]") invalid(where, "bins", bins, "a Uint32Array of bin indices");
    if (offsets[n] !== bins.length) {
      throw new ParameterError(`SpikeTrains: offsets[n] must equal bins.length (${bins.length}), got ${offsets[n]}`);
    }
    checkRows(where, n, nBins, offsets, bins);
  }

  /**
   * Builds trains from spike events listed in any order (e.g. in time order, as a network
   * records them), by a counting sort on the neuron index; O(events + n).
   * @param neuron neuron index of each event
   * @param bin bin index of each event; within one neuron the events must be in time order
   * @throws ParameterError for a grid as in the constructor, n past the memory limit (limits.ts;
   *   the estimate is given), more than 2^32 - 1 events, an
   *   event whose neuron is not in [0, n) or whose bin is not in [0, nBins), or the events of one
   *   neuron out of time order or two in one bin.
   */
  static fromEvents(n: number, nBins: number, dt: number, neuron: ArrayLike<number>, bin: ArrayLike<number>): SpikeTrains {
    const where = "SpikeTrains.fromEvents";
    checkNumber(where, "n", n, { integer: true, min: 0, max: MAX_BINS - 1 });
    checkNumber(where, "dt", dt, { min: 0, minInclusive: false, unit: "s" });
    if (neuron === null || typeof neuron !== "object" || typeof neuron.length !== "number") invalid(where, "neuron", neuron, "an array of neuron indices");
    checkBudget(where, resolveLimits(where), { what: `the offsets of n = ${n} trains and ${neuron.length} events`, bytes: 8 * (n + 1) + 8 * neuron.length, steps: 3 * (n + neuron.length) });
    checkBinCount(where, "nBins", nBins, dt);
    checkLength(where, "bin", bin, neuron.length);
    checkNumber(where, "number of events", neuron.length, { max: MAX_BINS });
    const offsets = new Uint32Array(n + 1);
    for (let e = 0; e < neuron.length; e++) {
      const i = neuron[e];
      const k = bin[e];
      if (!(i >= 0 && i < n && Number.isInteger(i))) checkNumber(where, `neuron[${e}]`, i, { integer: true, min: 0, max: n - 1 });
      if (!(k >= 0 && k < nBins && Number.isInteger(k))) checkNumber(where, `bin[${e}]`, k, { integer: true, min: 0, max: nBins - 1 });
      offsets[i + 1]++;
    }
    for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
    const fill = offsets.slice(0, n);
    const bins = new Uint32Array(neuron.length);
    for (let e = 0; e < neuron.length; e++) bins[fill[neuron[e]]++] = bin[e];
    return new SpikeTrains(n, nBins, dt, offsets, bins, where);
  }

  /** Duration of the trains (s): nBins * dt. */
  get duration(): number {
    return this.nBins * this.dt;
  }

  /** Total number of spikes of all neurons. */
  get totalSpikes(): number {
    return this.bins.length;
  }

  /** Bin indices of the spikes of neuron i (a view, not a copy). */
  spikeBins(i: number): Uint32Array {
    this.checkNeuron(i);
    return this.bins.subarray(this.offsets[i], this.offsets[i + 1]);
  }

  /** Spike times of neuron i (s). */
  spikeTimes(i: number): Float64Array {
    const b = this.spikeBins(i);
    const t = new Float64Array(b.length);
    for (let k = 0; k < b.length; k++) t[k] = b[k] * this.dt;
    return t;
  }

  /** Number of spikes of each neuron over the whole duration. */
  counts(): Uint32Array {
    const c = new Uint32Array(this.n);
    for (let i = 0; i < this.n; i++) c[i] = this.offsets[i + 1] - this.offsets[i];
    return c;
  }


  /**
   * Spike counts in consecutive non-overlapping windows of `windowBins` bins, as a 2-D ndarray
   * of shape [n, nWindows] (neuron, window); a last incomplete window is dropped.
   */
  windowCounts(windowBins: number): ndarray.NdArray<Uint32Array> {
    checkNumber("SpikeTrains.windowCounts", "windowBins", windowBins, { integer: true, min: 1, max: this.nBins });
    const nWindows = Math.floor(this.nBins / windowBins);
    const data = new Uint32Array(this.n * nWindows);
    for (let i = 0; i < this.n; i++) {
      for (let k = this.offsets[i]; k < this.offsets[i + 1]; k++) {
        const w = Math.floor(this.bins[k] / windowBins);
        if (w < nWindows) data[i * nWindows + w]++;
      }
    }
    return ndarray(data, [this.n, nWindows]);
  }

  /** A new SpikeTrains with only neurons [start, end). */
  slice(start: number, end: number): SpikeTrains {
    checkNumber("SpikeTrains.slice", "start", start, { integer: true, min: 0, max: this.n });
    checkNumber("SpikeTrains.slice", "end", end, { integer: true, min: start, max: this.n });
    const o0 = this.offsets[start];
    const offsets = new Uint32Array(end - start + 1);
    for (let i = start; i <= end; i++) offsets[i - start] = this.offsets[i] - o0;
    return new SpikeTrains(end - start, this.nBins, this.dt, offsets, this.bins.slice(o0, this.offsets[end]));
  }

  private checkNeuron(i: number): void {
    checkNumber("SpikeTrains", "neuron index", i, { integer: true, min: 0, max: this.n - 1 });
  }
}
