/**
 * The hot loop of the Euler chain's step (euler-chain.ts) in WebAssembly (chain-taps.wat): the
 * jumps of one input group added to the landing buffer, four jumps and two grid points at a time,
 * with the arithmetic of the JavaScript loop it replaced (the same numbers, bit for bit). The chain's two stage
 * buffers live in one private WebAssembly memory per thread, shared by every chain of the thread
 * (a step uses them from its start to its end; steps do not nest).
 */
import { chainTapsBase64 } from "./chain-taps-wasm";

declare const WebAssembly: {
  Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: object };
};

/** Bytes of one WebAssembly page. */
const PAGE_BYTES = 65536;

/** The module's export: see chain-taps.wat. */
type Stage = (dst: number, src: number, taps: number, weights: number, count: number, from: number, to: number, lo: number, hi: number) => void;

/** The thread's instance: its stage function, the two buffers and the space for one stage's jumps and weights. */
interface StageMemory {
  stage: Stage;
  a: Float64Array;
  b: Float64Array;
  taps: Int32Array;
  weights: Float64Array;
}

let compiled: object | undefined;
let current: StageMemory | undefined;

/**
 * Two stage buffers of `size` numbers each in the thread's WebAssembly memory (zeroed only when
 * new), with room for the jumps of a stage of up to `taps` taps: valid until the next call asks
 * for more (a larger memory is then made).
 * @param size numbers per buffer (integer >= 1; the chain's grid bounds it).
 * @param taps largest number of taps of a stage (integer >= 0).
 * @returns the buffers a and b (views of the memory).
 */
export function stageBuffers(size: number, taps: number): { a: Float64Array; b: Float64Array } {
  if (current === undefined || current.a.length < size || current.taps.length < taps) {
    const numbers = Math.max(size, 2 * (current?.a.length ?? 0));
    const room = Math.max(taps, 64, current?.taps.length ?? 0);
    compiled ??= new WebAssembly.Module(Buffer.from(chainTapsBase64, "base64"));
    const memory = new WebAssembly.Memory({ initial: Math.ceil((16 * numbers + 12 * room) / PAGE_BYTES) });
    const exports = new WebAssembly.Instance(compiled, { env: { memory } }).exports as { stage: Stage };
    const { buffer } = memory;
    current = {
      stage: exports.stage,
      a: new Float64Array(buffer, 0, numbers),
      b: new Float64Array(buffer, 8 * numbers, numbers),
      weights: new Float64Array(buffer, 16 * numbers, room),
      taps: new Int32Array(buffer, 16 * numbers + 8 * room, room),
    };
  }
  return { a: current.a, b: current.b };
}

/**
 * One input group's stage of the chain's jump, in WebAssembly: dst[x] += sum_q w_q src[x - D_q]
 * over the taps, for x in [from, to) and src read on [lo, hi) only (buffer indices), summed as the
 * chain's JavaScript loop did (taps in fours, ((w0 a + w1 b) + w2 c) + w3 d added where all four
 * read inside, each tap alone at the edges and for the last fewer than four).
 * @param dst a buffer of the last {@link stageBuffers} call.
 * @param src the other buffer of that call.
 * @param taps jumps (grid points), at most the taps of that call.
 * @param weights their probabilities.
 * @param range from, to (landing range), lo, hi (range of src read).
 */
export function applyStage(dst: Float64Array, src: Float64Array, taps: Int32Array, weights: Float64Array, range: readonly [number, number, number, number]): void {
  const m = current;
  if (m === undefined) return;
  m.taps.set(taps);
  m.weights.set(weights);
  m.stage(dst.byteOffset, src.byteOffset, m.taps.byteOffset, m.weights.byteOffset, taps.length, range[0], range[1], range[2], range[3]);
}
