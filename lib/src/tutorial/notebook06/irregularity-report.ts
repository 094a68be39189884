import type { TrainIrregularity } from "../../analysis/train-irregularity";
import type { RateHeterogeneity } from "../../analysis/rate-heterogeneity";
import type { CorrelationResult } from "../../analysis/spike-count-correlations";
import { correlationSpread } from "../../analysis/correlation-spread";
import type { SingleNeuronIrregularity } from "../../experiments/single-neuron-irregularity";
import { mean, summarize } from "../../math/statistics";
import { checkNumber, invalid } from "../../core/validate";
import { fixed } from "../../report/format";

/**
 * Section 3 of notebook 06 as Markdown: the irregularity of the network's neurons against the
 * single-neuron set-ups, and the pairwise correlations and synchrony.
 */

const fx = (x: number, d = 2) => fixed(x, d);

function irregularityRow(name: string, d: { cv: number[]; fano: number[]; rate: number[] }, n: string): string {
  const c = summarize(d.cv), fz = summarize(d.fano);
  return `| ${name} | ${n} | ${fx(mean(d.rate))} | ${fx(c.mean, 3)} ± ${fx(c.se, 3)} | ${fx(fz.mean, 3)} ± ${fx(fz.se, 3)} |`;
}

/** What {@link irregularityReport} compares. */
export interface IrregularityComparison {
  /** The network's E and I neurons. */
  network: { E: TrainIrregularity; I: TrainIrregularity };
  /** The single-neuron set-ups (from `singleNeuronIrregularity`). */
  single: readonly SingleNeuronIrregularity[];
  /** Their target rates (Hz). */
  targets: readonly number[];
  /** The rate heterogeneity of the network's E neurons over the counted time (one window). */
  heterogeneity: RateHeterogeneity;
  /** The counted time of the network run (s). */
  duration: number;
  /** Membrane time constant (s), for the mean-driven set-up's mu = w r_X tau (r_X = 10 Hz). */
  tau: number;
}

function comparisonSentences(c: IrregularityComparison): string {
  const { network: { E: netE, I: netI }, single, targets, tau } = c;
  const flu = single.filter((s) => s.name.startsWith("fluctuation")), mdr = single.filter((s) => s.name.startsWith("mean"));
  const cvNet = mean(netE.cv);
  const closer = single.every((s) => s.name.startsWith("fluct") || Math.abs(cvNet - mean(s.cv)) > Math.max(...flu.map((f) => Math.abs(cvNet - mean(f.cv)))));
  const list = (x: readonly SingleNeuronIrregularity[], f: (s: SingleNeuronIrregularity) => string) => x.map(f).join(" and ");
  return `The network's neurons are irregular: mean CV ${fx(cvNet)} (E) and ${fx(mean(netI.cv))} (I), Fano factors ${fx(mean(netE.fano))} and ${fx(mean(netI.fano))}. ${closer ? "They are much closer to the **fluctuation-driven** single neuron of notebook 04" : "They are not closer to the fluctuation-driven neuron of notebook 04"} (CV ${list(flu, (f) => fx(mean(f.cv)))}, Fano ${list(flu, (f) => fx(mean(f.fano)))} at ${targets.join(" and ")} Hz) than to the **mean-driven** neuron of notebook 03 (CV ${list(mdr, (f) => fx(mean(f.cv)))}, Fano ${list(mdr, (f) => fx(mean(f.fano)))}), whose CV falls further as its rate grows (its mean input $\\mu = w r_X \\tau$ is ${list(mdr, (f) => fx(f.w * 10 * tau))} and its fluctuation $\\sigma = w\\sqrt{r_X\\tau/(2K)}$ ${list(mdr, (f) => fx(f.w * Math.sqrt(10 * tau / 200), 3))}: ${list(mdr, (f) => (f.w * 10 * tau < 1 ? "below" : "above"))} threshold, with small fluctuations). ${cvNet > Math.max(...flu.map((f) => mean(f.cv))) ? `They are even more irregular than the fluctuation-driven neuron with Poisson inputs (CV above 1, Fano factor ${fx(mean(netE.fano))} > 1): their input is not Poisson but carries the slow fluctuations of the network's own activity (visible in the input traces of section 2), which modulate each neuron's rate and add count variance on the 100 ms scale.` : ""}`;
}

/**
 * The irregularity table (rate, ISI CV and Fano factor, mean ± SE, of the network's E and I
 * neurons, each single-neuron set-up and a Poisson process) and the sentences comparing them:
 * which set-up the network is closer to, the mean-driven set-up's mu and sigma, and the spread of
 * the E rates (total and persistent, from the split halves).
 * @param c the network, the set-ups, the targets (Hz), the heterogeneity, duration (s), tau (s)
 * @throws ParameterError for no fluctuation-driven or no mean-driven set-up, or a bad duration
 * @returns the Markdown
 */
