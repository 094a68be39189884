import { buildConnectivity, Connectivity } from "./connectivity";
import { countWord, eventsWord } from "./connectivity-layout";
import { ExternalSpikes } from "./external";
import { acquireState, threadRange, ThreadKernel, xCountWord, type RunPlan } from "./kernel";
import { NetworkParams } from "./params";
import { InputProbe, SpikeRecord, VoltageProbe } from "./recording";
import { parseSimulationOptions, type RunSetup, type SimulationOptions } from "./simulation-options";
import { threadCount, ThreadTeam } from "./threads";
import { instantiate, kernelModuleOnce } from "./wasm";
import { deriveSeed, Rng } from "../core/rng";
import { SpikeTrains } from "../spikes/spike-trains";

export { maxRecordedSamples, type NeuronSelection, type SimulationOptions } from "./simulation-options";

/** V traces of selected neurons. */
export interface VoltageTraces {
  /** The recorded neurons (indices within their population). */
  neurons: Uint32Array;
  /** One trace per neuron: V in bin k (after threshold and reset), length nBins. */
  traces: Float64Array[];
}

/** Input of selected neurons split by source population: `E[n][k]` is the input from E to neuron n in bin k. */
export interface InputTraces {
  /** The recorded neurons (indices within their population). */
  neurons: Uint32Array;
  /** Input from E per neuron, length nBins each (dimensionless, same units as V). */
  E: Float64Array[];
  /** Input from I per neuron (<= 0). */
  I: Float64Array[];
  /** Input from X per neuron. */
  X: Float64Array[];
}

/** The result of {@link simulateNetwork}. */
export interface NetworkRun {
  /** The validated parameters of the run. */
  params: NetworkParams;
  /** Number of bins, duration / dt. */
  nBins: number;
  /** Spikes of the E neurons. */
  E: SpikeTrains;
  /** Spikes of the I neurons. */
  I: SpikeTrains;
  /** Spikes of the X neurons, when `recordX` was set. */
  X?: SpikeTrains;
  /** V traces, when `recordV` was given. */
  v?: { E?: VoltageTraces; I?: VoltageTraces };
  /** Input split by source, when `recordInput` was given. */
  input?: { E?: InputTraces; I?: InputTraces };
  /** Population rates per bin (Hz): spikes in the bin / (N dt), when `recordPopulationRate` was set. */
  populationRate?: { E: Float64Array; I: Float64Array };
  /** The connectivity used. */
  connectivity: Connectivity;
  /** Number of synaptic events delivered (spikes times out-degree, summed). */
  synapticEvents: number;
  /** Wall time of the simulation loop, without building the connectivity (s). */
  simulationSeconds: number;
  /** Wall time spent building the connectivity (s), 0 when one was passed in. */
  connectivitySeconds: number;
  /** Threads the simulation ran on. */
  threads: number;
  /** Warnings about the parameters, e.g. a J without a positive balanced solution (also printed once per process with console.warn). */
  warnings: string[];
}


/** Everything a run holds between its set-up and its result. */
interface RunState {
  setup: RunSetup;
  conn: Connectivity;
  connectivitySeconds: number;
  plan: RunPlan;
  kern: ThreadKernel;
  team: ThreadTeam | undefined;
  release: () => void;
  x: ExternalSpikes;
  listX: [Uint32Array, Uint32Array];
  outE: [Uint32Array, Uint32Array];
  outI: [Uint32Array, Uint32Array];
  spikesE: SpikeRecord;
  spikesI: SpikeRecord;
  probes: { vE: VoltageProbe; vI: VoltageProbe; inE: InputProbe; inI: InputProbe };
}

/** The connectivity of the run (built, and timed, unless one was passed in). */
function connectivityOf(s: RunSetup): { conn: Connectivity; seconds: number } {
  if (s.connectivity) return { conn: s.connectivity, seconds: 0 };
  const t0 = performance.now();
  const conn = buildConnectivity({ N: s.p.N, K: s.p.K, seed: deriveSeed(s.seed, "connectivity"), maxBytes: Number.MAX_VALUE }); // checked by parseSimulationOptions
  return { conn, seconds: (performance.now() - t0) / 1e3 };
}

