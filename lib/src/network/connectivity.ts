import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import seedrandom from "seedrandom";
import { layoutBuilder, longestPart, partBuilderBytes, type XorState } from "./connectivity-blocks";
import { buildClaimed, buildWithWorker, newRelay, type BuildShare } from "./connectivity-relay";
import { connectivityLayout, partBytesBound, type ConnectivityLayout } from "./connectivity-layout";
import { MAX_MEMORY_BYTES, newMemory, PAGE_BYTES, type WasmMemory } from "./wasm";
import { checkBudget, resolveLimits, type LimitOptions } from "../core/limits";
import { checkNumber, checkSeed, invalid, ParameterError } from "../core/validate";
import { warnOnce } from "../core/warnings";

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

/** A new target array of `length` entries for a network of N neurons per population. */
function newTargets(N: number, length: number): TargetArray {
  return N <= 65536 ? new Uint16Array(length) : new Uint32Array(length);
}

/** One stored part of a block (see connectivity-layout.ts): row pointers, targets (byte gaps or u16 indices), first neuron. */
interface StoredPart {
  rows: Uint32Array;
  gaps: Uint8Array | null;
  u16: Uint16Array | null;
  base: number;
}

/**
 * Writes the targets of row j of a stored part (decoding byte gaps: see encode in sampler.wat),
 * plus the part's first neuron, into out from index o.
 * @returns the index after the last target written.
 */
