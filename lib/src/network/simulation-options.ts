/**
 * The options of {@link simulateNetwork} and their parsing, once, at the public boundary, into a
 * validated, fully-defaulted {@link RunSetup} that the simulator trusts.
 */
import { Connectivity, checkConnectivityBudget, connectivityBytes } from "./connectivity";
import { balanceWarning, NetworkParams, networkParams } from "./params";
import { connectivityLayout, MAX_THREADS } from "./connectivity-layout";
import { checkBudget, resolveLimits, type LimitOptions } from "../core/limits";
import { runControl, type RunControl } from "../core/run-control";
import { binCount } from "../core/time-bins";
import { checkNumber, checkSeed, invalid, within } from "../core/validate";

/** Neuron indices (within E and within I) for an opt-in recording. */
export interface NeuronSelection {
  /** Indices of E neurons, each in [0, N). */
  E?: ArrayLike<number>;
  /** Indices of I neurons, each in [0, N). */
  I?: ArrayLike<number>;
}

/** Options of {@link simulateNetwork}. */
export interface SimulationOptions extends LimitOptions {
  /** Model parameters; missing fields take the model's defaults (see {@link NetworkParams}). */
  params?: Partial<NetworkParams>;
  /** Seed of the run: connectivity, X spikes and initial V use independent sub-streams of it. */
  seed: number | string;
  /**
   * A connectivity to reuse (from {@link buildConnectivity}, same N and K as `params`); by default
   * one is built from `deriveSeed(seed, "connectivity")`.
   */
  connectivity?: Connectivity;
  /**
   * Initial membrane potentials: `"zero"` (default, the model's V(0) = 0) or `"uniform"`, drawn
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
  /**
   * Ends the run early: called after each progress report (every `progressInterval` of simulated
   * time, not after the last bin) with the spikes per bin so far, `binCounts.E[k]` and
   * `binCounts.I[k]` for the bins k < `bins` done (0 in the later bins; do not modify them); the
   * run stops there when it returns true. The result then covers the bins done: its `nBins`, the
   * duration of its trains and its population rates end there, and `stopped` is true. The spikes
   * up to there are those of the whole run. Not with `recordX`, `recordV` or `recordInput`.
   */
  stopWhen?: (binCounts: { E: Uint32Array; I: Uint32Array }, bins: number) => boolean;
  /** Cancels the run at its next progress call (throws a CancelledError). */
  signal?: AbortSignal;
  /**
   * Threads of the simulation, an integer in [1, 64]; a run uses at most the connectivity's
   * parts (one for N K < 2^21, two or more above). Default: one per core up to the parts, so one
   * thread for small networks and all cores for large ones; a run on several threads measures its
   * first bins and continues on one thread when that is faster (the result's `threads` and
   * `threadReason` say what it did and why). The spikes are the same, bit for bit,
   * for any number of threads. A run with `recordInput` uses one thread. `threads: 1` also builds
   * the connectivity in the calling thread (see {@link buildConnectivity}): the whole run then
   * starts no worker thread.
   */
  threads?: number;
}

/** Largest number of recorded samples (V and input traces) per run: 2^25 values (256 MB). */
export const maxRecordedSamples = 2 ** 25;

/** The recorded neurons of E and I (empty when not asked), and whether the recording was asked. */
export interface Selection {
  asked: boolean;
  E: Uint32Array;
  I: Uint32Array;
  askedE: boolean;
  askedI: boolean;
}

/** A run's options, validated and with every default filled in. */
export interface RunSetup {
  p: NetworkParams;
  seed: number | string;
  nBins: number;
  initialV: "zero" | "uniform";
  recordX: boolean;
  recordPopulationRate: boolean;
  recordV: Selection;
  recordInput: Selection;
  /** The connectivity to reuse, or undefined to build one. */
  connectivity: Connectivity | undefined;
  /** Threads asked for, or undefined for the default. */
  threads: number | undefined;
  control: RunControl;
  /** The rule that may end the run early (see SimulationOptions.stopWhen), or undefined. */
  stopWhen: SimulationOptions["stopWhen"];
  /** Bins between two progress reports. */
  progressBins: number;
  /** Warnings about the parameters (see {@link balanceWarning}). */
  warnings: string[];
}

function indices(where: string, name: string, sel: ArrayLike<number> | undefined, N: number): Uint32Array {
  if (sel === undefined) return new Uint32Array(0);
  if (sel === null || typeof sel !== "object" || typeof sel.length !== "number") invalid(where, name, sel, "an array of neuron indices");
  const out = new Uint32Array(sel.length);
  for (let q = 0; q < sel.length; q++) out[q] = checkNumber(where, `${name}[${q}]`, sel[q], { integer: true, min: 0, max: N - 1 });
  return out;
}

function selection(where: string, name: string, sel: NeuronSelection | undefined, N: number): Selection {
  if (sel !== undefined && (sel === null || typeof sel !== "object")) invalid(where, name, sel, "an object { E, I } of neuron index arrays");
  return { asked: sel !== undefined, askedE: sel?.E !== undefined, askedI: sel?.I !== undefined, E: indices(where, `${name}.E`, sel?.E, N), I: indices(where, `${name}.I`, sel?.I, N) };
}

