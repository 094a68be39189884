import type { TopLevelSpec } from "vega-lite";
import type { KScanRun, MeanInputAtK } from "../../experiments/k-scan";
import { vconcatCharts } from "../../charts/base";
import { fixed } from "../../report/format";
import { markdownTable, type ReportPart } from "../../report/markdown";
import { check, type Verdict } from "../../report/verdict";
import { invalid } from "../../core/validate";
import { inputPartsTrace } from "./input-parts";
import { inputPartsChart } from "./input-parts-chart";

/**
 * Section 1 of notebook 07: the input of single neurons split by source, and the measured mean
 * inputs against K with the mean field, as charts, a table and computed verdicts.
 */

const fx = (x: number, d = 2) => fixed(x, d);

/** The input of E neuron 0 of each K's seed-1 run, split by source, over the window [start, end) (s), one chart per K. */
export function inputPartsCharts(kRuns: readonly KScanRun[], Ks: readonly number[], window: { start: number; end: number; dt: number; tau: number }): TopLevelSpec {
  const inputOf = (K: number) => kRuns.find((x) => x.K === K && x.seed === 1)!.input;   // E neuron 0 of the seed-1 run
  const inputTrace = (K: number) => inputPartsTrace({ E: inputOf(K).E[0], I: inputOf(K).I[0], X: inputOf(K).X[0] }, window);
  return vconcatCharts(Ks.map((K) => inputPartsChart(inputTrace(K), `E neuron 0, K = ${K}: input × τ by source (2 ms smoothing)`)));
}

/** The relative difference of each measured part from the mean field's, largest first per K. */
function partErrors(measured: readonly MeanInputAtK[]): { K: number; error: number }[] {
  return measured.map((m) => ({ K: m.K, error: Math.max(...[0, 1, 2].map((b) => Math.abs(m.comp[b].m / m.mf.input.muParts[0][b] - 1))) }));
}

function meanInputVerdicts(measured: readonly MeanInputAtK[]): Verdict[] {
  const first = measured[0], last = measured[measured.length - 1], root = Math.sqrt(last.K / first.K);
  const folds = [0, 1, 2].map((b) => last.comp[b].m / first.comp[b].m);
  const errors = partErrors(measured), worst = errors.reduce((a, b) => (b.error > a.error ? b : a));
  const top = Math.max(...measured.map((m) => m.total.m + 3 * m.total.se));
  return [
    check({ id: "input-parts-grow-like-sqrt-K", holds: folds.every((f) => Math.abs(f / root - 1) < 0.1), asserted: true,
      values: { "from E": folds[0], "from I": folds[1], "from X": folds[2], [`√(${last.K}/${first.K})`]: root },
      yes: `from K = ${first.K} to ${last.K} every part grows by √K within 10 %`, no: "a part does not grow by √K within 10 %" }),
    check({ id: "net-input-below-threshold", holds: top < 1, asserted: true, values: { "largest total + 3 SE": top },
      yes: "the net mean input stays below threshold at every K", no: "the net mean input is not resolved below threshold at every K" }),
    check({ id: "part-errors-largest-at-smallest-K", holds: worst.K === first.K, asserted: true,
      values: { "largest error of a part (%)": 100 * worst.error, "at K": worst.K },
      yes: "the parts' difference from the mean field is largest at the smallest K", no: "the parts' largest difference is not at the smallest K" }),
  ];
}

/**
 * The measured mean inputs by source (time averages of the input × tau over each run's
 * asynchronous window, mean ± SE over the recorded neurons of both seeds) against the mean field
 * at each K, and three verdicts: every part grows from the first to the last K by sqrt(K) within
 * 10 %; the net input plus 3 SE stays below threshold; the largest relative difference between a
 * part and its mean-field value is at the smallest K.
 * @param measured the mean inputs per K (`meanInputByK`), smallest K first
 * @throws ParameterError for fewer than 2 values of K
 * @returns the table and the verdicts
 */
export function meanInputReport(measured: readonly MeanInputAtK[]): { table: ReportPart; verdicts: Verdict[] } {
  if (!Array.isArray(measured) || measured.length < 2) invalid("meanInputReport", "measured", measured, "the mean inputs at 2 or more K (meanInputByK)");
  const cell = (x: { m: number; se: number }) => `${fx(x.m)} ± ${fx(x.se)}`;
  const table = markdownTable(["K", "neurons", "from E: sim", "theory", "from I: sim", "theory", "from X: sim", "theory", "total: sim", "μ_E theory", "largest part error (%)"],
    measured.map((m, k) => {
      const p = m.mf.input.muParts[0];
      return [m.K, m.n, cell(m.comp[0]), fx(p[0]), cell(m.comp[1]), fx(p[1]), cell(m.comp[2]), fx(p[2]), cell(m.total), fx(m.mf.input.mu[0]), fx(100 * partErrors(measured)[k].error, 1)];
    }));
  return { table, verdicts: meanInputVerdicts(measured) };
}
