import type { BalancedRates } from "../../theory/balanced-rates";
import type { TheoryRow } from "../../experiments/theory-table";
import { invalid } from "../../core/validate";
import { fixed, signedPercent as pct } from "../../report/format";
import { markdownTable, type ReportPart } from "../../report/markdown";
import { agreement, check, type Verdict } from "../../report/verdict";

/**
 * Section 2 of notebook 06: the rates against K in the asynchronous state, with the diffusion
 * mean field and the balanced limit, and how many runs locked into the synchronous state and were
 * replaced, as a table and computed verdicts (the narrative is in the notebook's Markdown cells;
 * notebook 07 measures the rates inside locked episodes).
 */

const fx = (x: number, d = 2) => fixed(x, d);

/** The rates at r_X = 10 Hz in the asynchronous state, per K, with the diffusion mean field. */
export interface AsyncRatesAtK {
  K: number;
  n: number;
  runs: number;
  E: { m: number; se: number };
  I: { m: number; se: number };
  mf: { rE: number; rI: number };
}

/** The {@link AsyncRatesAtK} rows of the theory table at r_X = 10 Hz, by K. */
export function asynchronousRatesByK(theory: readonly TheoryRow[]): AsyncRatesAtK[] {
  return theory.filter((r) => r.rX === 10).sort((a, b) => a.K - b.K).map((r) => ({
    K: r.K, n: r.sim.usable, runs: r.sim.runs, E: { m: r.sim.E.mean, se: r.sim.E.se }, I: { m: r.sim.I.mean, se: r.sim.I.se }, mf: r.diffusion,
  }));
}

/** The larger relative error of the mean field's E and I rates against the simulated ones. */
export function meanFieldError(r: AsyncRatesAtK): number {
  return Math.max(Math.abs(r.mf.rE / r.E.m - 1), Math.abs(r.mf.rI / r.I.m - 1));
}

/**
 * How r_E's deviation from the balanced rate changes from the first to the last K: z of its
 * shrinking, (|d_first| - |d_last|) / SE, and z of its excess over a 1/sqrt(K) decay from the
 * first K, (|d_last| - |d_first| sqrt(K_first / K_last)) / SE, each SE the quadrature sum.
 */
function deviationDecay(rows: readonly AsyncRatesAtK[], bal: BalancedRates) {
  const a = rows[0], b = rows[rows.length - 1], f = Math.sqrt(a.K / b.K);
  const dA = a.E.m - bal.rE, dB = b.E.m - bal.rE, predicted = dA * f;
  return { dA, dB, se: b.E.se, predicted, zShrink: (Math.abs(dA) - Math.abs(dB)) / Math.hypot(a.E.se, b.E.se),
    zSlower: (Math.abs(dB) - Math.abs(predicted)) / Math.hypot(b.E.se, f * a.E.se) };
}

function balancedVerdicts(rows: readonly AsyncRatesAtK[], bal: BalancedRates): Verdict[] {
  const last = rows[rows.length - 1];
  const dev = Math.max(...rows.flatMap((r) => [Math.abs(r.E.m / bal.rE - 1), Math.abs(r.I.m / bal.rI - 1)]));
  const zBelow = Math.max(...rows.map((r) => (r.E.m - bal.rE) / r.E.se)), d = deviationDecay(rows, bal);
  return [
    check({ id: "async-rates-within-5pct-of-balanced", holds: dev < 0.05, asserted: true,
      values: { "largest (%)": 100 * dev, [`r_E at K = ${last.K} (%)`]: 100 * (last.E.m / bal.rE - 1), [`r_I at K = ${last.K} (%)`]: 100 * (last.I.m / bal.rI - 1) },
      yes: "the asynchronous rates are within 5 % of 3 r_X and 2 r_X at every K", no: "an asynchronous rate is 5 % or more from the balanced one" }),
    check({ id: "rE-below-balanced-every-K", holds: zBelow < -3, asserted: true, values: { "z closest to 30 Hz": zBelow },
      yes: "r_E is below 30 Hz at every K, by more than 3 SE", no: "r_E is not resolved below 30 Hz at every K" }),
    check({ id: "rE-deviation-shrinks-slower-than-sqrtK", holds: d.zShrink > 3 && d.zSlower > 3, asserted: true,
      values: { [`K = ${rows[0].K} (Hz)`]: d.dA, [`K = ${last.K} (Hz)`]: d.dB, "SE (Hz)": d.se, "1/√K decay (Hz)": d.predicted, "z shrink": d.zShrink, "z slower": d.zSlower },
      yes: "r_E's deviation from 30 Hz shrinks as K grows, but more slowly than 1/√K", no: "r_E's deviation does not shrink more slowly than 1/√K (resolved)" }),
  ];
}

