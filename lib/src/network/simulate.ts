import { buildConnectivity, Connectivity } from "./connectivity";
import { acquireKernel } from "./kernel";
import { NetworkParams, networkParams } from "./params";
import { deriveSeed, Rng } from "../core/rng";
import { SpikeTrains } from "../spikes/spike-trains";
import { binCount } from "../core/time-bins";
import { checkNumber, checkSeed, invalid } from "../core/validate";

/** Neuron indices (within E and within I) for an opt-in recording. */
export interface NeuronSelection {
  /** Indices of E neurons, each in [0, N). */
  E?: ArrayLike<number>;
  /** Indices of I neurons, each in [0, N). */
  I?: ArrayLike<number>;
}

/** Options of {@link simulateNetwork}. */
export interface SimulationOptions {
  /** Model parameters; missing fields take the SPEC's defaults (see {@link NetworkParams}). */
  params?: Partial<NetworkParams>;
  /** Seed of the run: connectivity, X spikes and initial V use independent sub-streams of it. */
  seed: number | string;
  /**
   * A connectivity to reuse (from {@link buildConnectivity}, same N and K as `params`); by default
   * one is built from `deriveSeed(seed, "connectivity")`.
   */
  connectivity?: Connectivity;
  /**
   * Initial membrane potentials: `"zero"` (default, the SPEC's V(0) = 0) or `"uniform"`, drawn
   * independently and uniformly in [0, vTh) from `deriveSeed(seed, "V0")`. From V = 0 a large part
   * of the network fires together within the first milliseconds (a synchronous burst with echoes).
   */
  initialV?: "zero" | "uniform";
  /** Also return the spikes of the X neurons (default false). */
  recordX?: boolean;
  /** Record V (after threshold and reset) in every bin for these neurons. */
  recordV?: NeuronSelection;
  /**
   * Record the input of these neurons split by source population: in bin k, the input from b is
   * (J_ab / sqrt(K)) times the number of their partners in b that spiked in bin k - 1.
   */
  recordInput?: NeuronSelection;
  /** Record the population rate of E and I in every bin (Hz), default false. */
  recordPopulationRate?: boolean;
  /** Called as the run advances, with simulated seconds done and the total (s). */
  onProgress?: (doneSeconds: number, totalSeconds: number) => void;
  /** Simulated time between two progress calls (s); default 0.1. */
  progressInterval?: number;
}

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
}

/** Largest number of recorded samples (V and input traces) per run: 2^25 values (256 MB). */
export const maxRecordedSamples = 2 ** 25;

function grow(a: Uint32Array, need: number): Uint32Array {
  if (need <= a.length) return a;
  const g = new Uint32Array(Math.max(need, a.length * 2));
  g.set(a);
  return g;
}

/** Time-major spike lists (bin offsets and neuron indices) to neuron-major SpikeTrains. */
function toTrains(n: number, nBins: number, dt: number, binOff: Uint32Array, neuron: Uint32Array, total: number): SpikeTrains {
  const offsets = new Uint32Array(n + 1);
  for (let s = 0; s < total; s++) offsets[neuron[s] + 1]++;
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n);
  const bins = new Uint32Array(total);
  for (let k = 0; k < nBins; k++) {
    for (let s = binOff[k]; s < binOff[k + 1]; s++) bins[fill[neuron[s]]++] = k;
  }
  return new SpikeTrains(n, nBins, dt, offsets, bins);
}

/**
 * The X population: N independent Bernoulli processes (spike probability p = rX dt per bin),
 * drawn gap by gap (geometric gaps, as in {@link poissonTrains}) in chunks of bins, so the cost
 * is proportional to the number of spikes and the memory to one chunk. Within a bin the spikes
 * are listed by increasing neuron index.
 */
class ExternalSpikes {
  static readonly chunk = 1024;
  readonly next: Float64Array;
  list = new Uint32Array(1024);
  readonly binOff = new Uint32Array(ExternalSpikes.chunk + 1);
  private evNeuron = new Uint32Array(1024);
  private evBin = new Uint32Array(1024);
  start = 0;
  end = 0;
  recNeuron: Uint32Array | null;
  recBin: Uint32Array | null;
  recCount = 0;

