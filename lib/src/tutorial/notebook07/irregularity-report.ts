import type { TopLevelSpec } from "vega-lite";
import type { TrainIrregularity } from "../../analysis/train-irregularity";
import type { RateHeterogeneity } from "../../analysis/rate-heterogeneity";
import type { CorrelationResult } from "../../analysis/spike-count-correlations";
import type { Synchrony } from "../../analysis/synchrony";
import { correlationSpread } from "../../analysis/correlation-spread";
import type { SingleNeuronIrregularity } from "../../experiments/single-neuron-irregularity";
import { histogram } from "../../math/histogram";
import { mean, summarize } from "../../math/statistics";
import { histogramChart } from "../../charts/histogram";
import { checkNumber, invalid } from "../../core/validate";
import { fixed } from "../../report/format";
import { markdownTable, md, type ReportPart } from "../../report/markdown";
import { check, type Verdict } from "../../report/verdict";

/**
 * Section 2 of notebook 07: the irregularity of the network's neurons against the single-neuron
 * set-ups, and the pairwise correlations and synchrony, as tables and computed verdicts (the
 * narrative is in the notebook's Markdown cells).
 */

const fx = (x: number, d = 2) => fixed(x, d);

function irregularityRow(name: string, d: { cv: number[]; fano: number[]; rate: number[] }): string[] {
  const c = summarize(d.cv), fz = summarize(d.fano);
  return [name, `${d.cv.length}`, fx(mean(d.rate)), `${fx(c.mean, 3)} ± ${fx(c.se, 3)}`, `${fx(fz.mean, 3)} ± ${fx(fz.se, 3)}`];
}

/** What {@link irregularityReport} compares. */
export interface IrregularityComparison {
  /** The network's E and I neurons. */
  network: { E: TrainIrregularity; I: TrainIrregularity };
  /** The single-neuron set-ups (from `singleNeuronIrregularity`). */
  single: readonly SingleNeuronIrregularity[];
  /** The rate heterogeneity of the network's E neurons over the counted time (one window). */
  heterogeneity: RateHeterogeneity;
  /** Membrane time constant (s), for the mean-driven set-ups' mu = w r_X tau (r_X = 10 Hz). */
  tau: number;
}

function irregularityVerdicts(c: IrregularityComparison): Verdict[] {
  const netE = summarize(c.network.E.cv), cvOf = (s: SingleNeuronIrregularity) => summarize(s.cv);
  const flu = c.single.filter((s) => s.name.startsWith("fluctuation")), mdr = c.single.filter((s) => s.name.startsWith("mean"));
  const gap = (x: readonly SingleNeuronIrregularity[]) => Math.min(...x.map((s) => Math.abs(netE.mean - cvOf(s).mean)));
  const top = flu.map(cvOf).reduce((a, b) => (b.mean > a.mean ? b : a));
  const z = (netE.mean - top.mean) / Math.hypot(netE.se, top.se);
  return [
    check({ id: "network-closer-to-fluctuation-driven", holds: gap(flu) < gap(mdr), asserted: true,
      values: { "CV network E": netE.mean, "CV gap to fluctuation-driven": gap(flu), "CV gap to mean-driven": gap(mdr) },
      yes: "the network's CV is closer to the fluctuation-driven neuron's than to the mean-driven neuron's", no: "the network's CV is not closer to the fluctuation-driven neuron's" }),
    check({ id: "network-more-irregular-than-poisson-driven", holds: z > 3, asserted: true,
      values: { "CV network E": netE.mean, "largest fluctuation-driven CV": top.mean, z: z },
      yes: "the network's E neurons are more irregular than the Poisson-driven neuron, by more than 3 SE", no: "not resolved above the Poisson-driven neuron" }),
  ];
}

/**
 * The irregularity table (rate, ISI CV and Fano factor, mean ± SE, of the network's E and I
 * neurons, each single-neuron set-up with its w, mu = w r_X tau and sigma = w sqrt(r_X tau / (2K))
 * for the mean-driven ones, and a Poisson process), the spread of the E rates (total and
 * persistent, from split halves), and two verdicts: `network-closer-to-fluctuation-driven` (the
 * network's mean CV nearer to a fluctuation-driven set-up's than to any mean-driven one's) and
 * `network-more-irregular-than-poisson-driven` (its CV above the largest fluctuation-driven CV
 * by more than 3 combined SE).
 * @param c the network, the set-ups, the heterogeneity and tau (s)
 * @throws ParameterError for no fluctuation-driven or no mean-driven set-up, or a bad tau
 * @returns the tables and the verdicts
 */
