/**
 * Internal to {@link buildConnectivity} (not re-exported from the package): sampling and
 * transposing the parts of the connectivity into its shared memory, shared by the calling thread
 * and the worker of connectivity-worker.ts (one implementation for both). The work itself runs
 * in WebAssembly (sampler.wat), in a memory private to each thread.
 */
import { partBytesBound, usesGaps, type ConnectivityLayout } from "./connectivity-layout";
import { recycleSampler, samplerInstance, type SamplerExports, type SamplerInstance } from "./wasm";

/**
 * The state of one xor4096 stream (Brent's xorgens, the generator of {@link Rng}), seeded
 * through seedrandom: the part builder continues it, so its 32-bit outputs are exactly those of
 * `seedrandom.xor4096(seed).int32()`.
 */
export interface XorState {
  X: Int32Array;
  i: number;
  w: number;
}

/** Bytes of the stream's state at the start of the private memory (see sampler.wat: X and its copy of X[0 .. 3], i, w, the position in the 128 outputs, the outputs): what a redraw restores and what one thread hands to another. */
export const STREAM_BYTES = 1536;
/** Bytes reserved for the stream's state ({@link STREAM_BYTES}) and, after it at 1536, the current row's stamp of sample in sampler.wat (not part of the stream: each builder keeps its own). */
const STATE_BYTES = 2048;

const align = (bytes: number): number => Math.ceil(bytes / 64) * 64;

/**
 * Postsynaptic neurons per call into sampler.wat: V8 replaces a WebAssembly function's baseline
 * code by its optimized code (about twice as fast here) only between calls, so a part is
 * built in many short calls rather than one long one.
 */
const CHUNK = 32;

/** Presynaptic rows per call of encode (see {@link CHUNK}). */
const ENCODE_ROWS = 2048;

/** Postsynaptic neurons per segment of a bucket (see distribute in sampler.wat: a bucket entry holds the post mod 128). */
const SEGMENT = 128;

/** Presynaptic neurons per bucket (2^BUCKET_SHIFT) in the two-pass transpose of large networks. */
const BUCKET_SHIFT = 9;
/** The two-pass transpose (buckets) is used above this N; below it, the direct counting sort is as fast. */
const BUCKETS_ABOVE = 65536;

/**
 * Entries reserved for each bucket of a part of `posts` neurons: the expected count plus 8
 * standard deviations plus 16 (a bucket of m presynaptic neurons receives posts K m / N entries
 * on average, with a variance no larger: a sum over posts of independent hypergeometric
 * counts). Exceeding the reserve takes a deviation of more than 8 standard deviations (a normal
 * tail of 6e-16 per bucket); it is handled, not assumed away: see {@link PartBuilder}.
 */
function bucketEnds(N: number, K: number, posts: number, reserve = 1): Uint32Array {
  const nb = Math.ceil(N / 2 ** BUCKET_SHIFT);
  const ends = new Uint32Array(nb + 1);
  for (let b = 0; b < nb; b++) {
    const mean = (posts * K * (Math.min(N, (b + 1) << BUCKET_SHIFT) - (b << BUCKET_SHIFT))) / N;
    ends[b + 1] = ends[b] + Math.ceil(reserve * (mean + 8 * Math.sqrt(mean) + 16));
  }
  return ends;
}

/** Addresses in the private memory of a {@link PartBuilder} of N, K and up to `longest` neurons per part. */
function privateLayout(N: number, K: number, longest: number) {
  const buckets = N > BUCKETS_ABOVE;
  const wide = N > 65536 ? 1 : 0; // 32-bit rows
  const nb = buckets ? Math.ceil(N / 2 ** BUCKET_SHIFT) : 0;
  const seen = STATE_BYTES;
  const chunk = seen + align(2 * N);
  // bucket b's first entry of each segment of 128 posts (and one row past the last segment)
  const marks = chunk + (buckets ? align(CHUNK * K * 4) : 0);
  // the rows of a whole part (direct transpose, or a part whose buckets overflowed) share the buckets' space (u16 entries)
  const rows = marks + align(4 * nb * (Math.ceil(longest / SEGMENT) + 1));
  const rowBytes = longest * K * (2 << wide);
  const reserves = buckets ? bucketEnds(N, K, longest) : new Uint32Array(1);
  // past the buckets, room for the entries of one call of distribute (it checks the reserves after each call)
  const starts = rows + align(Math.max(rowBytes, 2 * (reserves[nb] + CHUNK * K)));
  const cursors = starts + align(4 * (nb + 1));
  const ends = cursors + align(4 * (nb + 1));
  const offsets = ends + align(4 * (nb + 1));
  const fill = offsets + align(4 * (N + 1));
  const targets = fill + align(4 * N);
  // the targets of a part (direct transpose), or of one bucket (at most its reserve), then their encoding
  let window = 0;
  for (let b = 0; b < nb; b++) window = Math.max(window, reserves[b + 1] - reserves[b]);
  const gaps = usesGaps(N, K);
  const encoded = targets + align(2 * Math.max(longest * K, window));
  // a whole part's encoding (a bucket's needs less; the pages it does not use are never touched)
  const encodedBytes = gaps ? partBytesBound(N, K, longest) : 0;
  // what the draws of a part write there: the buckets, or the rows of the direct transpose
  const drawn = buckets ? 2 * reserves[nb] : rowBytes;
  return { buckets, wide, nb, gaps, seen, chunk, marks, rows, drawn, starts, cursors, ends, offsets, fill, targets, encoded, bytes: encoded + encodedBytes };
}