  constructor(readonly N: number, readonly p: number, readonly nBins: number, private readonly rng: Rng, record: boolean) {
    this.next = new Float64Array(N);
    for (let j = 0; j < N; j++) this.next[j] = rng.geometric(p) - 1;
    this.recNeuron = record ? new Uint32Array(1024) : null;
    this.recBin = record ? new Uint32Array(1024) : null;
  }

  /** Draws the spikes of bins [end, end + chunk) and makes them current. */
  advance(): void {
    const c0 = this.end;
    const c1 = Math.min(this.nBins, c0 + ExternalSpikes.chunk);
    const { next, N, p, rng } = this;
    let m = 0;
    for (let j = 0; j < N; j++) {
      let b = next[j];
      while (b < c1) {
        if (m === this.evNeuron.length) {
          this.evNeuron = grow(this.evNeuron, m + 1);
          this.evBin = grow(this.evBin, m + 1);
        }
        this.evNeuron[m] = j;
        this.evBin[m] = b;
        m++;
        b += rng.geometric(p);
      }
      next[j] = b;
    }
    const off = this.binOff;
    off.fill(0);
    for (let e = 0; e < m; e++) off[this.evBin[e] - c0 + 1]++;
    for (let k = 0; k < c1 - c0; k++) off[k + 1] += off[k];
    this.list = grow(this.list, m);
    const fill = off.slice(0, c1 - c0);
    for (let e = 0; e < m; e++) this.list[fill[this.evBin[e] - c0]++] = this.evNeuron[e];
    if (this.recNeuron && this.recBin) {
      this.recNeuron = grow(this.recNeuron, this.recCount + m);
      this.recBin = grow(this.recBin, this.recCount + m);
      this.recNeuron.set(this.evNeuron.subarray(0, m), this.recCount);
      this.recBin.set(this.evBin.subarray(0, m), this.recCount);
      this.recCount += m;
    }
    this.start = c0;
    this.end = c1;
  }
}

function selection(where: string, name: string, sel: ArrayLike<number> | undefined, N: number): Uint32Array {
  if (sel === undefined) return new Uint32Array(0);
  if (sel === null || typeof sel !== "object" || typeof sel.length !== "number") invalid(where, name, sel, "an array of neuron indices");
  const out = new Uint32Array(sel.length);
  for (let q = 0; q < sel.length; q++) out[q] = checkNumber(where, `${name}[${q}]`, sel[q], { integer: true, min: 0, max: N - 1 });
  return out;
}

function traces(count: number, nBins: number): Float64Array[] {
  const t: Float64Array[] = [];
  for (let q = 0; q < count; q++) t.push(new Float64Array(nBins));
  return t;
}

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
 * neuron. Both loops run in WebAssembly (lib/src/network-kernel.wat: the pass two neurons per
 * f64x2 SIMD operation, a multiply then an add, so the arithmetic and the spikes are exactly
 * those of the rule above), over the run's state and a copy of the connectivity in one memory
 * sized for the run. Memory: the connectivity (about 2 bytes per synapse) and its copy for the
 * run, plus 4 bytes per recorded spike.
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
 * @throws Error for invalid parameters (see {@link networkParams}), a connectivity whose N or K
 *   differs from the parameters or too large for one WebAssembly memory (state and synapses
 *   above 4 GiB), neuron indices out of range, an unknown initialV, or recordings above
 *   {@link maxRecordedSamples} values.
 */
