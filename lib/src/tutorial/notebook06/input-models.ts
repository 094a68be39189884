import type { CorrelationEffect } from "../../experiments/input-correlations";
import { eulerChainRate } from "../../theory/discrete-transfer";
import { populationInputs, resolveDiscreteParams } from "../../theory/discrete-mean-field";
import { renewalTransfer } from "../../theory/renewal-mean-field";
import { modulatedTransfer } from "../../theory/modulated-mean-field";
import { md, type ReportPart } from "../../report/markdown";
import type { Verdict } from "../../report/verdict";
import { fixed, withError } from "../../report/format";

/**
 * Notebook 06's open-loop test of the input models: the test neurons of `correlationEffect` on
 * shifted trains (each train's own structure, no correlations between trains) against the Euler
 * chain at the same input rates with Poisson inputs, per-bin overdispersed (renewal) inputs and
 * self-consistent input spectra; and a bound on what quenched heterogeneity of the partners'
 * rates adds.
 */

/** The three input models' open-loop rates [E, I] (Hz) at the network's rates, against the shifted test neurons. */
export interface InputModelsOpenLoop {
  /** The network's rates [r_E, r_I] (Hz) at which the chains are evaluated. */
  rates: [number, number];
  /** Test neurons on shifted trains: mean and between-seed SE per population (Hz). */
  shifted: { mean: [number, number]; se: [number, number] };
  /** Open-loop rates of each model (Hz). */
  poisson: [number, number];
  renewal: [number, number];
  spectra: [number, number];
  /** The change of the Poisson chain's rates (Hz) when each partner's rate varies from neuron to neuron with SD `heterogeneitySD` (sigma points). */
  heterogeneity: [number, number];
  /** The SD of the partners' rates assumed for `heterogeneity` (Hz). */
  heterogeneitySD: number;
}

/**
 * The input models at the rates of the networks of a {@link CorrelationEffect} (module header).
 * Quenched heterogeneity: a neuron's K partners of population b have rates of SD s, so its
 * partners' mean rate varies by s / sqrt(K); the open-loop rate then changes by the average of
 * phi at r_b +- s / sqrt(K) (each b in turn) minus phi(r), i.e. (1/2) sum_b phi_bb s^2 / K.
 * @param xc the measured cross-correlation effect (its network rates and shifted test neurons).
 * @param heterogeneitySD s (Hz), the partners' rate SD to bound.
 * @returns the models' rates against the shifted test neurons.
 */
export function inputModelsOpenLoop(xc: CorrelationEffect, heterogeneitySD: number): InputModelsOpenLoop {
  const { K, rX } = xc.params;
  const rates: [number, number] = [xc.E.network.mean, xc.I.network.mean];
  const p = resolveDiscreteParams("inputModelsOpenLoop", { K, rX });
  const phi = (a: 0 | 1, r: readonly number[]) => eulerChainRate(populationInputs(p, a, r[0], r[1])).rate;
  const step = heterogeneitySD / Math.sqrt(K);
  const curvature = (a: 0 | 1) => {
    const at = phi(a, rates);
    const shifted = [0, 1].flatMap((b) => [-1, 1].map((sgn) => phi(a, rates.map((r, c) => (c === b ? r + sgn * step : r)))));
    return shifted.reduce((x, y) => x + y, 0) / 2 - 2 * at;
  };
  return {
    rates,
    shifted: { mean: [xc.E.shifted.mean, xc.I.shifted.mean], se: [xc.E.shifted.se, xc.I.shifted.se] },
    poisson: [phi(0, rates), phi(1, rates)],
    renewal: renewalTransfer({ K, rX }, rates).rates,
    spectra: modulatedTransfer({ K, rX }, rates).rates,
    heterogeneity: [curvature(0), curvature(1)],
    heterogeneitySD,
  };
}

/** (model - shifted) / shifted, [E, I]. */
export function openLoopDeviation(m: InputModelsOpenLoop, model: "poisson" | "renewal" | "spectra"): [number, number] {
  return [m[model][0] / m.shifted.mean[0] - 1, m[model][1] / m.shifted.mean[1] - 1];
}

const pct = (x: number) => `${x >= 0 ? "+" : ""}${fixed(100 * x, 1)}%`;
const pair = (m: InputModelsOpenLoop, model: "poisson" | "renewal" | "spectra") => {
  const d = openLoopDeviation(m, model);
  return `${fixed(m[model][0], 2)}, ${fixed(m[model][1], 2)} Hz (${pct(d[0])}, ${pct(d[1])})`;
};

/**
 * The open-loop comparison as sentences, with the verdicts `closest` (the spectral model is the
 * closest of the three for both rates) and `negligible` (the heterogeneity bound below one SE of
 * the shifted test neurons).
 * @param m the comparison.
 * @param v the verdicts.
 * @returns the report part.
 */
export function inputModelsReport(m: InputModelsOpenLoop, v: { closest: Verdict; negligible: Verdict }): ReportPart {
  const s = m.shifted;
  return md`* **The input models, open loop** (E and I neurons with inputs at the network's rates ${fixed(m.rates[0], 2)}, ${fixed(m.rates[1], 2)} Hz): test neurons on shifted trains ${withError(s.mean[0], s.se[0], 2)}, ${withError(s.mean[1], s.se[1], 2)} Hz; Euler chain with Poisson inputs ${pair(m, "poisson")}, with per-bin overdispersed (renewal) inputs ${pair(m, "renewal")}, with self-consistent input spectra ${pair(m, "spectra")}: the input spectra come ${v.closest}.
* **Quenched heterogeneity**: partners' rates with an SD of ${fixed(m.heterogeneitySD, 1)} Hz change the open-loop rates by ${fixed(m.heterogeneity[0], 3)}, ${fixed(m.heterogeneity[1], 3)} Hz: ${v.negligible}.`;
}
