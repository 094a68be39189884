/**
 * Internal to {@link simulateTestNeurons} (not re-exported from the package): its loop over the
 * bins, in WebAssembly (test-neurons.wat). The module lays out one private WebAssembly memory per
 * call (the header described in test-neurons.wat, the neurons' state and sums, each group's
 * spikes by window bin and its index from trains to test neurons), runs the bins in calls of a
 * few hundred thousand neuron steps, and reads the counts, the sums and the recorded spikes back.
 * The Bernoulli spikes are drawn here in JavaScript (the library's Rng), a call's bins at a
 * time, and handed to the loop as test-neuron indices per bin.
 */
import { Rng } from "../core/rng";
import type { SpikeTrains } from "../spikes/spike-trains";
import { testNeuronsBase64 } from "./test-neurons-wasm";

/** One recorded group as the loop takes it (validated by the caller). */
export interface LoopGroup {
  trains: SpikeTrains;
  /** Partners per test neuron k. */
  perNeuron: number;
  /** Partners of test neuron m: partners[m k .. m k + k - 1]. */
  partners: Uint32Array;
  /** Weight per test neuron. */
  weights: Float64Array;
  /** Circular shift per train (bins), or undefined. */
  shifts: Uint32Array | undefined;
  /** Spikes of the trains in bins >= k0. */
  spikes: number;
}

/** The Bernoulli group as the loop takes it (validated by the caller). */
export interface LoopBernoulli {
  perNeuron: number;
  /** Spike probability per slot and bin, rate dt. */
  p: number;
  weights: Float64Array;
  seed: number | string;
}

/** The validated set-up of one call. */
export interface LoopSetup {
  /** Test neurons. */
  M: number;
  /** First bin of the window in the trains' grid. */
  k0: number;
  /** First counted window bin (>= 1). */
  w0: number;
  /** Window bins. */
  span: number;
  /** Decay per bin, 1 - dt/tau. */
  a: number;
  vTh: number;
  recordSpikes: boolean;
}

/** What the loop returns: per neuron over the counted bins. */
export interface LoopResult {
  counts: Uint32Array;
  /** Sums of I, I^2, U, U^2 over the counted bins, per neuron. */
  sums: [Float64Array, Float64Array, Float64Array, Float64Array];
  /** Recorded output spikes (neuron, window bin) in time order, when asked. */
  record: { neuron: number[]; bin: number[] } | null;
}

declare const WebAssembly: {
  Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: object };
};

/** Bytes of one WebAssembly page. */
const PAGE_BYTES = 65536;
/** Largest private WebAssembly memory (bytes): the 32-bit address space. */
export const MAX_LOOP_BYTES = 2 ** 32;
/** Neuron steps per call of the loop (the bins of a call: this over the neurons). */
const STEPS_PER_CALL = 1 << 18;
/** Bytes of the header before the groups' records, and of one group's record. */
const HEADER_BYTES = 80;
const GROUP_BYTES = 20;

/** Byte addresses of one call's arrays in its memory (see test-neurons.wat). */
interface Layout {
  bytes: number;
  /** Neurons padded to an even count (the loop steps two at a time). */
  Mp: number;
  /** Bins per call. */
  chunk: number;
  /** Capacity of the Bernoulli spikes of one call (two bins' worth of slots). */
  bernoulliCapacity: number;
  neurons: { acc: number; v: number; u: number; counts: number; sums: [number, number, number, number] };
  groups: { byBin: number; train: number; users: number; target: number; weights: number }[];
  bernoulli: { offsets: number; targets: number; weights: number } | null;
  record: number;
}

/**
 * The memory layout of a call: its size in bytes (the memory of the call, estimated before
 * anything is allocated) and the address of each array, every array 16-byte aligned.
 * @param setup the call's set-up.
 * @param groups per recorded group: trains n, partners per neuron k and spikes in the window.
 * @param bernoulliPerNeuron Bernoulli trains per test neuron, or undefined for none.
 * @returns the layout.
 */
