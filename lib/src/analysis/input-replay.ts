import { checkFiniteArray, checkNumber, checkResult, invalid } from "../core/validate";
import { checkBudget, resolveLimits } from "../core/limits";

/**
 * Replays the input spikes of a LIF neuron with ONE input of weight w (tutorial task 3.1) event by
 * event, to check the coincidence rule against what the simulated neuron did, and sorts the inputs
 * by their gap to the previous input (firing probability against the gap).
 */

/** Per input spike (in time order): what the rules predict and what the neuron did. */
export interface InputReplay {
  /** Bins since the previous input (null for the first: there is none). */
  gap: (number | null)[];
  /** Pair rule: the previous input did not fire and gap <= M. */
  pair: boolean[];
  /** Exact rule: a^gap U + w > V_th, with U the potential just after the previous input (0 if it fired). */
  exact: boolean[];
  /** The simulated neuron spiked in the next bin. */
  fired: boolean[];
  /** a^gap U + w: the potential this input produces, before any reset. */
  vAfter: number[];
}

/** Parameters of {@link replayInputs}: the neuron's constants and the window M (bins). */
export interface ReplayRule {
  /** Leak factor per bin a = 1 − Δt/τ, in (0, 1). */
  a: number;
  /** Weight of the input. */
  w: number;
  /** Threshold. */
  vTh: number;
  /** Coincidence window (bins), e.g. from `coincidenceRate`. */
  M: number;
}

/**
 * Replays one run: for each input spike in bin b (inputs in the last bin act after the run and are
 * skipped), the gap m to the previous one, V = a^m U + w one bin later, the pair and exact rules,
 * and whether the output train has a spike in bin b + 1.
 * @param inputBins sorted bins of the input spikes
 * @param outputBins bins of the output spikes
 * @param nBins number of bins of the run
 * @param rule a, w, vTh and M
 * @throws ParameterError for bins that are not arrays of numbers, nBins not a positive integer,
 *   a outside (0, 1), w or vTh not finite or a negative M
 * @returns the {@link InputReplay}
 */
export function replayInputs(inputBins: ArrayLike<number>, outputBins: ArrayLike<number>, nBins: number, rule: ReplayRule): InputReplay {
  const where = "replayInputs";
  checkFiniteArray(where, "inputBins", inputBins);
  checkFiniteArray(where, "outputBins", outputBins);
  checkNumber(where, "nBins", nBins, { integer: true, min: 1 });
  if (rule === null || typeof rule !== "object") invalid(where, "rule", rule, "an object { a, w, vTh, M }");
  const a = checkNumber(where, "a", rule.a, { min: 0, max: 1, minInclusive: false, maxInclusive: false });
  checkNumber(where, "w", rule.w);
  checkNumber(where, "vTh", rule.vTh);
  checkNumber(where, "M", rule.M, { min: 0, integer: true });
  const out = new Set(Array.from(outputBins));
  const r: InputReplay = { gap: [], pair: [], exact: [], fired: [], vAfter: [] };
  let u = 0, prev = -1, prevFired = true;
  for (let i = 0; i < inputBins.length && inputBins[i] < nBins - 1; i++) {
    const b = inputBins[i];
    const m = prev < 0 ? null : b - prev;
    const v = (m === null ? 0 : u * a ** m) + rule.w;
    checkResult(where, `the potential after input ${i}`, v, `w = ${rule.w}, a = ${a}`);
    const f = out.has(b + 1);
    r.gap.push(m); r.pair.push(m !== null && !prevFired && m <= rule.M); r.exact.push(v > rule.vTh); r.fired.push(f); r.vAfter.push(v);
    u = f ? 0 : v;
    prev = b; prevFired = f;
  }
  return r;
}

/** Counts over a replay; see {@link replayCounts}. */
export interface ReplayCounts {
  /** Input spikes replayed. */
  inputs: number;
  /** Output spikes (inputs that fired). */
  outputs: number;
  /** Output spikes the pair rule predicts. */
  pairExplained: number;
  /** Spikes the pair rule predicts that did not happen. */
  pairFalse: number;
  /** Inputs where the exact rule and the simulation differ. */
  exactMismatch: number;
}

