import { simulateNetwork, type NetworkRun } from "../network/simulate";
import { meanRates } from "../network/rates";
import { NetworkParams, networkParams } from "../network/params";
import { recycleMemory } from "../network/wasm";
import { simulateTestNeurons, type PresynapticGroup, type TestNeuronResult } from "../neuron/test-neurons";
import type { SpikeTrains } from "../spikes/spike-trains";
import type { OpenLoopEffect } from "../theory/closed-loop-shift";
import { deriveSeed, Rng } from "../core/rng";
import { checkBudget, resolveLimits, type LimitOptions } from "../core/limits";
import { runControl, type RunControlOptions } from "../core/run-control";
import { checkNumber, checkSeed, invalid, within } from "../core/validate";
import { asynchronousFrom, seedMean, type SeedMean } from "./asynchronous-rates";
import { poolTask, runGroup, type RunContext } from "./run-pool";

/**
 * The open-loop effect of the cross-correlations between a neuron's inputs on its rate, measured
 * with test neurons on the network's own spike trains. Per seed: one network run (initial V
 * uniform), kept from the start of its asynchronous window ({@link asynchronousFrom}); then M
 * test neurons of each population, each with K distinct E and K distinct I partners drawn from the
 * network's neurons and K X trains (option `external`, below), with weights J_ab / sqrt(K) and
 * the network's Euler rule ({@link simulateTestNeurons}), in two conditions with the same
 * partners, X spikes and initial V (common random numbers):
 *
 * - **real**: the trains as recorded, with their cross-correlations;
 * - **shifted**: each recorded train shifted circularly in time by its own random offset (uniform
 *   over the window; one offset per train, wherever it is used), which keeps every train's own
 *   structure (its spikes, rate, ISI statistics, power spectrum) and destroys the correlations
 *   between trains.
 *
 * real - shifted, paired per seed, is the open-loop effect of the correlations between the
 * inputs; the mean input is the same in both conditions (a circular shift moves no spike out of
 * the window). Which X trains (option `external`):
 *
 * - `"network"` (default): K distinct trains of the network's own X neurons (recorded), shifted
 *   like the E and I trains in the shifted condition. real - shifted includes the correlations
 *   between X and the E and I inputs (X partners shared with a neuron's E and I partners), and the
 *   real condition differs from the network's own neurons only by the missing feedback of the
 *   test neuron's spikes onto its inputs: `realMinusNetwork` checks the set-up (at K = 100,
 *   r_X = 10 Hz, 20 seeds: -0.05 +- 0.08 Hz for E, +0.05 +- 0.05 Hz for I).
 * - `"bernoulli"`: K fresh Bernoulli trains at r_X per test neuron, the same in both conditions.
 *   real - shifted is then the effect of the correlations among the E and I inputs alone. The
 *   real condition then misses the X-(E, I) correlations, which lower the rate (at K = 100,
 *   r_X = 10 Hz: real - network = +0.65 +- 0.25 Hz for E), and the network's realised X rate, to
 *   which its E and I rates respond (a 2 s run of N = 1000 X neurons is about 0.8 % off r_X, so
 *   the test neuron's mean input misses tau sqrt(K) J_aX (realised - r_X), and real - network
 *   scatters by about a hertz from seed to seed; the paired real - shifted largely cancels it).
 */

/** Options of {@link correlationEffect}. */
export interface CorrelationEffectOptions extends LimitOptions, RunControlOptions {
  /** Network parameters (units in {@link NetworkParams}); the model's defaults, except N = 10 K when N is not given. */
  params?: Partial<NetworkParams>;
  /** Seeds of the runs (at least 2 for a standard error; the notebook uses >= 20). */
  seeds: ArrayLike<number | string>;
  /** Test neurons per population M (an integer >= 1, default 1000). */
  testNeurons?: number;
  /** Time dropped at the start of every network run (s), default 0.2. */
  transient?: number;
  /** Start of the test neurons' window that is simulated but not counted (s), default 0.1. */
  testTransient?: number;
  /** Shortest counted window a run must keep to count (s), default 0.3. */
  minWindow?: number;
  /**
   * Stop once this many runs are usable (default: run every seed). With `seeds` a longer list of
   * candidates, runs that lock into the synchronous state are replaced by the next seeds.
   */
  usableWanted?: number;
  /** The test neurons' X trains: the network's own (default) or fresh Bernoulli trains (module header). */
  external?: "bernoulli" | "network";
}

