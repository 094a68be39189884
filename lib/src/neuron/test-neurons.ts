import { SpikeTrains } from "../spikes/spike-trains";
import { checkBudget, resolveLimits, type LimitOptions } from "../core/limits";
import { checkLength, checkNumber, checkSeed, invalid } from "../core/validate";
import { checkLifOptions } from "./lif";
import { loopLayout, MAX_LOOP_BYTES, runTestNeuronLoop, type LoopBernoulli, type LoopGroup, type LoopResult, type LoopSetup } from "./test-neuron-loop";

/**
 * Open-loop test neurons: M leaky integrate-and-fire neurons, each driven by its own choice of
 * recorded presynaptic spike trains (optionally each train circularly shifted in time) and by
 * fresh Bernoulli trains, with the Euler rule of the network and of {@link simulateLif}:
 *
 *     I_m(t) = sum over the partners of m that spike in bin t of their weight
 *     V_m(t + 1) = V_m(t) (1 - dt/tau) + I_m(t);  spike and V_m = 0 when V_m(t + 1) > vTh.
 *
 * The test neurons do not feed back onto the trains. All neurons are stepped together, bin by bin,
 * from the spikes sorted by their (shifted) bin and an index from each presynaptic train to the
 * test neurons that use it: memory is proportional to the spikes and the synapses, never to
 * neurons x bins. The loop runs in WebAssembly (test-neurons.wat, see test-neuron-loop.ts), two
 * neurons at a time in its Euler step.
 *
 * Summation order (fixed, as in the network): a neuron's input for the bin starts at 0 and adds
 * one weight per presynaptic spike, group after group in the order given, within a group in
 * increasing train index, then the Bernoulli spikes; then V = (V (1 - dt/tau)) + input.
 */

/** Recorded presynaptic trains and the test neurons' synapses from them. */
export interface PresynapticGroup {
  /** The recorded trains (n trains, on the run's grid of nBins bins of dt). */
  trains: SpikeTrains;
  /** Partners per test neuron k (an integer >= 0). */
  perNeuron: number;
  /** Partners of test neuron m: `partners[m k .. m k + k - 1]`, indices into `trains` (length M k). */
  partners: Uint32Array;
  /** Weight of one spike onto each test neuron (dimensionless, length M; the jump of V). */
  weights: Float64Array;
  /**
   * Circular shift of each train (bins, integers in [0, span), length trains.n), span = nBins -
   * start / dt: a spike in bin b >= start / dt acts in window bin (b - start / dt + shift) mod span.
   * Omitted: no shift (the trains as recorded).
   */
  shifts?: Uint32Array;
}

/** Independent Bernoulli trains, fresh for each test neuron. */
export interface BernoulliGroup {
  /** Trains per test neuron (an integer >= 0). */
  perNeuron: number;
  /** Rate of each train (Hz): a spike in each bin with probability rate dt (<= 1). */
  rate: number;
  /** Weight of one spike onto each test neuron (dimensionless, length M). */
  weights: Float64Array;
  /** Seed of the trains: the same seed gives the same spikes whatever the other inputs. */
  seed: number | string;
}

/** Options of {@link simulateTestNeurons}. */
export interface TestNeuronOptions extends LimitOptions {
  /** Number of test neurons M (an integer >= 1). */
  neurons: number;
  /** Recorded presynaptic groups (all on one grid). */
  groups: PresynapticGroup[];
  /** Fresh Bernoulli inputs (optional). */
  bernoulli?: BernoulliGroup;
  /** Start of the window of the trains that is used (s, a whole number of bins, default 0): bins before it are ignored. */
  start?: number;
  /** Time at the start of the window that is simulated but not counted (s, default 0). */
  transient?: number;
  /** Membrane time constant tau (s, > dt; default 0.02). */
  tau?: number;
  /** Threshold V_th (> 0, default 1). */
  vTh?: number;
  /** V of each test neuron at the window's first bin (length M, each < vTh); default all 0. */
  initialV?: Float64Array;
  /** Return every output spike, warm-up included, as `spikes` (default false). */
  recordSpikes?: boolean;
}

/** Result of {@link simulateTestNeurons}: per test neuron, over the counted bins. */
export interface TestNeuronResult {
  /** Output spikes of each test neuron in the counted bins. */
  counts: Uint32Array;
  /** Counted bins (span - transient / dt); rate of neuron m = counts[m] / (bins dt). */
  bins: number;
  /** Bin width (s). */
  dt: number;
  /** Mean of the per-bin input I_m(t - 1) over the counted bins t (dimensionless). */
  inputMean: Float64Array;
  /** Variance (population, ddof 0) of the per-bin input over the counted bins. */
  inputVariance: Float64Array;
  /** Mean of the free membrane U_m (the same rule without threshold and reset) over the counted bins. */
  freeMean: Float64Array;
  /** Variance (ddof 0) of the free membrane U_m over the counted bins. */
  freeVariance: Float64Array;
  /** With `recordSpikes`: the output spikes of the M test neurons on the window's grid (span bins; bin t is the trains' bin start / dt + t). */
  spikes?: SpikeTrains;
}