export function irregularityReport(c: IrregularityComparison): string {
  const where = "irregularityReport";
  if (!c.single.some((s) => s.name.startsWith("fluctuation")) || !c.single.some((s) => s.name.startsWith("mean"))) {
    invalid(where, "single", c.single, "fluctuation-driven and mean-driven set-ups (singleNeuronIrregularity)");
  }
  checkNumber(where, "duration", c.duration, { min: 0, minInclusive: false, unit: "s" });
  const { E: netE, I: netI } = c.network, het = c.heterogeneity;
  return `| neurons | how many | mean rate (Hz) | ISI CV (mean ± SE) | Fano factor, 100 ms (mean ± SE) |
|---|---|---|---|---|
${irregularityRow("network E (K = 100)", netE, `${netE.cv.length}`)}
${irregularityRow("network I (K = 100)", netI, `${netI.cv.length}`)}
${c.single.map((s) => irregularityRow(`single neuron, ${s.name}, w = ${fx(s.w, 3)}`, s, `${s.cv.length}`)).join("\n")}
| Poisson process | — | — | 1 | 1 |

${comparisonSentences(c)} Over this ${fx(c.duration, 0)} s run the E rates spread with an SD of ${fx(het.windows[0].sd)} Hz across neurons, of which a persistent SD of ${fx(het.split.persistentSd)} Hz (split halves, ρ = ${fx(het.split.correlation)}; notebook 05 shows that the rest is count noise); the slowest E neuron fires at ${fx(Math.min(...netE.rate), 1)} Hz, so no network neuron fires near 10 Hz, and the single-neuron set-ups are therefore shown both at the 10 Hz of notebooks 03 and 04 and at the network's rate.`;
}

/** What {@link correlationReport} reports. */
export interface CorrelationSet {
  /** E-E, I-I and E-I pairs of the network, and pairs of independent Poisson trains (`null`). */
  pairs: { EE: CorrelationResult; II: CorrelationResult; EI: CorrelationResult; null: CorrelationResult };
  /** Synchrony chi of E, I and of the independent trains (`null`). */
  chi: { E: number; I: number; null: number };
  /** Number of independent trains (for chi's independent value 1 / sqrt(n)). */
  nullNeurons: number;
}

function correlationRow(name: string, c: CorrelationResult): string {
  const sd = correlationSpread(c.coefficients, c.nWindows).sd;
  return `| ${name} | ${c.coefficients.length} | ${fx(c.mean, 4)} ± ${fx(c.standardError, 4)} | ${fx(c.mean / c.standardError, 1)} | ${fx(sd, 3)} |`;
}

/**
 * The correlation table (per set of pairs: number, mean ± SE, mean / SE, sd over pairs), the null
 * spread 1 / sqrt(n_w - 1), chi against independent trains, and the sentences: whether the means
 * are tiny (< 0.05) and resolved (> 3 SE), and what share of each spread is real
 * (`correlationSpread`).
 * @param s the correlations, chi values and the number of independent trains
 * @throws ParameterError as `correlationSpread`, or for a bad nullNeurons
 * @returns the Markdown
 */
export function correlationReport(s: CorrelationSet): string {
  checkNumber("correlationReport", "nullNeurons", s.nullNeurons, { integer: true, min: 1 });
  const { EE, II, EI } = s.pairs, nw = EE.nWindows;
  const [sEE, sII, sEI] = [EE, II, EI].map((c) => correlationSpread(c.coefficients, c.nWindows));
  const sdNull = sEE.sdNull, share = (x: { realShare: number }) => fx(100 * x.realShare, 0);
  return `| pairs | number | mean correlation ± SE | mean / SE | sd over pairs |
|---|---|---|---|---|
${correlationRow("network E-E", EE)}
${correlationRow("network I-I", II)}
${correlationRow("network E-I", EI)}
${correlationRow("independent Poisson trains", s.pairs.null)}

Null spread 1/√(n_w − 1) = ${fx(sdNull, 3)}. Synchrony χ (5 ms bins): E ${fx(s.chi.E, 3)}, I ${fx(s.chi.I, 3)}; independent Poisson trains ${fx(s.chi.null, 3)} (1/√n = ${fx(1 / Math.sqrt(s.nullNeurons), 3)}); χ = 1 for identical trains.

The mean pairwise correlations are ${Math.max(Math.abs(EE.mean), Math.abs(II.mean), Math.abs(EI.mean)) < 0.05 ? "tiny" : "not small"}: ${fx(EE.mean, 3)} (E-E), ${fx(II.mean, 3)} (I-I), ${fx(EI.mean, 3)} (E-I), against 10% shared inputs, and the spread of the coefficients (${fx(sEE.sd, 3)} for E-E) is ${fx(sEE.sd / sdNull, 2)} times the sampling spread of independent trains, 1/√(n_w − 1) = ${fx(sdNull, 3)} for ${nw} windows. Subtracting that sampling variance, ${share(sEE)}% of the E-E variance (${share(sII)}% for I-I, ${share(sEI)}% for E-I) is real: pairs differ in their correlation with an SD of about ${fx(Math.sqrt(sEE.realVariance), 3)} (E-E) around a mean near zero, and the rest of the spread is sampling noise. ${[EE, II, EI].some((c) => Math.abs(c.mean / c.standardError) > 3) ? "Small but significant mean correlations remain (more than 3 SE from 0), of the order of those measured in cortex (0.01–0.1)." : "No mean correlation differs significantly from 0."} χ is ${fx(s.chi.E / s.chi.null, 1)} times its value for independent trains: the state is **asynchronous** and **irregular**.`;
}