/** Per-seed rates of one population, over the usable seeds. */
export interface CorrelationPopulation {
  /** The network's own neurons of this population, over the test neurons' counted window. */
  network: SeedMean;
  /** Test neurons on the recorded trains (Hz). */
  real: SeedMean;
  /** Test neurons on the shifted trains (Hz). */
  shifted: SeedMean;
  /** real - shifted, paired per seed (Hz): the open-loop effect of the input cross-correlations. */
  difference: SeedMean;
  /** real - network, paired per seed (Hz): correlations with X and the missing feedback. */
  realMinusNetwork: SeedMean;
  /** Mean over test neurons of the free membrane potential's mean (dimensionless), real condition. */
  freeMean: SeedMean;
  /** Mean over test neurons of the free membrane potential's variance (dimensionless), per condition. */
  freeVariance: { real: SeedMean; shifted: SeedMean };
}

/** Result of {@link correlationEffect}. */
export interface CorrelationEffect {
  /** E-type test neurons (weights J_EE, J_EI, J_EX). */
  E: CorrelationPopulation;
  /** I-type test neurons (weights J_IE, J_II, J_IX). */
  I: CorrelationPopulation;
  /** The open-loop effect [real - shifted of E, of I] (Hz) with the covariance of its mean, for `closedLoopShift`. */
  openLoop: OpenLoopEffect;
  /** Start of the asynchronous window of each usable run (s). */
  windows: number[];
  /** Runs with a counted window of at least minWindow (the others are left out). */
  usable: number;
  /** Runs simulated (all the seeds, or fewer with `usableWanted`). */
  runs: number;
  /** The validated network parameters. */
  params: NetworkParams;
  /** The test neurons' X trains (option `external`). */
  external: "bernoulli" | "network";
}

/** What one usable seed gives, per population (E then I). */
interface SeedRow {
  start: number;
  pops: { network: number; real: number; shifted: number; freeMean: number; freeReal: number; freeShifted: number }[];
}

/** K distinct partners out of N for each of `neurons` test neurons, in one array. */
function drawPartners(rng: Rng, neurons: number, N: number, K: number): Uint32Array {
  const out = new Uint32Array(neurons * K);
  for (let m = 0; m < neurons; m++) rng.sampleWithoutReplacement(N, out.subarray(m * K, (m + 1) * K));
  return out;
}

/** The weights of the test neurons from population b: J_Eb / sqrt(K) for the first M, J_Ib / sqrt(K) for the next M. */
function weightsFrom(M: number, wE: number, wI: number): Float64Array {
  const w = new Float64Array(2 * M);
  w.fill(wE, 0, M);
  w.fill(wI, M);
  return w;
}

function uniformInts(rng: Rng, n: number, below: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let j = 0; j < n; j++) out[j] = rng.int(below);
  return out;
}

/** Per population: mean rate over its test neurons (Hz) and mean free-membrane moments. */
function testSummary(r: TestNeuronResult, M: number): { rate: number; freeMean: number; freeVariance: number }[] {
  return [0, 1].map((a) => {
    let c = 0, fm = 0, fv = 0;
    for (let m = a * M; m < (a + 1) * M; m++) {
      c += r.counts[m];
      fm += r.freeMean[m];
      fv += r.freeVariance[m];
    }
    return { rate: c / (M * r.bins * r.dt), freeMean: fm / M, freeVariance: fv / M };
  });
}

/** The window and set-up shared by the seeds. */
interface Design {
  M: number;
  testTransient: number;
  external: "bernoulli" | "network";
  limits: LimitOptions;
}

