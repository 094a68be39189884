import { SpikeTrains } from "../spikes/spike-trains";
import { mean, summarize, variance, type SampleSummary } from "../math/statistics";
import { checkFiniteArray, checkNumber, invalid, within } from "../core/validate";
import { firingRates } from "./spike-stats";
import { populationSpikeRecovery, populationSpikes, type PopulationSpikeRecovery, type PopulationSpikes } from "./synchronous-state";

/**
 * The locked synchronous state of a run: population spikes of E and I, the intervals and rates
 * inside a locked episode, and the membrane potential just before each locked population spike.
 */

/** A run measured for the synchronous state, from {@link syncRun}. */
export interface SyncRun {
  /** What the run is, e.g. "V0 = 0, seed 1". */
  label: string;
  /** Partners per population. */
  K: number;
  /** Duration of the run (s). */
  T: number;
  /** E spikes. */
  E: SpikeTrains;
  /** I spikes. */
  I: SpikeTrains;
  /** Population spikes of E. */
  psE: PopulationSpikes;
  /** Population spikes of I. */
  psI: PopulationSpikes;
}

/** Checks a result of `populationSpikes`: its times, widths and intervals, and its episodes. */
function checkPopulationSpikes(where: string, name: string, ps: PopulationSpikes): void {
  const ok = ps !== null && typeof ps === "object" && [ps.times, ps.widths, ps.intervals].every((x) => x instanceof Float64Array) && Array.isArray(ps.episodes);
  if (!ok) invalid(where, name, ps, "a result of populationSpikes");
}

/** Checks runs of {@link syncRun}: K, T, the E and I trains and their population spikes. */
function checkSyncRuns(where: string, runs: readonly SyncRun[]): void {
  if (!Array.isArray(runs)) invalid(where, "runs", runs, "an array of results of syncRun");
  runs.forEach((m, k) => {
    const ok = m !== null && typeof m === "object" && Number.isInteger(m.K) && m.T > 0 && m.E instanceof SpikeTrains && m.I instanceof SpikeTrains;
    if (!ok) invalid(where, `runs[${k}]`, m, "a result of syncRun");
    checkPopulationSpikes(where, `runs[${k}].psE`, m.psE);
    checkPopulationSpikes(where, `runs[${k}].psI`, m.psI);
  });
}

/**
 * A run with its population spikes (`populationSpikes` with default options, unless given).
 * @param label what the run is
 * @param K partners per population
 * @param T the run's duration (s), > 0
 * @param run the E and I spike trains, and their population spikes when already found
 * @throws ParameterError when E or I is not a SpikeTrains, or T is not > 0
 * @returns the {@link SyncRun}
 */
export function syncRun(label: string, K: number, T: number, run: { E: SpikeTrains; I: SpikeTrains; psE?: PopulationSpikes; psI?: PopulationSpikes }): SyncRun {
  if (typeof label !== "string") invalid("syncRun", "label", label, "a string");
  checkNumber("syncRun", "K", K, { integer: true, min: 1 });
  checkNumber("syncRun", "T", T, { min: 0, minInclusive: false, unit: "s" });
  if (run === null || typeof run !== "object") invalid("syncRun", "run", run, "an object { E, I }");
  if (!(run.E instanceof SpikeTrains)) invalid("syncRun", "run.E", run.E, "a SpikeTrains");
  if (!(run.I instanceof SpikeTrains)) invalid("syncRun", "run.I", run.I, "a SpikeTrains");
  return { label, K, T, E: run.E, I: run.I, psE: run.psE ?? populationSpikes(run.E), psI: run.psI ?? populationSpikes(run.I) };
}

/**
 * The intervals between the population spikes of the first episode when it has at least 3
 * (a locked state), else none.
 * @param ps population spikes (`populationSpikes`)
 * @returns the intervals (s)
 */
export function lockedIntervals(ps: PopulationSpikes): number[] {
  checkPopulationSpikes("lockedIntervals", "ps", ps);
  const ep = ps.episodes[0];
  return ep !== undefined && ep.count >= 3 ? Array.from(ps.intervals.subarray(0, ep.count - 1)) : [];
}

/** Rates inside a locked episode, from {@link lockedEpisodeRates}. */
export interface LockedRates {
  /** Partners per population. */
  K: number;
  /** The run's label. */
  label: string;
  /** Mean E rate inside the episode (Hz). */
  E: number;
  /** Mean I rate inside the episode (Hz). */
  I: number;
}

/**
 * The mean E and I rates inside the first episode of every run whose first E episode has at
 * least 3 population spikes: spikes from the first to the last population spike, both shifted by
 * 2 ms and rounded up to whole bins (the end at most T).
 * @param runs the measured runs
 * @param dt the time step (s), > 0
 * @throws ParameterError for a bad dt
 * @returns one entry per locked run
 */
