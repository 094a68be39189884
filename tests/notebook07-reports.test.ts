import { meanInputReport } from "../lib/src/tutorial/notebook07/balance-report";
import { lockedRatesReport } from "../lib/src/tutorial/notebook07/large-k-report";
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

describe("lockedRatesReport", () => {
  const bal = { rE: 30, rI: 20 };

  test("the rates inside each locked episode against the balanced ones, the verdict with the smallest and largest r_E", () => {
    const r = lockedRatesReport([{ K: 400, label: "seed 2", E: 36, I: 25 }, { K: 1000, label: "seed 1", E: 48, I: 32 }], bal);
    expect(r.table.markdown).toContain("| seed 2 | 400 | 36.0 | 25.0 | +20.0% | +25.0% |");
    expect(records(r.verdicts)).toEqual([
      ["locked-rates-above-balanced", true, { "locked runs": 2, "largest r_E (Hz)": 48, "smallest r_E (Hz)": 36, "smallest above r_E,bal (%)": 20 }],
    ]);
    expect(lockedRatesReport([{ K: 400, label: "seed 2", E: 29, I: 25 }], bal).verdicts[0].holds).toBe(false);
    expect(lockedRatesReport([], bal).verdicts[0].holds).toBe(false);
    expect(() => lockedRatesReport(null as never, bal)).toThrow(ParameterError);
  });
});
