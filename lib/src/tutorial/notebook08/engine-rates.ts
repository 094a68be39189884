import { twoSampleDifference } from "../../math/two-sample";
import { type MeanRates } from "../../network/rates";
import { type RateSweepPoint } from "../../experiments/rate-sweep";

/** One row of the engine comparison, shaped for the report's `comparisonTable`. */
export interface EngineRateRow {
  /** "E rate (Hz)" or "I rate (Hz)". */
  quantity: string;
  /** The other engine's population rate (Hz). */
  simulation: number;
  /** Standard error of the difference, s sqrt(1 + 1/n) (Hz). */
  se: number;
  /** Our mean over the seeds (Hz). */
  theory: number;
  /** Decimals shown. */
  digits: number;
  /** Verdict id: "engine-rate-E" or "engine-rate-I". */
  id: string;
  /** What the notebook asserts: the engines agree. */
  asserted: boolean;
}

/**
 * Compares one run of another engine (one draw of the population rate over network realisations)
 * with our rates over n seeds: per population, the other engine's rate against our mean, with the
 * standard error of the difference s sqrt(1 + 1/n) (s our seed-to-seed SD; the two-sample
 * statistic with one value on one side), so z within ±3 says the engines simulate the same model
 * at this precision.
 * @param ours our rates over the seeds (a point of `networkRateSweep`, at least 2 seeds)
 * @param theirs the other engine's mean rates (`meanRates` of the read-back run)
 * @param asserted what the notebook's prose asserts (default true: they agree)
 * @throws ParameterError when ours has fewer than 2 seeds
 * @returns the E and I rows
 */
export function engineRateRows(ours: RateSweepPoint, theirs: MeanRates, asserted = true): EngineRateRow[] {
  return (["E", "I"] as const).map((pop) => {
    const d = twoSampleDifference(ours[pop].perSeed, [theirs[pop].mean]);
    return { quantity: `${pop} rate (Hz)`, simulation: theirs[pop].mean, se: d.se, theory: ours[pop].mean, digits: 2, id: `engine-rate-${pop}`, asserted };
  });
}