/** Bytes of the private memory of a {@link PartBuilder} of N, K and up to `longest` neurons per part. */
export function partBuilderBytes(N: number, K: number, longest: number): number {
  return privateLayout(N, K, longest).bytes;
}

/**
 * Builds parts of the connectivity one after another, continuing one random stream, in a
 * WebAssembly memory private to its thread ({@link partBuilderBytes} bytes): for each
 * postsynaptic neuron of a part in turn, K distinct presynaptic indices drawn uniformly from
 * [0, N) (Floyd's algorithm; uniform integers by Lemire's multiply-and-reject on 32-bit outputs,
 * exactly uniform), then the part's outgoing CSR by a counting sort on the presynaptic index
 * (targets increase within each row), stored in the shared memory as u16 indices or, for
 * N <= 32 K, as byte gaps (encode in sampler.wat; see connectivity-layout.ts). For N > 65536
 * the sort goes through buckets of 512 presynaptic neurons (faster there, and each bucket's
 * targets are stored as soon as they are written, so the private memory holds one bucket's
 * targets, not a part's); should a bucket overflow its reserve, the part is drawn again from its
 * saved stream state and sorted directly, with the same result.
 */
export class PartBuilder {
  private readonly instance: SamplerInstance;
  private readonly fn: SamplerExports;
  private readonly at: ReturnType<typeof privateLayout>;
  private readonly memory: ArrayBuffer;
  private readonly offsets: Uint32Array;
  /** The private targets (u16) as bytes, and the encoded bytes of byte-gap storage. */
  private readonly targets: Uint8Array;
  private readonly encoded: Uint8Array;
  /** Parts drawn a second time because a bucket overflowed its reserve (see the class's description). */
  redrawn = 0;

  /**
   * @param N presynaptic neurons, K partners per neuron
   * @param longest most neurons of one part
   * @param g the stream's state, copied (the builder continues its own copy)
   * @param reserve test hook: a factor on every bucket's reserve (default 1; 0.1 forces the overflow path)
   */
  constructor(
    readonly N: number,
    readonly K: number,
    longest: number,
    g: XorState,
    private readonly reserve = 1,
  ) {
    this.at = privateLayout(N, K, longest);
    this.instance = samplerInstance(this.at.bytes);
    const { exports, memory } = this.instance;
    this.fn = exports;
    this.memory = memory.buffer;
    this.offsets = new Uint32Array(memory.buffer, this.at.offsets, N + 1);
    this.targets = new Uint8Array(memory.buffer, this.at.targets, this.at.encoded - this.at.targets);
    this.encoded = new Uint8Array(memory.buffer, this.at.encoded, this.at.bytes - this.at.encoded);
    new Int32Array(memory.buffer, 0, 135).set([...g.X, ...g.X.subarray(0, 4), g.i, g.w, 128]);
  }

  /**
   * Writes the memory that the draws of a part write (the buckets, or the rows), so that the
   * kernel backs it with pages now rather than during the first part's draws: a thread that
   * waits for its first part's start state does this meanwhile (see connectivity-relay.ts).
   */
  prefault(): void {
    new Uint8Array(this.memory, this.at.rows, this.at.drawn).fill(0);
  }

  /** Hands the builder's private memory back for the thread's next build (see recycleSampler); the builder is not used again. */
  recycle(): void {
    recycleSampler(this.instance);
  }

  /** A copy of the stream's state. */
  saveStream(): Uint8Array {
    return new Uint8Array(this.memory, 0, STREAM_BYTES).slice();
  }

  /** Sets the stream's state (from {@link saveStream}, possibly another builder's). */
  loadStream(stream: Uint8Array): void {
    new Uint8Array(this.memory, 0, STREAM_BYTES).set(stream);
  }

  /**
   * Moves the stream past the draws of a part of `posts` neurons without making them (advance in
   * sampler.wat), to the next part's start state, at about a fifth of the cost of the draws.
   */
  skip(posts: number): void {
    for (let p = 0; p < posts; p += CHUNK) this.fn.advance(this.N, this.K, Math.min(CHUNK, posts - p));
  }

