import { meanInputReport } from "../lib/src/tutorial/notebook06/balance-report";
import { asyncRatesReport, type AsyncRatesAtK } from "../lib/src/tutorial/notebook06/async-rates-report";
import type { MeanInputAtK } from "../lib/src/experiments/k-scan";
import type { Verdict } from "../lib/src/report/verdict";
import { ParameterError } from "../lib/src/core/validate";

const records = (vs: readonly Verdict[]) => vs.map((v) => [v.record.id, v.holds, v.record.values]);

/** Mean inputs at K whose parts are sqrt(K) times (0.6, -1, 0.4) (measured) and (0.6, -1, 0.4) (1 + err) (mean field). */
function inputAt(K: number, err: number, total: number): MeanInputAtK {
  const parts = [0.6, -1, 0.4].map((x) => x * Math.sqrt(K));
  return { K, n: 8, comp: parts.map((m) => ({ m, se: 0.05 })), total: { m: total, se: 0.1 },
    mf: { input: { muParts: [parts.map((x) => x * (1 + err))], mu: [-0.4] } } } as unknown as MeanInputAtK;
}

describe("meanInputReport", () => {
  test("parts growing by sqrt(K), a total below threshold, the largest part error at the smallest K", () => {
    const r = meanInputReport([inputAt(25, 0.1, 0), inputAt(100, 0.02, -0.3), inputAt(1000, -0.01, -0.35)]);
    expect(r.table.markdown.split("\n")[2]).toBe("| 25 | 8 | 3.00 ± 0.05 | 3.30 | -5.00 ± 0.05 | -5.50 | 2.00 ± 0.05 | 2.20 | 0.00 ± 0.10 | -0.40 | 9.1 |");
    expect(records(r.verdicts)).toEqual([
      ["input-parts-grow-like-sqrt-K", true, { "from E": 6.325, "from I": 6.325, "from X": 6.325, "√(1000/25)": 6.325 }],
      ["net-input-below-threshold", true, { "largest total + 3 SE": 0.3 }],
      ["part-errors-largest-at-smallest-K", true, { "largest error of a part (%)": 9.091, "at K": 25 }],
    ]);
    expect(meanInputReport([inputAt(25, 0.01, 1.2), inputAt(100, 0.1, 0)]).verdicts.map((v) => v.holds)).toEqual([true, false, false]);
    expect(() => meanInputReport([inputAt(25, 0, 0)])).toThrow(ParameterError);
  });
});

describe("asyncRatesReport", () => {
  const row = (K: number, E: number, I: number, mfE: number, mfI: number): AsyncRatesAtK =>
    ({ K, n: 20, runs: 20, E: { m: E, se: 0.05 }, I: { m: I, se: 0.05 }, mf: { rE: mfE, rI: mfI } });
  const bal = { rE: 30, rI: 20 };
  const locked = [{ K: 1000, label: "lock", E: 48, I: 32 }];

  test("rates near the balanced ones, r_E's deviation shrinking more slowly than 1/sqrt(K), and the mean field's errors, with their numbers", () => {
    const r = asyncRatesReport([row(25, 28.7, 20.0, 31.3, 22.1), row(100, 29.2, 20.3, 30.3, 20.9), row(1000, 29.5, 20.0, 29.9, 20.2)], locked, bal);
    expect(r.tables[1].markdown).toContain("| lock | 1000 | 48.0 | 32.0 |");
    // deviation -1.3 Hz at K = 25, -0.5 at K = 1000; a 1/sqrt(K) decay would leave -1.3 / sqrt(40) = -0.2055
    expect(records(r.verdicts)).toEqual([
      ["async-rates-within-5pct-of-balanced", true, { "largest (%)": 4.333, "r_E at K = 1000 (%)": -1.667, "r_I at K = 1000 (%)": 0 }],
      ["rE-below-balanced-every-K", true, { "z closest to 30 Hz": -10 }],
      ["rE-deviation-shrinks-slower-than-sqrtK", true, { "K = 25 (Hz)": -1.3, "K = 1000 (Hz)": -0.5, "SE (Hz)": 0.05, "1/√K decay (Hz)": -0.2055,
        "z shrink": 11.31, "z slower": 5.817 }],
      ["mean-field-within-10pct-every-K", false, { "largest error (%)": 10.5, "at K": 25, "at K = 1000 (%)": 1.356 }],
      ["mean-field-rE-wrong-sign", true, { "K with the wrong sign": 2, of: 3 }],
      ["mean-field-rE-at-largest-K", false, { "simulation (Hz)": 29.5, "mean field (Hz)": 29.9 }],
      ["locked-rates-above-balanced", true, { "largest r_E inside a locked episode (Hz)": 48, "above 30 Hz (%)": 60 }],
    ]);
    expect(() => asyncRatesReport([row(25, 28, 20, 31, 22)], locked, bal)).toThrow(ParameterError);
  });
});