/** The plan shared by the run's threads: parts per thread, weights J_ab / sqrt(K) by block, decay. */
function runPlan(s: RunSetup, conn: Connectivity, stateAt: number): RunPlan {
  const { K, J, JX, dt, tau, vTh } = s.p;
  const threads = s.recordInput.asked ? 1 : threadCount(conn.parts, s.threads);
  const sk = Math.sqrt(K);
  const w = [J[0][0] / sk, J[0][1] / sk, JX[0] / sk, J[1][0] / sk, J[1][1] / sk, JX[1] / sk];
  const partsFrom = Array.from({ length: threads + 1 }, (_, t) => Math.floor((t * conn.parts) / threads));
  return { layout: conn.layout, stateAt, threads, partsFrom, nBins: s.nBins, w, decay: 1 - dt / tau, vTh };
}

/** Set-up: connectivity, run state (V(0), lists, control words), X stream, recordings, threads. */
function setUpRun(setup: RunSetup): RunState {
  const { N, vTh, rX, dt, duration } = setup.p;
  const { conn, seconds } = connectivityOf(setup);
  const { at, release } = acquireState(conn);
  const plan = runPlan(setup, conn, at);
  const mem = conn.memory.buffer;
  const kern = new ThreadKernel(instantiate(kernelModuleOnce(), conn.memory), conn.memory, plan, 0);
  const st = kern.state;
  const VE = new Float64Array(mem, st.VE, N);
  const VI = new Float64Array(mem, st.VI, N);
  if (setup.initialV === "uniform") {
    const rng = new Rng(deriveSeed(setup.seed, "V0"));
    for (let i = 0; i < N; i++) VE[i] = rng.uniform() * vTh;
    for (let i = 0; i < N; i++) VI[i] = rng.uniform() * vTh;
  }
  const u32 = (a: number) => new Uint32Array(mem, a, N);
  const guess = Math.min(2 ** 26, Math.ceil(N * duration * 40) + 4 * N);
  const { recordV: rv, recordInput: ri, nBins } = setup;
  const { w } = plan;
  const run: RunState = {
    setup, conn, connectivitySeconds: seconds, plan, kern, team: undefined, release,
    x: new ExternalSpikes(N, rX * dt, nBins, new Rng(deriveSeed(setup.seed, "X")), setup.recordX),
    listX: [u32(st.listX[0]), u32(st.listX[1])],
    outE: [u32(st.outE[0]), u32(st.outE[1])],
    outI: [u32(st.outI[0]), u32(st.outI[1])],
    spikesE: new SpikeRecord(N, nBins, guess),
    spikesI: new SpikeRecord(N, nBins, guess),
    probes: {
      vE: new VoltageProbe(rv.E, nBins, VE),
      vI: new VoltageProbe(rv.I, nBins, VI),
      inE: new InputProbe(ri.E, nBins, new Float64Array(mem, st.accE, N), [w[0], w[1], w[2]]),
      inI: new InputProbe(ri.I, nBins, new Float64Array(mem, st.accI, N), [w[3], w[4], w[5]]),
    },
  };
  if (plan.threads > 1) run.team = new ThreadTeam(conn.memory, plan, kern.ctrl);
  closeBin(run, 0);
  return run;
}

/** Writes the X spikes of bin k into the shared list of its parity (the threads deliver them in bin k + 1). */
function writeX(run: RunState, k: number): void {
  const { x } = run;
  if (k >= x.end) x.advance();
  const x0 = x.binOff[k - x.start];
  const nX = x.binOff[k + 1 - x.start] - x0;
  run.listX[k & 1].set(x.list.subarray(x0, x0 + nX));
  run.kern.ctrl[xCountWord(k & 1)] = nX;
}

/**
 * Ends bin k once every thread is done with it: collects the spikes of every thread (in thread
 * order, i.e. increasing index), records V, writes the X spikes of bin k and releases bin k to
 * the threads.
 */
