/**
 * Internal to the network simulator (not re-exported from the package): where a connectivity and
 * the state of its runs live in their shared WebAssembly memory.
 *
 * Each of the six blocks (post a in {E, I} x pre b in {E, I, X}, index a * 3 + b) is stored as
 * `parts` outgoing CSR arrays, one per range of postsynaptic neurons ("part"): row pointers over
 * the N presynaptic neurons (u32, N + 1) and targets relative to the part's first neuron (u16:
 * a part has at most 65536 neurons). Unit u = block * parts + part is the u-th piece of the one
 * random stream that draws the connectivity. The parts are also the unit of work of the threads
 * of a simulation: each thread owns a contiguous range of parts, i.e. of postsynaptic neurons.
 */

/** Addresses (byte offsets in the memory) of one connectivity and of its first run state. */
export interface ConnectivityLayout {
  readonly N: number;
  readonly K: number;
  /** Number of parts per block. */
  readonly parts: number;
  /** First neuron of each part, length parts + 1 (the last entry is N). */
  readonly partStart: readonly number[];
  /** Row pointers of unit u (N + 1 u32). */
  readonly offsetsAt: readonly number[];
  /** Targets of unit u (u16, part length x K). */
  readonly targetsAt: readonly number[];
  /** Bytes of the row pointers and targets. */
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
/** Most neurons of one part: targets are 16-bit. */
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
    top += align(2 * K * (partStart[p + 1] - partStart[p]));
  }
  return { N, K, parts, partStart, offsetsAt, targetsAt, connectivityBytes: top, stateAt: top, totalBytes: top + stateBytes(N) };
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
