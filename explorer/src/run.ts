/**
 * One explorer run, computed in the Web Worker: the network simulated by the library
 * (simulateNetwork), its rates, the balanced limit and the mean-field prediction, the balance
 * condition of J and the computed verdicts, as plain typed arrays and numbers that a worker posts
 * to the page. Importable in Node too (the tests compare it with the library called directly).
 */
import { batchMeans } from "../../lib/src/math/statistics";
import { meanRates, type MeanRates } from "../../lib/src/network/rates";
import { firingRates } from "../../lib/src/analysis/spike-stats";
import { simulateNetwork } from "../../lib/src/network/simulate";
import type { NetworkParams } from "../../lib/src/network/params";
import { agreement, check } from "../../lib/src/report/verdict";
import { balancedRates, balanceProblem } from "../../lib/src/theory/balanced-rates";
import { solveMeanField } from "../../lib/src/theory/mean-field";
import { simulationOptions, transientOf, type Settings } from "./settings";

/** Spikes of one population as the library stores them: neuron i spiked in bins `bins[offsets[i] .. offsets[i + 1] - 1]`. */
export interface SpikeData {
  offsets: Uint32Array;
  bins: Uint32Array;
}

/** A theory's rates (Hz), or why it has none. */
export type TheoryRates = { rE: number; rI: number } | { error: string };

/** The balance condition J_EX/J_IX > |J_EI|/|J_II| > J_EE/J_IE of a positive balanced state (det J > 0). */
export interface BalanceCondition {
  ratios: [number, number, number];
  holds: boolean;
  sentence: string;
}

/** What the page draws after a run. */
export interface ExplorerResult {
  params: NetworkParams;
  nBins: number;
  E: SpikeData;
  I: SpikeData;
  /** Width of the population-rate bins (s). */
  rateBin: number;
  /** Population rates per bin of `rateBin` (Hz). */
  populationRate: { E: Float64Array; I: Float64Array };
  /** Single-neuron rates after the transient (Hz). */
  rates: { E: Float64Array; I: Float64Array };
  means: MeanRates;
  transient: number;
  balanced: TheoryRates;
  meanField: TheoryRates;
  balance: BalanceCondition;
  /** The computed verdict sentence comparing the simulation with both theories. */
  verdict: string;
  /** Wall time of the run in the worker, connectivity included (s). */
  seconds: number;
}

/** Bin of the population-rate chart (s): 1 ms, or the whole run when it is shorter. */
function rateBinOf(p: NetworkParams, nBins: number): number {
  const perBin = Math.max(1, Math.round(1e-3 / p.dt));
  return (nBins % perBin === 0 ? perBin : 1) * p.dt;
}

/**
 * Simulates the settings and computes everything the page shows.
 * @param s the settings (see settings.ts).
 * @returns the result; its typed arrays can be transferred to the page.
 * @throws ParameterError (the library's) for settings it refuses.
 */
export function exploreRun(s: Settings): ExplorerResult {
  const run = simulateNetwork(simulationOptions(s));
  const p = run.params;
  const transient = transientOf(p.duration);
  const means = meanRates(run, { transient });
  const rateBin = rateBinOf(p, run.nBins);
  const batches = Math.round(run.nBins / Math.round(rateBin / p.dt));
  const balanced = theory(() => balancedRates({ J: p.J, JX: p.JX, rX: p.rX }));
  const meanField = theory(() => solveMeanField({ J: p.J, JX: p.JX, K: p.K, rX: p.rX, tau: p.tau, vTh: p.vTh }));
  return {
    params: p, nBins: run.nBins, transient, means, balanced, meanField, rateBin,
    E: { offsets: run.E.offsets, bins: run.E.bins },
    I: { offsets: run.I.offsets, bins: run.I.bins },
    populationRate: { E: batchMeans(run.populationRate!.E, batches), I: batchMeans(run.populationRate!.I, batches) },
    rates: { E: firingRates(run.E, { start: transient }), I: firingRates(run.I, { start: transient }) },
    balance: balanceCondition(p),
    verdict: verdictSentence(means, balanced, meanField),
    seconds: run.simulationSeconds + run.connectivitySeconds,
  };
}

/** A theory's rates, or its error message. */
function theory(solve: () => { rE: number; rI: number }): TheoryRates {
  try {
    const { rE, rI } = solve();
    return { rE, rI };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Three significant digits. */
function g3(x: number): string {
  return String(Number(x.toPrecision(3)));
}

/**
 * The balance condition of J with the tutorial's J_EE, J_IE and J_X: the ratios it compares, whether
 * they are in order, and the inequality written out.
 */
export function balanceCondition(p: NetworkParams): BalanceCondition {
  const [[jEE, jEI], [jIE, jII]] = p.J;
  const ratios: [number, number, number] = [p.JX[0] / p.JX[1], Math.abs(jEI) / Math.abs(jII), jEE / jIE];
  const holds = ratios[0] > ratios[1] && ratios[1] > ratios[2];
  const problem = balanceProblem(p.J, p.JX);
  const v = check({ id: "explorer-balance-condition", holds, yes: "holds: a positive balanced state exists", no: "fails" });
  const shown = `J_EX/J_IX = ${g3(ratios[0])} > |J_EI|/|J_II| = ${g3(ratios[1])} > J_EE/J_IE = ${g3(ratios[2])}`;
  return { ratios, holds, sentence: `${shown}: ${v.phrase}${holds || problem === null ? "" : ` (${problem})`}` };
}

/**
 * The verdict on the simulated mean rates against a theory: |z| < 3 for E and I, z the difference
 * over the standard error across neurons.
 */
function against(means: MeanRates, t: TheoryRates, name: string): string {
  if ("error" in t) return `have no ${name} to be compared with (${t.error})`;
  const zOf = (d: number, se: number) => (d === 0 ? 0 : d / se); // 0 when both are 0 (r_X = 0: no spikes, no rate)
  const zE = zOf(means.E.mean - t.rE, means.E.sem);
  const zI = zOf(means.I.mean - t.rI, means.I.sem);
  const z = Math.abs(zE) > Math.abs(zI) ? zE : zI;
  const finite = Number.isFinite(z) ? z : 1e9;
  const v = agreement({ id: `explorer-${name}`, z: finite, yes: `agree with the ${name}`, no: `differ from the ${name}` });
  return `${v.phrase} (z = ${Number.isFinite(zE) ? zE.toFixed(1) : "∞"} for E, ${Number.isFinite(zI) ? zI.toFixed(1) : "∞"} for I; |z| < ${v.record.threshold} agrees)`;
}

/** The computed verdict sentence: the simulated rates against the balanced limit and the mean field. */
function verdictSentence(means: MeanRates, balanced: TheoryRates, meanField: TheoryRates): string {
  return `The simulated rates ${against(means, balanced, "balanced limit")}, and ${against(means, meanField, "mean-field prediction")}.`;
}
