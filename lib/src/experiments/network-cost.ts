import { buildConnectivity } from "../network/connectivity";
import { simulateNetwork } from "../network/simulate";
import { checkNumber, checkSeed, invalid } from "../core/validate";

/** One network size of {@link networkCost}. */
export interface NetworkSize {
  /** Neurons per population. */
  N: number;
  /** Partners per neuron from each population. */
  K: number;
}

/** Memory and time of our simulator at one size, measured. */
export interface NetworkCost extends NetworkSize {
  /** Synapses, 6 N K. */
  synapses: number;
  /** Bytes of the connectivity (target indices and row pointers). */
  connectivityBytes: number;
  /** Bytes per synapse of the connectivity. */
  bytesPerSynapse: number;
  /** Wall time of building the connectivity (s). */
  buildSeconds: number;
  /** Wall time of the simulation loop per simulated second (s/s). */
  secondsPerSimulatedSecond: number;
  /** Synaptic events delivered per simulated second. */
  eventsPerSimulatedSecond: number;
  /** Peak resident memory of this process after the run (bytes), including everything it held before. */
  peakResidentBytes: number;
}

/**
 * Measures the memory and speed of `simulateNetwork` at several sizes: for each (N, K), one
 * connectivity build and one run of `duration` seconds (other parameters at the SPEC's
 * defaults, initial V uniform so the run starts in the asynchronous state). Timings are wall
 * times of this machine and vary from run to run; the bytes are exact.
 * @param sizes the (N, K) pairs, smallest first (the peak memory of the process only grows)
 * @param options.duration simulated time per run (s), default 0.2
 * @param options.seed seed of the builds and runs
 * @param options.onProgress called with sizes done and the total
 * @returns one {@link NetworkCost} per size
 * @throws ParameterError for an empty size list or invalid N, K, duration or seed.
 */
export function networkCost(sizes: NetworkSize[], options: { duration?: number; seed: number | string; onProgress?: (done: number, total: number) => void }): NetworkCost[] {
  const where = "networkCost";
  if (!Array.isArray(sizes) || sizes.length === 0) invalid(where, "sizes", sizes, "a non-empty array of { N, K }");
  const duration = checkNumber(where, "duration", options.duration ?? 0.2, { min: 0, minInclusive: false, unit: "s" });
  const seed = checkSeed(where, options.seed);
  return sizes.map(({ N, K }, q) => {
    const t0 = performance.now();
    const connectivity = buildConnectivity({ N, K, seed });
    const buildSeconds = (performance.now() - t0) / 1e3;
    const run = simulateNetwork({ params: { N, K, duration }, seed, connectivity, initialV: "uniform" });
    options.onProgress?.(q + 1, sizes.length);
    return {
      N, K, synapses: connectivity.synapses, connectivityBytes: connectivity.bytes, bytesPerSynapse: connectivity.bytesPerSynapse,
      buildSeconds, secondsPerSimulatedSecond: run.simulationSeconds / duration, eventsPerSimulatedSecond: run.synapticEvents / duration,
      peakResidentBytes: process.resourceUsage().maxRSS * 1024,
    };
  });
}
