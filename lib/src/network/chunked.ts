/**
 * Internal to the network simulator (not re-exported from the package): the run loop of a
 * one-thread run without V or input recordings, in chunks of bins inside WebAssembly (kernel.wat's
 * `bins`), so that the calling thread makes one call per chunk instead of eight per bin. Each bin
 * does what {@link ThreadKernel.bin} and run.ts's closeBin do, in the same order, so the spikes are
 * the same bit for bit; a chunk ends at a progress report, at the end of the X spikes drawn so
 * far, or when the recording buffers are full.
 */
import type { Connectivity } from "./connectivity";
import { countWord, eventsWord, type StateLayout } from "./connectivity-layout";
import { ExternalSpikes } from "./external";
import { deliveries, xCountWord, type RunPlan } from "./kernel";
import type { SpikeRecord } from "./recording";
import { PAGE_BYTES, type KernelExports } from "./wasm";

/** Bytes of the header read by `bins` (layout in kernel.wat), and of one delivery entry. */
const HEADER_BYTES = 256;
const ENTRY_BYTES = 40;
/** Bins per chunk at most: those of one chunk of X spikes. */
const CHUNK = ExternalSpikes.chunk;

/** A scratch region of the memory for the chunked loop: header, entries, X spikes, recording buffers. */
interface Scratch {
  at: number;
  /** Words of the X list and of each recording buffer. */
  xWords: number;
  recWords: number;
  entries: number;
}

/** Scratch regions by connectivity and run-state address (kept for later runs of the same state: the memory does not grow per run). */
const scratches = new WeakMap<Connectivity, Map<number, Scratch>>();

function scratchBytes(s: Omit<Scratch, "at">): number {
  return HEADER_BYTES + ENTRY_BYTES * s.entries + 4 * (3 * (CHUNK + 1) + s.xWords + 2 * s.recWords);
}

/** The scratch of the run state at `stateAt`, with room for `xWords` X spikes (grown when a chunk has more). */
function scratchFor(conn: Connectivity, stateAt: number, entries: number, xWords: number): Scratch {
  let byState = scratches.get(conn);
  if (!byState) scratches.set(conn, (byState = new Map()));
  const kept = byState.get(stateAt);
  if (kept && kept.xWords >= xWords && kept.entries === entries) return kept;
  const size = { entries, xWords: Math.max(xWords, 2 * (kept?.xWords ?? 0), 4096), recWords: Math.max(4 * conn.N, 65536) };
  const s = { ...size, at: conn.memory.grow(Math.ceil(scratchBytes(size) / PAGE_BYTES)) * PAGE_BYTES };
  byState.set(stateAt, s);
  return s;
}

/** Typed views of a scratch region (made after any growth of the memory). */
function views(buffer: SharedArrayBuffer, s: Scratch) {
  const words = new Int32Array(buffer, s.at, HEADER_BYTES / 4);
  const at = (i: number) => s.at + HEADER_BYTES + ENTRY_BYTES * s.entries + 4 * i;
  const u32 = (i: number, n: number) => new Uint32Array(buffer, at(i), n);
  return {
    words, f64: new Float64Array(buffer, s.at, HEADER_BYTES / 8), entries: new DataView(buffer, s.at + HEADER_BYTES, ENTRY_BYTES * s.entries),
    xOff: u32(0, CHUNK + 1), perBinE: u32(CHUNK + 1, CHUNK + 1), perBinI: u32(2 * (CHUNK + 1), CHUNK + 1),
    recE: u32(3 * (CHUNK + 1), s.recWords), recI: u32(3 * (CHUNK + 1) + s.recWords, s.recWords), x: u32(3 * (CHUNK + 1) + 2 * s.recWords, s.xWords),
    address: at,
  };
}