function meanFieldVerdicts(rows: readonly AsyncRatesAtK[], bal: BalancedRates): Verdict[] {
  const last = rows[rows.length - 1], worst = rows.reduce((a, b) => (meanFieldError(b) > meanFieldError(a) ? b : a));
  const wrong = rows.filter((r) => Math.sign(r.mf.rE - bal.rE) !== Math.sign(r.E.m - bal.rE));
  return [
    check({ id: "mean-field-within-10pct-every-K", holds: meanFieldError(worst) < 0.1, asserted: false,
      values: { "largest error (%)": 100 * meanFieldError(worst), "at K": worst.K, [`at K = ${last.K} (%)`]: 100 * meanFieldError(last) },
      yes: "the mean field is within 10 % of both rates at every K", no: "the mean field misses by 10 % or more at some K" }),
    check({ id: "mean-field-rE-wrong-sign", holds: wrong.length > 0, asserted: true, values: { "K with the wrong sign": wrong.length, of: rows.length },
      yes: "the mean field puts r_E on the wrong side of 30 Hz at some K", no: "the mean field has the sign of r_E's deviation at every K" }),
    agreement({ id: "mean-field-rE-at-largest-K", z: (last.E.m - last.mf.rE) / last.E.se, asserted: false,
      values: { "simulation (Hz)": last.E.m, "mean field (Hz)": last.mf.rE },
      yes: `at K = ${last.K} the mean field's r_E agrees within 3 SE`, no: `at K = ${last.K} the mean field's r_E differs by 3 SE or more` }),
  ];
}

/**
 * The asynchronous rates against K (simulation ± SE, mean field, balanced) with the runs that
 * locked and were replaced (runs - usable), and verdicts: the rates within 5 % of the balanced
 * ones at every K; r_E below 30 Hz by more than 3 SE at every K; r_E's deviation shrinking
 * from the first to the last K, by more than 3 SE, yet more slowly than 1/sqrt(K) by more than
 * 3 SE; the mean field within 10 % at every K (stated false by the notebook); its r_E on the
 * wrong side of 30 Hz at some K; its r_E at the largest K against the simulation (z).
 * @param asyncRates the rows of {@link asynchronousRatesByK}, smallest K first (at least 2)
 * @param bal the balanced rates at r_X = 10 Hz
 * @throws ParameterError for fewer than 2 rows
 * @returns the table and the verdicts
 */
export function asyncRatesReport(asyncRates: readonly AsyncRatesAtK[], bal: BalancedRates): { table: ReportPart; verdicts: Verdict[] } {
  if (!Array.isArray(asyncRates) || asyncRates.length < 2) invalid("asyncRatesReport", "asyncRates", asyncRates, "the rows at 2 or more K (asynchronousRatesByK)");
  const table = markdownTable(["K", "N", "usable runs", "locked runs (replaced)", "r_E async (Hz)", "mean field", "balanced", "r_I async (Hz)", "mean field", "balanced", "(r_E − 30)/30", "(r_I − 20)/20"],
    asyncRates.map((r) => [r.K, 10 * r.K, r.n, r.runs - r.n, `${fx(r.E.m)} ± ${fx(r.E.se)}`, fx(r.mf.rE), bal.rE,
      `${fx(r.I.m)} ± ${fx(r.I.se)}`, fx(r.mf.rI), bal.rI, pct(r.E.m / bal.rE - 1), pct(r.I.m / bal.rI - 1)]));
  return { table, verdicts: [...balancedVerdicts(asyncRates, bal), ...meanFieldVerdicts(asyncRates, bal)] };
}