function connectivityOption(where: string, conn: unknown, N: number, K: number): Connectivity | undefined {
  if (conn !== undefined && (!(conn instanceof Connectivity) || conn.N !== N || conn.K !== K)) {
    invalid(where, "connectivity", conn, `a Connectivity with N = ${N} and K = ${K}`);
  }
  return conn as Connectivity | undefined;
}

/** The recorded values of a run (V and input traces), and the bytes of its records: spike lists, bin offsets, population rates, traces. */
function recordBytes(s: RunSetup): { bytes: number; samples: number } {
  const { N, duration } = s.p;
  const samples = (s.recordV.E.length + s.recordV.I.length + 3 * (s.recordInput.E.length + s.recordInput.I.length)) * s.nBins;
  const spikes = 2 * Math.min(2 ** 26, Math.ceil(N * duration * 40) + 4 * N);
  return { bytes: 8 * spikes + 8 * (s.nBins + 1) + (s.recordPopulationRate ? 16 * s.nBins : 0) + 8 * samples, samples };
}

/**
 * The memory of a parsed run (bytes, at most): its connectivity and the build's scratch (unless
 * one was passed in; one building thread when `threads` is 1, else two) and its records, as
 * checked against the limit by {@link parseSimulationOptions}.
 * @param s the parsed options of the run.
 * @returns the bytes.
 */
export function runBytes(s: RunSetup): number {
  const conn = s.connectivity === undefined ? connectivityBytes(connectivityLayout(s.p.N, s.p.K), s.threads === 1 ? 1 : 2) : 0;
  return conn + recordBytes(s).bytes;
}

/**
 * Refuses a run whose memory exceeds the limit before anything is allocated: the connectivity
 * (when built), the spike lists (about 40 Hz per neuron expected, 4 bytes a spike, twice for
 * their growth and conversion), the bin offsets and population rates (per bin), and the
 * recordings (8 bytes per sample).
 */
function checkRunBudget(where: string, s: RunSetup, limits: LimitOptions): void {
  const { N, K, dt, duration } = s.p;
  if (s.connectivity === undefined) checkConnectivityBudget(where, N, K, limits);
  const { bytes, samples } = recordBytes(s);
  const what = `a run of duration = ${duration} s (${s.nBins.toPrecision(3)} bins of dt = ${dt} s) with N = ${N}: spike lists, bin offsets and recordings`;
  checkBudget(where, resolveLimits(where, limits), { what, bytes });
  if (samples > maxRecordedSamples) {
    invalid(where, "the number of recorded values (neurons x bins, 3 per neuron for recordInput)", samples, `<= ${maxRecordedSamples}: record fewer neurons or a shorter run`);
  }
}

/** The stopWhen option: a function, and only for runs that record nothing but the spikes of E and I (and their population rates). */
function stopRule(where: string, options: SimulationOptions): SimulationOptions["stopWhen"] {
  const { stopWhen } = options;
  if (stopWhen === undefined) return undefined;
  if (typeof stopWhen !== "function") invalid(where, "stopWhen", stopWhen, "a function (binCounts, bins) => boolean");
  if (options.recordX || options.recordV !== undefined || options.recordInput !== undefined) {
    invalid(where, "stopWhen", "a function", "only without recordX, recordV and recordInput (their records would end before the run's end)");
  }
  return stopWhen;
}

/**
 * Parses the options of {@link simulateNetwork} once: every field validated (messages name the
 * function, the parameter, the value and what is allowed), every default filled in, and the
 * memory of the run estimated and checked against the limit.
 * @throws ParameterError as documented on {@link simulateNetwork}.
 */
export function parseSimulationOptions(options: SimulationOptions): RunSetup {
  const where = "simulateNetwork";
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const p = within(where, "params", () => networkParams(options.params ?? {}));
  const seed = checkSeed(where, options.seed);
  const initialV = options.initialV ?? "zero";
  if (initialV !== "zero" && initialV !== "uniform") invalid(where, "initialV", initialV, '"zero" or "uniform"');
  const progressInterval = checkNumber(where, "progressInterval", options.progressInterval ?? 0.1, { min: 0, minInclusive: false, unit: "s" });
  const threads = options.threads === undefined ? undefined : checkNumber(where, "threads", options.threads, { integer: true, min: 1, max: MAX_THREADS });
  const warning = balanceWarning(p);
  const setup: RunSetup = {
    p,
    seed,
    nBins: binCount(where, p.duration, p.dt),
    initialV,
    recordX: options.recordX === true,
    recordPopulationRate: options.recordPopulationRate === true,
    recordV: selection(where, "recordV", options.recordV, p.N),
    recordInput: selection(where, "recordInput", options.recordInput, p.N),
    connectivity: connectivityOption(where, options.connectivity, p.N, p.K),
    threads,
    control: runControl(where, options, p.duration, "s of simulated time"),
    stopWhen: stopRule(where, options),
    progressBins: Math.max(1, Math.round(progressInterval / p.dt)),
    warnings: warning ? [warning] : [],
  };
  checkRunBudget(where, setup, options);
  return setup;
}