/** Writes the header (with the events so far) and the delivery entries of thread 0 of `plan` (one thread) for the run state `st`. */
function writeHeader(v: ReturnType<typeof views>, s: Scratch, plan: RunPlan, st: StateLayout, events: number): void {
  const d = deliveries(plan, st, 0);
  for (let e = 0; e < d.w.length; e++) {
    const row = [d.list[0][e], d.list[1][e], st.control + 4 * d.count[0][e], st.control + 4 * d.count[1][e], d.offsets[e], d.targets[e], d.acc[e]];
    row.forEach((x, i) => v.entries.setInt32(ENTRY_BYTES * e + 4 * i, x, true));
    v.entries.setFloat64(ENTRY_BYTES * e + 32, d.w[e], true);
  }
  const cw = (i: number) => st.control + 4 * i;
  const n = plan.layout.N;
  const recE = v.address(3 * (CHUNK + 1));
  const header = [
    d.w.length, s.at + HEADER_BYTES, plan.layout.gaps ? 1 : 0, st.VE, st.VI, st.accE, st.accI, n, 0, st.outE[0], st.outE[1], st.outI[0], st.outI[1],
    cw(countWord(0, 0, 0)), cw(countWord(0, 0, 1)), cw(countWord(0, 1, 0)), cw(countWord(0, 1, 1)), st.listX[0], st.listX[1], cw(xCountWord(0)), cw(xCountWord(1)),
    v.address(3 * (CHUNK + 1) + 2 * s.recWords), v.address(0), 0, recE, recE + 4 * s.recWords, s.recWords, 0, 0, v.address(CHUNK + 1), v.address(2 * (CHUNK + 1)), 0,
  ];
  v.words.set(header);
  v.f64.set([plan.decay, plan.vTh, events], 16);
}

/** What the chunked loop needs of a run (see run.ts's RunState). */
export interface ChunkedRun {
  conn: Connectivity;
  plan: RunPlan;
  state: StateLayout;
  x: ExternalSpikes;
  spikesE: SpikeRecord;
  spikesI: SpikeRecord;
}

/**
 * Runs bins 1 .. nBins - 1 of a one-thread run whose bin 0 is closed (its X spikes written), in
 * chunks; calls `report(k)` after bin k when k is a multiple of `progressBins`, and ends the run
 * there when it returns true.
 * @returns the synaptic events delivered (also written to the run's events word).
 */
export function runChunked(k: KernelExports, run: ChunkedRun, progressBins: number, report: (bin: number) => boolean): number {
  const { conn, plan, state, x } = run;
  const entries = deliveries(plan, state, 0).w.length;
  let s = scratchFor(conn, state.control, entries, x.list.length);
  let v = views(conn.memory.buffer, s);
  writeHeader(v, s, plan, state, 0);
  let copied = -1;
  for (let bin = 1; bin < plan.nBins; ) {
    if (bin >= x.end) x.advance();
    if (x.start !== copied) {
      const grown = scratchFor(conn, state.control, entries, x.binOff[x.end - x.start]);
      if (grown !== s) {
        const events = v.f64[18];
        [s, v] = [grown, views(conn.memory.buffer, grown)];
        writeHeader(v, s, plan, state, events);
      }
      v.x.set(x.list.subarray(0, x.binOff[x.end - x.start]));
      v.xOff.set(x.binOff.subarray(0, x.end - x.start + 1));
      v.words[23] = copied = x.start;
    }
    const limit = Math.min(plan.nBins, x.end, Math.ceil(bin / progressBins) * progressBins + 1);
    v.words[31] = bin;
    v.words[27] = v.words[28] = 0;
    const reached = k.bins(s.at, bin, limit);
    run.spikesE.appendBins(v.recE, v.perBinE, bin, reached);
    run.spikesI.appendBins(v.recI, v.perBinI, bin, reached);
    bin = reached;
    if ((reached - 1) % progressBins === 0 && report(reached - 1)) break;
  }
  const events = v.f64[18];
  new Float64Array(conn.memory.buffer, state.control, eventsWord(1))[eventsWord(0)] = events;
  return events;
}