function closeBin(run: RunState, k: number): void {
  const { plan, kern, spikesE, spikesI, probes } = run;
  run.team?.waitFor(k);
  for (let t = 0; t < plan.threads && k > 0; t++) {
    const { start } = threadRange(plan, t);
    spikesE.append(run.outE[k & 1], start, kern.ctrl[countWord(t, 0, k & 1)]);
    spikesI.append(run.outI[k & 1], start, kern.ctrl[countWord(t, 1, k & 1)]);
  }
  spikesE.close(k);
  spikesI.close(k);
  probes.vE.record(k);
  probes.vI.record(k);
  if (k + 1 < plan.nBins) writeX(run, k);
  run.team?.publish(k);
}

/** The run loop: bins 1 .. nBins - 1 (thread 0's share, then the end of the bin), with progress reports. */
function runBins(run: RunState): void {
  const { setup, kern, probes } = run;
  const { nBins, progressBins, control } = setup;
  const { dt } = setup.p;
  const afterSource = setup.recordInput.asked
    ? (b: number, k: number) => {
        probes.inE.after(b, k);
        probes.inI.after(b, k);
      }
    : undefined;
  for (let k = 1; k < nBins; k++) {
    kern.bin(k, afterSource && ((b) => afterSource(b, k)));
    closeBin(run, k);
    if (k % progressBins === 0) control.report(k * dt);
  }
}

/** The synaptic events of all threads (each thread's count is in its control word). */
function totalEvents(run: RunState): number {
  let events = 0;
  for (let t = 0; t < run.plan.threads; t++) events += run.kern.events[eventsWord(t)];
  return events;
}

/** Assembles the result: spike trains, the X record, recordings, population rates, timing. */
function assembleResult(run: RunState, simulationSeconds: number): NetworkRun {
  const { setup, x, probes } = run;
  const { N, dt } = setup.p;
  const { nBins, recordV, recordInput } = setup;
  const result: NetworkRun = {
    params: setup.p,
    nBins,
    E: run.spikesE.trains(dt),
    I: run.spikesI.trains(dt),
    connectivity: run.conn,
    synapticEvents: totalEvents(run),
    simulationSeconds,
    connectivitySeconds: run.connectivitySeconds,
    threads: run.plan.threads,
    warnings: setup.warnings,
  };
  if (x.recNeuron && x.recBin) {
    // the X spikes of the last bins are drawn only when needed; draw the rest for the record
    while (x.end < nBins) x.advance();
    result.X = SpikeTrains.fromEvents(N, nBins, dt, x.recNeuron.subarray(0, x.recCount), x.recBin.subarray(0, x.recCount));
  }
  if (recordV.asked) {
    result.v = {};
    if (recordV.askedE) result.v.E = { neurons: recordV.E, traces: probes.vE.traces };
    if (recordV.askedI) result.v.I = { neurons: recordV.I, traces: probes.vI.traces };
  }
  if (recordInput.asked) {
    result.input = {};
    if (recordInput.askedE) result.input.E = { neurons: recordInput.E, ...probes.inE.out };
    if (recordInput.askedI) result.input.I = { neurons: recordInput.I, ...probes.inI.out };
  }
  if (setup.recordPopulationRate) result.populationRate = { E: run.spikesE.rate(dt), I: run.spikesI.rate(dt) };
  return result;
}

/** Warnings already printed by this process (each is printed once). */
const printed = new Set<string>();

