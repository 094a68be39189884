import type { CorrelationEffect } from "../../experiments/input-correlations";
import type { SeedMean } from "../../experiments/asynchronous-rates";
import { closedLoopShift } from "../../theory/closed-loop-shift";
import { markdownTable, type ReportPart } from "../../report/markdown";
import { fixed, withError } from "../../report/format";

/**
 * The cross-correlation experiment of notebook 06 as tables (scripts/input-correlations.js): the
 * rates of the network and of the test neurons on real and shifted trains, and the closed-loop
 * shift each Jacobian gives.
 */

/** Per population: network, real, shifted, real − shifted, real − network rates (Hz) and the free variances, mean ± SE over seeds. */
export function correlationEffectTable(effect: CorrelationEffect): ReportPart {
  const f = (s: SeedMean) => withError(s.mean, s.se, 3);
  return markdownTable(["population", "network", "real", "shifted", "real - shifted", "real - network", "free var real", "free var shifted"],
    (["E", "I"] as const).map((a) => {
      const p = effect[a];
      return [a, f(p.network), f(p.real), f(p.shifted), f(p.difference), f(p.realMinusNetwork), f(p.freeVariance.real), f(p.freeVariance.shifted)];
    }));
}

/**
 * The closed-loop shift of the rates (Hz) through each named Jacobian, with its standard error.
 * @param effect the experiment, @param jacobians name and 2 x 2 Jacobian (Hz per Hz) of each theory.
 */
export function closedLoopTable(effect: CorrelationEffect, jacobians: readonly { name: string; jacobian: number[][] }[]): ReportPart {
  return markdownTable(["Jacobian", "dr_E (Hz)", "dr_I (Hz)"], jacobians.map(({ name, jacobian }) => {
    const c = closedLoopShift(jacobian, effect.openLoop);
    return [`${name}: ${jacobian.map((r) => r.map((x) => fixed(x, 3)).join(", ")).join("; ")}`, withError(c.dr[0], c.se[0], 3), withError(c.dr[1], c.se[1], 3)];
  }));
}
