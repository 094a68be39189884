import { asyncRatesReport, type AsyncRatesAtK } from "../lib/src/tutorial/notebook06/async-rates-report";
import type { Verdict } from "../lib/src/report/verdict";
import { ParameterError } from "../lib/src/core/validate";

const records = (vs: readonly Verdict[]) => vs.map((v) => [v.record.id, v.holds, v.record.values]);

describe("asyncRatesReport", () => {
  const row = (K: number, E: number, I: number, mfE: number, mfI: number, runs = 20): AsyncRatesAtK =>
    ({ K, n: 20, runs, E: { m: E, se: 0.05 }, I: { m: I, se: 0.05 }, mf: { rE: mfE, rI: mfI } });
  const bal = { rE: 30, rI: 20 };

  test("rates near the balanced ones, r_E's deviation shrinking more slowly than 1/sqrt(K), and the mean field's errors, with their numbers", () => {
    const r = asyncRatesReport([row(25, 28.7, 20.0, 31.3, 22.1), row(100, 29.2, 20.3, 30.3, 20.9), row(1000, 29.5, 20.0, 29.9, 20.2)], bal);
    expect(r.table.markdown.split("\n")[2]).toBe("| 25 | 250 | 20 | 0 | 28.70 ± 0.05 | 31.30 | 30 | 20.00 ± 0.05 | 22.10 | 20 | -4.3% | +0.0% |");
    // deviation -1.3 Hz at K = 25, -0.5 at K = 1000; a 1/sqrt(K) decay would leave -1.3 / sqrt(40) = -0.2055
    expect(records(r.verdicts)).toEqual([
      ["async-rates-within-5pct-of-balanced", true, { "largest (%)": 4.333, "r_E at K = 1000 (%)": -1.667, "r_I at K = 1000 (%)": 0 }],
      ["rE-below-balanced-every-K", true, { "z closest to 30 Hz": -10 }],
      ["rE-deviation-shrinks-slower-than-sqrtK", true, { "K = 25 (Hz)": -1.3, "K = 1000 (Hz)": -0.5, "SE (Hz)": 0.05, "1/√K decay (Hz)": -0.2055,
        "z shrink": 11.31, "z slower": 5.817 }],
      ["mean-field-within-10pct-every-K", false, { "largest error (%)": 10.5, "at K": 25, "at K = 1000 (%)": 1.356 }],
      ["mean-field-rE-wrong-sign", true, { "K with the wrong sign": 2, of: 3 }],
      ["mean-field-rE-at-largest-K", false, { "simulation (Hz)": 29.5, "mean field (Hz)": 29.9 }],
    ]);
    expect(() => asyncRatesReport([row(25, 28, 20, 31, 22)], bal)).toThrow(ParameterError);
  });

  test("the locked runs it counts are the table's runs minus its usable runs", () => {
    const r = asyncRatesReport([row(25, 28.7, 20.0, 31.3, 22.1), row(1000, 29.5, 20.0, 29.9, 20.2, 23)], bal);
    expect(r.table.markdown.split("\n")[3]).toMatch(/^\| 1000 \| 10000 \| 20 \| 3 \| /);
  });
});
