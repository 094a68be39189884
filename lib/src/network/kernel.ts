/**
 * Internal to the network simulator (not re-exported from the package): one thread's share of a
 * run (the postsynaptic neurons of a range of parts), driving the WebAssembly loops of kernel.wat
 * over the shared memory that holds the connectivity and the run state, and the run states of a
 * connectivity (one per concurrent run).
 */
import type { Connectivity } from "./connectivity";
import { ABORT, busyWord, countWord, eventsWord, GO, MAX_THREADS, stateBytes, stateLayout, type ConnectivityLayout, type StateLayout } from "./connectivity-layout";
import { awaitWord } from "./shared-words";
import { PAGE_BYTES, type KernelExports, type WasmMemory } from "./wasm";

/** What every thread of a run needs to know (plain data: it is sent to the worker threads). */
export interface RunPlan {
  layout: ConnectivityLayout;
  /** Address of the run state. */
  stateAt: number;
  /** Number of threads; thread t owns parts [partsFrom[t], partsFrom[t + 1]). */
  threads: number;
  partsFrom: number[];
  nBins: number;
  /** Weights J_ab / sqrt(K) by block: E<-E, E<-I, E<-X, I<-E, I<-I, I<-X. */
  w: number[];
  decay: number;
  vTh: number;
}

/** Int32 index of the X spike count of bins of parity `parity`. */
export const xCountWord = (parity: number): number => 2 + parity;

/** The parts of thread t's neurons: first neuron, neurons, and the range of parts. */
export function threadRange(plan: RunPlan, t: number): { start: number; n: number; p0: number; p1: number } {
  const { partStart } = plan.layout;
  const p0 = plan.partsFrom[t];
  const p1 = plan.partsFrom[t + 1];
  return { start: partStart[p0], n: partStart[p1] - partStart[p0], p0, p1 };
}

/**
 * One thread's share of every bin: it delivers the spikes of bin k - 1 (every thread's E list in
 * thread order, i.e. increasing neuron index, then I, then X) onto the accumulators of its own
 * neurons only, then applies the Euler step to its own neurons and writes their spikes of bin k.
 * Each accumulator thus receives its additions in the order of the one-thread run, so the sums
 * and the spikes are the same bit for bit whatever the number of threads. (Within one source
 * every addition adds the same weight, so only the order of the sources E, I, X could change a
 * sum; the thread order is kept anyway.)
 */
export class ThreadKernel {
  readonly ctrl: Int32Array;
  readonly events: Float64Array;
  readonly state: StateLayout;
  /** This thread's deliveries, in order: by bin parity, the spike list and its count word; then row pointers, encoded targets, accumulators, weight. */
  private readonly program: Delivery;
  private readonly step: { V: [number, number]; acc: [number, number]; n: number; out: [[number, number], [number, number]]; start: number };
  /** The delivery loop of the layout's storage of targets: byte gaps or u16 indices. */
  private readonly deliver: KernelExports["deliver"];
  /** Synaptic events delivered by this thread so far. */
  total = 0;

  constructor(
    readonly exports: KernelExports,
    memory: WasmMemory,
    private readonly plan: RunPlan,
    private readonly t: number,
  ) {
    this.state = stateLayout(plan.layout.N, plan.stateAt);
    this.ctrl = new Int32Array(memory.buffer, this.state.control, busyWord(MAX_THREADS));
    this.events = new Float64Array(memory.buffer, this.state.control, eventsWord(plan.threads));
    this.program = deliveries(plan, this.state, t);
    this.deliver = plan.layout.gaps ? exports.deliver : exports.deliver16;
    const { start, n } = threadRange(plan, t);
    const st = this.state;
    this.step = { V: [st.VE + 8 * start, st.VI + 8 * start], acc: [st.accE + 8 * start, st.accI + 8 * start], n, out: [[st.outE[0] + 4 * start, st.outE[1] + 4 * start], [st.outI[0] + 4 * start, st.outI[1] + 4 * start]], start };
  }

