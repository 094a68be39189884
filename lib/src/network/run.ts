/**
 * Internal to the network simulator (not re-exported from the package): a run of
 * {@link simulateNetwork} from its parsed options, in named steps (set-up of the state and the
 * recordings, the run loop, the result). The options are validated once, by
 * parseSimulationOptions; everything here trusts them.
 */
import { runChunked } from "./chunked";
import { buildConnectivity, Connectivity } from "./connectivity";
import { countWord, eventsWord } from "./connectivity-layout";
import { ExternalSpikes } from "./external";
import { acquireState, threadRange, ThreadKernel, xCountWord, type RunPlan } from "./kernel";
import { InputProbe, SpikeRecord, VoltageProbe } from "./recording";
import type { RunSetup } from "./simulation-options";
import type { NetworkRun } from "./simulate";
import { threadChoice, ThreadTeam, ThreadTrial, type ThreadChoice } from "./threads";
import { instantiate, kernelModuleOnce } from "./wasm";
import { deriveSeed, Rng } from "../core/rng";
import { SpikeTrains } from "../spikes/spike-trains";
import { warnOnce } from "../core/warnings";

/** Everything a run holds between its set-up and its result. */
interface RunState {
  setup: RunSetup;
  conn: Connectivity;
  connectivitySeconds: number;
  plan: RunPlan;
  /** First neuron of each thread's range. */
  starts: number[];
  kern: ThreadKernel;
  team: ThreadTeam | undefined;
  /** The thread choice, and the measured start of the run when the choice asks for one (threads.ts). */
  choice: ThreadChoice;
  trial: ThreadTrial | undefined;
  release: () => void;
  x: ExternalSpikes;
  listX: [Uint32Array, Uint32Array];
  outE: [Uint32Array, Uint32Array];
  outI: [Uint32Array, Uint32Array];
  spikesE: SpikeRecord;
  spikesI: SpikeRecord;
  probes: { vE: VoltageProbe; vI: VoltageProbe; inE: InputProbe; inI: InputProbe };
  /** Bins of the run: nBins, or fewer when stopWhen ended it. */
  bins: number;
  /** The spikes per bin handed to stopWhen (when given), filled up to bin `counted` - 1. */
  binCounts: { E: Uint32Array; I: Uint32Array } | undefined;
  counted: number;
}

/** The connectivity of the run (built, and timed, unless one was passed in). */
function connectivityOf(s: RunSetup): { conn: Connectivity; seconds: number } {
  if (s.connectivity) return { conn: s.connectivity, seconds: 0 };
  const t0 = performance.now();
  // the budget was checked by parseSimulationOptions; one thread asked for the run, one for its build
  const conn = buildConnectivity({ N: s.p.N, K: s.p.K, seed: deriveSeed(s.seed, "connectivity"), maxBytes: Number.MAX_VALUE, threads: s.threads });
  return { conn, seconds: (performance.now() - t0) / 1e3 };
}

/** The plan shared by the run's `threads` threads: parts per thread, weights J_ab / sqrt(K) by block, decay. */
function runPlan(s: RunSetup, conn: Connectivity, stateAt: number, threads: number): RunPlan {
  const { K, J, JX, dt, tau, vTh } = s.p;
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
  const choice = threadChoice(conn.parts, setup.threads, setup.recordInput.asked);
  const plan = runPlan(setup, conn, at, choice.threads);
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
    setup, conn, connectivitySeconds: seconds, plan, starts: Array.from({ length: plan.threads }, (_, t) => threadRange(plan, t).start), kern, team: undefined, choice, trial: undefined, release,
    x: new ExternalSpikes(N, rX * dt, nBins, deriveSeed(setup.seed, "X"), setup.recordX),
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
    bins: nBins,
    binCounts: setup.stopWhen && { E: new Uint32Array(nBins), I: new Uint32Array(nBins) },
    counted: 0,
  };
  if (plan.threads > 1) run.team = new ThreadTeam(conn.memory, plan, kern.ctrl);
  if (plan.threads > 1 && choice.measure) run.trial = new ThreadTrial(kern.ctrl, plan.threads, plan.nBins);
  closeBin(run, 0);
  return run;
}