export function loopLayout(setup: Pick<LoopSetup, "M" | "span" | "recordSpikes">, groups: readonly { n: number; k: number; spikes: number }[], bernoulliPerNeuron: number | undefined): Layout {
  const { M, span } = setup;
  const Mp = M + (M % 2);
  const chunk = Math.max(1, Math.min(span, Math.floor(STEPS_PER_CALL / Mp)));
  let end = HEADER_BYTES + GROUP_BYTES * groups.length;
  const take = (bytes: number) => {
    const at = Math.ceil(end / 16) * 16;
    end = at + bytes;
    return at;
  };
  const perNeuron = () => take(8 * Mp);
  const neurons = { acc: perNeuron(), v: perNeuron(), u: perNeuron(), counts: perNeuron(), sums: [perNeuron(), perNeuron(), perNeuron(), perNeuron()] as [number, number, number, number] };
  const laid = groups.map((g) => ({ byBin: take(4 * (span + 1)), train: take(4 * g.spikes), users: take(4 * (g.n + 1)), target: take(4 * M * g.k), weights: perNeuron() }));
  const bernoulliCapacity = bernoulliPerNeuron === undefined ? 0 : 2 * M * bernoulliPerNeuron;
  const bernoulli = bernoulliPerNeuron === undefined ? null : { offsets: take(4 * (chunk + 1)), targets: take(4 * bernoulliCapacity), weights: perNeuron() };
  const record = setup.recordSpikes ? take(8 * Mp * chunk) : 0;
  return { bytes: end, Mp, chunk, bernoulliCapacity, neurons, groups: laid, bernoulli, record };
}

/** Writes the spikes of trains in [k0, nBins), sorted by (shifted) window bin, a counting sort: byBin (span + 1) and train. */
function spikesByBin(trains: SpikeTrains, k0: number, shifts: Uint32Array | undefined, byBin: Uint32Array, train: Uint32Array): void {
  const span = trains.nBins - k0;
  const { n, offsets, bins } = trains;
  const windowBin = (j: number, b: number) => {
    const t = b - k0 + (shifts === undefined ? 0 : shifts[j]);
    return t >= span ? t - span : t;
  };
  for (let j = 0; j < n; j++) for (let s = offsets[j]; s < offsets[j + 1]; s++) if (bins[s] >= k0) byBin[windowBin(j, bins[s]) + 1]++;
  for (let t = 0; t < span; t++) byBin[t + 1] += byBin[t];
  const fill = byBin.slice(0, span);
  for (let j = 0; j < n; j++) for (let s = offsets[j]; s < offsets[j + 1]; s++) if (bins[s] >= k0) train[fill[windowBin(j, bins[s])]++] = j;
}

/** Writes the index from each train to the test neurons that use it (CSR, increasing test neuron): users (n + 1) and target (M k). */
function reverseIndex(M: number, g: LoopGroup, users: Uint32Array, target: Uint32Array): void {
  const { perNeuron: k, partners } = g;
  const n = g.trains.n;
  for (let s = 0; s < M * k; s++) users[partners[s] + 1]++;
  for (let j = 0; j < n; j++) users[j + 1] += users[j];
  const fill = users.slice(0, n);
  for (let m = 0; m < M; m++) for (let q = 0; q < k; q++) target[fill[partners[m * k + q]]++] = m;
}

/** The Bernoulli spikes, bin by bin: slots (t M + m) K + q, one in 1/p by geometric gaps. */
class BernoulliSource {
  private next: number;
  private readonly rng: Rng;

  constructor(readonly g: LoopBernoulli, readonly M: number) {
    this.rng = new Rng(g.seed);
    this.next = g.perNeuron === 0 ? Infinity : this.rng.geometric(g.p) - 1;
  }

  /**
   * Writes the test neuron of each spike of bins t0, t0 + 1, ... into targets, with each bin's
   * first index in offsets (from bin t0), while a whole bin's slots still fit; returns the bin
   * after the last one written (at most t1).
   */
  fill(t0: number, t1: number, offsets: Uint32Array, targets: Uint32Array): number {
    const k = this.g.perNeuron;
    const M = this.M;
    let n = 0;
    let t = t0;
    for (; t < t1 && n + M * k <= targets.length; t++) {
      offsets[t - t0] = n;
      const end = (t + 1) * M * k;
      const base = t * M;
      while (this.next < end) {
        targets[n++] = Math.floor(this.next / k) - base;
        this.next += this.rng.geometric(this.g.p);
      }
    }
    offsets[t - t0] = n;
    return t;
  }
}

let compiled: object | undefined;

/** The loop's exports over a new private memory of `bytes` bytes. */
function loopInstance(bytes: number): { bins(h: number, t0: number, t1: number, w0: number): void; buffer: ArrayBuffer } {
  compiled ??= new WebAssembly.Module(Buffer.from(testNeuronsBase64, "base64"));
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / PAGE_BYTES)) });
  const exports = new WebAssembly.Instance(compiled, { env: { memory } }).exports as { bins(h: number, t0: number, t1: number, w0: number): void };
  return { bins: exports.bins, buffer: memory.buffer };
}

