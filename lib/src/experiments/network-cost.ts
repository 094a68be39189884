import { buildConnectivity } from "../network/connectivity";
import { connectivityLayout, expectedPartBytes } from "../network/connectivity-layout";
import { simulateNetwork } from "../network/simulate";
import { defaultNetworkParams } from "../network/params";
import { MAX_MEMORY_BYTES } from "../network/wasm";
import { checkNumber, checkSeed, invalid, within } from "../core/validate";

/** One network size of {@link networkCost}. */
export interface NetworkSize {
  /** Neurons per population. */
  N: number;
  /** Partners per neuron from each population. */
  K: number;
}

/** The memory of our simulator at one size, from the layout of its WebAssembly memory (arithmetic, no allocation). */
export interface NetworkMemory extends NetworkSize {
  /** Synapses, 6 N K. */
  synapses: number;
  /** Parts (ranges of postsynaptic neurons) each of the six blocks is stored in. */
  parts: number;
  /** How the targets are stored: "byte gaps" (N <= 32 K) or "u16" indices. */
  storage: "byte gaps" | "u16";
  /**
   * Bytes the build writes for the connectivity: targets and row pointers (without alignment
   * padding), exact for u16 targets, the expectation over seeds for byte gaps (whose zero bytes
   * vary from seed to seed by about their square root).
   */
  connectivityBytes: number;
  /** Bytes per synapse of the connectivity ({@link connectivityBytes} / synapses). */
  bytesPerSynapse: number;
  /**
   * Bytes of the WebAssembly memory of a run: the connectivity's slots (byte gaps get the slot of
   * their largest possible size; the pages never written cost no physical memory) and one run
   * state, in whole 64 KiB pages.
   */
  memoryBytes: number;
  /** Whether that memory fits in one 32-bit WebAssembly memory (4 GiB), the hard limit of our simulator. */
  fits: boolean;
}

/** Memory and time of our simulator at one size, measured. */
export interface NetworkCost extends NetworkMemory {
  /** Wall time of building the connectivity (s). */
  buildSeconds: number;
  /** CPU time of the process (every thread) while building (s). */
  buildCpuSeconds: number;
  /** Wall time of the simulation loop per simulated second (s/s). */
  secondsPerSimulatedSecond: number;
  /** CPU time of the process (every thread) per simulated second of the run (s/s). */
  cpuSecondsPerSimulatedSecond: number;
  /** Synaptic events delivered per simulated second. */
  eventsPerSimulatedSecond: number;
  /** Peak resident memory of this process after the run (bytes), including everything it held before. */
  peakResidentBytes: number;
}

const PAGE_BYTES = 65536;

/**
 * The memory of a run of our simulator at (N, K), by arithmetic on the layout the simulator
 * allocates (no allocation here): the connectivity, stored once in the run's shared WebAssembly
 * memory, is 6 N K targets, as byte gaps for N <= 32 K (about 1 + e^(-255 K / N) bytes each:
 * their expected size, see expectedPartBytes) or else as u16 indices (2 bytes), plus 6 parts
 * (N + 1) row pointers of 4 bytes; the memory adds one run state (membrane potentials, inputs
 * and spike lists, about 68 N bytes) and is rounded up to 64 KiB pages. Recorded spikes
 * (JavaScript arrays) come on top.
 * @param N neurons per population (integer >= 1)
 * @param K partners per neuron from each population (integer, 1 <= K <= N)
 * @throws ParameterError for N or K outside those ranges
 * @returns the {@link NetworkMemory}
 */