export function irregularityReport(c: IrregularityComparison): { tables: ReportPart[]; verdicts: Verdict[] } {
  const where = "irregularityReport";
  if (!c.single.some((s) => s.name.startsWith("fluctuation")) || !c.single.some((s) => s.name.startsWith("mean"))) {
    invalid(where, "single", c.single, "fluctuation-driven and mean-driven set-ups (singleNeuronIrregularity)");
  }
  checkNumber(where, "tau", c.tau, { min: 0, minInclusive: false, unit: "s" });
  const { E: netE, I: netI } = c.network, het = c.heterogeneity;
  const setup = (s: SingleNeuronIrregularity) => `single neuron, ${s.name}, w = ${fx(s.w, 3)}` + (s.name.startsWith("mean")
    ? ` (μ = ${fx(s.w * 10 * c.tau)}, σ = ${fx(s.w * Math.sqrt(10 * c.tau / 200), 3)})` : "");
  const table = markdownTable(["neurons", "how many", "mean rate (Hz)", "ISI CV (mean ± SE)", "Fano factor, 100 ms (mean ± SE)"], [
    irregularityRow("network E (K = 100)", netE), irregularityRow("network I (K = 100)", netI),
    ...c.single.map((s) => irregularityRow(setup(s), s)), ["Poisson process", "—", "—", "1", "1"]]);
  const spread = markdownTable(["network E rates over the counted time", "value"], [
    ["SD across neurons (Hz)", fx(het.windows[0].sd)], ["persistent SD, split halves (Hz)", fx(het.split.persistentSd)],
    ["correlation of the halves ρ", fx(het.split.correlation)], ["slowest and fastest E neuron (Hz)", `${fx(Math.min(...netE.rate), 1)}, ${fx(Math.max(...netE.rate), 1)}`]]);
  return { tables: [table, spread], verdicts: irregularityVerdicts(c) };
}

/** What {@link correlationReport} reports. */
export interface CorrelationSet {
  /** E-E, I-I and E-I pairs of the network, and pairs of independent Poisson trains (`null`). */
  pairs: { EE: CorrelationResult; II: CorrelationResult; EI: CorrelationResult; null: CorrelationResult };
  /** Synchrony of E, I and of the independent trains (`null`), from `synchronyChi`. */
  chi: { E: Synchrony; I: Synchrony; null: Synchrony };
  /** Number of time bins chi was computed over. */
  bins: number;
}

function correlationRow(name: string, c: CorrelationResult): string[] {
  const sd = correlationSpread(c.coefficients, c.nWindows).sd;
  return [name, `${c.coefficients.length}`, `${fx(c.mean, 4)} ± ${fx(c.standardError, 4)}`, fx(c.mean / c.standardError, 1), fx(sd, 3)];
}

/**
 * The excess of chi^2 over independent trains in standard errors: for n independent neurons
 * n chi^2 has mean 1 and, over M bins, a standard deviation of about sqrt(2 / M) (the sampling
 * noise of the n(n - 1) / 2 pairwise covariances, each of sd (mean variance) / sqrt(M)), so
 * z = (n chi^2 - 1) / sqrt(2 / M).
 * @param s the result of `synchronyChi`
 * @param bins the number of time bins M
 * @returns z
 */
export function chiExcessZ(s: Synchrony, bins: number): number {
  return (s.n * s.chiSquared - 1) / Math.sqrt(2 / bins);
}

