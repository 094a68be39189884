import { checkNumber, invalid } from "../core/validate";

/**
 * Replays the input spikes of a LIF neuron with ONE input of weight w (tutorial task 3.1) event by
 * event, to check the coincidence rule against what the simulated neuron did, and sorts the inputs
 * by their gap to the previous input (firing probability against the gap).
 */

/** Per input spike (in time order): what the rules predict and what the neuron did. */
export interface InputReplay {
  /** Bins since the previous input (Infinity for the first). */
  gap: number[];
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
 * @throws ParameterError for a outside (0, 1) or a negative M
 * @returns the {@link InputReplay}
 */
export function replayInputs(inputBins: ArrayLike<number>, outputBins: ArrayLike<number>, nBins: number, rule: ReplayRule): InputReplay {
  const a = checkNumber("replayInputs", "a", rule.a, { min: 0, max: 1, minInclusive: false, maxInclusive: false });
  checkNumber("replayInputs", "M", rule.M, { min: 0, integer: true });
  const out = new Set(Array.from(outputBins));
  const r: InputReplay = { gap: [], pair: [], exact: [], fired: [], vAfter: [] };
  let u = 0, prev = -1, prevFired = true;
  for (let i = 0; i < inputBins.length && inputBins[i] < nBins - 1; i++) {
    const b = inputBins[i];
    const m = prev < 0 ? Infinity : b - prev;
    const v = (prev < 0 ? 0 : u * a ** m) + rule.w;
    const f = out.has(b + 1);
    r.gap.push(m); r.pair.push(!prevFired && m <= rule.M); r.exact.push(v > rule.vTh); r.fired.push(f); r.vAfter.push(v);
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

/**
 * How well the rules explain a replay.
 * @param r the replay
 * @returns the {@link ReplayCounts}
 */
export function replayCounts(r: InputReplay): ReplayCounts {
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
  /** Fraction that fired, per class. */
  fraction: number[];
  /** Binomial standard error of the fraction, sqrt(max(f (1 − f), 1/n) / n). */
  se: number[];
}

/**
 * Sorts the inputs of a replay into gap classes j·width < gap <= (j + 1)·width (bins), j = 0 ..
 * classes − 1, and gives the fraction that fired in each. The SE floor 1/n keeps a class with
 * f = 0 or 1 from claiming zero uncertainty.
 * @param r the replay
 * @param width class width (bins, > 0)
 * @param classes number of classes (integer >= 1)
 * @throws ParameterError for width <= 0 or classes not a positive integer
 * @returns the {@link FiringByGap}
 */
export function firingByGap(r: InputReplay, width: number, classes: number): FiringByGap {
  checkNumber("firingByGap", "width", width, { min: 0, minInclusive: false });
  checkNumber("firingByGap", "classes", classes, { min: 1, integer: true });
  const n = new Array<number>(classes).fill(0), fired = new Array<number>(classes).fill(0);
  r.gap.forEach((m, i) => {
    const j = Math.ceil(m / width) - 1;
    if (j < classes) { n[j]++; if (r.fired[i]) fired[j]++; }
  });
  const fraction = n.map((nj, j) => fired[j] / nj);
  const se = n.map((nj, j) => Math.sqrt(Math.max(fraction[j] * (1 - fraction[j]), 1 / nj) / nj));
  return { centres: n.map((_, j) => (j + 0.5) * width), n, fired, fraction, se };
}

/**
 * Joins the replays of several runs (in order) into one.
 * @param replays at least one replay
 * @throws ParameterError for an empty list
 * @returns the pooled {@link InputReplay}
 */
export function poolReplays(replays: readonly InputReplay[]): InputReplay {
  if (replays.length === 0) invalid("poolReplays", "replays", replays, "a non-empty array");
  const keys = ["gap", "pair", "exact", "fired", "vAfter"] as const;
  return Object.fromEntries(keys.map((k) => [k, replays.flatMap((r) => r[k] as unknown[])])) as unknown as InputReplay;
}