export function simulateNetwork(options: SimulationOptions): NetworkRun {
  const where = "simulateNetwork";
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const p = networkParams(options.params ?? {});
  const seed = checkSeed(where, options.seed);
  const { N, K, dt, tau, vTh, rX, J, JX } = p;
  const nBins = binCount(where, p.duration, dt);
  const initialV = options.initialV ?? "zero";
  if (initialV !== "zero" && initialV !== "uniform") invalid(where, "initialV", initialV, '"zero" or "uniform"');
  const progressInterval = checkNumber(where, "progressInterval", options.progressInterval ?? 0.1, { min: 0, minInclusive: false, unit: "s" });
  const onProgress = options.onProgress;
  if (onProgress !== undefined && typeof onProgress !== "function") invalid(where, "onProgress", onProgress, "a function (doneSeconds, totalSeconds) => void");

  const recVE = selection(where, "recordV.E", options.recordV?.E, N);
  const recVI = selection(where, "recordV.I", options.recordV?.I, N);
  const recInE = selection(where, "recordInput.E", options.recordInput?.E, N);
  const recInI = selection(where, "recordInput.I", options.recordInput?.I, N);
  const samples = (recVE.length + recVI.length + 3 * (recInE.length + recInI.length)) * nBins;
  if (samples > maxRecordedSamples) {
    invalid(where, "the number of recorded values (neurons x bins, 3 per neuron for recordInput)", samples, `<= ${maxRecordedSamples}: record fewer neurons or a shorter run`);
  }

  let connectivitySeconds = 0;
  let conn = options.connectivity;
  if (conn === undefined) {
    const t0 = performance.now();
    conn = buildConnectivity({ N, K, seed: deriveSeed(seed, "connectivity") });
    connectivitySeconds = (performance.now() - t0) / 1e3;
  } else if (!(conn instanceof Connectivity) || conn.N !== N || conn.K !== K) {
    invalid(where, "connectivity", conn, `a Connectivity with N = ${N} and K = ${K}`);
  }
  const t0 = performance.now();

  const sk = Math.sqrt(K);
  const wEE = J[0][0] / sk;
  const wEI = J[0][1] / sk;
  const wIE = J[1][0] / sk;
  const wII = J[1][1] / sk;
  const wEX = JX[0] / sk;
  const wIX = JX[1] / sk;
  const decay = 1 - dt / tau;

  const kern = acquireKernel(where, conn);
  const { pVE, pVI, pAccE, pAccI, pOutE, pOutI, pListX } = kern;
  const mem = kern.memory.buffer;
  const VE = new Float64Array(mem, pVE, N);
  const VI = new Float64Array(mem, pVI, N);
  const accE = new Float64Array(mem, pAccE, N);
  const accI = new Float64Array(mem, pAccI, N);
  const outE = new Uint32Array(mem, pOutE, N);
  const outI = new Uint32Array(mem, pOutI, N);
  const listX = new Uint32Array(mem, pListX, N);
  if (initialV === "uniform") {
    const rng = new Rng(deriveSeed(seed, "V0"));
    for (let i = 0; i < N; i++) VE[i] = rng.uniform() * vTh;
    for (let i = 0; i < N; i++) VI[i] = rng.uniform() * vTh;
  }
  const x = new ExternalSpikes(N, rX * dt, nBins, new Rng(deriveSeed(seed, "X")), options.recordX === true);

  // Spikes, time-major: bin k's spikes are spE[spEOff[k] .. spEOff[k + 1] - 1]; the kernel keeps
  // the last bin's in outE and outI.
  const guess = Math.min(2 ** 26, Math.ceil(N * nBins * dt * 40) + 4 * N);
  let spE = new Uint32Array(guess);
  let spI = new Uint32Array(guess);
  const spEOff = new Uint32Array(nBins + 1);
  const spIOff = new Uint32Array(nBins + 1);
  let mE = 0;
  let mI = 0;

  const vE = traces(recVE.length, nBins);
  const vI = traces(recVI.length, nBins);
  for (let q = 0; q < recVE.length; q++) vE[q][0] = VE[recVE[q]];
  for (let q = 0; q < recVI.length; q++) vI[q][0] = VI[recVI[q]];
  const inE = { E: traces(recInE.length, nBins), I: traces(recInE.length, nBins), X: traces(recInE.length, nBins) };
  const inI = { E: traces(recInI.length, nBins), I: traces(recInI.length, nBins), X: traces(recInI.length, nBins) };
  const recInput = recInE.length + recInI.length > 0;
  const snapE = new Float64Array(recInE.length * 2);
  const snapI = new Float64Array(recInI.length * 2);

  const progressBins = Math.max(1, Math.round(progressInterval / dt));
  let events = 0;
  try {
    for (let k = 1; k < nBins; k++) {
      if (k - 1 >= x.end) x.advance();
      spEOff[k] = mE;
      spIOff[k] = mI;
      // 1. deliver the spikes of bin k - 1: E, then I, then X
      const nE = mE - spEOff[k - 1];
      const nI = mI - spIOff[k - 1];
      events += kern.deliver(0, pOutE, nE, pAccE, wEE);
      events += kern.deliver(3, pOutE, nE, pAccI, wIE);
      if (recInput) {
        for (let q = 0; q < recInE.length; q++) snapE[2 * q] = accE[recInE[q]];
        for (let q = 0; q < recInI.length; q++) snapI[2 * q] = accI[recInI[q]];
      }
      events += kern.deliver(1, pOutI, nI, pAccE, wEI);
      events += kern.deliver(4, pOutI, nI, pAccI, wII);
      if (recInput) {
        for (let q = 0; q < recInE.length; q++) snapE[2 * q + 1] = accE[recInE[q]];
        for (let q = 0; q < recInI.length; q++) snapI[2 * q + 1] = accI[recInI[q]];
      }
      const x0 = x.binOff[k - 1 - x.start];
      const nX = x.binOff[k - x.start] - x0;
      for (let s = 0; s < nX; s++) listX[s] = x.list[x0 + s];
      events += kern.deliver(2, pListX, nX, pAccE, wEX);
      events += kern.deliver(5, pListX, nX, pAccI, wIX);
      if (recInput) {
        splitInput(recInE, snapE, accE, wEE, wEI, wEX, inE, k);
        splitInput(recInI, snapI, accI, wIE, wII, wIX, inI, k);
      }
      // 2. decay, add the input, threshold and reset
      if (mE + N > spE.length) spE = grow(spE, mE + N);
      if (mI + N > spI.length) spI = grow(spI, mI + N);
      const cE = kern.k.step(pVE, pAccE, N, decay, vTh, pOutE);
      for (let s = 0; s < cE; s++) spE[mE + s] = outE[s];
      mE += cE;
      const cI = kern.k.step(pVI, pAccI, N, decay, vTh, pOutI);
      for (let s = 0; s < cI; s++) spI[mI + s] = outI[s];
      mI += cI;
      for (let q = 0; q < recVE.length; q++) vE[q][k] = VE[recVE[q]];
      for (let q = 0; q < recVI.length; q++) vI[q][k] = VI[recVI[q]];
      if (onProgress && k % progressBins === 0) onProgress(k * dt, p.duration);
    }
  } finally {
    kern.busy = false;
  }
  spEOff[nBins] = mE;
  spIOff[nBins] = mI;
  const simulationSeconds = (performance.now() - t0) / 1e3;
  if (onProgress) onProgress(p.duration, p.duration);

  const run: NetworkRun = {
    params: p,
    nBins,
    E: toTrains(N, nBins, dt, spEOff, spE, mE),
    I: toTrains(N, nBins, dt, spIOff, spI, mI),
    connectivity: conn,
    synapticEvents: events,
    simulationSeconds,
    connectivitySeconds,
  };
  if (x.recNeuron && x.recBin) {
    // the X spikes of the last bins are drawn only when needed; draw the rest for the record
    while (x.end < nBins) x.advance();
    run.X = SpikeTrains.fromEvents(N, nBins, dt, x.recNeuron.subarray(0, x.recCount), x.recBin.subarray(0, x.recCount));
  }
  if (options.recordV) {
    run.v = {};
    if (options.recordV.E) run.v.E = { neurons: recVE, traces: vE };
    if (options.recordV.I) run.v.I = { neurons: recVI, traces: vI };
  }
  if (options.recordInput) {
    run.input = {};
    if (options.recordInput.E) run.input.E = { neurons: recInE, ...inE };
    if (options.recordInput.I) run.input.I = { neurons: recInI, ...inI };
  }
  if (options.recordPopulationRate) {
    const rE = new Float64Array(nBins);
    const rI = new Float64Array(nBins);
    for (let k = 0; k < nBins; k++) {
      rE[k] = (spEOff[k + 1] - spEOff[k]) / (N * dt);
      rI[k] = (spIOff[k + 1] - spIOff[k]) / (N * dt);
    }
    run.populationRate = { E: rE, I: rI };
  }
  return run;
}