/** Writes the header, the neurons' initial state and the groups' schedules into the memory. */
function writeInputs(buffer: ArrayBuffer, L: Layout, setup: LoopSetup, groups: readonly LoopGroup[], bernoulli: LoopBernoulli | undefined, initialV: Float64Array | undefined): void {
  const u32 = (at: number, n: number) => new Uint32Array(buffer, at, n);
  const f64 = (at: number, n: number) => new Float64Array(buffer, at, n);
  const { neurons: nr, Mp } = L;
  u32(0, 15).set([Mp, groups.length, nr.acc, nr.v, nr.u, nr.counts, ...nr.sums, L.bernoulli?.offsets ?? 0, L.bernoulli?.targets ?? 0, L.bernoulli?.weights ?? 0, L.record]);
  f64(64, 2).set([setup.a, setup.vTh]);
  if (initialV !== undefined) {
    f64(nr.v, setup.M).set(initialV);
    f64(nr.u, setup.M).set(initialV);
  }
  groups.forEach((g, q) => {
    const at = L.groups[q];
    u32(HEADER_BYTES + GROUP_BYTES * q, 5).set([at.byBin, at.train, at.users, at.target, at.weights]);
    spikesByBin(g.trains, setup.k0, g.shifts, u32(at.byBin, setup.span + 1), u32(at.train, g.spikes));
    reverseIndex(setup.M, g, u32(at.users, g.trains.n + 1), u32(at.target, setup.M * g.perNeuron));
    f64(at.weights, setup.M).set(g.weights);
  });
  if (bernoulli !== undefined && L.bernoulli !== null) f64(L.bernoulli.weights, setup.M).set(bernoulli.weights);
}

/**
 * Runs the test neurons' loop (test-neurons.wat) over the window bins: the inputs of bin t, then
 * the Euler step to bin t + 1, for t = 0 .. span - 2, counted from bin w0.
 * @param setup the validated set-up.
 * @param groups the recorded groups, with their spikes in the window counted.
 * @param bernoulli the Bernoulli group, or undefined.
 * @param initialV V at the window's first bin, or undefined for 0.
 * @returns the counts, the sums over the counted bins and the recorded spikes.
 */
export function runTestNeuronLoop(setup: LoopSetup, groups: readonly LoopGroup[], bernoulli: LoopBernoulli | undefined, initialV: Float64Array | undefined): LoopResult {
  const { M, span, w0 } = setup;
  const L = loopLayout(setup, groups.map((g) => ({ n: g.trains.n, k: g.perNeuron, spikes: g.spikes })), bernoulli?.perNeuron);
  const loop = loopInstance(L.bytes);
  writeInputs(loop.buffer, L, setup, groups, bernoulli, initialV);
  const header = new Uint32Array(loop.buffer, 0, 15);
  const source = bernoulli === undefined ? undefined : new BernoulliSource(bernoulli, M);
  const bern = L.bernoulli === null ? null : { offsets: new Uint32Array(loop.buffer, L.bernoulli.offsets, L.chunk + 1), targets: new Uint32Array(loop.buffer, L.bernoulli.targets, L.bernoulliCapacity) };
  const record = setup.recordSpikes ? { neuron: [] as number[], bin: [] as number[] } : null;
  const recorded = new Uint32Array(loop.buffer, L.record, setup.recordSpikes ? 2 * L.Mp * L.chunk : 0);
  for (let t0 = 0; t0 + 1 < span;) {
    let t1 = Math.min(span - 1, t0 + L.chunk);
    if (source !== undefined && bern !== null) t1 = source.fill(t0, t1, bern.offsets, bern.targets);
    header[14] = 0;
    loop.bins(0, t0, t1, w0);
    if (record !== null) {
      for (let s = 0; s < header[14]; s++) {
        record.neuron.push(recorded[2 * s]);
        record.bin.push(recorded[2 * s + 1]);
      }
    }
    t0 = t1;
  }
  const counts64 = new Uint32Array(loop.buffer, L.neurons.counts, 2 * M);
  const counts = Uint32Array.from({ length: M }, (_, m) => counts64[2 * m]);
  const sums = L.neurons.sums.map((at) => new Float64Array(loop.buffer, at, M).slice()) as LoopResult["sums"];
  return { counts, sums, record };
}
