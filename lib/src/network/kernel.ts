import { Connectivity, SynapseBlock } from "./connectivity";
import { networkKernelBase64 } from "./kernel-wasm";
import { invalid } from "../core/validate";

/**
 * The parts of the WebAssembly JavaScript API used here: a global of Node, which TypeScript
 * declares only in its DOM library.
 */
declare const WebAssembly: {
  Memory: new (descriptor: { initial: number; maximum: number }) => { readonly buffer: ArrayBuffer };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: object };
};

/** The exports of network-kernel.wat (addresses are byte offsets in its memory). */
interface KernelExports {
  deliver16(list: number, count: number, offsets: number, targets: number, acc: number, w: number): number;
  deliver32(list: number, count: number, offsets: number, targets: number, acc: number, w: number): number;
  step(V: number, acc: number, n: number, decay: number, vTh: number, out: number): number;
}

/** The compiled module, compiled on first use and shared by every run. */
let kernelModule: object | undefined;

/** Largest WebAssembly memory (bytes): 65536 pages of 64 KiB. */
const maxKernelBytes = 2 ** 32;

/**
 * The simulator's state in one WebAssembly memory sized for the run, and the compiled hot loops
 * of network-kernel.wat over it: `deliver` adds J_ab / sqrt(K) to the accumulator of every target
 * of a list of spikes (spikes in list order, targets in stored order, one f64.add each); `step`
 * is the Euler pass V = V * decay + acc (f64.mul then f64.add, two neurons per SIMD lane pair,
 * no fused multiply-add), threshold V > vTh, reset to 0, acc = 0, spikes out in increasing index.
 * Layout: V and accumulator of E and I (f64), the current spike lists of E, I and X (u32, N each),
 * then the six blocks' row pointers (u32) and targets (u16 or u32), copied from the connectivity.
 * Get one with {@link acquireKernel}, which keeps the copy with its connectivity for later runs.
 */
export class NetworkKernel {
  readonly memory: { readonly buffer: ArrayBuffer };
  readonly k: KernelExports;
  /** Byte addresses of the state arrays. */
  readonly pVE: number;
  readonly pVI: number;
  readonly pAccE: number;
  readonly pAccI: number;
  readonly pOutE: number;
  readonly pOutI: number;
  readonly pListX: number;
  /** Byte addresses of each block's row pointers and targets, index post * 3 + pre. */
  readonly pOffsets: number[] = [];
  readonly pTargets: number[] = [];
  readonly wide: boolean[] = [];
  /** Whether a run is using the kernel. */
  busy = false;

  constructor(where: string, N: number, blocks: SynapseBlock[]) {
    let top = 0;
    const take = (bytes: number): number => {
      const at = top;
      top += Math.ceil(bytes / 16) * 16;
      return at;
    };
    this.pVE = take(8 * N);
    this.pVI = take(8 * N);
    this.pAccE = take(8 * N);
    this.pAccI = take(8 * N);
    this.pOutE = take(4 * N);
    this.pOutI = take(4 * N);
    this.pListX = take(4 * N);
    for (const b of blocks) {
      this.pOffsets.push(take(b.offsets.byteLength));
      this.pTargets.push(take(b.targets.byteLength));
      this.wide.push(b.targets.BYTES_PER_ELEMENT === 4);
    }
    if (top > maxKernelBytes) invalid(where, "connectivity", `${blocks.reduce((s, b) => s + b.targets.length, 0)} synapses`, `state and connectivity within ${maxKernelBytes} bytes (WebAssembly memory)`);
    const pages = Math.max(1, Math.ceil(top / 65536));
    this.memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    kernelModule ??= new WebAssembly.Module(Buffer.from(networkKernelBase64, "base64"));
    this.k = new WebAssembly.Instance(kernelModule, { env: { memory: this.memory } }).exports as unknown as KernelExports;
    const buf = this.memory.buffer;
    blocks.forEach((b, q) => {
      new Uint32Array(buf, this.pOffsets[q], b.offsets.length).set(b.offsets);
      if (this.wide[q]) new Uint32Array(buf, this.pTargets[q], b.targets.length).set(b.targets);
      else new Uint16Array(buf, this.pTargets[q], b.targets.length).set(b.targets);
    });
  }

  /** Delivers `count` spikes of the list at byte address `list` through block q onto `acc`; returns the synaptic events. */
  deliver(q: number, list: number, count: number, acc: number, w: number): number {
    if (count === 0) return 0;
    return this.wide[q] ? this.k.deliver32(list, count, this.pOffsets[q], this.pTargets[q], acc, w) : this.k.deliver16(list, count, this.pOffsets[q], this.pTargets[q], acc, w);
  }
}

/** The kernel of each connectivity, kept for its later runs and released with it. */
const kernels = new WeakMap<Connectivity, NetworkKernel>();

/**
 * A kernel over the connectivity's blocks, marked busy, with V and the accumulators at 0: the one
 * kept for this connectivity (its copy made by the first run), or a new one when that one is busy
 * (a run started from another run's progress callback). The caller sets `busy = false` when done.
 * The copy assumes the connectivity's arrays are not modified (as {@link Connectivity.block} asks).
 */
export function acquireKernel(where: string, conn: Connectivity): NetworkKernel {
  let kern = kernels.get(conn);
  if (kern === undefined || kern.busy) {
    const blocks = [conn.block("E", "E"), conn.block("E", "I"), conn.block("E", "X"), conn.block("I", "E"), conn.block("I", "I"), conn.block("I", "X")];
    kern = new NetworkKernel(where, conn.N, blocks);
    if (!kernels.has(conn)) kernels.set(conn, kern);
  } else {
    new Uint8Array(kern.memory.buffer, kern.pVE, kern.pOutE - kern.pVE).fill(0); // V and accumulators of E and I
  }
  kern.busy = true;
  return kern;
}
