/**
 * Internal to the network simulator (not re-exported from the package): the spikes of the
 * external population X, drawn chunk by chunk as the run advances.
 */
import type { Rng } from "../core/rng";

/** `a` if it holds `need` entries, else a copy at least twice as long. */
export function grow(a: Uint32Array, need: number): Uint32Array {
  if (need <= a.length) return a;
  const g = new Uint32Array(Math.max(need, a.length * 2));
  g.set(a);
  return g;
}

/**
 * The X population: N independent Bernoulli processes (spike probability p = rX dt per bin),
 * drawn gap by gap (geometric gaps, as in {@link poissonTrains}) in chunks of bins, so the cost
 * is proportional to the number of spikes and the memory to one chunk. Within a bin the spikes
 * are listed by increasing neuron index.
 */
export class ExternalSpikes {
  static readonly chunk = 1024;
  readonly next: Float64Array;
  list = new Uint32Array(1024);
  readonly binOff = new Uint32Array(ExternalSpikes.chunk + 1);
  private evNeuron = new Uint32Array(1024);
  private evBin = new Uint32Array(1024);
  start = 0;
  end = 0;
  recNeuron: Uint32Array | null;
  recBin: Uint32Array | null;
  recCount = 0;

  constructor(readonly N: number, readonly p: number, readonly nBins: number, private readonly rng: Rng, record: boolean) {
    this.next = new Float64Array(N);
    for (let j = 0; j < N; j++) this.next[j] = rng.geometric(p) - 1;
    this.recNeuron = record ? new Uint32Array(1024) : null;
    this.recBin = record ? new Uint32Array(1024) : null;
  }

  /** Draws the spikes of bins [end, end + chunk) and makes them current. */
  advance(): void {
    const c0 = this.end;
    const c1 = Math.min(this.nBins, c0 + ExternalSpikes.chunk);
    const { next, N, p, rng } = this;
    let m = 0;
    for (let j = 0; j < N; j++) {
      let b = next[j];
      while (b < c1) {
        if (m === this.evNeuron.length) {
          this.evNeuron = grow(this.evNeuron, m + 1);
          this.evBin = grow(this.evBin, m + 1);
        }
        this.evNeuron[m] = j;
        this.evBin[m] = b;
        m++;
        b += rng.geometric(p);
      }
      next[j] = b;
    }
    const off = this.binOff;
    off.fill(0);
    for (let e = 0; e < m; e++) off[this.evBin[e] - c0 + 1]++;
    for (let k = 0; k < c1 - c0; k++) off[k + 1] += off[k];
    this.list = grow(this.list, m);
    const fill = off.slice(0, c1 - c0);
    for (let e = 0; e < m; e++) this.list[fill[this.evBin[e] - c0]++] = this.evNeuron[e];
    if (this.recNeuron && this.recBin) {
      this.recNeuron = grow(this.recNeuron, this.recCount + m);
      this.recBin = grow(this.recBin, this.recCount + m);
      this.recNeuron.set(this.evNeuron.subarray(0, m), this.recCount);
      this.recBin.set(this.evBin.subarray(0, m), this.recCount);
      this.recCount += m;
    }
    this.start = c0;
    this.end = c1;
  }
}