function decodeRow(part: StoredPart, j: number, out: TargetArray, o: number): number {
  const { rows, gaps, u16, base } = part;
  if (u16) {
    for (let s = rows[j]; s < rows[j + 1]; s++) out[o++] = u16[s] + base;
    return o;
  }
  let t = base - 1;
  for (let q = rows[j]; q < rows[j + 1]; q++) {
    const d = gaps![q];
    if (d === 0) {
      t += 255;
    } else {
      t += d;
      out[o++] = t;
    }
  }
  return o;
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

/** How a connectivity was built: on how many threads, and why (see {@link buildConnectivity}). */
export interface ConnectivityBuild {
  /** Threads that built units: 2 when a worker thread built some of them, else 1. */
  threads: number;
  /** Why: the units the worker built, or why the calling thread built them all (one part, one thread requested, one core, no compiled worker, or the worker's late start or failure). */
  reason: string;
}

/**
 * The random connectivity of the E/I/X network: every E and I neuron has exactly K distinct
 * presynaptic partners in each of E, I and X. Stored once, in one shared WebAssembly memory that
 * the simulator (and its threads) use directly: six blocks (post a in {E, I} x pre b in
 * {E, I, X}), each split by ranges of postsynaptic neurons ("parts", one for small networks) into
 * outgoing CSR arrays over presynaptic neurons, with targets relative to the part stored as byte
 * gaps for N <= 32 K (each target's distance from the one before it in its row, a zero byte for
 * each 255 a gap exceeds) and as u16 indices for sparser networks. There are no per-synapse
 * weights: every synapse of block (a, b) has weight J_ab / sqrt(K). Memory: 6 N K targets of
 * 1 byte (byte gaps, plus zero bytes for a fraction of about e^(-255 K / N) <= 3.5e-4 of them) or
 * 2 bytes (u16), plus 6 parts (N + 1) row pointers of 4 bytes: about 1 (or 2) + 4 parts / K bytes
 * per synapse ({@link Connectivity.bytesPerSynapse} gives the exact figure).
 *
 * Self-connections (autapses) are allowed, as in the model (docs/MODEL.md), which draws "K distinct neurons from
 * E" for an E neuron without excluding itself: an E (or I) neuron is its own partner with
 * probability K/N.
 */
export class Connectivity {
  /**
   * @param layout where each part lives in `memory` (from connectivityLayout)
   * @param memory the shared WebAssembly memory holding the parts (and the state of one run)
   * @param build on how many threads it was built, and why
   */
  constructor(
    readonly layout: ConnectivityLayout,
    readonly memory: WasmMemory,
    readonly build: ConnectivityBuild,
  ) {}

  /** Neurons per population. */
  get N(): number {
    return this.layout.N;
  }

  /** Presynaptic partners per neuron from each population. */
  get K(): number {
    return this.layout.K;
  }

  /** Number of parts (ranges of postsynaptic neurons) each block is stored in; a run uses at most this many threads. */
  get parts(): number {
    return this.layout.parts;
  }

  /** The stored parts of the block of `post` from `pre` (validated for `where`). */
  private storedParts(where: string, post: unknown, pre: unknown): StoredPart[] {
    const q = postIndex(where, post) * 3 + preIndex(where, pre);
    const { N, K, gaps, parts, partStart, offsetsAt, targetsAt } = this.layout;
    const { buffer } = this.memory;
    return Array.from({ length: parts }, (_, p) => {
      const at = targetsAt[q * parts + p];
      const bytes = partBytesBound(N, K, partStart[p + 1] - partStart[p]);
      const rows = new Uint32Array(buffer, offsetsAt[q * parts + p], N + 1);
      return { rows, gaps: gaps ? new Uint8Array(buffer, at, bytes) : null, u16: gaps ? null : new Uint16Array(buffer, at, bytes / 2), base: partStart[p] };
    });
  }

  /**
   * The synapses from population `pre` onto population `post` as outgoing CSR with targets
   * indexed within `post` (16-bit when N <= 65536), decoded from the stored parts into new
   * arrays (O(N K) time and memory).
   */
  block(post: TargetPopulation, pre: Population): SynapseBlock {
    const views = this.storedParts("Connectivity.block", post, pre);
    const { N, K } = this;
    const offsets = new Uint32Array(N + 1);
    const targets = newTargets(N, N * K);
    let o = 0;
    for (let j = 0; j < N; j++) {
      offsets[j] = o;
      for (const v of views) o = decodeRow(v, j, targets, o);
    }
    offsets[N] = o;
    return { offsets, targets };
  }

  /** Total number of synapses, 6 N K. */
  get synapses(): number {
    return 6 * this.N * this.K;
  }

  /** Bytes written for the encoded targets and the row pointers (without alignment padding). */
  get bytes(): number {
    const { N, gaps, parts, offsetsAt } = this.layout;
    let bytes = 0;
    // the last row pointer counts the bytes of byte gaps, the entries of u16 targets
    for (let u = 0; u < 6 * parts; u++) bytes += 4 * (N + 1) + (gaps ? 1 : 2) * new Uint32Array(this.memory.buffer, offsetsAt[u], N + 1)[N];
    return bytes;
  }

  /** Bytes per synapse ({@link bytes} / {@link synapses}). */
  get bytesPerSynapse(): number {
    return this.bytes / this.synapses;
  }

  /** Postsynaptic targets in `post` of neuron j of population `pre` (indices within `post`, increasing; only row j of each part is decoded, about K bytes). */
  targetsOf(pre: Population, j: number, post: TargetPopulation): TargetArray {
    const where = "Connectivity.targetsOf";
    const views = this.storedParts(where, post, pre);
    checkNumber(where, "j", j, { integer: true, min: 0, max: this.N - 1 });
    let most = 0;
    for (const v of views) most += v.rows[j + 1] - v.rows[j];
    const out = newTargets(this.N, most);
    let o = 0;
    for (const v of views) o = decodeRow(v, j, out, o);
    return out.slice(0, o);
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
   * The presynaptic partners in `pre` of neuron i of `post` (the set C_i^{ab} of docs/MODEL.md),
   * increasing. O(N K / parts): every outgoing row of i's part, decoded.
   */
  partnersOf(post: TargetPopulation, i: number, pre: Population): Uint32Array {
    const where = "Connectivity.partnersOf";
    const views = this.storedParts(where, post, pre);
    checkNumber(where, "i", i, { integer: true, min: 0, max: this.N - 1 });
    const p = this.layout.partStart.findIndex((start) => start > i) - 1;
    const row = new Uint32Array(this.layout.partStart[p + 1] - this.layout.partStart[p]);
    const out: number[] = [];
    for (let j = 0; j < this.N; j++) {
      const n = decodeRow(views[p], j, row, 0);
      if (row.subarray(0, n).includes(i)) out.push(j);
    }
    return Uint32Array.from(out);
  }
}

/** Options of {@link buildConnectivity}. */
export interface ConnectivityOptions extends LimitOptions {
  /** Neurons per population, an integer >= 1. */
  N: number;
  /** Partners per neuron from each population, an integer in [1, N]. */
  K: number;
  /** Seed; the same seed gives the same connectivity, bit for bit. */
  seed: number | string;
  /**
   * Threads of the build, an integer >= 1: 1 builds in the calling thread; by default (or 2 and
   * more) a build of more than one part shares the work with a worker thread on a machine of two
   * or more cores. The connectivity is the same, bit for bit, either way.
   */
  threads?: number;
}

function xorState(seed: string): XorState {
  const s = seedrandom.xor4096(seed, { state: true }).state();
  return { X: Int32Array.from(s.X), i: s.i, w: s.w };
}

/** The compiled worker script (lib/dist/network/connectivity-worker.js, beside this module's compiled file). */
const WORKER_FILE = join(__dirname, "connectivity-worker.js");

/** Why a build of `parts` parts per block, allowed `threads` threads, runs on the calling thread alone; undefined when it shares the work with a worker thread. */
function oneThreadReason(parts: number, threads: number): string | undefined {
  if (parts === 1) return "one part per block: one thread";
  if (threads === 1) return "one thread requested";
  if (availableParallelism() < 2) return "one core";
  if (!existsSync(WORKER_FILE)) return `no compiled worker (${WORKER_FILE}): one thread`;
  return undefined;
}

/** The record of a build with a worker, from how the units were shared; warns (once) when the worker failed or never started. */
function sharedBuild(share: BuildShare, startError: string | undefined): ConnectivityBuild {
  const { units, workerUnits, workerFailed } = share;
  const reason =
    startError !== undefined ? `the worker thread did not start (${startError}): the calling thread built all ${units} units`
    : workerFailed ? `the worker thread failed after ${workerUnits} of ${units} units: the calling thread built the rest`
    : workerUnits === 0 ? `the worker thread started after the calling thread had built all ${units} units`
    : `a worker thread built ${workerUnits} of ${units} units`;
  if (startError !== undefined || workerFailed) warnOnce(`buildConnectivity: ${reason}`);
  return { threads: workerUnits > 0 ? 2 : 1, reason };
}

/** Where the message of a refused size points to: the route past one machine. */
const EXPORT_HINT = "or, for a network this large, run it on a cluster: `npm run export:pynn` writes the same network as a PyNN script (NEST, Brian2)";

/**
 * The memory (bytes) of building and holding the connectivity of `layout` on at most `threads`
 * threads: the shared memory (with one run state) and each building thread's scratch (see
 * {@link checkConnectivityBudget}).
 * @param layout the connectivity's layout (from connectivityLayout).
 * @param threads threads of the build, >= 1 (one thread per part at most, two at most).
 * @returns the bytes, at most.
 */
export function connectivityBytes(layout: ConnectivityLayout, threads: number): number {
  const builders = Math.min(threads, layout.parts, 2);
  return layout.totalBytes + builders * (partBuilderBytes(layout.N, layout.K, longestPart(layout)) + PAGE_BYTES);
}

/**
 * The memory of a connectivity of N, K with one run state (at most: the slots of the targets'
 * byte gaps are reserved for their largest size), and the build's scratch (per thread, the part
 * builder's private memory as reserved: about 4 bytes per synapse of the longest part, 6 when
 * N > 65536 (of which about 2 are written), one more with byte gaps, and 10 bytes per neuron), in
 * bytes; refused past the limits with the estimate, the limit, how to raise it and the export
 * route. Arithmetic only: a refusal takes microseconds.
 * @returns the layout of the connectivity.
 */
export function checkConnectivityBudget(where: string, N: number, K: number, limits: LimitOptions): ConnectivityLayout {
  const layout = connectivityLayout(N, K);
  const each = layout.gaps ? `about 1 byte each, at most ${(layout.connectivityBytes / (6 * N * K)).toFixed(2)}` : "2 bytes each";
  const what = `the connectivity of N = ${N}, K = ${K} (${(6 * N * K).toPrecision(3)} synapses, ${each}, with the build's scratch)`;
  const resolved = resolveLimits(where, limits);
  try {
    checkBudget(where, resolved, { what, bytes: connectivityBytes(layout, 2) });
  } catch (e) {
    throw new ParameterError(`${(e as Error).message}; ${EXPORT_HINT}`);
  }
  if (layout.totalBytes > MAX_MEMORY_BYTES) {
    invalid(where, "6 N K (synapses)", 6 * N * K, `such that the connectivity fits in one WebAssembly memory of 4 GiB (it would take ${(layout.totalBytes / 2 ** 30).toFixed(1)} GiB); ${EXPORT_HINT}`);
  }
  return layout;
}

/**
 * Builds the random connectivity of the model's network: for every E and every I neuron, K
 * distinct presynaptic partners drawn uniformly without replacement from each of E, I and X
 * (independently for each neuron and population; self-connections allowed, see
 * {@link Connectivity}). Seeded: the same (N, K, seed) gives the same connectivity, bit for bit,
 * whatever the number of parts or threads.
 *
 * Cost O(N K): about 0.6 s of CPU and 60 MB (byte gaps, 1 byte per synapse) for N = 10000,
 * K = 1000; about 5 s of CPU on one thread (6-6.5 s on two: the worker's start and the skips
 * described below) and 1.2 GB (u16, 2 bytes per synapse) for N = 10^5, K = 1000 (see
 * `npm run bench -- large`). The sampling and the transpose run in WebAssembly (sampler.wat); on
 * this project's virtual machines the kernel backing fresh memory with pages on first write
 * takes 4-15 µs per 4 KiB page, 1.3-4 s of CPU for the 1.2 GB.
 *
 * Memory: each part is built in a WebAssembly memory private to its thread (the incoming lists
 * and the transposed part: about 4 bytes per synapse of the longest part, 2 when N > 65536,
 * where the transpose goes through buckets of u16 entries), then copied into the shared
 * WebAssembly memory the simulator runs on, which holds the only copy of the connectivity.
 * Before allocating, the memory is estimated and refused past the limit (`maxBytes`, or the
 * environment variable EI_BALANCE_MAX_BYTES; default 2e9 bytes).
 *
 * Threads: the units (block after block, part after part) are drawn from one random stream. For
 * large builds (more than one part) on two or more cores, unless `threads` is 1, a worker thread
 * (lib/dist/network/connectivity-worker.js) builds units in turn with the calling thread: each
 * thread claims the next unit, starts it from the stream's state its predecessor's thread
 * published as soon as that unit's draws were done, and publishes the next state in turn; a
 * thread that would wait for that state instead moves the stream past the predecessor's draws
 * from its start without making them (about a fifth of their cost: which outputs the draws take
 * does not depend on the indices drawn; connectivity-relay.ts). So the draws and the
 * transposes run side by side, and every unit is the same bit for bit whichever thread builds
 * it. Both write into the shared memory; the calling thread waits for the worker synchronously
 * (Atomics.wait, so this function stays synchronous), then terminates it. Where the compiled
 * worker file is absent (ts-jest runs lib/src directly), or the worker starts late, or it fails,
 * the calling thread builds the units left itself, with the same code and the same result; the
 * connectivity's `build` says on how many threads it was built and why (a worker that failed or
 * did not start is also a warning, printed once).
 *
 * @throws ParameterError for N not an integer in [1, 2^21], K not an integer in [1, N], a bad
 *   seed, threads not an integer >= 1, or a connectivity above the memory limit (or above 4 GiB,
 *   one WebAssembly memory).
 * @returns the connectivity.
 */
export function buildConnectivity(options: ConnectivityOptions): Connectivity {
  const where = "buildConnectivity";
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const { N, K, seed, threads = 2 } = options;
  checkNumber(where, "N", N, { integer: true, min: 1, max: 2 ** 21 });
  checkNumber(where, "K", K, { integer: true, min: 1, max: N });
  checkSeed(where, seed);
  checkNumber(where, "threads", threads, { integer: true, min: 1 });
  const layout = checkConnectivityBudget(where, N, K, options);
  return buildLayout(layout, `${seed}/connectivity`, threads);
}

/** Builds the connectivity of a validated layout from the stream of `streamSeed` on at most `threads` threads (see {@link buildConnectivity}). */
function buildLayout(layout: ConnectivityLayout, streamSeed: string, threads: number): Connectivity {
  const memory = newMemory(layout.totalBytes);
  const g = xorState(streamSeed);
  const builder = layoutBuilder(layout, g);
  const relay = newRelay(6 * layout.parts, builder);
  const alone = oneThreadReason(layout.parts, threads);
  if (alone !== undefined) {
    buildClaimed(layout, memory.buffer, relay, builder);
    builder.recycle();
    return new Connectivity(layout, memory, { threads: 1, reason: alone });
  }
  let worker: Worker | undefined;
  let startError: string | undefined;
  try {
    worker = new Worker(WORKER_FILE, { workerData: { kind: "ei-balance/connectivity", layout, g, relay, buffer: memory.buffer } });
    worker.unref();
    worker.on("error", () => {}); // reported through the relay's outcome; the calling thread then builds what is left
  } catch (e) {
    startError = (e as Error).message;
  }
  try {
    const share = buildWithWorker(layout, memory.buffer, relay, builder);
    builder.recycle();
    return new Connectivity(layout, memory, sharedBuild(share, startError));
  } finally {
    if (worker) void worker.terminate();
  }
}