  /**
   * Bin k (>= 1): deliveries of bin k - 1's spikes, then the step. `afterSource(b)` is called
   * after the deliveries from source b (0 = E, 1 = I, 2 = X), for the input recordings.
   */
  bin(k: number, afterSource?: (b: number) => void): void {
    const { ctrl, program: d, plan, step } = this;
    const src = (k - 1) & 1;
    const lists = d.list[src];
    const counts = d.count[src];
    for (let e = 0; e < d.w.length; e++) {
      const count = ctrl[counts[e]];
      if (count > 0) this.total += this.deliver(lists[e], count, d.offsets[e], d.targets[e], d.acc[e], d.w[e]);
      if (afterSource && d.sourceEnds[e] >= 0) afterSource(d.sourceEnds[e]);
    }
    const dst = k & 1;
    for (let a = 0; a < 2; a++) ctrl[countWord(this.t, a, dst)] = this.exports.step(step.V[a], step.acc[a], step.n, plan.decay, plan.vTh, step.out[a][dst], step.start);
    this.events[eventsWord(this.t)] = this.total;
  }
}

/** A thread's deliveries of one bin, entry by entry (see {@link deliveries}). */
export interface Delivery {
  list: [Int32Array, Int32Array];
  count: [Int32Array, Int32Array];
  offsets: Int32Array;
  targets: Int32Array;
  acc: Int32Array;
  w: Float64Array;
  /** b after the last entry of source b (0 = E, 1 = I, 2 = X), else -1. */
  sourceEnds: Int32Array;
}

/**
 * The deliveries of thread t in every bin, in the order of the rule: source E (every thread's
 * list, in thread order), then I, then X; for each, onto E then I, part by part of this thread.
 */
export function deliveries(plan: RunPlan, state: StateLayout, t: number): Delivery {
  const { parts, partStart, offsetsAt, targetsAt } = plan.layout;
  const { p0, p1 } = threadRange(plan, t);
  const rows: number[][] = [];
  for (let b = 0; b < 3; b++) {
    for (let a = 0; a < 2; a++) {
      const q = a * 3 + b;
      for (let p = p0; p < p1; p++) {
        const u = q * parts + p;
        const at = (a === 0 ? state.accE : state.accI) + 8 * partStart[p];
        const lists = b === 2 ? [-1] : Array.from({ length: plan.threads }, (_, s) => s);
        for (const s of lists) {
          const list = (src: number) => (b === 2 ? state.listX[src] : (b === 0 ? state.outE : state.outI)[src] + 4 * threadRange(plan, s).start);
          const count = (src: number) => (b === 2 ? xCountWord(src) : countWord(s, b, src));
          rows.push([list(0), list(1), count(0), count(1), offsetsAt[u], targetsAt[u], at, plan.w[q], -1]);
        }
      }
    }
    rows[rows.length - 1][8] = b;
  }
  const col = (c: number) => Int32Array.from(rows, (r) => r[c]);
  return { list: [col(0), col(1)], count: [col(2), col(3)], offsets: col(4), targets: col(5), acc: col(6), w: Float64Array.from(rows, (r) => r[7]), sourceEnds: col(8) };
}

/**
 * Waits until Int32 word `index` of a run's control words `ctrl` is at least `atLeast`: a short
 * spin (the other threads usually finish a bin within microseconds of each other), then
 * Atomics.wait in slices of 100 ms. Returns false if the run was aborted (ABORT word set) or
 * `deadlineMs` passed.
 */
export function awaitRunWord(ctrl: Int32Array, index: number, atLeast: number, deadlineMs: number): boolean {
  return awaitWord(ctrl, index, atLeast, { deadlineMs, giveUp: () => Atomics.load(ctrl, ABORT) !== 0, spins: 2000 });
}

/** Run-state addresses of each connectivity, with the ones in use (a run started from another run's progress callback takes another). */
const states = new WeakMap<Connectivity, { at: number; busy: boolean }[]>();

/**
 * A run state of the connectivity, zeroed, with GO = -1 (bin 0 not yet published): the one
 * reserved by the build, or a new one (the memory grows) when every one is in use.
 * @returns the state's address and a function releasing it.
 */
export function acquireState(conn: Connectivity): { at: number; release: () => void } {
  let list = states.get(conn);
  if (!list) states.set(conn, (list = [{ at: conn.layout.stateAt, busy: false }]));
  let entry = list.find((e) => !e.busy);
  if (!entry) {
    const bytes = stateBytes(conn.N);
    const pages = Math.ceil(bytes / PAGE_BYTES);
    entry = { at: conn.memory.grow(pages) * PAGE_BYTES, busy: false };
    list.push(entry);
  }
  new Uint8Array(conn.memory.buffer, entry.at, stateBytes(conn.N)).fill(0);
  const st = stateLayout(conn.N, entry.at);
  new Int32Array(conn.memory.buffer, st.control, 1)[GO] = -1;
  const e = entry;
  e.busy = true;
  return { at: e.at, release: () => (e.busy = false) };
}