export function lockedEpisodeRates(runs: readonly SyncRun[], dt: number): LockedRates[] {
  checkSyncRuns("lockedEpisodeRates", runs);
  checkNumber("lockedEpisodeRates", "dt", dt, { min: 0, minInclusive: false, unit: "s" });
  const ceilBin = (t: number) => Math.ceil(t / dt - 1e-9) * dt;
  return runs.filter((m) => m.psE.episodes.length > 0 && m.psE.episodes[0].count >= 3).map((m) => {
    const ep = m.psE.episodes[0];
    const range = { start: ceilBin(ep.start + 0.002), end: Math.min(ceilBin(ep.end + 0.002), m.T) };
    const rates = within("lockedEpisodeRates", `the episode of runs (${m.label}) at dt = ${dt} s`, () => [firingRates(m.E, range), firingRates(m.I, range)]);
    return { K: m.K, label: m.label, E: mean(rates[0]), I: mean(rates[1]) };
  });
}

/** V of recorded neurons before population spikes, from {@link voltageBeforePopulationSpikes}. */
export interface VoltageBefore {
  /** Mean V across the neurons, per population spike (units of V_th). */
  mean: number[];
  /** Standard deviation of V across the neurons, per population spike. */
  sd: number[];
  /** Number of neurons. */
  neurons: number;
}

/**
 * The membrane potential of recorded neurons in the bin before each population spike of the
 * first episode begins (after the first): the bin of its peak minus its width. Mean and standard
 * deviation across the neurons, one value per population spike.
 * @param ps population spikes of the population
 * @param traces V traces of recorded neurons of that population (one per neuron, per bin)
 * @param dt the time step (s), > 0
 * @throws ParameterError for no traces, no episode or a bad dt
 * @returns per population spike, the mean and the sd of V across neurons; and the number of neurons
 */
export function voltageBeforePopulationSpikes(ps: PopulationSpikes, traces: readonly ArrayLike<number>[], dt: number): VoltageBefore {
  const where = "voltageBeforePopulationSpikes";
  checkPopulationSpikes(where, "ps", ps);
  if (!Array.isArray(traces) || traces.length < 2) invalid(where, "traces", traces, "an array of at least 2 V traces (a standard deviation across neurons needs two)");
  traces.forEach((v, k) => checkFiniteArray(where, `traces[${k}]`, v));
  if (ps.episodes.length === 0) invalid(where, "ps", "no episode", "population spikes with at least one episode");
  checkNumber(where, "dt", dt, { min: 0, minInclusive: false, unit: "s" });
  const at = Array.from(ps.times.subarray(1, ps.episodes[0].count), (t, q) => Math.round(t / dt) - Math.round(ps.widths[q + 1] / dt));
  const shortest = Math.min(...traces.map((v) => v.length));
  if (at.some((k) => !(k >= 0 && k < shortest))) invalid(where, "traces", `traces of ${shortest} bins`, `traces covering every population spike (bin ${Math.max(...at)} at dt = ${dt} s)`);
  const values = at.map((k) => traces.map((v) => v[k]));
  return { mean: values.map((v) => mean(v)), sd: values.map((v) => Math.sqrt(variance(v))), neurons: traces.length };
}

/** The period of the locked state at one K, from {@link lockPeriods}. */
export interface LockPeriod {
  /** Partners per population. */
  K: number;
  /** The deterministic recovery after a complete population spike (`populationSpikeRecovery`). */
  rec: PopulationSpikeRecovery;
  /** Summary of the intervals in the locked episodes of the runs at this K; absent with fewer than 2. */
  iv?: SampleSummary;
}

/**
 * Per K, the deterministic recovery time after a complete population spike against the measured
 * intervals inside the locked episodes (`lockedIntervals` of E) of all runs at that K.
 * @param runs the measured runs
 * @param Ks the values of K, integers >= 1
 * @throws ParameterError for a bad K, and as `populationSpikeRecovery`
 * @returns one entry per K
 */
export function lockPeriods(runs: readonly SyncRun[], Ks: readonly number[]): LockPeriod[] {
  checkSyncRuns("lockPeriods", runs);
  if (!Array.isArray(Ks) || Ks.length === 0) invalid("lockPeriods", "Ks", Ks, "a non-empty array of K values");
  return Ks.map((K, k) => {
    const rec = within("lockPeriods", `Ks[${k}]`, () => populationSpikeRecovery({ K: K }));
    const iv = runs.filter((m) => m.K === K).flatMap((m) => lockedIntervals(m.psE));
    return iv.length > 1 ? { K, rec, iv: summarize(iv) } : { K, rec };
  });
}
