/**
 * Internal to the network simulator (not re-exported from the package): the WebAssembly modules
 * of kernel.wat and sampler.wat, compiled once, and the shared WebAssembly memories that hold a
 * connectivity and the state of its runs, with the parts of the WebAssembly JavaScript API used
 * here (a global of Node that TypeScript declares only in its DOM library).
 */
import { networkKernelBase64 } from "./kernel-wasm";
import { samplerBase64 } from "./sampler-wasm";

/** A shared WebAssembly memory: its buffer is a SharedArrayBuffer that worker threads can see. */
export interface WasmMemory {
  readonly buffer: SharedArrayBuffer;
  /** Grows the memory by `pages` pages of 64 KiB; returns the previous size in pages. */
  grow(pages: number): number;
}

/** A WebAssembly memory private to one thread (not shared). */
export interface PrivateWasmMemory {
  readonly buffer: ArrayBuffer;
  /** Grows the memory by `pages` pages of 64 KiB (views of the old buffer are then detached); returns the previous size in pages. */
  grow(pages: number): number;
}

declare const WebAssembly: {
  Memory: {
    new (descriptor: { initial: number; maximum: number; shared: true }): WasmMemory;
    new (descriptor: { initial: number }): PrivateWasmMemory;
  };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: object };
};

/** The exports of kernel.wat (addresses are byte offsets in the memory). */
export interface KernelExports {
  deliver(list: number, count: number, offsets: number, bytes: number, acc: number, w: number): number;
  deliver16(list: number, count: number, offsets: number, targets: number, acc: number, w: number): number;
  step(V: number, acc: number, n: number, decay: number, vTh: number, out: number, base: number): number;
  /** Bins k0 .. k1 - 1 of a one-thread run from the header at `header` (see chunked.ts); returns the first bin not run. */
  bins(header: number, k0: number, k1: number): number;
}

/** The exports of sampler.wat (addresses are byte offsets in its private memory; `wide` 1 for 32-bit rows, else 0): the connectivity's sampling and the X spikes of a run (see external.ts). */
export interface SamplerExports {
  sample(N: number, K: number, posts: number, seen: number, out: number, wide: number): void;
  advance(N: number, K: number, posts: number): void;
  count(rows: number, count: number, wide: number, offsets: number): void;
  prefix(N: number, offsets: number, fill: number): void;
  scatter(K: number, first: number, posts: number, rows: number, wide: number, fill: number, targets: number): void;
  distribute(rows: number, first: number, posts: number, K: number, shift: number, cursors: number, ends: number, buckets: number, nb: number, marks: number): number;
  bucketScatter(N: number, shift: number, bucket: number, starts: number, cursors: number, entries: number, offsets: number, fill: number, window: number, nb: number, marks: number, segments: number): void;
  encode(j0: number, j1: number, offsets: number, targets: number, first: number, out: number, pos: number): number;
  ln(x: number): number;
  xFirst(N: number, p: number, lq: number, next: number): void;
  xDraw(N: number, c1: number, p: number, lq: number, next: number, ev: number, cap: number): number;
  xSort(m: number, c0: number, n: number, ev: number, list: number, off: number, fill: number): void;
}

/** Bytes of one WebAssembly page. */
export const PAGE_BYTES = 65536;
/** Largest WebAssembly memory (bytes): 65536 pages of 64 KiB, the 32-bit address space. */
export const MAX_MEMORY_BYTES = 2 ** 32;

let kernelModule: object | undefined;

/** The compiled module of kernel.wat (compiled on first use, then shared; it can be sent to worker threads). */
export function kernelModuleOnce(): object {
  kernelModule ??= new WebAssembly.Module(Buffer.from(networkKernelBase64, "base64"));
  return kernelModule;
}

let samplerModule: object | undefined;

/** A sampler instance over its private memory. */
export interface SamplerInstance {
  exports: SamplerExports;
  memory: PrivateWasmMemory;
}

