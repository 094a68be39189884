/**
 * The state of a run of the E/I/X network, classified from its spikes with stated thresholds:
 * runaway (saturated rates), one population silent, synchronous, asynchronous regular or
 * asynchronous irregular (the balanced state's signature).
 */
import { SpikeTrains } from "../spikes/spike-trains";
import { checkNumber, invalid } from "../core/validate";
import { meanRate, isiCVs } from "./spike-stats";
import { synchronyChi } from "./synchrony";
import { mean } from "../math/statistics";

/** The states {@link classifyState} tells apart, in the order it tests them. */
export const NETWORK_STATES = [
  "runaway",
  "E silent",
  "I silent",
  "synchronous",
  "asynchronous regular",
  "asynchronous irregular",
] as const;

/** A state of the network (see {@link classifyState}). */
export type NetworkState = (typeof NETWORK_STATES)[number];

/** Thresholds of {@link classifyState}; each has a default. */
export interface StateThresholds {
  /** A population whose mean rate exceeds this is saturated (Hz); default 500 (5 % of 1/dt at dt = 0.1 ms). */
  saturatedRate?: number;
  /** A population whose mean rate is below this is silent (Hz); default 1 (a tenth of the tutorial's r_X). */
  silentRate?: number;
  /** A population is synchronous when Golomb's chi (1 ms bins) reaches this, in (0, 1]; default 0.3 (AI: about 0.1). */
  chi?: number;
  /** The active populations are irregular when their mean ISI CV reaches this; default 0.5 (1 for Poisson). */
  cv?: number;
}

/** Result of {@link classifyState}. */
export interface StateClassification {
  /** The state. */
  state: NetworkState;
  /** Mean rate of E and of I over the window (Hz). */
  rates: [number, number];
  /** Golomb's chi of E and of I (1 ms bins) over the window; null for a silent or saturated population (not computed). */
  chi: [number | null, number | null];
  /**
   * Mean ISI CV over the neurons of E and of I with at least 2 intervals in the window; null for a
   * silent or saturated population, or where no neuron has 2 intervals (undefined: rule 4 does not apply).
   */
  cv: [number | null, number | null];
}

/** Defaults of {@link StateThresholds}. */
export const DEFAULT_STATE_THRESHOLDS: Readonly<Required<StateThresholds>> = Object.freeze({
  saturatedRate: 500,
  silentRate: 1,
  chi: 0.3,
  cv: 0.5,
});

/**
 * Checks the thresholds of {@link classifyState}.
 * @param where the calling function, for messages.
 * @param thresholds the thresholds given (missing ones take the defaults).
 * @returns every threshold.
 * @throws ParameterError for a threshold out of range or silentRate >= saturatedRate.
 */
export function stateThresholds(where: string, thresholds: StateThresholds = {}): Required<StateThresholds> {
  if (thresholds === null || typeof thresholds !== "object") invalid(where, "thresholds", thresholds, "an object");
  const d = DEFAULT_STATE_THRESHOLDS;
  const silentRate = checkNumber(where, "silentRate", thresholds.silentRate ?? d.silentRate, { min: 0, unit: "Hz" });
  const saturatedRate = checkNumber(where, "saturatedRate", thresholds.saturatedRate ?? d.saturatedRate, {
    min: silentRate,
    minInclusive: false,
    unit: "Hz, above silentRate",
  });
  const chi = checkNumber(where, "chi", thresholds.chi ?? d.chi, { min: 0, minInclusive: false, max: 1 });
  const cv = checkNumber(where, "cv", thresholds.cv ?? d.cv, { min: 0, minInclusive: false });
  return { saturatedRate, silentRate, chi, cv };
}

/** Mean ISI CV of a population after `start` over its neurons with at least 2 intervals (null when none has). */
function meanCV(trains: SpikeTrains, start: number): number | null {
  const defined = isiCVs(trains, start).values;
  return defined.length > 0 ? mean(defined) : null;
}

/**
 * Classifies a run over [start, end of run) by the first rule that applies, in this order:
 *
 * 1. "runaway": the mean rate of E or of I exceeds `saturatedRate`;
 * 2. "E silent" / "I silent": the mean rate of E (then of I) is below `silentRate`;
 * 3. "synchronous": Golomb's chi (`synchronyChi`, 1 ms bins) of E or of I reaches `chi`;
 * 4. "asynchronous regular": the mean ISI CV of E or of I (neurons with >= 2 intervals) is below `cv`;
 * 5. "asynchronous irregular" otherwise.
 *
 * chi is about 1/sqrt(n) for independent neurons and 1 when all fire together; the CV is 1 for
 * Poisson trains. Needs about 3 spikes per neuron in the window for the CV (a window of 0.2 s
 * at the balanced rates of tens of Hz); with fewer, the CV is null and rule 4 does not apply.
 * @param run the E and I spike trains of one run (same dt and duration).
 * @param options start of the window (s, a whole number of bins, before the end; default 0) and the thresholds.
 * @returns the state, and the rates (Hz), chi and mean CV of E and I it was decided from.
 * @throws ParameterError for trains that are not SpikeTrains, a bad start or a bad threshold.
 */
export function classifyState(
  run: { E: SpikeTrains; I: SpikeTrains },
  options: { start?: number } & StateThresholds = {},
): StateClassification {
  const where = "classifyState";
  if (run === null || typeof run !== "object") invalid(where, "run", run, "an object { E, I } of SpikeTrains");
  if (!(run.E instanceof SpikeTrains)) invalid(where, "run.E", run.E, "a SpikeTrains");
  if (!(run.I instanceof SpikeTrains)) invalid(where, "run.I", run.I, "a SpikeTrains");
  const t = stateThresholds(where, options);
  const start = checkNumber(where, "start", options.start ?? 0, {
    min: 0,
    max: run.E.duration,
    maxInclusive: false,
    unit: "s",
  });
  const pops = [run.E, run.I];
  const rates = pops.map((p) => meanRate(p, { start })) as [number, number];
  const active = rates.map((r) => r >= t.silentRate && r <= t.saturatedRate);
  const chi = pops.map((p, a) => (active[a] ? synchronyChi(p, { start, binWidth: 0.001 }).chi : null)) as StateClassification["chi"];
  const cv = pops.map((p, a) => (active[a] ? meanCV(p, start) : null)) as StateClassification["cv"];
  return { state: decide(rates, chi, cv, t), rates, chi, cv };
}

/** The first rule of {@link classifyState} that applies. */
function decide(rates: number[], chi: (number | null)[], cv: (number | null)[], t: Required<StateThresholds>): NetworkState {
  if (rates.some((r) => r > t.saturatedRate)) return "runaway";
  if (rates[0] < t.silentRate) return "E silent";
  if (rates[1] < t.silentRate) return "I silent";
  if (chi.some((c) => c !== null && c >= t.chi)) return "synchronous";
  if (cv.some((c) => c !== null && c < t.cv)) return "asynchronous regular";
  return "asynchronous irregular";
}