/** Means and ddof-0 variances over `bins` counted bins from the loop's sums of I, I^2, U, U^2. */
function moments(sums: LoopResult["sums"], bins: number): Pick<TestNeuronResult, "inputMean" | "inputVariance" | "freeMean" | "freeVariance"> {
  const [i1, i2, u1, u2] = sums;
  const mean = (s: Float64Array) => s.map((x) => x / bins);
  const inputMean = mean(i1);
  const freeMean = mean(u1);
  const vari = (s2: Float64Array, m: Float64Array) => s2.map((x, i) => Math.max(0, x / bins - m[i] * m[i]));
  return { inputMean, inputVariance: vari(i2, inputMean), freeMean, freeVariance: vari(u2, freeMean) };
}

/**
 * Simulates M open-loop test neurons on recorded (and optionally shifted) presynaptic trains plus
 * fresh Bernoulli trains, all together bin by bin (module header). The window is the trains' bins
 * [start / dt, nBins), span bins; V(t) for t = 0 .. span - 1 with V(0) = initialV; spikes and
 * moments are counted in bins t >= max(1, transient / dt).
 * Cost: span M neuron steps, plus one addition per synapse per presynaptic spike in the window,
 * plus one geometric draw per Bernoulli spike; memory (one WebAssembly memory) 4 bytes per
 * synapse and per presynaptic spike, 4 per bin per group, 4 per train, 8 per Bernoulli slot of
 * two bins (2 M bernoulli.perNeuron slots), 8 (M + 1) per group and 72 (M + 1) per test neuron
 * (with recordSpikes 8 more per neuron and bin of a call of the loop, about 2 MB), estimated
 * and refused past the limit before anything is allocated.
 * @param options neurons, groups, bernoulli, start (s), transient (s), tau (s), vTh, initialV, recordSpikes, maxBytes, maxSteps.
 * @returns spike counts and input / free-membrane moments per test neuron, over the counted bins,
 *   and with recordSpikes every output spike (memory: 16 bytes per spike while it runs).
 * @throws ParameterError for trains on different grids, partners, weights or shifts of the wrong
 *   length or out of range, a rate with rate dt > 1, start or transient not whole numbers of bins or
 *   leaving no counted bin, an initialV at or above vTh, bad tau / vTh, or a run past the limits.
 */
export function simulateTestNeurons(options: TestNeuronOptions): TestNeuronResult {
  const where = "simulateTestNeurons";
  const { setup, groups, bernoulli } = parseTestNeurons(where, options);
  const { M, w0, span, dt } = setup;
  const loop = runTestNeuronLoop(setup, groups, bernoulli, options.initialV);
  const bins = span - w0;
  const spikes = loop.record === null ? undefined : SpikeTrains.fromEvents(M, span, dt, loop.record.neuron, loop.record.bin);
  return { counts: loop.counts, bins, dt, ...moments(loop.sums, bins), ...(spikes === undefined ? {} : { spikes }) };
}

/** The validated set-up of {@link simulateTestNeurons}: the loop's, and the bin width. */
interface TestNeuronSetup extends LoopSetup {
  dt: number;
}

/** A whole number of bins of dt in `seconds` (to a relative 1e-9). */
function wholeBins(where: string, name: string, seconds: number, dt: number, maxBins: number): number {
  checkNumber(where, name, seconds, { min: 0, max: maxBins * dt, unit: "s" });
  const k = Math.round(seconds / dt);
  if (Math.abs(k * dt - seconds) > 1e-9 * Math.max(seconds, dt)) invalid(where, name, seconds, `a whole number of bins of dt = ${dt} s`);
  return k;
}

function checkWeights(where: string, name: string, w: unknown, M: number): void {
  if (!(w instanceof Float64Array)) invalid(where, name, w, `a Float64Array of ${M} weights`);
  checkLength(where, name, w, M);
  for (let m = 0; m < M; m++) if (!Number.isFinite(w[m])) invalid(where, `${name}[${m}]`, w[m], "a finite number");
}

function checkIndices(where: string, name: string, x: unknown, length: number, below: number): void {
  if (!(x instanceof Uint32Array)) invalid(where, name, x, `a Uint32Array of length ${length}`);
  checkLength(where, name, x, length);
  for (let s = 0; s < length; s++) if (x[s] >= below) invalid(where, `${name}[${s}]`, x[s], `an integer in [0, ${below})`);
}

/** Validates one recorded group against the grid; returns its spikes in the window and its synapses. */
function checkGroup(where: string, q: number, g: PresynapticGroup, grid: { nBins: number; dt: number; k0: number; M: number }): { spikes: number; synapses: number } {
  const name = `groups[${q}]`;
  if (g === null || typeof g !== "object") invalid(where, name, g, "an object { trains, perNeuron, partners, weights, shifts? }");
  if (!(g.trains instanceof SpikeTrains)) invalid(where, `${name}.trains`, g.trains, "a SpikeTrains");
  if (g.trains.nBins !== grid.nBins || g.trains.dt !== grid.dt) {
    invalid(where, `${name}.trains`, `a grid of ${g.trains.nBins} bins of ${g.trains.dt} s`, `on the grid of groups[0] (${grid.nBins} bins of ${grid.dt} s)`);
  }
  const k = checkNumber(where, `${name}.perNeuron`, g.perNeuron, { integer: true, min: 0 });
  checkIndices(where, `${name}.partners`, g.partners, grid.M * k, g.trains.n);
  checkWeights(where, `${name}.weights`, g.weights, grid.M);
  if (g.shifts !== undefined) checkIndices(where, `${name}.shifts`, g.shifts, g.trains.n, grid.nBins - grid.k0);
  let spikes = 0;
  for (let s = 0; s < g.trains.bins.length; s++) if (g.trains.bins[s] >= grid.k0) spikes++;
  return { spikes, synapses: grid.M * k };
}