  /**
   * Builds the next part, of `posts` neurons, into `offsets` (N + 1 row pointers) and `bytes`
   * (its slot of partBytesBound(N, K, posts) bytes), views of the shared memory.
   * @param drawn called once the part's draws are done (the stream is then at the next part's
   *   start), before its transpose
   */
  build(posts: number, offsets: Uint32Array, bytes: Uint8Array, drawn: () => void = () => {}): void {
    let written = this.at.buckets ? this.sortThroughBuckets(posts, bytes, drawn) : undefined;
    if (written === undefined) {
      this.sortDirectly(posts, drawn);
      written = 0;
      for (let j = 0; j < this.N; j += ENCODE_ROWS) written += this.store(j, Math.min(this.N, j + ENCODE_ROWS), 0, bytes, written);
    }
    if (this.at.gaps) this.offsets[this.N] = written; // byte gaps: the row pointers count bytes
    offsets.set(this.offsets);
  }

  /**
   * Stores rows [j0, j1) of the sorted part (their entries in the private targets from entry
   * `first` on) into `bytes` at byte `pos`: as u16 indices, or encoded as byte gaps (their
   * row pointers then become byte offsets).
   * @returns the bytes written.
   */
  private store(j0: number, j1: number, first: number, bytes: Uint8Array, pos: number): number {
    const { at } = this;
    if (!at.gaps) {
      const n = 2 * (this.offsets[j1] - this.offsets[j0]);
      bytes.set(this.targets.subarray(2 * (this.offsets[j0] - first), 2 * (this.offsets[j0] - first) + n), pos);
      return n;
    }
    const n = this.fn.encode(j0, j1, at.offsets, at.targets, first, at.encoded, pos);
    bytes.set(this.encoded.subarray(0, n), pos);
    return n;
  }

  /** Draws the part's rows and sorts them by a counting sort over all N presynaptic neurons, into the private targets (`drawn` as in {@link build}). */
  private sortDirectly(posts: number, drawn: () => void): void {
    const { N, K, at, fn } = this;
    const { wide } = at;
    const rowBytes = K << (wide + 1);
    this.offsets.fill(0);
    for (let p = 0; p < posts; p += CHUNK) {
      const n = Math.min(CHUNK, posts - p);
      fn.sample(N, K, n, at.seen, at.rows + p * rowBytes, wide);
      fn.count(at.rows + p * rowBytes, n * K, wide, at.offsets);
    }
    drawn();
    fn.prefix(N, at.offsets, at.fill);
    for (let p = 0; p < posts; p += CHUNK) fn.scatter(K, p, Math.min(CHUNK, posts - p), at.rows + p * rowBytes, wide, at.fill, at.targets);
  }

  /**
   * Draws the part's rows chunk by chunk into buckets, then sorts bucket after bucket, storing
   * each bucket's targets into `bytes` (the shared memory).
   * @returns the bytes written; undefined, with nothing written to `bytes`, `drawn` not called
   *   and the stream back at the part's start, if a bucket overflowed.
   */
  private sortThroughBuckets(posts: number, bytes: Uint8Array, drawn: () => void): number | undefined {
    const { N, K, at, fn } = this;
    const saved = this.saveStream();
    const ends = bucketEnds(N, K, posts, this.reserve);
    new Uint32Array(this.memory, at.starts, at.nb + 1).set(ends.subarray(0, at.nb + 1));
    new Uint32Array(this.memory, at.cursors, at.nb + 1).set(ends.subarray(0, at.nb + 1));
    new Uint32Array(this.memory, at.ends, at.nb).set(ends.subarray(1));
    for (let p = 0; p < posts; p += CHUNK) {
      const n = Math.min(CHUNK, posts - p);
      fn.sample(N, K, n, at.seen, at.chunk, 1);
      if (fn.distribute(at.chunk, p, n, K, BUCKET_SHIFT, at.cursors, at.ends, at.rows, at.nb, at.marks)) {
        this.loadStream(saved);
        this.redrawn++;
        return undefined;
      }
    }
    drawn();
    this.offsets.fill(0);
    const segments = Math.ceil(posts / SEGMENT);
    let written = 0;
    for (let b = 0; b < at.nb; b++) {
      const first = this.offsets[b << BUCKET_SHIFT];
      fn.bucketScatter(N, BUCKET_SHIFT, b, at.starts, at.cursors, at.rows, at.offsets, at.fill, at.targets, at.nb, at.marks, segments);
      written += this.store(b << BUCKET_SHIFT, Math.min(N, (b + 1) << BUCKET_SHIFT), first, bytes, written);
    }
    return written;
  }
}

/** Most neurons of one part of `layout`. */
export function longestPart(layout: ConnectivityLayout): number {
  let longest = 0;
  for (let p = 0; p < layout.parts; p++) longest = Math.max(longest, layout.partStart[p + 1] - layout.partStart[p]);
  return longest;
}

/** A part builder for `layout`, continuing the stream `g` (see {@link PartBuilder}). */
export function layoutBuilder(layout: ConnectivityLayout, g: XorState): PartBuilder {
  return new PartBuilder(layout.N, layout.K, longestPart(layout), g);
}
