/**
 * Internal to {@link buildConnectivity} (not re-exported from the package): sampling and
 * transposing the blocks of the connectivity, shared by the calling thread and the worker of
 * connectivity-worker.ts (one implementation for both).
 */

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
 * Draws, for each of N postsynaptic neurons, K distinct presynaptic indices uniformly from
 * [0, N) (Floyd's algorithm; uniform integers by Lemire's multiply-and-reject on 32-bit outputs,
 * exactly uniform), into `out` row after row. `marks` is a scratch array of length N whose
 * entries are < `stamp`; returns the last stamp used.
 */
export function sampleIncoming(N: number, K: number, g: XorState, marks: Int32Array, stamp: number, out: TargetArray): number {
  const X = g.X;
  let i = g.i;
  let w = g.w;
  let o = 0;
  for (let post = 0; post < N; post++) {
    stamp++;
    for (let j = N - K; j < N; j++) {
      const n = j + 1;
      let t: number;
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
        const r = ((v + (w ^ (w >>> 16))) | 0) >>> 0;
        // the 53-bit product r n (exact: r < 2^32, n <= 2^21): high word t, low word lo
        t = (r * n * 2.3283064365386963e-10) | 0;
        const lo = Math.imul(r, n) >>> 0;
        if (lo >= n || lo >= 4294967296 % n) break;
      }
      const v = marks[t] === stamp ? j : t;
      marks[v] = stamp;
      out[o++] = v;
    }
  }
  g.i = i;
  g.w = w;
  return stamp;
}

/**
 * Advances `g` past `blocks` calls of {@link sampleIncoming}(N, K, ...) without sampling: the
 * same draws, including Lemire's rejections (which depend only on the draw and n), so `g` ends in
 * the state that sampling those blocks would leave. About a third of the cost of sampling.
 */
export function skipIncoming(N: number, K: number, g: XorState, blocks: number): void {
  const X = g.X;
  let i = g.i;
  let w = g.w;
  for (let b = 0; b < blocks; b++) {
    for (let post = 0; post < N; post++) {
      for (let j = N - K; j < N; j++) {
        const n = j + 1;
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
          const r = ((v + (w ^ (w >>> 16))) | 0) >>> 0;
          const lo = Math.imul(r, n) >>> 0;
          if (lo >= n || lo >= 4294967296 % n) break;
        }
      }
    }
  }
  g.i = i;
  g.w = w;
}

/**
 * Transposes incoming lists (`incoming[post * K + q]` = presynaptic index) into outgoing CSR rows
 * by a counting sort on the presynaptic index: posts are visited in increasing order, so targets
 * increase within each row. O(N K). (A chunked variant through a cache-sized buffer was measured
 * slower: the N open rows of a block fit the caches well enough.)
 */
export function transpose(N: number, incoming: TargetArray, offsets: Uint32Array, targets: TargetArray, fill: Uint32Array): void {
  const K = incoming.length / N;
  offsets.fill(0);
  for (let s = 0; s < incoming.length; s++) offsets[incoming[s] + 1]++;
  for (let j = 0; j < N; j++) offsets[j + 1] += offsets[j];
  for (let j = 0; j < N; j++) fill[j] = offsets[j];
  let s = 0;
  for (let p = 0; p < N; p++) {
    for (let q = 0; q < K; q++, s++) targets[fill[incoming[s]]++] = p;
  }
}

/** One block as outgoing CSR (see SynapseBlock in connectivity.ts). */
export interface CsrBlock {
  offsets: Uint32Array;
  targets: TargetArray;
}

/**
 * Samples blocks [from, to) one after the other from `g` (which must be in its state at the
 * start of block `from`) and transposes each into new outgoing CSR arrays (16-bit targets when
 * N <= 65536), through the scratch buffer `incoming` (length N K).
 */
export function buildBlocks(N: number, K: number, from: number, to: number, g: XorState, incoming: TargetArray): CsrBlock[] {
  const marks = new Int32Array(N);
  const fill = new Uint32Array(N);
  const blocks: CsrBlock[] = [];
  let stamp = 0;
  for (let b = from; b < to; b++) {
    stamp = sampleIncoming(N, K, g, marks, stamp, incoming);
    const offsets = new Uint32Array(N + 1);
    const targets = N <= 65536 ? new Uint16Array(N * K) : new Uint32Array(N * K);
    transpose(N, incoming, offsets, targets, fill);
    blocks.push({ offsets, targets });
  }
  return blocks;
}

/** Shared words of a build with a worker, in an Int32Array on a SharedArrayBuffer: index of the claim on the worker's blocks. */
export const CLAIM = 0;
/** {@link CLAIM} values: nobody has the worker's blocks yet, the worker has them, the calling thread has them. */
export const UNCLAIMED = 0;
export const BY_WORKER = 1;
export const BY_CALLER = 2;
/** Index of the worker's outcome: 0 while running, {@link FINISHED} or {@link FAILED}. */
export const OUTCOME = 1;
export const FINISHED = 1;
export const FAILED = 2;