/** Checks that `r` is a replay (of {@link replayInputs}): its lists, one entry per input. */
function checkReplay(where: string, name: string, r: InputReplay): void {
  const keys = ["gap", "pair", "exact", "fired", "vAfter"] as const;
  const ok = r !== null && typeof r === "object" && keys.every((k) => Array.isArray(r[k]) && r[k].length === r.gap.length);
  if (!ok) invalid(where, name, r, "a result of replayInputs (lists gap, pair, exact, fired, vAfter of one length)");
}

/**
 * How well the rules explain a replay.
 * @param r the replay
 * @throws ParameterError when r is not a replay
 * @returns the {@link ReplayCounts}
 */
export function replayCounts(r: InputReplay): ReplayCounts {
  checkReplay("replayCounts", "r", r);
  const count = (test: (i: number) => boolean) => r.fired.reduce((n, _, i) => n + (test(i) ? 1 : 0), 0);
  return {
    inputs: r.fired.length,
    outputs: count((i) => r.fired[i]),
    pairExplained: count((i) => r.pair[i] && r.fired[i]),
    pairFalse: count((i) => r.pair[i] && !r.fired[i]),
    exactMismatch: count((i) => r.exact[i] !== r.fired[i]),
  };
}

/** Firing probability against the gap to the previous input; see {@link firingByGap}. */
export interface FiringByGap {
  /** Centre of each gap class (bins). */
  centres: number[];
  /** Inputs in each class. */
  n: number[];
  /** Inputs that fired, per class. */
  fired: number[];
  /** Fraction that fired, per class; null for a class without inputs. */
  fraction: (number | null)[];
  /** Binomial standard error of the fraction, sqrt(max(f (1 − f), 1/n) / n); null for a class without inputs. */
  se: (number | null)[];
}

/**
 * Sorts the inputs of a replay into gap classes j·width < gap <= (j + 1)·width (bins), j = 0 ..
 * classes − 1, and gives the fraction that fired in each (null for a class without inputs; the
 * first input, with no gap, is in none). The SE floor 1/n keeps a class with f = 0 or 1 from
 * claiming zero uncertainty.
 * @param r the replay
 * @param width class width (bins, > 0)
 * @param classes number of classes (integer >= 1)
 * @throws ParameterError when r is not a replay, for width <= 0, classes not a positive integer,
 *   classes past the memory limit (40 bytes each, see `core/limits`) or a last class edge beyond
 *   double precision
 * @returns the {@link FiringByGap}
 */
export function firingByGap(r: InputReplay, width: number, classes: number): FiringByGap {
  const where = "firingByGap";
  checkReplay(where, "r", r);
  checkNumber(where, "width", width, { min: 0, minInclusive: false });
  checkNumber(where, "classes", classes, { min: 1, integer: true });
  checkNumber(where, "width * classes", width * classes, { unit: "bins (the last class edge)" });
  checkBudget(where, resolveLimits(where), { what: `${classes} gap classes`, bytes: 40 * classes, steps: classes + r.gap.length });
  const n = new Array<number>(classes).fill(0), fired = new Array<number>(classes).fill(0);
  r.gap.forEach((m, i) => {
    const j = m === null ? classes : Math.ceil(m / width) - 1;
    if (j < classes) { n[j]++; if (r.fired[i]) fired[j]++; }
  });
  const fraction = n.map((nj, j) => (nj > 0 ? fired[j] / nj : null));
  const se = fraction.map((f, j) => (f === null ? null : Math.sqrt(Math.max(f * (1 - f), 1 / n[j]) / n[j])));
  return { centres: n.map((_, j) => (j + 0.5) * width), n, fired, fraction, se };
}

/**
 * Joins the replays of several runs (in order) into one.
 * @param replays at least one replay
 * @throws ParameterError for an empty list or an element that is not a replay
 * @returns the pooled {@link InputReplay}
 */
export function poolReplays(replays: readonly InputReplay[]): InputReplay {
  if (!Array.isArray(replays) || replays.length === 0) invalid("poolReplays", "replays", replays, "a non-empty array of replays");
  replays.forEach((r, k) => checkReplay("poolReplays", `replays[${k}]`, r));
  const keys = ["gap", "pair", "exact", "fired", "vAfter"] as const;
  return Object.fromEntries(keys.map((k) => [k, replays.flatMap((r) => r[k] as unknown[])])) as unknown as InputReplay;
}