/**
 * Simulates the SPEC's E/I/X network (Model section, task 5.2): N E and N I leaky
 * integrate-and-fire neurons and N external Poisson neurons X at rate rX, each E and I neuron
 * with K partners in each population and weights J_ab / sqrt(K).
 *
 * The rule, per bin k = 1 .. nBins - 1 (forward Euler, delta synapses with a one-bin delay):
 *
 *     input_i(k) = sum over the spikes of bin k - 1 of J_ab / sqrt(K)
 *     V_i(k) = V_i(k - 1) * (1 - dt/tau) + input_i(k)
 *     if V_i(k) > vTh (strictly): neuron i spikes in bin k and V_i(k) = 0.
 *
 * A spike in bin k - 1 thus moves its targets' V in bin k. X neurons spike in each bin
 * independently with probability rX dt (a Bernoulli process drawn by geometric gaps, cost
 * proportional to its spikes). V(0) is 0 (or uniform in [0, vTh) with `initialV: "uniform"`),
 * so nobody spikes in bin 0.
 *
 * Summation order (fixed, so that near-ties V ~ vTh resolve reproducibly): a neuron's input for
 * the bin is summed in an accumulator starting at 0, adding one J_ab / sqrt(K) per presynaptic
 * spike, first the E spikes of bin k - 1 in increasing neuron index, then the I spikes, then the
 * X spikes; then V = (V * (1 - dt/tau)) + input, rounded in that order (no fused multiply-add).
 *
 * Algorithm: spikes are delivered through the outgoing CSR rows of {@link Connectivity} (work
 * proportional to synaptic events), then one sequential pass over the 2N neurons applies decay,
 * input, threshold and reset. The pass over all neurons is kept because every neuron receives
 * input in most bins: K (rE + rI + rX) dt is about 0.6 events per bin at the defaults (so about
 * 45% of neurons are touched in each bin) and 6 at K = 1000; a touched-neurons-only variant with
 * lazy decay was not faster, since its bookkeeping costs as much per event as the dense pass per
 * neuron. Both loops run in WebAssembly (network/kernel.wat: the pass two neurons per f64x2 SIMD
 * operation, a multiply then an add, so the arithmetic and the spikes are exactly those of the
 * rule above), over the connectivity's own shared memory, which also holds the run's state (no
 * copy). Memory: the connectivity (about 2 bytes per synapse), plus 4 bytes per recorded spike;
 * estimated before anything is allocated and refused past the limit (`maxBytes`, or the
 * environment variable EI_BALANCE_MAX_BYTES; default 2e9 bytes).
 *
 * Threads: for large networks (N K >= 2^21) the run uses one thread per core by default (see
 * `threads`). Each thread owns a range of postsynaptic neurons (parts of the connectivity); in
 * every bin it delivers all the spikes of the previous bin, in the order above, onto its own
 * neurons only, then steps them; the calling thread then collects the spikes and releases the
 * next bin. Every accumulator receives its additions in the same order as in one thread, so the
 * spikes are the same, bit for bit, for any number of threads.
 *
 * A J without a positive balanced solution, or a singular J, is simulated (a simulation may
 * explore it) with a warning in `run.warnings`, printed once per process (console.warn).
 *
 * Seeds: connectivity from `deriveSeed(seed, "connectivity")` (unless one is passed), X spikes
 * from `deriveSeed(seed, "X")`, initial V from `deriveSeed(seed, "V0")`. The same seed gives the
 * same spikes, bit for bit.
 *
 * @example
 * const run = simulateNetwork({ seed: 1 });               // SPEC defaults, 2 s
 * meanRates(run, { transient: 0.2 });                      // ~ { E: { mean: 29.4, ... }, I: { mean: 20.4, ... } }
 * @param options parameters (units in {@link NetworkParams}), seed and opt-in recordings.
 * @returns spikes of E and I (and X if asked), recordings, and timing.
 * @throws ParameterError for invalid parameters (see {@link networkParams}), a connectivity whose
 *   N or K differs from the parameters, neuron indices out of range, an unknown initialV, threads
 *   not an integer in [1, 64], recordings above {@link maxRecordedSamples} values, or a run whose
 *   memory (connectivity, spikes, recordings) exceeds the limit; CancelledError when `signal` is
 *   aborted.
 */
export function simulateNetwork(options: SimulationOptions): NetworkRun {
  const setup = parseSimulationOptions(options);
  for (const w of setup.warnings) {
    if (!printed.has(w)) console.warn(`simulateNetwork: ${w}`);
    printed.add(w);
  }
  const run = setUpRun(setup);
  const t0 = performance.now();
  try {
    runBins(run);
  } catch (e) {
    run.team?.stop(); // the run state stays reserved: a thread may still be finishing its bin
    throw e;
  }
  run.team?.stop();
  run.release();
  const simulationSeconds = (performance.now() - t0) / 1e3;
  setup.control.report(setup.p.duration);
  return assembleResult(run, simulationSeconds);
}
