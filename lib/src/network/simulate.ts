import type { Connectivity } from "./connectivity";
import type { NetworkParams } from "./params";
import { runParsed } from "./run";
import { parseSimulationOptions, type SimulationOptions } from "./simulation-options";
import type { SpikeTrains } from "../spikes/spike-trains";

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
  /** Number of bins, duration / dt (fewer when `stopWhen` ended the run: the bins simulated). */
  nBins: number;
  /** Whether `stopWhen` ended the run before its duration (its trains then end at nBins dt). */
  stopped: boolean;
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
  /** The connectivity used (its `build` says on how many threads it was built, and why). */
  connectivity: Connectivity;
  /** Number of synaptic events delivered (spikes times out-degree, summed). */
  synapticEvents: number;
  /** Wall time of the simulation loop, without building the connectivity (s). */
  simulationSeconds: number;
  /** CPU time of the process (all its threads, user + system) during the simulation loop (s): what a clock() around the loop measures. */
  simulationCpuSeconds: number;
  /** Wall time spent building the connectivity (s), 0 when one was passed in. */
  connectivitySeconds: number;
  /** Threads the simulation ran on (at its end: a run that measured its start on several threads may have continued on one). */
  threads: number;
  /** Why that many threads: requested, one part, or the measurement of the run's first bins on one per core (kept, or dropped to one thread and why). */
  threadReason: string;
  /** Warnings about the parameters, e.g. a J without a positive balanced solution (also printed once per process with console.warn). */
  warnings: string[];
}


/**
 * Simulates the E/I/X network of docs/MODEL.md (tutorial task 6.2): N E and N I leaky
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
 * proportional to its spikes, in WebAssembly: network/sampler.wat). V(0) is 0 (or uniform in [0, vTh) with `initialV: "uniform"`),
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
 * copy). A one-thread run without V or input recordings runs its bins in chunks of up to 1024
 * inside WebAssembly (one call per chunk). Memory: the connectivity (about 2 bytes per synapse), plus 4 bytes per recorded spike;
 * estimated before anything is allocated and refused past the limit (`maxBytes`, or the
 * environment variable EI_BALANCE_MAX_BYTES; default 2e9 bytes).
 *
 * Threads: for large networks (N K >= 2^21) the run uses one thread per core by default (see
 * `threads`). Each thread owns a range of postsynaptic neurons (parts of the connectivity); in
 * every bin it delivers all the spikes of the previous bin, in the order above, onto its own
 * neurons only, then steps them; the calling thread then collects the spikes and releases the
 * next bin. Every accumulator receives its additions in the same order as in one thread, so the
 * spikes are the same, bit for bit, for any number of threads. By default such a run measures
 * its first bins and continues on one thread when the threads wait for each other more than
 * they help (`threadReason` in the result says what it measured).
 *
 * A J without a positive balanced solution, or a singular J, is simulated (a simulation may
 * explore it) with a warning in `run.warnings`, printed once per process (console.warn).
 *
 * Seeds: connectivity from `deriveSeed(seed, "connectivity")` (unless one is passed), X spikes
 * from `deriveSeed(seed, "X")`, initial V from `deriveSeed(seed, "V0")`. The same seed gives the
 * same spikes, bit for bit.
 *
 * @example
 * const run = simulateNetwork({ seed: 1 });               // model defaults, 2 s
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
  return runParsed(parseSimulationOptions(options));
}