/**
 * Whether this thread keeps memories for reuse (see {@link reuseMemories}), and the memories
 * kept: one sampler instance (a build's scratch) and one shared memory (a connectivity's).
 */
const kept: { on: boolean; sampler?: SamplerInstance; shared?: WasmMemory } = { on: false };

/**
 * Makes this thread keep the memory of a finished build's scratch, and the memory of a
 * connectivity handed back by {@link recycleMemory}, for its next build, which then writes into
 * pages already backed (on these virtual machines the first write to a fresh 4 KiB page costs
 * about 15 us: about 0.3 s of a one-thread build of N = 10^4, K = 10^3). For threads that do
 * nothing but runs (the run pool's runners): a thread keeps at most one memory of each kind.
 */
export function reuseMemories(): void {
  kept.on = true;
}

/** A kept memory of at least `bytes` bytes, zero-filled over them (then taken), or undefined. */
function takeKept<T extends { buffer: ArrayBufferLike }>(memory: T | undefined, bytes: number): T | undefined {
  if (memory === undefined || memory.buffer.byteLength < bytes) return undefined;
  new Uint8Array(memory.buffer, 0, bytes).fill(0);
  return memory;
}

/**
 * The functions of sampler.wat over a private memory of at least `bytes` bytes (zero-filled),
 * with that memory: a new one, or the one a finished build of this thread left (see
 * {@link reuseMemories}). The module is compiled once per thread (its optimized code then
 * serves the thread's later builds).
 */
export function samplerInstance(bytes: number): SamplerInstance {
  const reused = takeKept(kept.sampler?.memory, bytes);
  if (reused) {
    const instance = kept.sampler!;
    kept.sampler = undefined;
    return instance;
  }
  return newSamplerInstance(bytes);
}

/** The functions of sampler.wat over a new private memory of at least `bytes` bytes (the module compiled once per thread). */
export function newSamplerInstance(bytes: number): SamplerInstance {
  samplerModule ??= new WebAssembly.Module(Buffer.from(samplerBase64, "base64"));
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / PAGE_BYTES)) });
  return { exports: new WebAssembly.Instance(samplerModule, { env: { memory } }).exports as unknown as SamplerExports, memory };
}

/** Hands back the sampler instance of a finished build (kept for the next, if this thread keeps memories). */
export function recycleSampler(instance: SamplerInstance): void {
  if (kept.on) kept.sampler = instance;
}

/**
 * A shared memory of at least `bytes` bytes (zero-filled over them; pages are committed as they
 * are first written): a new one, or the one handed back by {@link recycleMemory}.
 */
export function newMemory(bytes: number): WasmMemory {
  const reused = takeKept(kept.shared, bytes);
  kept.shared = undefined;
  if (reused) return reused;
  const pages = Math.max(1, Math.ceil(bytes / PAGE_BYTES));
  return new WebAssembly.Memory({ initial: pages, maximum: MAX_MEMORY_BYTES / PAGE_BYTES, shared: true });
}

/**
 * Hands back the memory of a connectivity that will not be used again (nor anything that views
 * its memory): if this thread keeps memories ({@link reuseMemories}), its next build writes
 * into it; otherwise nothing happens.
 * @param memory the connectivity's memory (`connectivity.memory`).
 */
export function recycleMemory(memory: WasmMemory): void {
  if (kept.on) kept.shared = memory;
}

/** Instances by memory: one per connectivity and thread, kept for its later runs (the same functions keep their call sites fast). */
const instances = new WeakMap<WasmMemory, KernelExports>();

/** The kernel's functions over `memory` (`module` from {@link kernelModuleOnce}, possibly received by a worker). */
export function instantiate(module: object, memory: WasmMemory): KernelExports {
  let k = instances.get(memory);
  if (!k) instances.set(memory, (k = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as KernelExports));
  return k;
}
