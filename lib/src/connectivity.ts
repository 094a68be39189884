import seedrandom from "seedrandom";
import { checkNumber, checkSeed, invalid } from "./validate";

/** A population of the network: excitatory E, inhibitory I (LIF) or external X (Poisson). */
export type Population = "E" | "I" | "X";
/** A postsynaptic (LIF) population. */
export type TargetPopulation = "E" | "I";

/** Target index arrays: 16-bit when N <= 65536, else 32-bit. */
export type TargetArray = Uint16Array | Uint32Array;

/** One block of synapses from population b onto population a, as outgoing CSR rows. */
export interface SynapseBlock {
  /** Row pointers, length N + 1: the targets of presynaptic neuron j are `targets[offsets[j] .. offsets[j + 1] - 1]`. */
  readonly offsets: Uint32Array;
  /** Postsynaptic neuron indices within population a, increasing within each row. */
  readonly targets: TargetArray;
}

const PRE = { E: 0, I: 1, X: 2 } as const;
const POST = { E: 0, I: 1 } as const;

function preIndex(where: string, pre: unknown): number {
  if (pre !== "E" && pre !== "I" && pre !== "X") invalid(where, "pre", pre, '"E", "I" or "X"');
  return PRE[pre as Population];
}

function postIndex(where: string, post: unknown): number {
  if (post !== "E" && post !== "I") invalid(where, "post", post, '"E" or "I"');
  return POST[post as TargetPopulation];
}

/**
 * The random connectivity of the E/I/X network: every E and I neuron has exactly K distinct
 * presynaptic partners in each of E, I and X. Stored as six blocks (post a in {E, I} x pre b in
 * {E, I, X}), each an outgoing CSR over presynaptic neurons whose targets are 16-bit indices
 * within the postsynaptic population when N <= 65536. There are no per-synapse weights: every
 * synapse of block (a, b) has weight J_ab / sqrt(K). Memory: 6 N K target indices (2 bytes each)
 * plus 6 (N + 1) row pointers (4 bytes each), about 2 + 4/K bytes per synapse.
 *
 * Self-connections (autapses) are allowed, as in the SPEC, which draws "K distinct neurons from
 * E" for an E neuron without excluding itself: an E (or I) neuron is its own partner with
 * probability K/N.
 */
export class Connectivity {
  /**
   * @param N neurons per population
   * @param K presynaptic partners per neuron from each population
   * @param blocks the six blocks, index post * 3 + pre with E = 0, I = 1, X = 2
   */
  constructor(
    readonly N: number,
    readonly K: number,
    private readonly blocks: readonly SynapseBlock[],
  ) {
    if (blocks.length !== 6) throw new Error(`Connectivity: blocks must have length 6, got length ${blocks.length}`);
  }

  /**
   * The synapses from population `pre` onto population `post` as outgoing CSR (views of the
   * stored arrays: do not modify).
   */
  block(post: TargetPopulation, pre: Population): SynapseBlock {
    const where = "Connectivity.block";
    return this.blocks[postIndex(where, post) * 3 + preIndex(where, pre)];
  }

  /** Total number of synapses, 6 N K. */
  get synapses(): number {
    let s = 0;
    for (const b of this.blocks) s += b.targets.length;
    return s;
  }

  /** Bytes held by the target and row-pointer arrays. */
  get bytes(): number {
    let s = 0;
    for (const b of this.blocks) s += b.targets.byteLength + b.offsets.byteLength;
    return s;
  }

  /** Bytes per synapse ({@link bytes} / {@link synapses}). */
  get bytesPerSynapse(): number {
    return this.bytes / this.synapses;
  }

  /** Postsynaptic targets in `post` of neuron j of population `pre` (indices within `post`, increasing; a view). */
  targetsOf(pre: Population, j: number, post: TargetPopulation): TargetArray {
    const b = this.block(post, pre);
    checkNumber("Connectivity.targetsOf", "j", j, { integer: true, min: 0, max: this.N - 1 });
    return b.targets.subarray(b.offsets[j], b.offsets[j + 1]);
  }

  /** Out-degree onto `post` of every neuron of `pre` (length N; averages K). */
  outDegrees(pre: Population, post: TargetPopulation): Uint32Array {
    const { offsets } = this.block(post, pre);
    const d = new Uint32Array(this.N);
    for (let j = 0; j < this.N; j++) d[j] = offsets[j + 1] - offsets[j];
    return d;
  }

  /** In-degree from `pre` of every neuron of `post` (length N; every entry equals K by construction). */
  inDegrees(post: TargetPopulation, pre: Population): Uint32Array {
    const { targets } = this.block(post, pre);
    const d = new Uint32Array(this.N);
    for (let q = 0; q < targets.length; q++) d[targets[q]]++;
    return d;
  }

