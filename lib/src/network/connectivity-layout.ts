/**
 * Internal to the network simulator (not re-exported from the package): where a connectivity and
 * the state of its runs live in their shared WebAssembly memory.
 *
 * Each of the six blocks (post a in {E, I} x pre b in {E, I, X}, index a * 3 + b) is stored as
 * `parts` outgoing CSR arrays, one per range of postsynaptic neurons ("part"): row pointers over
 * the N presynaptic neurons (u32, N + 1) and the targets relative to the part's first neuron (a
 * part has at most 65536 neurons), in one of two formats: for N <= 32 K ("gaps"), bytes (the row
 * pointers count bytes): each target's gap from the one before it in its row (rows increase),
 * with a zero byte for each 255 a gap exceeds (see encode in sampler.wat), about 1 +
 * e^(-255 K / N) bytes per synapse, at most 1.0004; for sparser networks, u16 indices (2 bytes
 * per synapse). The
 * targets of a unit get a slot of {@link partBytesBound} bytes, of which the build may use less:
 * memory pages that are never written cost no physical memory. Unit u = block * parts + part is the u-th piece of the one
 * random stream that draws the connectivity. The parts are also the unit of work of the threads
 * of a simulation: each thread owns a contiguous range of parts, i.e. of postsynaptic neurons.
 */

/** Addresses (byte offsets in the memory) of one connectivity and of its first run state. */
export interface ConnectivityLayout {
  readonly N: number;
  readonly K: number;
  /** Whether the targets are stored as byte gaps (N <= 32 K), else as u16 indices. */
  readonly gaps: boolean;
  /** Number of parts per block. */
  readonly parts: number;
  /** First neuron of each part, length parts + 1 (the last entry is N). */
  readonly partStart: readonly number[];
  /** Row pointers of unit u (N + 1 u32). */
  readonly offsetsAt: readonly number[];
  /** Encoded targets of unit u (a slot of {@link partBytesBound} bytes). */
  readonly targetsAt: readonly number[];
  /** Bytes of the row pointers and target slots: an upper bound of what the build writes. */
  readonly connectivityBytes: number;
  /** Address of the first run state (see {@link stateLayout}). */
  readonly stateAt: number;
  /** Bytes of the memory: connectivity and one run state. */
  readonly totalBytes: number;
}

/** Blocks from which the build and the simulation split their work into parts (and threads). */
const PARTS_MIN_SYNAPSES_PER_BLOCK = 2 ** 21;
/** Synapses of one part at most: bounds the build's scratch memory (4 bytes each, per thread). */
const PART_MAX_SYNAPSES = 2 ** 24;
/**
 * Expected bytes of the targets of a part of `posts` postsynaptic neurons over N presynaptic
 * neurons with K partners each: exact for u16 indices (2 posts K); for byte gaps, posts K plus
 * the expected zero bytes. Each postsynaptic neuron has presynaptic neuron j among its partners
 * with probability p = K / N, independently of the others, so a row's targets are the successes
 * of posts Bernoulli(p) trials; a target at t whose gap from the one before (or from -1) is g
 * brings floor((g - 1) / 255) zero bytes, one for each m >= 1 with g - 1 >= 255 m (probability x^m,
 * x = (1 - p)^255, when 255 m <= t). Hence N p times the sum over m >= 1 of x^m (posts - 255 m)
 * (the targets t >= 255 m). O(posts / 255) arithmetic.
 */
export function expectedPartBytes(N: number, K: number, posts: number): number {
  if (!usesGaps(N, K)) return 2 * posts * K;
  const p = K / N;
  const x = (1 - p) ** 255;
  let zeros = 0;
  for (let m = 1; 255 * m < posts; m++) zeros += x ** m * (posts - 255 * m);
  return posts * K + N * p * zeros;
}

/** Most neurons of one part: the build sorts 16-bit targets. */
const PART_MAX_NEURONS = 65536;
/** Most threads of one run (control words reserved per run state). */
export const MAX_THREADS = 64;

/**
 * Parts per block: one for small blocks (N K < 2^21 and N <= 65536), else an even number, at
 * least 2 (for two threads), enough for 16-bit targets (N / 65536) and for a build scratch of
 * at most 2^24 synapses per part.
 */
export function partsFor(N: number, K: number): number {
  if (N * K < PARTS_MIN_SYNAPSES_PER_BLOCK && N <= PART_MAX_NEURONS) return 1;
  const p = Math.max(2, Math.ceil(N / PART_MAX_NEURONS), Math.ceil((N * K) / PART_MAX_SYNAPSES));
  return Math.min(64, p + (p % 2));
}

const align = (bytes: number): number => Math.ceil(bytes / 64) * 64;