/** Writes the X spikes of bin k into the shared list of its parity (the threads deliver them in bin k + 1). */
function writeX(run: RunState, k: number): void {
  const { x } = run;
  if (k >= x.end) x.advance();
  const x0 = x.binOff[k - x.start];
  const nX = x.binOff[k + 1 - x.start] - x0;
  const list = run.listX[k & 1];
  for (let s = 0; s < nX; s++) list[s] = x.list[x0 + s];
  run.kern.ctrl[xCountWord(k & 1)] = nX;
}

/**
 * Ends bin k: writes the X spikes of bin k (the threads read them in bin k + 1, and read the other
 * parity's list in bin k), waits until every thread is done with bin k, records V and releases
 * bin k to the threads; then, while they run bin k + 1, collects bin k's spikes of every thread
 * (in thread order, i.e. increasing index): a thread overwrites that list only in bin k + 2,
 * after the next release. So the calling thread's bookkeeping is off the other threads' path.
 */
function closeBin(run: RunState, k: number): void {
  const { plan, spikesE, spikesI, probes } = run;
  if (k + 1 < plan.nBins) writeX(run, k);
  run.team?.waitFor(k);
  probes.vE.record(k);
  probes.vI.record(k);
  const verdict = run.trial?.verdict(k);
  if (verdict) run.choice = { ...run.choice, reason: `${run.choice.reason}; ${verdict.reason}` };
  if (verdict?.dropToOne) dropToOneThread(run, k);
  run.team?.publish(k);
  for (let t = 0; t < run.plan.threads && k > 0; t++) {
    const start = run.starts[t];
    spikesE.append(run.outE[k & 1], start, run.kern.ctrl[countWord(t, 0, k & 1)]);
    spikesI.append(run.outI[k & 1], start, run.kern.ctrl[countWord(t, 1, k & 1)]);
  }
  spikesE.close(k);
  spikesI.close(k);
}

/**
 * Continues a run on one thread after bin k (every thread done with it, bin k not yet
 * published): stops the workers, moves every thread's spikes of bin k behind thread 0's (they
 * follow in neuron order, so the lists are those of a one-thread run), and gives thread 0 the
 * plan and the deliveries of every part, with the events delivered so far.
 */
function dropToOneThread(run: RunState, k: number): void {
  const { plan, kern, conn } = run;
  run.team?.stop();
  run.team = undefined;
  const lists = [run.outE[k & 1], run.outI[k & 1]];
  for (let a = 0; a < 2; a++) {
    let n = kern.ctrl[countWord(0, a, k & 1)];
    for (let t = 1; t < plan.threads; t++) {
      const c = kern.ctrl[countWord(t, a, k & 1)];
      lists[a].copyWithin(n, run.starts[t], run.starts[t] + c);
      n += c;
    }
    kern.ctrl[countWord(0, a, k & 1)] = n;
  }
  const events = totalEvents(run);
  run.plan = runPlan(run.setup, conn, plan.stateAt, 1);
  run.kern = new ThreadKernel(kern.exports, conn.memory, run.plan, 0);
  run.kern.total = events;
  run.starts = [0];
}

/**
 * The progress report after bin k (a multiple of progressBins), then the stopWhen rule (if any,
 * and not after the last bin) on the spikes per bin of bins 0 .. k; returns whether it ends the
 * run there (which sets the run's bins to k + 1).
 */
function reportAfter(run: RunState, k: number): boolean {
  const { setup, binCounts, spikesE, spikesI } = run;
  setup.control.report(k * setup.p.dt);
  if (!setup.stopWhen || !binCounts || k + 1 >= setup.nBins) return false;
  for (let b = run.counted; b <= k; b++) {
    binCounts.E[b] = spikesE.offsets[b + 1] - spikesE.offsets[b];
    binCounts.I[b] = spikesI.offsets[b + 1] - spikesI.offsets[b];
  }
  run.counted = k + 1;
  if (setup.stopWhen(binCounts, k + 1) !== true) return false;
  run.bins = k + 1;
  return true;
}

