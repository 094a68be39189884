/**
 * Internal to the network simulator (not re-exported from the package): one thread's share of a
 * run (the postsynaptic neurons of a range of parts), driving the WebAssembly loops of kernel.wat
 * over the shared memory that holds the connectivity and the run state, and the run states of a
 * connectivity (one per concurrent run).
 */
import type { Connectivity } from "./connectivity";
import { ABORT, countWord, eventsWord, GO, stateBytes, stateLayout, type ConnectivityLayout, type StateLayout } from "./connectivity-layout";
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
 * and the spikes are the same bit for bit whatever the number of threads.
 */
export class ThreadKernel {
  readonly ctrl: Int32Array;
  readonly events: Float64Array;
  readonly state: StateLayout;
  private readonly range: { start: number; n: number; p0: number; p1: number };
  private readonly starts: number[];
  /** Synaptic events delivered by this thread so far. */
  total = 0;

  constructor(
    private readonly k: KernelExports,
    memory: WasmMemory,
    private readonly plan: RunPlan,
    private readonly t: number,
  ) {
    this.state = stateLayout(plan.layout.N, plan.stateAt);
    this.ctrl = new Int32Array(memory.buffer, this.state.control, 2 * eventsWord(0));
    this.events = new Float64Array(memory.buffer, this.state.control, eventsWord(plan.threads));
    this.range = threadRange(plan, t);
    this.starts = Array.from({ length: plan.threads }, (_, s) => threadRange(plan, s).start);
  }

  /**
   * Bin k (>= 1): deliveries of bin k - 1's spikes, then the step. `afterSource(b)` is called
   * after the deliveries from source b (0 = E, 1 = I, 2 = X), for the input recordings.
   */
  bin(k: number, afterSource?: (b: number) => void): void {
    const { state, plan, ctrl } = this;
    const src = (k - 1) & 1;
    for (let b = 0; b < 3; b++) {
      for (let a = 0; a < 2; a++) this.deliverSource(a, b, src);
      afterSource?.(b);
    }
    const { start, n } = this.range;
    const dst = k & 1;
    ctrl[countWord(this.t, 0, dst)] = this.k.step(state.VE + 8 * start, state.accE + 8 * start, n, plan.decay, plan.vTh, state.outE[dst] + 4 * start, start);
    ctrl[countWord(this.t, 1, dst)] = this.k.step(state.VI + 8 * start, state.accI + 8 * start, n, plan.decay, plan.vTh, state.outI[dst] + 4 * start, start);
    this.events[eventsWord(this.t)] = this.total;
  }

  /** Delivers the spikes of source b (bin parity src) onto post population a, part by part of this thread. */
  private deliverSource(a: number, b: number, src: number): void {
    const { state, plan, ctrl } = this;
    const { parts, partStart, offsetsAt, targetsAt } = plan.layout;
    const q = a * 3 + b;
    const w = plan.w[q];
    const acc = a === 0 ? state.accE : state.accI;
    for (let p = this.range.p0; p < this.range.p1; p++) {
      const u = q * parts + p;
      const at = acc + 8 * partStart[p];
      if (b === 2) {
        this.total += this.k.deliver16(state.listX[src], ctrl[xCountWord(src)], offsetsAt[u], targetsAt[u], at, w);
        continue;
      }
      const list = b === 0 ? state.outE[src] : state.outI[src];
      for (let s = 0; s < plan.threads; s++) {
        const count = ctrl[countWord(s, b, src)];
        if (count > 0) this.total += this.k.deliver16(list + 4 * this.starts[s], count, offsetsAt[u], targetsAt[u], at, w);
      }
    }
  }
}

/**
 * Waits until Int32 word `index` of `ctrl` is at least `atLeast`: a short spin (the other
 * threads usually finish a bin within microseconds of each other), then Atomics.wait in slices
 * of 100 ms. Returns false if the run was aborted (ABORT word set) or `deadlineMs` passed.
 */
export function awaitWord(ctrl: Int32Array, index: number, atLeast: number, deadlineMs: number): boolean {
  for (let spin = 0; spin < 2000; spin++) if (Atomics.load(ctrl, index) >= atLeast) return true;
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const v = Atomics.load(ctrl, index);
    if (v >= atLeast) return true;
    if (Atomics.load(ctrl, ABORT) !== 0 || Date.now() > deadline) return false;
    Atomics.wait(ctrl, index, v, 100);
  }
}

/** Sets Int32 word `index` to `value` and wakes the threads waiting on it. */
export function publishWord(ctrl: Int32Array, index: number, value: number): void {
  Atomics.store(ctrl, index, value);
  Atomics.notify(ctrl, index);
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