/**
 * Largest N / K stored as byte gaps. Their expected size is 1 + x / (1 - x) bytes per synapse
 * with x = (1 - K / N)^255: 1.0004 here, 1.08 at N / K = 100, against 2 for u16. The limit is set
 * by the simulation: at N / K = 100 the zero bytes (8 % of the bytes) made the two-thread
 * simulation of N = 10^5, K = 10^3 40-55 % slower than with u16 targets, whether the delivery
 * loop branched on them or looked up tables; here they are at most 3.5e-4 of the bytes, and the
 * simulations of N = 10^4, K = 10^3 and of the default network run as fast as with u16 targets.
 */
const GAPS_MAX_N_PER_K = 32;

/** Whether the connectivity of (N, K) stores its targets as byte gaps (else as u16 indices). */
export function usesGaps(N: number, K: number): boolean {
  return N <= GAPS_MAX_N_PER_K * K;
}

/**
 * Most bytes of the targets of a part of `posts` postsynaptic neurons over N presynaptic neurons
 * with K partners each: as u16 indices, 2 posts K; as byte gaps, one byte per synapse (posts K)
 * and, in each of the N rows, at most floor((posts - 1) / 255) zero bytes (a row's gaps minus
 * one sum to at most posts - 1).
 */
export function partBytesBound(N: number, K: number, posts: number): number {
  return usesGaps(N, K) ? posts * K + N * Math.floor((posts - 1) / 255) : 2 * posts * K;
}

/** Bytes of one run state of N neurons per population (see {@link stateLayout}). */
export function stateBytes(N: number): number {
  return align(8 * N) * 4 + align(4 * N) * 6 + CONTROL_BYTES;
}

/**
 * The layout of the connectivity of (N, K): every unit's row pointers and targets, then one run
 * state. Pure arithmetic (no allocation), so an estimate of the memory costs nothing.
 */
export function connectivityLayout(N: number, K: number): ConnectivityLayout {
  const parts = partsFor(N, K);
  const partStart: number[] = [];
  for (let p = 0; p <= parts; p++) partStart.push(Math.floor((p * N) / parts));
  const offsetsAt: number[] = [];
  const targetsAt: number[] = [];
  let top = 0;
  for (let u = 0; u < 6 * parts; u++) {
    const p = u % parts;
    offsetsAt.push(top);
    top += align(4 * (N + 1));
    targetsAt.push(top);
    top += align(partBytesBound(N, K, partStart[p + 1] - partStart[p]));
  }
  return { N, K, gaps: usesGaps(N, K), parts, partStart, offsetsAt, targetsAt, connectivityBytes: top, stateAt: top, totalBytes: top + stateBytes(N) };
}

/** Bytes of the control words of a run state: go, abort, and per thread done, spike counts and events. */
const CONTROL_BYTES = 16 + MAX_THREADS * 32;

/** Addresses of one run state in the memory (f64 arrays of length N, u32 lists of length N). */
export interface StateLayout {
  readonly VE: number;
  readonly VI: number;
  readonly accE: number;
  readonly accI: number;
  /** Spike lists of E and of I by bin parity: thread t writes bin k's spikes of its neurons at index partStart of its first part in list [k & 1]. */
  readonly outE: readonly [number, number];
  readonly outI: readonly [number, number];
  /** X spikes of a bin by bin parity (written by the calling thread). */
  readonly listX: readonly [number, number];
  /** Control words (Int32): GO, ABORT, then per thread DONE, counts; events (f64) after them. */
  readonly control: number;
}

/** The run state of N neurons per population at byte address `at`. */
export function stateLayout(N: number, at: number): StateLayout {
  const f = align(8 * N);
  const u = align(4 * N);
  const lists = at + 4 * f;
  return {
    VE: at,
    VI: at + f,
    accE: at + 2 * f,
    accI: at + 3 * f,
    outE: [lists, lists + u],
    outI: [lists + 2 * u, lists + 3 * u],
    listX: [lists + 4 * u, lists + 5 * u],
    control: lists + 6 * u,
  };
}

/** Int32 word indices within the control words: the calling thread's published bin and the abort flag. */
export const GO = 0;
export const ABORT = 1;
/** Int32 index of thread t's last finished bin. */
export const doneWord = (t: number): number => 4 + t;
/** Int32 index of thread t's spike count of E (pop 0) or I (pop 1) for bins of parity `parity`. */
export const countWord = (t: number, pop: number, parity: number): number => 4 + MAX_THREADS + 4 * t + 2 * pop + parity;
/** Float64 index (from the control address) of thread t's synaptic events so far. */
export const eventsWord = (t: number): number => (16 + MAX_THREADS * 20) / 8 + t;
/** Int32 index of thread t's work so far (µs, at most 2^31 - 1), published for the measured start of a run (threads.ts's ThreadTrial). */
export const busyWord = (t: number): number => (16 + MAX_THREADS * 28) / 4 + t;