/** Drives the 2M test neurons with one run's trains, real and shifted (module header). */
function testNeuronsOn(run: NetworkRun, seed: number | string, start: number, d: Design): { real: TestNeuronResult; shifted: TestNeuronResult } {
  const { params: p } = run;
  const { M } = d;
  const sk = Math.sqrt(p.K);
  const span = run.nBins - Math.round(start / p.dt);
  const partners = new Rng(deriveSeed(seed, "test partners"));
  const group = (trains: SpikeTrains, b: 0 | 1 | 2): PresynapticGroup => ({
    trains, perNeuron: p.K, partners: drawPartners(partners, 2 * M, p.N, p.K),
    weights: b === 2 ? weightsFrom(M, p.JX[0] / sk, p.JX[1] / sk) : weightsFrom(M, p.J[0][b] / sk, p.J[1][b] / sk),
  });
  const groups = [group(run.E, 0), group(run.I, 1)];
  if (d.external === "network") groups.push(group(run.X as SpikeTrains, 2));
  const v0 = new Rng(deriveSeed(seed, "test V0"));
  const initialV = Float64Array.from({ length: 2 * M }, () => v0.uniform() * p.vTh);
  const bernoulli = d.external === "network" ? undefined : { perNeuron: p.K, rate: p.rX, weights: weightsFrom(M, p.JX[0] / sk, p.JX[1] / sk), seed: deriveSeed(seed, "test X") };
  const common = { neurons: 2 * M, bernoulli, start, transient: d.testTransient, tau: p.tau, vTh: p.vTh, initialV, ...d.limits };
  const shifts = new Rng(deriveSeed(seed, "test shifts"));
  const shifted = groups.map((g) => ({ ...g, shifts: uniformInts(shifts, p.N, span) }));
  return { real: simulateTestNeurons({ ...common, groups }), shifted: simulateTestNeurons({ ...common, groups: shifted }) };
}

/** One seed of {@link correlationEffect}: the network's parameters, the seed, and the design with its windows (s). */
interface SeedJob {
  p: NetworkParams;
  seed: number | string;
  d: Design & { transient: number; minWindow: number };
}

/** One seed: the network run, its asynchronous window, and the test neurons; null when the window is too short. */
function oneSeed({ p, seed, d }: SeedJob, context: RunContext): SeedRow | null {
  const { M, limits } = d;
  const run = simulateNetwork({
    params: p, seed, initialV: "uniform", recordX: d.external === "network", maxBytes: limits.maxBytes, maxSteps: limits.maxSteps,
    threads: context.threads, onProgress: context.checkpoint,
  });
  recycleMemory(run.connectivity.memory);
  const start = asynchronousFrom(run, d.transient);
  if (start + d.testTransient + d.minWindow > p.duration + 1e-9) return null;
  const { real, shifted } = testNeuronsOn(run, seed, start, d);
  const net = meanRates(run, { transient: start + d.testTransient });
  const r = testSummary(real, M);
  const s = testSummary(shifted, M);
  return {
    start,
    pops: [net.E.mean, net.I.mean].map((network, a) => ({
      network, real: r[a].rate, shifted: s[a].rate, freeMean: r[a].freeMean, freeReal: r[a].freeVariance, freeShifted: s[a].freeVariance,
    })),
  };
}

const seedTask = poolTask("correlationEffect", oneSeed);

/** Between-seed statistics of one population's rows. */
function populationStats(rows: SeedRow[], a: number): CorrelationPopulation {
  const col = (f: (q: SeedRow["pops"][number]) => number) => seedMean(rows.map((r) => f(r.pops[a])));
  return {
    network: col((q) => q.network),
    real: col((q) => q.real),
    shifted: col((q) => q.shifted),
    difference: col((q) => q.real - q.shifted),
    realMinusNetwork: col((q) => q.real - q.network),
    freeMean: col((q) => q.freeMean),
    freeVariance: { real: col((q) => q.freeReal), shifted: col((q) => q.freeShifted) },
  };
}

/** Covariance of the mean of paired samples x, y: sum (x - mx)(y - my) / ((n - 1) n). */
function meanCovariance(x: number[], y: number[]): number {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let c = 0;
  for (let i = 0; i < n; i++) c += (x[i] - mx) * (y[i] - my);
  return c / ((n - 1) * n);
}