/** Validates the Bernoulli group and the initial V. */
function checkExtras(where: string, options: TestNeuronOptions, M: number, dt: number, vTh: number): void {
  const b = options.bernoulli;
  if (b !== undefined) {
    if (b === null || typeof b !== "object") invalid(where, "bernoulli", b, "an object { perNeuron, rate, weights, seed }");
    checkNumber(where, "bernoulli.perNeuron", b.perNeuron, { integer: true, min: 0 });
    checkNumber(where, "bernoulli.rate", b.rate, { min: 0, max: 1 / dt, unit: `Hz (rate dt <= 1 at dt = ${dt} s)` });
    checkWeights(where, "bernoulli.weights", b.weights, M);
    checkSeed(where, b.seed);
  }
  const v0 = options.initialV;
  if (v0 !== undefined) {
    if (!(v0 instanceof Float64Array)) invalid(where, "initialV", v0, `a Float64Array of ${M} values`);
    checkLength(where, "initialV", v0, M);
    for (let m = 0; m < M; m++) checkNumber(where, `initialV[${m}]`, v0[m], { max: vTh, maxInclusive: false, unit: "below vTh" });
  }
}

/** Validates the options of {@link simulateTestNeurons} once and checks its memory and work; returns them as the loop takes them. */
function parseTestNeurons(where: string, options: TestNeuronOptions): { setup: TestNeuronSetup; groups: LoopGroup[]; bernoulli: LoopBernoulli | undefined } {
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const M = checkNumber(where, "neurons", options.neurons, { integer: true, min: 1 });
  const groups = options.groups;
  if (!Array.isArray(groups) || groups.length === 0 || !(groups[0]?.trains instanceof SpikeTrains)) invalid(where, "groups", groups, "a non-empty array of presynaptic groups");
  const { nBins, dt } = groups[0].trains;
  const k0 = wholeBins(where, "start", options.start ?? 0, dt, nBins - 2);
  const span = nBins - k0;
  const w0 = Math.max(1, wholeBins(where, "transient", options.transient ?? 0, dt, span - 2));
  const lif = checkLifOptions(where, dt, span, { tau: options.tau, vTh: options.vTh, maxSteps: options.maxSteps });
  const counted = groups.map((g, q) => checkGroup(where, q, g, { nBins, dt, k0, M }));
  checkExtras(where, options, M, dt, lif.vTh);
  const recordSpikes = options.recordSpikes ?? false;
  if (typeof recordSpikes !== "boolean") invalid(where, "recordSpikes", recordSpikes, "a boolean");
  const b = options.bernoulli;
  const spikes = counted.reduce((s, c) => s + c.spikes, 0);
  const synapses = counted.reduce((s, c) => s + c.synapses, 0);
  const deliveries = counted.reduce((s, c, q) => s + (c.spikes * c.synapses) / Math.max(1, groups[q].trains.n), 0);
  const external = b === undefined ? 0 : span * M * b.perNeuron * b.rate * dt;
  if (b !== undefined) checkNumber(where, "bernoulli slots (span x neurons x perNeuron)", span * M * b.perNeuron, { max: 2 ** 53 });
  const setup = { M, k0, w0, span, dt, a: lif.a, vTh: lif.vTh, recordSpikes };
  const layout = loopLayout(setup, groups.map((g, q) => ({ n: g.trains.n, k: g.perNeuron, spikes: counted[q].spikes })), b?.perNeuron);
  const what = `${M} test neurons over ${span} bins (${spikes} presynaptic spikes, ${synapses} synapses)`;
  // the loop's memory, and per neuron the counts and the four moments returned (36 bytes) and their sums read back (32)
  checkBudget(where, resolveLimits(where, options), { what, bytes: layout.bytes + 68 * M, steps: span * M + deliveries + external });
  if (layout.bytes > MAX_LOOP_BYTES) invalid(where, "memory of the loop", `${layout.bytes} bytes for ${what}`, `at most ${MAX_LOOP_BYTES} bytes (a WebAssembly memory)`);
  return {
    setup,
    groups: groups.map((g, q) => ({ trains: g.trains, perNeuron: g.perNeuron, partners: g.partners, weights: g.weights, shifts: g.shifts, spikes: counted[q].spikes })),
    bernoulli: b === undefined ? undefined : { perNeuron: b.perNeuron, p: b.rate * dt, weights: b.weights, seed: b.seed },
  };
}