  /**
   * The presynaptic partners in `pre` of neuron i of `post` (the set C_i^{ab} of the SPEC),
   * increasing. O(N log K): a binary search in each outgoing row.
   */
  partnersOf(post: TargetPopulation, i: number, pre: Population): Uint32Array {
    const { offsets, targets } = this.block(post, pre);
    checkNumber("Connectivity.partnersOf", "i", i, { integer: true, min: 0, max: this.N - 1 });
    const out: number[] = [];
    for (let j = 0; j < this.N; j++) {
      let lo = offsets[j];
      let hi = offsets[j + 1];
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (targets[mid] < i) lo = mid + 1;
        else hi = mid;
      }
      if (lo < offsets[j + 1] && targets[lo] === i) out.push(j);
    }
    return Uint32Array.from(out);
  }
}

/** Options of {@link buildConnectivity}. */
export interface ConnectivityOptions {
  /** Neurons per population, an integer >= 1. */
  N: number;
  /** Partners per neuron from each population, an integer in [1, N]. */
  K: number;
  /** Seed; the same seed gives the same connectivity, bit for bit. */
  seed: number | string;
}

/**
 * One xor4096 stream (Brent's xorgens, the generator of {@link Rng}) with the generator inlined
 * in the sampling loop: seeded through seedrandom, so its 32-bit outputs are exactly those of
 * `seedrandom.xor4096(seed).int32()`, at a fraction of the cost of a method call per draw.
 */
interface XorState {
  X: Int32Array;
  i: number;
  w: number;
}

function xorState(seed: string): XorState {
  const s = seedrandom.xor4096(seed, { state: true }).state();
  return { X: Int32Array.from(s.X), i: s.i, w: s.w };
}

/**
 * Draws, for each of N postsynaptic neurons, K distinct presynaptic indices uniformly from
 * [0, N) (Floyd's algorithm; uniform integers by Lemire's multiply-and-reject on 32-bit outputs,
 * exactly uniform), into `out` row after row. `marks` is a scratch array of length N whose
 * entries are < `stamp`; returns the last stamp used.
 */
function sampleIncoming(N: number, K: number, g: XorState, marks: Int32Array, stamp: number, out: TargetArray): number {
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
 * Transposes incoming lists (`incoming[post * K + q]` = presynaptic index) into outgoing CSR rows
 * by a counting sort on the presynaptic index: posts are visited in increasing order, so targets
 * increase within each row. O(N K). (A chunked variant through a cache-sized buffer was measured
 * slower: the N open rows of a block fit the caches well enough.)
 */
function transpose(N: number, incoming: TargetArray, offsets: Uint32Array, targets: TargetArray, fill: Uint32Array): void {
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

/**
 * Builds the random connectivity of the SPEC's network: for every E and every I neuron, K
 * distinct presynaptic partners drawn uniformly without replacement from each of E, I and X
 * (independently for each neuron and population; self-connections allowed, see
 * {@link Connectivity}). Seeded: the same (N, K, seed) gives the same connectivity, bit for bit.
 *
 * Cost O(N K): about 1 s of CPU and 120 MB (2 bytes per synapse) for N = 10000, K = 1000.
 *
 * @throws Error for N not an integer in [1, 2^21], K not an integer in [1, N], or a bad seed.
 * @returns the connectivity, stored as outgoing CSR blocks with 16-bit targets when N <= 65536.
 */
export function buildConnectivity(options: ConnectivityOptions): Connectivity {
  const where = "buildConnectivity";
  const { N, K, seed } = options;
  checkNumber(where, "N", N, { integer: true, min: 1, max: 2 ** 21 });
  checkNumber(where, "K", K, { integer: true, min: 1, max: N });
  checkSeed(where, seed);
  const small = N <= 65536;
  const make = (n: number): TargetArray => (small ? new Uint16Array(n) : new Uint32Array(n));
  const g = xorState(`${seed}/connectivity`);
  const marks = new Int32Array(N);
  const incoming = make(N * K);
  const fill = new Uint32Array(N);
  let stamp = 0;
  const blocks: SynapseBlock[] = [];
  for (let b = 0; b < 6; b++) {
    stamp = sampleIncoming(N, K, g, marks, stamp, incoming);
    const offsets = new Uint32Array(N + 1);
    const targets = make(N * K);
    transpose(N, incoming, offsets, targets, fill);
    blocks.push({ offsets, targets });
  }
  return new Connectivity(N, K, blocks);
}
