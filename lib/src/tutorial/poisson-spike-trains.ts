/**
 * Notebook 01, "Poisson spike trains" (tutorial task 2.1): the comparison of the spike counts of N
 * discretised Poisson trains with the binomial law, the law's curves for the count histogram, and
 * the sentence of the chi-square test.
 */
import type { SpikeTrains } from "../spikes/spike-trains";
import { mean, variance } from "../math/statistics";
import { binomialPmf, poissonPmf } from "../math/distributions";
import type { ChiSquareResult } from "../math/goodness-of-fit";
import type { TheoryOverlay } from "../charts/histogram";
import { comparisonTable } from "../report/tables";
import { md, type ReportPart } from "../report/markdown";
import type { Verdict } from "../report/verdict";
import { fixed } from "../report/format";

/**
 * The spike counts of `trains` against the binomial law of the binned process (nBins bins, spike
 * probability p = rate dt per bin): mean count nBins p (with its standard error sqrt(Var/N) and
 * the verdict "mean-count"), variance nBins p (1 - p), Fano factor 1 - p and mean rate (Hz).
 * @param trains the N trains.
 * @param rate the rate the trains were drawn at (Hz).
 * @returns the comparison table; its first verdict is the mean count's.
 */
export function countComparison(trains: SpikeTrains, rate: number): ReportPart {
  const counts = trains.counts();
  const p = rate * trains.dt;
  const m = mean(counts), v = variance(counts);
  return comparisonTable([
    { quantity: "mean count per neuron", simulation: m, se: Math.sqrt(v / trains.n), theory: trains.nBins * p, id: "mean-count", asserted: true },
    { quantity: "variance of the count", simulation: v, theory: trains.nBins * p * (1 - p), digits: 2 },
    { quantity: "Fano factor (variance / mean)", simulation: v / m, theory: 1 - p },
    { quantity: "mean rate (Hz)", simulation: m / trains.duration, theory: rate },
  ], { theory: "theory (binomial)" });
}

/**
 * The expected number of neurons with k = 0..kMax spikes under the binomial law of the binned
 * process and under the Poisson law of the continuous one, as histogram overlays.
 * @param trains the N trains (N, nBins, dt and duration are read from them).
 * @param rate their rate (Hz).
 * @param kMax the largest count drawn (default 40).
 */
export function countLaws(trains: SpikeTrains, rate: number, kMax = 40): TheoryOverlay[] {
  const ks = Array.from({ length: kMax + 1 }, (_, k) => k);
  const p = rate * trains.dt;
  return [
    { label: "binomial law (discrete time)", x: ks, y: ks.map((k) => trains.n * binomialPmf(trains.nBins, p, k)) },
    { label: "Poisson law (continuous time)", x: ks, y: ks.map((k) => trains.n * poissonPmf(rate * trains.duration, k)) },
  ];
}

/**
 * "χ² = ... with ... degrees of freedom (expected dof ± sqrt(2 dof)): <verdict>."
 * @param fit the result of `chiSquareTest`.
 * @param verdict the verdict drawn from it.
 */
export function chiSquareSentence(fit: ChiSquareResult, verdict: Verdict): ReportPart {
  const spread = fixed(Math.sqrt(2 * fit.dof), 1);
  return md`χ² = ${fixed(fit.statistic, 1)} with ${fit.dof} degrees of freedom (expected ${fit.dof} ± ${spread}): ${verdict}.`;
}
