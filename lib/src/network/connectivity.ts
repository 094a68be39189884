import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import seedrandom from "seedrandom";
import { buildBlocks, BY_CALLER, CLAIM, FINISHED, OUTCOME, UNCLAIMED, type CsrBlock, type TargetArray, type XorState } from "./connectivity-blocks";
import { checkNumber, checkSeed, invalid } from "../core/validate";

/** A population of the network: excitatory E, inhibitory I (LIF) or external X (Poisson). */
export type Population = "E" | "I" | "X";
/** A postsynaptic (LIF) population. */
export type TargetPopulation = "E" | "I";

export type { TargetArray } from "./connectivity-blocks";

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

function xorState(seed: string): XorState {
  const s = seedrandom.xor4096(seed, { state: true }).state();
  return { X: Int32Array.from(s.X), i: s.i, w: s.w };
}

/** Synapses per block from which a build shares the work with a worker thread (below, starting the worker costs more than it saves). */
const WORKER_MIN_SYNAPSES_PER_BLOCK = 2 ** 21;

/**
 * The blocks [WORKER_FROM, 6) go to the worker, [0, WORKER_FROM) stay in the calling thread: the
 * worker also starts a thread and advances the stream past WORKER_FROM blocks with code that is
 * not yet compiled, so 4 + 2 balances the two threads better than 3 + 3 (measured on 2 cores).
 */
const WORKER_FROM = 4;

/** The compiled worker script (lib/dist/connectivity-worker.js, beside this module's compiled file). */
/** Longest wait for the worker's blocks (ms) before the calling thread builds them itself. */
const WORKER_DEADLINE_MS = 60_000;
const WORKER_FILE = join(__dirname, "connectivity-worker.js");

/** Whether a build of N K synapses per block shares the work with a worker thread. */
function useWorker(synapsesPerBlock: number): boolean {
  return synapsesPerBlock >= WORKER_MIN_SYNAPSES_PER_BLOCK && availableParallelism() >= 2 && existsSync(WORKER_FILE);
}

/**
 * Builds the random connectivity of the SPEC's network: for every E and every I neuron, K
 * distinct presynaptic partners drawn uniformly without replacement from each of E, I and X
 * (independently for each neuron and population; self-connections allowed, see
 * {@link Connectivity}). Seeded: the same (N, K, seed) gives the same connectivity, bit for bit.
 *
 * Cost O(N K): about 1.3 s of CPU (about 0.95 s of wall time on two cores) and 120 MB (2 bytes
 * per synapse) for N = 10000, K = 1000.
 *
 * Threads: the six blocks (post E, I x pre E, I, X, in that order) are drawn from one random
 * stream, block after block. For large builds (at least 2^21 synapses per block) on two or more
 * cores, a worker thread (lib/dist/connectivity-worker.js) builds blocks 4-5 while the calling
 * thread builds blocks 0-3: the worker first advances its copy of the stream past the draws of
 * blocks 0-3 (the same draws, rejections included, without sampling), so the result is the same
 * bit for bit. The calling thread then waits for the worker synchronously (Atomics.wait on a
 * SharedArrayBuffer, so this function stays synchronous), receives the worker's arrays by
 * transfer (no copy; receiveMessageOnPort) and terminates it. Where the compiled worker file is
 * absent (ts-jest runs lib/src directly), or the worker has not started by the time the calling
 * thread is done with its blocks, or it fails, the calling thread builds every block itself, with
 * the same code (lib/src/connectivity-blocks.ts) and the same result.
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
  const g = xorState(`${seed}/connectivity`);
  const incoming = N <= 65536 ? new Uint16Array(N * K) : new Uint32Array(N * K);
  if (!useWorker(N * K)) return new Connectivity(N, K, buildBlocks(N, K, 0, 6, g, incoming));
  const control = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker | undefined;
  try {
    worker = new Worker(WORKER_FILE, {
      workerData: { kind: "ei-balance/connectivity", N, K, from: WORKER_FROM, g: { X: g.X.slice(), i: g.i, w: g.w }, control, port: port2 },
      transferList: [port2],
    });
    worker.unref();
    worker.on("error", () => {}); // reported through OUTCOME; the calling thread then builds the worker's blocks
  } catch {
    worker = undefined;
  }
  try {
    const blocks = buildBlocks(N, K, 0, WORKER_FROM, g, incoming);
    let theirs: CsrBlock[] | undefined;
    if (Atomics.compareExchange(control, CLAIM, UNCLAIMED, BY_CALLER) !== UNCLAIMED) {
      // Bounded wait: a worker that dies without reporting (e.g. out of memory) cannot hang the
      // build; after WORKER_DEADLINE_MS the calling thread builds the worker's blocks itself.
      const deadline = Date.now() + WORKER_DEADLINE_MS;
      while (Atomics.load(control, OUTCOME) === 0 && Date.now() < deadline) Atomics.wait(control, OUTCOME, 0, 1000);
      if (Atomics.load(control, OUTCOME) === FINISHED) theirs = receiveMessageOnPort(port1)?.message as CsrBlock[] | undefined;
    }
    // g is still at the start of block WORKER_FROM
    blocks.push(...(theirs ?? buildBlocks(N, K, WORKER_FROM, 6, g, incoming)));
    return new Connectivity(N, K, blocks);
  } finally {
    port1.close();
    if (worker) void worker.terminate();
  }
}
