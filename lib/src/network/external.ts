/**
 * Internal to the network simulator (not re-exported from the package): the spikes of the
 * external population X, drawn chunk by chunk as the run advances, in WebAssembly (sampler.wat's
 * xFirst, xDraw and xSort) over a memory private to the calling thread.
 */
import seedrandom from "seedrandom";
import { PAGE_BYTES, newSamplerInstance, type SamplerInstance } from "./wasm";

/** `a` if it holds `need` entries, else a copy at least twice as long. */
export function grow(a: Uint32Array, need: number): Uint32Array {
  if (need <= a.length) return a;
  const g = new Uint32Array(Math.max(need, a.length * 2));
  g.set(a);
  return g;
}

/** Byte addresses in the private memory: the stream (sampler.wat), where xDraw resumes, next[] (f64), bin starts and cursors, then the (neuron, bin) pairs and the list. */
const RESUME = 2048;
const NEXT = 4096;

/**
 * The X population: N independent Bernoulli processes (spike probability p = rX dt per bin),
 * drawn gap by gap in chunks of bins (geometric gaps, those of `new Rng(seed).geometric(p)`: the
 * same spikes, bit for bit, as {@link Rng}'s stream would give), so the cost is proportional to
 * the number of spikes and the memory to one chunk. Within a bin the spikes are listed by
 * increasing neuron index.
 */
export class ExternalSpikes {
  static readonly chunk = 1024;
  /** The spikes of bins [start, end): bin k's are list[binOff[k - start] .. binOff[k - start + 1] - 1] (views of the private memory, remade by each advance). */
  list = new Uint32Array(0);
  binOff = new Uint32Array(ExternalSpikes.chunk + 1);
  start = 0;
  end = 0;
  recNeuron: Uint32Array | null;
  recBin: Uint32Array | null;
  recCount = 0;
  private readonly sampler: SamplerInstance;
  /** ln(1 - p), as Rng.geometric computes it. */
  private readonly lq: number;
  private readonly offAt: number;
  private readonly fillAt: number;
  private readonly evAt: number;
  /** (neuron, bin) pairs that fit before the list. */
  private cap: number;

  /**
   * @param N neurons, p spike probability per bin, nBins bins of the run
   * @param seed the stream's seed (that of `new Rng(seed)`)
   * @param record whether to keep every spike (recNeuron, recBin)
   * @param reserve test hook: (neuron, bin) pairs reserved per expected spike of a chunk (default 1.25; the reserve doubles when a chunk needs more)
   */
  constructor(readonly N: number, readonly p: number, readonly nBins: number, seed: string, record: boolean, reserve = 1.25) {
    this.lq = Math.log1p(-p);
    this.offAt = NEXT + 8 * N;
    this.fillAt = this.offAt + 4 * (ExternalSpikes.chunk + 1);
    this.evAt = this.fillAt + 4 * ExternalSpikes.chunk;
    this.cap = Math.ceil(Math.max(1024, N * p * ExternalSpikes.chunk) * reserve);
    this.sampler = newSamplerInstance(this.evAt + 12 * this.cap);
    const s = seedrandom.xor4096(seed, { state: true }).state();
    new Int32Array(this.sampler.memory.buffer, 0, 135).set([...s.X, ...s.X.slice(0, 4), s.i, s.w, 128]);
    this.sampler.exports.xFirst(N, p, this.lq, NEXT);
    this.recNeuron = record ? new Uint32Array(1024) : null;
    this.recBin = record ? new Uint32Array(1024) : null;
  }

  /** Draws the spikes of bins [end, end + chunk) and makes them current. */
  advance(): void {
    const c0 = this.end;
    const c1 = Math.min(this.nBins, c0 + ExternalSpikes.chunk);
    const { exports, memory } = this.sampler;
    new Int32Array(memory.buffer, RESUME, 2).fill(0);
    while (!exports.xDraw(this.N, c1, this.p, this.lq, NEXT, this.evAt, this.cap)) {
      memory.grow(Math.ceil((12 * this.cap) / PAGE_BYTES));
      this.cap *= 2;
    }
    const m = new Int32Array(memory.buffer, RESUME, 2)[1];
    const listAt = this.evAt + 8 * this.cap;
    exports.xSort(m, c0, c1 - c0, this.evAt, listAt, this.offAt, this.fillAt);
    this.list = new Uint32Array(memory.buffer, listAt, m);
    this.binOff = new Uint32Array(memory.buffer, this.offAt, ExternalSpikes.chunk + 1);
    if (this.recNeuron && this.recBin) this.record(new Uint32Array(memory.buffer, this.evAt, 2 * m), m);
    this.start = c0;
    this.end = c1;
  }

  /** Appends the m (neuron, bin) pairs `ev` to the record. */
  private record(ev: Uint32Array, m: number): void {
    this.recNeuron = grow(this.recNeuron!, this.recCount + m);
    this.recBin = grow(this.recBin!, this.recCount + m);
    for (let e = 0; e < m; e++) {
      this.recNeuron[this.recCount + e] = ev[2 * e];
      this.recBin[this.recCount + e] = ev[2 * e + 1];
    }
    this.recCount += m;
  }
}