/**
 * Measures the open-loop effect of the input cross-correlations on the rates of E and I neurons
 * (module header), with between-seed standard errors (se = sd / sqrt(usable seeds); the
 * differences are paired per seed). Feed `openLoop` to `closedLoopShift` with a theory's Jacobian
 * for the effect on the self-consistent rates.
 * Cost per seed: one network run plus two passes of 2M test neurons over the window (about
 * 2 x 2M x window / dt neuron steps and 2 x 2M x K x (r_E + r_I + r_X) x window synaptic events).
 * The seeds are independent: they run side by side on the run pool's worker threads (one per
 * core, up to N K = 10^7, as many as `maxBytes` holds), never more at a time than are certainly
 * needed, and are taken in order, with the same results, bit for bit, as one after another.
 * @param options params (N default 10 K), seeds, testNeurons (M per population), transient (s),
 *   testTransient (s), minWindow (s), external ("bernoulli" or "network"), usableWanted, maxBytes, maxSteps,
 *   onProgress (seeds done and seeds, or usable runs and usableWanted), signal.
 * @returns per population the network's, real and shifted rates (Hz), their paired differences,
 *   the free-membrane moments, and the open-loop effect with its covariance.
 * @throws ParameterError for invalid parameters, seeds, testNeurons, times (transient + testTransient +
 *   minWindow must fit in the run), a run past the memory or work limit, or no usable run;
 *   CancelledError when `signal` is aborted.
 */
export function correlationEffect(options: CorrelationEffectOptions): CorrelationEffect {
  return within("correlationEffect", "options", () => {
    const where = "correlationEffect";
    if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
    const given = options.params ?? {};
    if (given === null || typeof given !== "object") invalid(where, "params", given, "an object of network parameters");
    const p = networkParams({ ...given, N: given.N ?? 10 * (given.K ?? 100) });
    const { seeds, transient = 0.2, testTransient = 0.1, minWindow = 0.3, external = "network", maxBytes, maxSteps } = options;
    if (external !== "bernoulli" && external !== "network") invalid(where, "external", external, '"bernoulli" or "network"');
    if (seeds === null || typeof seeds !== "object" || typeof seeds.length !== "number" || seeds.length === 0) invalid(where, "seeds", seeds, "a non-empty array of seeds");
    for (let q = 0; q < seeds.length; q++) checkSeed(where, seeds[q]);
    const M = checkNumber(where, "testNeurons", options.testNeurons ?? 1000, { integer: true, min: 1 });
    checkNumber(where, "transient", transient, { min: 0, unit: "s" });
    checkNumber(where, "testTransient", testTransient, { min: 0, unit: "s" });
    checkNumber(where, "minWindow", minWindow, { min: 0, minInclusive: false, max: p.duration - transient - testTransient, unit: "s (transient + testTransient + minWindow <= duration)" });
    const limits = resolveLimits(where, { maxBytes, maxSteps });
    checkBudget(where, limits, { what: `the partners of 2 x ${M} test neurons (3 x ${p.K} each)`, bytes: 24 * M * p.K + 12 * p.N });
    const wanted = options.usableWanted === undefined ? Infinity : checkNumber(where, "usableWanted", options.usableWanted, { integer: true, min: 1, max: seeds.length });
    const control = runControl(where, options, Math.min(wanted, seeds.length), wanted === Infinity ? "seeds" : "usable runs");
    const rows: SeedRow[] = [];
    let runs = 0;
    const d = { M, testTransient, external, limits, transient, minWindow };
    runGroup(where, p, {
      task: seedTask, count: seeds.length,
      args: (q) => ({ p, seed: seeds[q], d }),
      wanted: () => wanted - rows.length,
      consume: (row) => {
        runs++;
        if (row !== null) rows.push(row);
        control.report(wanted === Infinity ? runs : rows.length);
        return rows.length < wanted;
      },
    }, limits.maxBytes);
    if (rows.length === 0) invalid(where, "seeds", `${seeds.length} runs`, "runs of which at least one stays asynchronous for transient + testTransient + minWindow");
    const E = populationStats(rows, 0);
    const I = populationStats(rows, 1);
    const dE = E.difference.perSeed;
    const dI = I.difference.perSeed;
    const cEI = rows.length > 1 ? meanCovariance(dE, dI) : NaN;
    return {
      E, I,
      openLoop: { mean: [E.difference.mean, I.difference.mean], covariance: [[E.difference.se ** 2, cEI], [cEI, I.difference.se ** 2]] },
      windows: rows.map((r) => r.start), usable: rows.length, runs, params: p, external,
    };
  });
}
