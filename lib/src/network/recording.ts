/**
 * Internal to the network simulator (not re-exported from the package): what a run records bin
 * by bin (spikes of E and I, V traces, input split by source) and its conversion to the result.
 */
import { SpikeTrains } from "../spikes/spike-trains";
import { grow } from "./external";

/** The spikes of one population, time-major: bin k's are `spikes[offsets[k] .. offsets[k + 1] - 1]`, increasing. */
export class SpikeRecord {
  spikes: Uint32Array;
  readonly offsets: Uint32Array;
  count = 0;

  constructor(readonly n: number, readonly nBins: number, guess: number) {
    this.spikes = new Uint32Array(guess);
    this.offsets = new Uint32Array(nBins + 1);
  }

  /** Appends `count` spikes of the current bin: neuron indices from `list` at `from` (in increasing index within a bin). */
  append(list: Uint32Array, from: number, count: number): void {
    if (this.count + count > this.spikes.length) this.spikes = grow(this.spikes, this.count + count);
    const { spikes } = this;
    const at = this.count - from;
    for (let s = from; s < from + count; s++) spikes[at + s] = list[s]; // a few spikes per bin: a loop beats subarray + set
    this.count += count;
  }

  /**
   * Appends and closes bins k0 .. k1 - 1 at once: their spikes, in bin order, are the first
   * entries of `spikes`, `perBin[k - k0]` of them in bin k (bins k0 - 1 and before closed already).
   */
  appendBins(spikes: Uint32Array, perBin: Uint32Array, k0: number, k1: number): void {
    let n = 0;
    for (let k = k0; k < k1; k++) n += perBin[k - k0];
    if (this.count + n > this.spikes.length) this.spikes = grow(this.spikes, this.count + n);
    this.spikes.set(spikes.subarray(0, n), this.count);
    for (let k = k0; k < k1; k++) this.offsets[k + 1] = this.count += perBin[k - k0];
  }

  /** Closes bin `k`: the spikes appended since bin k - 1 was closed are bin k's (close every bin, in order, from 0). */
  close(k: number): void {
    this.offsets[k + 1] = this.count;
  }

  /** Population rate in every bin of the first `bins` (default all; Hz): spikes in the bin / (n dt). */
  rate(dt: number, bins = this.nBins): Float64Array {
    const r = new Float64Array(bins);
    for (let k = 0; k < bins; k++) r[k] = (this.offsets[k + 1] - this.offsets[k]) / (this.n * dt);
    return r;
  }

  /** The spikes as neuron-major SpikeTrains of the first `bins` bins (default all; every bin closed so far), a counting sort by neuron. */
  trains(dt: number, nBins = this.nBins): SpikeTrains {
    const { n, spikes, count } = this;
    const offsets = new Uint32Array(n + 1);
    for (let s = 0; s < count; s++) offsets[spikes[s] + 1]++;
    for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
    const fill = offsets.slice(0, n);
    const bins = new Uint32Array(count);
    for (let k = 0; k < nBins; k++) {
      for (let s = this.offsets[k]; s < this.offsets[k + 1]; s++) bins[fill[spikes[s]]++] = k;
    }
    return new SpikeTrains(n, nBins, dt, offsets, bins);
  }
}

/** Input of recorded neurons split by source, one trace per neuron and source. */
export interface SplitInput {
  E: Float64Array[];
  I: Float64Array[];
  X: Float64Array[];
}

function traces(count: number, nBins: number): Float64Array[] {
  return Array.from({ length: count }, () => new Float64Array(nBins));
}

/**
 * The input recording of selected neurons of one population: snapshots of their accumulators
 * after the E and after the I deliveries of each bin, split into E, I and X parts. Each part is
 * w_b times an integer count of presynaptic spikes, recovered exactly by rounding (the
 * accumulated rounding error is far below one weight).
 */
export class InputProbe {
  readonly out: SplitInput;
  private readonly snap: Float64Array;

  constructor(
    readonly neurons: Uint32Array,
    nBins: number,
    private readonly acc: Float64Array,
    private readonly w: readonly [number, number, number],
  ) {
    this.out = { E: traces(neurons.length, nBins), I: traces(neurons.length, nBins), X: traces(neurons.length, nBins) };
    this.snap = new Float64Array(2 * neurons.length);
  }

  /** Call after the deliveries of source b (0 = E, 1 = I, 2 = X) of bin k. */
  after(b: number, k: number): void {
    const { neurons, snap, acc, out } = this;
    if (b < 2) {
      for (let q = 0; q < neurons.length; q++) snap[2 * q + b] = acc[neurons[q]];
      return;
    }
    const [wE, wI, wX] = this.w;
    for (let q = 0; q < neurons.length; q++) {
      const a1 = snap[2 * q];
      const a2 = snap[2 * q + 1];
      const a3 = acc[neurons[q]];
      out.E[q][k] = wE === 0 ? 0 : wE * Math.round(a1 / wE);
      out.I[q][k] = wI === 0 ? 0 : wI * Math.round((a2 - a1) / wI);
      out.X[q][k] = wX === 0 ? 0 : wX * Math.round((a3 - a2) / wX);
    }
  }
}

/** The V recording of selected neurons of one population: V in every bin, after threshold and reset. */
export class VoltageProbe {
  readonly traces: Float64Array[];

  constructor(
    readonly neurons: Uint32Array,
    nBins: number,
    private readonly V: Float64Array,
  ) {
    this.traces = traces(neurons.length, nBins);
  }

  /** Records bin k. */
  record(k: number): void {
    for (let q = 0; q < this.neurons.length; q++) this.traces[q][k] = this.V[this.neurons[q]];
  }
}
