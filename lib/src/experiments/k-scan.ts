import { simulateNetwork, type InputTraces } from "../network/simulate";
import { Connectivity } from "../network/connectivity";
import { networkParams } from "../network/params";
import { recycleMemory } from "../network/wasm";
import { populationSpikes, type PopulationSpikes } from "../analysis/synchronous-state";
import { solveMeanField, type MeanFieldSolution } from "../theory/mean-field";
import { SpikeTrains } from "../spikes/spike-trains";
import { mean, summarize } from "../math/statistics";
import { checkNumber, invalid, ParameterError, within } from "../core/validate";
import type { MeanWithSE } from "./open-loop";
import { poolTask, runGroup, type RunContext } from "./run-pool";

/**
 * The large-K scan of notebook 07: networks with N = 10 K at several K, the input of a few E
 * neurons split by source, population spikes, and each run's asynchronous window; then the
 * time-averaged input parts against K.
 */

/** Options of {@link kScan}. */
export interface KScanOptions {
  /** The values of K (partners per population), integers >= 1; N = 10 K. */
  Ks: readonly number[];
  /** The seeds of each K. */
  seeds: readonly number[];
  /** Duration of each run (s). */
  duration: number;
  /** E neurons whose input is recorded by source. */
  recorded: readonly number[];
  /** Time dropped at the start of every run (s), >= 0 (default 0.2). */
  transient?: number;
  /** Keep the connectivity of the run with this K and seed (e.g. to reuse it). */
  keep?: { K: number; seed: number };
  /** Progress in units of N K T (the cost of a run), over all runs, after each run. */
  onProgress?: (done: number, total: number) => void;
}

/** One run of {@link kScan}. */
export interface KScanRun {
  /** Partners per population. */
  K: number;
  /** The run's seed. */
  seed: number;
  /** E spikes. */
  E: SpikeTrains;
  /** I spikes. */
  I: SpikeTrains;
  /** The recorded input of the E neurons by source. */
  input: InputTraces;
  /** Population spikes of E. */
  psE: PopulationSpikes;
  /** Population spikes of I. */
  psI: PopulationSpikes;
  /** Start of the asynchronous window (s): the later of the transient and 0.1 s after the last population spike, in whole bins. */
  start: number;
  /** Whether the window is at least 0.3 s long. */
  usable: boolean;
  /** Per recorded neuron, the time-averaged input × tau from E, I, X over the window (units of V_th); empty when not usable. */
  parts: number[][];
  /** The connectivity, for the run named by `keep`. */
  connectivity?: Connectivity;
}

/** Start of the asynchronous window: max(transient, last population spike + 0.1 s) rounded up to a bin. */
function windowStart(psE: PopulationSpikes, psI: PopulationSpikes, transient: number, dt: number): number {
  const last = Math.max(psE.last ?? -1, psI.last ?? -1);
  return Math.max(transient, Math.ceil((last + 0.1) / dt - 1e-9) * dt);
}

/** One run of {@link kScan}: K, seed, duration (s), recorded E neurons, transient (s), and whether to keep its connectivity. */
interface KScanArgs {
  K: number;
  seed: number;
  duration: number;
  recorded: number[];
  transient: number;
  keep: boolean;
}

/** One run of {@link kScan} (see there). */
function scanRun(a: KScanArgs, context: RunContext): KScanRun {
  const { K, seed, duration: T, recorded, transient } = a;
  const run = within("kScan", `the run at K = ${K} (N = 10 K, duration, recorded)`, () => simulateNetwork({
    params: { N: 10 * K, K, duration: T }, seed, initialV: "uniform", recordInput: { E: recorded },
    threads: context.threads, onProgress: context.checkpoint,
  }));
  const psE = populationSpikes(run.E), psI = populationSpikes(run.I);
  const dt = run.params.dt, tau = run.params.tau;
  const start = windowStart(psE, psI, transient, dt);
  const usable = start <= T - 0.3;
  const k0 = Math.round(start / dt);
  const input = run.input!.E!;
  const parts = usable ? recorded.map((_, q) => [input.E[q], input.I[q], input.X[q]].map((x) => mean(x.subarray(k0)) * tau / dt)) : [];
  if (!a.keep) recycleMemory(run.connectivity.memory);
  const kept = a.keep ? { connectivity: run.connectivity } : {};
  return { K, seed, E: run.E, I: run.I, input, psE, psI, start, usable, parts, ...kept };
}

/** A run received from a pool runner: its spike trains and connectivity as instances again. */
function revive(r: KScanRun): KScanRun {
  const trains = (t: SpikeTrains) => new SpikeTrains(t.n, t.nBins, t.dt, t.offsets, t.bins);
  const kept = r.connectivity ? { connectivity: new Connectivity(r.connectivity.layout, r.connectivity.memory, r.connectivity.build) } : {};
  return { ...r, E: trains(r.E), I: trains(r.I), ...kept };
}