/**
 * Splits the accumulated input of recorded neurons into its E, I and X parts, from snapshots of
 * the accumulator after the E and after the I deliveries. Each part is w_b times an integer count
 * of presynaptic spikes, recovered exactly by rounding (the accumulated rounding error is far
 * below one weight).
 */
function splitInput(neurons: Uint32Array, snap: Float64Array, acc: Float64Array, wE: number, wI: number, wX: number, out: { E: Float64Array[]; I: Float64Array[]; X: Float64Array[] }, k: number): void {
  for (let q = 0; q < neurons.length; q++) {
    const a1 = snap[2 * q];
    const a2 = snap[2 * q + 1];
    const a3 = acc[neurons[q]];
    out.E[q][k] = wE === 0 ? 0 : wE * Math.round(a1 / wE);
    out.I[q][k] = wI === 0 ? 0 : wI * Math.round((a2 - a1) / wI);
    out.X[q][k] = wX === 0 ? 0 : wX * Math.round((a3 - a2) / wX);
  }
}

/** Mean rate of a population with its spread across neurons. */
export interface PopulationRateSummary {
  /** Mean over neurons of the single-neuron rates (Hz). */
  mean: number;
  /** Standard deviation of the single-neuron rates across neurons (Hz). */
  sd: number;
  /** Standard error of the mean, sd / sqrt(n) (Hz). */
  sem: number;
  /** Number of neurons. */
  n: number;
}