/** The run loop: bins 1 .. nBins - 1 (thread 0's share, then the end of the bin), with progress reports; a run that stopWhen ends waits for its threads to finish the bin they started. */
function runBins(run: RunState): void {
  const { setup, probes } = run;
  const { nBins, progressBins } = setup;
  const afterSource = setup.recordInput.asked
    ? (b: number, k: number) => {
        probes.inE.after(b, k);
        probes.inI.after(b, k);
      }
    : undefined;
  for (let k = 1; k < nBins; k++) {
    const t0 = run.trial && !run.trial.decided ? performance.now() : 0;
    run.kern.bin(k, afterSource && ((b) => afterSource(b, k)));
    if (t0) run.trial!.addWork(performance.now() - t0);
    closeBin(run, k);
    if (k % progressBins === 0 && reportAfter(run, k)) {
      run.team?.waitFor(k + 1);
      return;
    }
  }
}

/**
 * Whether the run loop can go in chunks of bins inside WebAssembly ({@link runChunked}): one
 * thread and no V or input recording (those read the state after every bin).
 */
function chunkable(run: RunState): boolean {
  return run.plan.threads === 1 && !run.setup.recordV.asked && !run.setup.recordInput.asked;
}

/** The run loop in chunks (see {@link runChunked}), with the same progress reports (and stops) as {@link runBins}. */
function runChunks(run: RunState): void {
  runChunked(run.kern.exports, { conn: run.conn, plan: run.plan, state: run.kern.state, x: run.x, spikesE: run.spikesE, spikesI: run.spikesI },
    run.setup.progressBins, (k) => reportAfter(run, k));
}

/** The synaptic events of all threads (each thread's count is in its control word). */
function totalEvents(run: RunState): number {
  let events = 0;
  for (let t = 0; t < run.plan.threads; t++) events += run.kern.events[eventsWord(t)];
  return events;
}

/** Assembles the result: spike trains, the X record, recordings, population rates, timing. */
function assembleResult(run: RunState, simulationSeconds: number, simulationCpuSeconds: number): NetworkRun {
  const { setup, x, probes } = run;
  const { N, dt } = setup.p;
  const { nBins, recordV, recordInput } = setup;
  const result: NetworkRun = {
    params: setup.p,
    nBins: run.bins,
    stopped: run.bins < nBins,
    E: run.spikesE.trains(dt, run.bins),
    I: run.spikesI.trains(dt, run.bins),
    connectivity: run.conn,
    synapticEvents: totalEvents(run),
    simulationSeconds,
    simulationCpuSeconds,
    connectivitySeconds: run.connectivitySeconds,
    threads: run.plan.threads,
    threadReason: run.trial && !run.trial.decided ? `${run.choice.reason}; the run ended before its start was measured` : run.choice.reason,
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
  if (setup.recordPopulationRate) result.populationRate = { E: run.spikesE.rate(dt, run.bins), I: run.spikesI.rate(dt, run.bins) };
  return result;
}

/**
 * Runs a simulation from its parsed options (see {@link simulateNetwork}): prints each new
 * warning once, sets up, runs the bins and assembles the result.
 */
export function runParsed(setup: RunSetup): NetworkRun {
  for (const w of setup.warnings) warnOnce(`simulateNetwork: ${w}`);
  const run = setUpRun(setup);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  try {
    if (chunkable(run)) runChunks(run);
    else runBins(run);
  } catch (e) {
    run.team?.stop(); // the run state stays reserved: a thread may still be finishing its bin
    throw e;
  }
  run.team?.stop();
  run.release();
  const simulationSeconds = (performance.now() - t0) / 1e3;
  const cpu = process.cpuUsage(cpu0);
  setup.control.report(setup.p.duration);
  return assembleResult(run, simulationSeconds, (cpu.user + cpu.system) / 1e6);
}