const scanTask = poolTask("kScan", scanRun, revive);

/**
 * Simulates, for each K and seed, a network with N = 10 K, K and the given duration from uniform
 * initial V, recording the input of the `recorded` E neurons by source; finds the population
 * spikes of E and I (`populationSpikes`, defaults) and the asynchronous window from
 * max(transient, last population spike + 0.1 s) to the end, usable when at least 0.3 s long; over
 * it, the time average of each recorded input part times tau / dt (the measured counterpart of
 * tau sqrt(K) J_ab r_b). The runs are independent: they run side by side on the run pool's
 * worker threads (one per core, up to N K = 10^7) and are taken in order, with the same results,
 * bit for bit, as one run after another.
 * @param options Ks, seeds, duration (s), recorded, transient (s), keep, onProgress (after each run)
 * @throws ParameterError for bad options, and as `simulateNetwork`
 * @returns one run per K and seed, K outermost
 */
export function kScan(options: KScanOptions): KScanRun[] {
  return within("kScan", "options", () => {
    const where = "kScan";
    if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
    const { Ks, seeds, recorded, keep } = options;
    if (!Array.isArray(Ks) || Ks.length === 0) invalid(where, "Ks", Ks, "a non-empty array of K values");
    if (!Array.isArray(seeds) || seeds.length === 0) invalid(where, "seeds", seeds, "a non-empty array of seeds");
    if (!Array.isArray(recorded)) invalid(where, "recorded", recorded, "an array of E neuron indices");
    Ks.forEach((K, i) => checkNumber(where, `Ks[${i}]`, K, { integer: true, min: 1 }));
    const T = checkNumber(where, "duration", options.duration, { min: 0, minInclusive: false, unit: "s" });
    const transient = checkNumber(where, "transient", options.transient ?? 0.2, { min: 0, unit: "s" });
    const work = (K: number) => 10 * K * K * T;
    const total = Ks.reduce((s, K) => s + seeds.length * work(K), 0);
    const Kmax = Math.max(...Ks);
    const S = seeds.length;
    let done = 0;
    const runs: KScanRun[] = [];
    runGroup(where, networkParams({ N: 10 * Kmax, K: Kmax, duration: T }), {
      task: scanTask, count: Ks.length * S,
      args: (q) => {
        const K = Ks[Math.floor(q / S)], seed = seeds[q % S];
        return { K, seed, duration: T, recorded: [...recorded], transient, keep: keep !== undefined && keep.K === K && keep.seed === seed };
      },
      consume: (run) => {
        runs.push(run);
        done += work(run.K);
        options.onProgress?.(done, total);
        return true;
      },
    });
    options.onProgress?.(total, total);
    return runs;
  });
}

/** The input parts of E neurons at one K, from {@link meanInputByK}. */
export interface MeanInputAtK {
  /** Partners per population. */
  K: number;
  /** Mean ± SE over neurons of the time-averaged input × tau from E, I, X (units of V_th). */
  comp: MeanWithSE[];
  /** Mean ± SE of their sum. */
  total: MeanWithSE;
  /** Number of neurons (recorded neurons of the usable runs). */
  n: number;
  /** The diffusion mean field at this K. */
  mf: MeanFieldSolution;
}

/**
 * Per K, the time-averaged input parts of the recorded E neurons over all usable runs: mean and
 * standard error over neurons of each part and of their sum, and the mean field at that K.
 * @param runs the runs of {@link kScan}
 * @param Ks the values of K to report
 * @throws ParameterError when runs or Ks is empty, or a K has fewer than 2 recorded neurons in usable runs
 * @returns one entry per K
 */
export function meanInputByK(runs: readonly KScanRun[], Ks: readonly number[]): MeanInputAtK[] {
  const where = "meanInputByK";
  if (!Array.isArray(runs) || runs.length === 0) invalid(where, "runs", runs, "the non-empty result of kScan");
  if (!Array.isArray(Ks) || Ks.length === 0) invalid(where, "Ks", Ks, "a non-empty array of K values");
  const meanSE = (x: number[]) => { const s = summarize(x, where); return { m: s.mean, se: s.se }; };
  return Ks.map((K) => {
    const list = runs.filter((r) => r.K === K && r.usable).flatMap((r) => r.parts);
    if (list.length < 2) throw new ParameterError(`${where}: K = ${K} has ${list.length} recorded neuron(s) in usable runs, at least 2 are needed for a mean and its standard error (no means of nothing); add seeds or leave this K out of Ks`);
    const comp = [0, 1, 2].map((b) => meanSE(list.map((p) => p[b])));
    return { K, comp, total: meanSE(list.map((p) => p[0] + p[1] + p[2])), n: list.length, mf: solveMeanField({ K }) };
  });
}