/** Result of {@link meanRates}. */
export interface MeanRates {
  /** E population. */
  E: PopulationRateSummary;
  /** I population. */
  I: PopulationRateSummary;
  /** Start of the counting window (s): the transient dropped. */
  from: number;
  /** End of the counting window (s): the duration. */
  to: number;
}

/**
 * Single-neuron firing rates (Hz) in the window [from, duration): spikes in bins k with
 * k dt >= from, divided by the window length.
 * @param from start of the window (s), in [0, duration).
 */
export function ratesAfter(trains: SpikeTrains, from: number): Float64Array {
  checkNumber("ratesAfter", "from", from, { min: 0, max: trains.duration, maxInclusive: false, unit: "s" });
  const k0 = Math.ceil(from / trains.dt - 1e-9);
  const T = (trains.nBins - k0) * trains.dt;
  const r = new Float64Array(trains.n);
  for (let i = 0; i < trains.n; i++) {
    let c = 0;
    for (let s = trains.offsets[i]; s < trains.offsets[i + 1]; s++) if (trains.bins[s] >= k0) c++;
    r[i] = c / T;
  }
  return r;
}

function summary(r: Float64Array): PopulationRateSummary {
  const n = r.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += r[i];
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (r[i] - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  return { mean, sd, sem: sd / Math.sqrt(n), n };
}

/**
 * Mean firing rates of E and I after a transient, with standard errors across neurons:
 * single-neuron rates are counted in [transient, duration) (see {@link ratesAfter}); the mean is
 * their average and sem = sd / sqrt(N). Note that the sem measures the spread across neurons of
 * one run, not run-to-run variability (repeat with several seeds for that).
 * @param run a {@link NetworkRun}, or any `{ E, I }` pair of SpikeTrains.
 * @param options.transient time dropped at the start (s), default 0.2; 0 counts the whole run.
 * @throws Error when the transient is negative or not shorter than the run.
 */
export function meanRates(run: { E: SpikeTrains; I: SpikeTrains }, options: { transient?: number } = {}): MeanRates {
  const transient = options.transient ?? 0.2;
  checkNumber("meanRates", "transient", transient, { min: 0, max: run.E.duration, maxInclusive: false, unit: "s" });
  return {
    E: summary(ratesAfter(run.E, transient)),
    I: summary(ratesAfter(run.I, transient)),
    from: transient,
    to: run.E.duration,
  };
}
