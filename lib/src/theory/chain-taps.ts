/**
 * The hot loop of the Euler chain's step (euler-chain.ts) in WebAssembly (chain-taps.wat): four jumps of one
 * input group added to the landing buffer, two grid points per instruction, with the arithmetic
 * of the JavaScript loop it replaced (the same numbers, bit for bit). The chain's two stage
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
type Taps4 = (dst: number, src: number, x0: number, x1: number, d0: number, d1: number, d2: number, d3: number, w0: number, w1: number, w2: number, w3: number) => void;

let compiled: object | undefined;
let current: { taps4: Taps4; a: Float64Array; b: Float64Array } | undefined;

/**
 * Two stage buffers of `size` numbers each in the thread's WebAssembly memory (zeroed only when
 * new): valid until the next call asks for more (a larger memory is then made).
 * @param size numbers per buffer (integer >= 1; the chain's grid bounds it).
 * @returns the buffers a and b (views of the memory).
 */
export function stageBuffers(size: number): { a: Float64Array; b: Float64Array } {
  if (current === undefined || current.a.length < size) {
    const numbers = Math.max(size, 2 * (current?.a.length ?? 0));
    compiled ??= new WebAssembly.Module(Buffer.from(chainTapsBase64, "base64"));
    const memory = new WebAssembly.Memory({ initial: Math.ceil((16 * numbers) / PAGE_BYTES) });
    const exports = new WebAssembly.Instance(compiled, { env: { memory } }).exports as { taps4: Taps4 };
    current = { taps4: exports.taps4, a: new Float64Array(memory.buffer, 0, numbers), b: new Float64Array(memory.buffer, 8 * numbers, numbers) };
  }
  return { a: current.a, b: current.b };
}

/**
 * dst[x] += ((w0 src[x - D0] + w1 src[x - D1]) + w2 src[x - D2]) + w3 src[x - D3] for x in [x0, x1),
 * D_k = taps[q + k] and w_k = weights[q + k] (every src[x - D] inside src), in WebAssembly.
 * @param dst a buffer of {@link stageBuffers}.
 * @param src the other buffer of the same call.
 * @param x0 first point.
 * @param x1 end (exclusive).
 * @param taps jumps (grid points).
 * @param weights their probabilities.
 * @param q index of the first of the four.
 */
export function addFourTaps(dst: Float64Array, src: Float64Array, x0: number, x1: number, taps: Int32Array, weights: Float64Array, q: number): void {
  current?.taps4(dst.byteOffset, src.byteOffset, x0, x1, taps[q], taps[q + 1], taps[q + 2], taps[q + 3], weights[q], weights[q + 1], weights[q + 2], weights[q + 3]);
}
