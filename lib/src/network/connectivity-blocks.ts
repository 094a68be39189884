/**
 * Internal to {@link buildConnectivity} (not re-exported from the package): sampling and
 * transposing the parts of the connectivity into its shared memory, shared by the calling thread
 * and the worker of connectivity-worker.ts (one implementation for both).
 */
import type { ConnectivityLayout } from "./connectivity-layout";

/** Target index arrays: 16-bit when N <= 65536, else 32-bit. */
export type TargetArray = Uint16Array | Uint32Array;

/**
 * One xor4096 stream (Brent's xorgens, the generator of {@link Rng}) with the generator inlined
 * in the sampling loop: seeded through seedrandom, so its 32-bit outputs are exactly those of
 * `seedrandom.xor4096(seed).int32()`, at a fraction of the cost of a method call per draw.
 */
export interface XorState {
  X: Int32Array;
  i: number;
  w: number;
}

/**
 * Draws, for each of `posts` postsynaptic neurons, K distinct presynaptic indices uniformly from
 * [0, N) (Floyd's algorithm; uniform integers by Lemire's multiply-and-reject on 32-bit outputs,
 * exactly uniform), into `out` row after row. `seen` is a zeroed bit set of N bits (N / 32
 * words, small enough to stay in the first-level cache), zeroed again on return. With `out` and
 * `seen` null it only advances `g` past the same draws (Lemire's rejections depend only on the
 * draw and n), at about a third of the cost: how a worker skips the units of another thread.
 */
export function sampleIncoming(N: number, K: number, posts: number, g: XorState, seen: Int32Array | null, out: TargetArray | null): void {
  const X = g.X;
  let i = g.i;
  let w = g.w;
  let o = 0;
  for (let post = 0; post < posts; post++) {
    for (let j = N - K; j < N; j++) {
      const n = j + 1;
      let r: number;
      for (;;) {
        w = (w + 0x61c88647) | 0;
        let v = X[(i + 34) & 127];
        i = (i + 1) & 127;
        let u = X[i];
        v ^= v << 13;
        u ^= u << 17;
        v ^= v >>> 15;
        u ^= u >>> 12;
        v = X[i] = v ^ u;
        r = ((v + (w ^ (w >>> 16))) | 0) >>> 0;
        // the 53-bit product r n (exact: r < 2^32, n <= 2^21): low word lo, high word t below
        const lo = Math.imul(r, n) >>> 0;
        if (lo >= n || lo >= 4294967296 % n) break;
      }
      if (out === null || seen === null) continue;
      const t = (r * n * 2.3283064365386963e-10) | 0;
      const v = (seen[t >>> 5] >>> (t & 31)) & 1 ? j : t;
      seen[v >>> 5] |= 1 << (v & 31);
      out[o++] = v;
    }
    if (out !== null && seen !== null) for (let q = o - K; q < o; q++) seen[out[q] >>> 5] = 0;
  }
  g.i = i;
  g.w = w;
}

/**
 * Transposes the incoming lists of `posts` postsynaptic neurons (`incoming[post * K + q]` =
 * presynaptic index in [0, N)) into outgoing CSR rows over the N presynaptic neurons by a
 * counting sort on the presynaptic index: posts are visited in increasing order, so targets
 * (post indices relative to the part's first neuron) increase within each row. O(N + posts K).
 * (A variant in two cache-friendly passes through buckets of 512 rows was measured slower at
 * N = 10^5, K = 10^3: 9 against 6.5 ns per synapse.)
 */
export function transpose(N: number, K: number, posts: number, incoming: TargetArray, offsets: Uint32Array, targets: Uint16Array, fill: Uint32Array): void {
  const n = posts * K;
  offsets.fill(0);
  for (let s = 0; s < n; s++) offsets[incoming[s] + 1]++;
  for (let j = 0; j < N; j++) offsets[j + 1] += offsets[j];
  for (let j = 0; j < N; j++) fill[j] = offsets[j];
  let s = 0;
  for (let p = 0; p < posts; p++) {
    for (let q = 0; q < K; q++, s++) targets[fill[incoming[s]]++] = p;
  }
}

/**
 * Samples the units [from, to) of `layout` (unit u = block * parts + part, in the order of the one
 * random stream) from `g`, which must be in its state at the start of unit `from`, and writes
 * each part's outgoing CSR into the shared memory `buffer` at the layout's addresses.
 */
export function buildUnits(layout: ConnectivityLayout, buffer: SharedArrayBuffer, from: number, to: number, g: XorState): void {
  const { N, K, parts, partStart } = layout;
  let longest = 0;
  for (let p = 0; p < parts; p++) longest = Math.max(longest, partStart[p + 1] - partStart[p]);
  const incoming = N <= 65536 ? new Uint16Array(longest * K) : new Uint32Array(longest * K);
  const seen = new Int32Array((N >>> 5) + 1);
  const fill = new Uint32Array(N);
  for (let u = from; u < to; u++) {
    const p = u % parts;
    const posts = partStart[p + 1] - partStart[p];
    sampleIncoming(N, K, posts, g, seen, incoming);
    const offsets = new Uint32Array(buffer, layout.offsetsAt[u], N + 1);
    const targets = new Uint16Array(buffer, layout.targetsAt[u], posts * K);
    transpose(N, K, posts, incoming, offsets, targets, fill);
  }
}

/** Advances `g` past the units [0, units) of `layout` without sampling (see {@link sampleIncoming}). */
export function skipUnits(layout: ConnectivityLayout, units: number, g: XorState): void {
  const { N, K, parts, partStart } = layout;
  for (let u = 0; u < units; u++) sampleIncoming(N, K, partStart[(u % parts) + 1] - partStart[u % parts], g, null, null);
}

/** Shared words of a build with a worker, in an Int32Array on a SharedArrayBuffer: index of the claim on the worker's units. */
export const CLAIM = 0;
/** {@link CLAIM} values: nobody has the worker's units yet, the worker has them, the calling thread has them. */
export const UNCLAIMED = 0;
export const BY_WORKER = 1;
export const BY_CALLER = 2;
/** Index of the worker's outcome: 0 while running, {@link FINISHED} or {@link FAILED}. */
export const OUTCOME = 1;
export const FINISHED = 1;
export const FAILED = 2;