function correlationVerdicts(s: CorrelationSet): Verdict[] {
  const { EE, II, EI } = s.pairs;
  const zs = [EE, II, EI].map((c) => c.mean / c.standardError);
  const zChi = [s.chi.E, s.chi.I].map((c) => chiExcessZ(c, s.bins));
  return [
    check({ id: "mean-correlations-near-zero", holds: zs.every((z) => Math.abs(z) < 3), asserted: true,
      values: { "E-E": EE.mean, "z E-E": zs[0], "I-I": II.mean, "z I-I": zs[1], "E-I": EI.mean, "z E-I": zs[2] },
      yes: "the mean spike-count correlations (100 ms) are within 3 SE of zero", no: "a mean spike-count correlation differs from zero by 3 SE or more" }),
    check({ id: "chi-above-independent", holds: zChi.every((z) => z > 3), asserted: true,
      values: { "χ E": s.chi.E.chi, "χ I": s.chi.I.chi, "χ independent": s.chi.null.chi, "z E": zChi[0], "z I": zChi[1] },
      yes: "χ (5 ms bins) lies above its value for independent trains, resolved: small positive correlations", no: "χ is not resolved above its value for independent trains" }),
    check({ id: "chi-far-from-synchrony", holds: Math.max(s.chi.E.chi, s.chi.I.chi) < 0.1, asserted: true,
      values: { "largest χ": Math.max(s.chi.E.chi, s.chi.I.chi) }, yes: "χ stays below 0.1 (1 for identical trains)", no: "χ reaches 0.1" }),
  ];
}

/**
 * The correlation table (per set of pairs: number, mean ± SE, mean / SE, sd over pairs), the null
 * spread 1 / sqrt(n_w - 1), the share of each spread that is real (`correlationSpread`), chi
 * against independent trains (with {@link chiExcessZ}), and three verdicts:
 * `mean-correlations-near-zero` (every |mean / SE| < 3), `chi-above-independent` (z > 3 for E
 * and I) and `chi-far-from-synchrony` (chi < 0.1 for E and I).
 * @param s the correlations, the chi results and the number of bins
 * @throws ParameterError as `correlationSpread`, or for a bad bins
 * @returns the tables and the verdicts
 */
export function correlationReport(s: CorrelationSet): { tables: ReportPart[]; verdicts: Verdict[] } {
  checkNumber("correlationReport", "bins", s.bins, { integer: true, min: 2 });
  const { EE, II, EI } = s.pairs;
  const spreads = [EE, II, EI].map((c) => correlationSpread(c.coefficients, c.nWindows));
  const table = markdownTable(["pairs", "number", "mean correlation ± SE", "mean / SE", "sd over pairs"], [
    correlationRow("network E-E", EE), correlationRow("network I-I", II), correlationRow("network E-I", EI),
    correlationRow("independent Poisson trains", s.pairs.null)]);
  const more = markdownTable(["quantity", "E-E", "I-I", "E-I"], [
    [`null spread 1/√(n_w − 1) (${EE.nWindows} windows)`, ...spreads.map((x) => fx(x.sdNull, 3))],
    ["share of the spread that is real (%)", ...spreads.map((x) => fx(100 * x.realShare, 0))],
    ["SD of the real correlations", ...spreads.map((x) => fx(Math.sqrt(x.realVariance), 3))]]);
  const chi = markdownTable(["synchrony χ (5 ms bins)", "E", "I", "independent trains"], [
    ["χ", fx(s.chi.E.chi, 3), fx(s.chi.I.chi, 3), fx(s.chi.null.chi, 3)],
    ["(n χ² − 1) / √(2/M), SE of independent trains", fx(chiExcessZ(s.chi.E, s.bins), 1), fx(chiExcessZ(s.chi.I, s.bins), 1), fx(chiExcessZ(s.chi.null, s.bins), 1)]]);
  return { tables: [table, more, chi, md`(1/√n = ${fx(1 / Math.sqrt(s.chi.null.n), 3)} for the ${s.chi.null.n} independent trains; χ = 1 for identical trains.)`], verdicts: correlationVerdicts(s) };
}

/** The network E neurons' ISI CVs with a vertical line at the mean CV of each single-neuron set-up. */
export function cvHistogram(netE: TrainIrregularity, single: readonly SingleNeuronIrregularity[]): TopLevelSpec {
  const hE = Math.max(...Array.from(histogram(netE.cv, 0.05, 0).count));
  const vline = (label: string, x: number) => ({ label: label, x: [x, x], y: [0, hE] });
  return histogramChart(netE.cv, {
    title: "ISI CV: network E neurons (K = 100); lines: mean CV of single neurons",
    xTitle: "coefficient of variation of the ISIs", yTitle: "number of E neurons", binWidth: 0.05, start: 0,
    label: "network E",
    theory: single.map((s) => vline(s.name.replace("mean-driven ", "").replace("fluctuation-driven ", ""), mean(s.cv))),
  });
}