export function networkMemory(N: number, K: number): NetworkMemory {
  const where = "networkMemory";
  checkNumber(where, "N", N, { integer: true, min: 1, max: 2 ** 32 - 1 });
  checkNumber(where, "K", K, { integer: true, min: 1, max: N });
  const layout = connectivityLayout(N, K);
  const memoryBytes = Math.ceil(layout.totalBytes / PAGE_BYTES) * PAGE_BYTES;
  const synapses = 6 * N * K;
  let connectivityBytes = 0;
  for (let p = 0; p < layout.parts; p++) connectivityBytes += 6 * (expectedPartBytes(N, K, layout.partStart[p + 1] - layout.partStart[p]) + 4 * (N + 1));
  return {
    N, K, synapses, parts: layout.parts, storage: layout.gaps ? "byte gaps" : "u16", connectivityBytes,
    bytesPerSynapse: connectivityBytes / synapses, memoryBytes, fits: memoryBytes <= MAX_MEMORY_BYTES,
  };
}

/**
 * The largest N (neurons per population) whose run at K fits in `bytes` of memory according to
 * {@link networkMemory} (bisection; memory grows with N). At most N = 2^31.
 * @param K partners per neuron from each population (integer in [1, 2^31])
 * @param bytes available memory (bytes, > 0); default 2^32, the 32-bit WebAssembly memory
 * @throws ParameterError for a bad K or bytes
 * @returns the largest such N, or 0 when not even N = K fits
 */
export function largestNetwork(K: number, bytes: number = MAX_MEMORY_BYTES): number {
  checkNumber("largestNetwork", "K", K, { integer: true, min: 1, max: 2 ** 31 });
  checkNumber("largestNetwork", "bytes", bytes, { min: 0, minInclusive: false });
  const fits = (N: number) => networkMemory(N, K).memoryBytes <= bytes;
  if (!fits(K)) return 0;
  let lo = K;
  let hi = 2 ** 31;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/**
 * Measures the memory and speed of `simulateNetwork` at several sizes (used by
 * `bench/network-cost.bench.js`): for each (N, K), one connectivity build and one run of
 * `duration` seconds (other parameters at the model's defaults, initial V uniform so the run starts
 * in the asynchronous state), with {@link networkMemory}'s bytes. Times are wall and CPU
 * times of this machine and vary from run to run: print them from a bench, never from a notebook.
 * @param sizes the (N, K) pairs, smallest first (the peak memory of the process only grows)
 * @param options.duration simulated time per run (s), default 0.2
 * @param options.seed seed of the builds and runs
 * @param options.onProgress called with sizes done and the total
 * @returns one {@link NetworkCost} per size
 * @throws ParameterError for an empty size list or invalid N, K, duration or seed.
 */
export function networkCost(sizes: NetworkSize[], options: { duration?: number; seed: number | string; onProgress?: (done: number, total: number) => void }): NetworkCost[] {
  return within("networkCost", "sizes and options", () => {
    const where = "networkCost";
    if (!Array.isArray(sizes) || sizes.length === 0) invalid(where, "sizes", sizes, "a non-empty array of { N, K }");
    if (options === null || typeof options !== "object") invalid(where, "options", options, "an object { duration?, seed }");
    // at least one bin of the model's dt: the speeds are per simulated second
    const duration = checkNumber(where, "duration", options.duration ?? 0.2, { min: defaultNetworkParams.dt, unit: "s (at least one bin)" });
    const seed = checkSeed(where, options.seed);
    return sizes.map(({ N, K }, q) => {
      const memory = networkMemory(N, K);
      const [t0, c0] = [performance.now(), cpuSeconds()];
      const connectivity = buildConnectivity({ N, K, seed });
      const [t1, c1] = [performance.now(), cpuSeconds()];
      const run = simulateNetwork({ params: { N, K, duration }, seed, connectivity, initialV: "uniform" });
      const c2 = cpuSeconds();
      options.onProgress?.(q + 1, sizes.length);
      return {
        ...memory, buildSeconds: (t1 - t0) / 1e3, buildCpuSeconds: c1 - c0,
        secondsPerSimulatedSecond: run.simulationSeconds / duration, cpuSecondsPerSimulatedSecond: (c2 - c1) / duration,
        eventsPerSimulatedSecond: run.synapticEvents / duration, peakResidentBytes: process.resourceUsage().maxRSS * 1024,
      };
    });
  });
}
