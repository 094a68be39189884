import { kScanTable, lockPeriodReport, synchronousStateReport } from "../lib/src/tutorial/notebook07/large-k-report";
import { lockPeriods, syncRun, type SyncRun } from "../lib/src/analysis/locked-state";
import type { KScanRun } from "../lib/src/experiments/k-scan";
import { SpikeTrains } from "../lib/src/spikes/spike-trains";
import { ParameterError } from "../lib/src/core/validate";

/** n neurons that all fire in the given bins, 0.5 s of 0.1 ms bins. */
function locked(n: number, bins: number[]): SpikeTrains {
  const neuron: number[] = [], bin: number[] = [];
  for (const k of bins) for (let i = 0; i < n; i++) { neuron.push(i); bin.push(k); }
  return SpikeTrains.fromEvents(n, 5000, 1e-4, neuron, bin);
}
const every300 = (count: number) => Array.from({ length: count }, (_, j) => 100 + 300 * j);
const run = (label: string, K: number, bins: number[]): SyncRun => syncRun(label, K, 0.5, { E: locked(20, bins), I: locked(10, bins) });

describe("the reports of the large-K scan and the synchronous state", () => {
  test("kScanTable: one row per run, with its asynchronous window or none", () => {
    const base = { input: { neurons: new Uint32Array(0), E: [], I: [], X: [] }, parts: [] };
    const rows = [
      { ...run("a", 100, []), seed: 1, start: 0.2, usable: true, ...base },
      { ...run("b", 1000, every300(16)), seed: 2, start: 1.6, usable: false, ...base },
    ] as unknown as KScanRun[];
    const text = kScanTable(rows, 1.5).markdown;
    expect(text.split("\n").slice(2)).toEqual(["| 100 | 1000 | 1 | 0 | 0.20 to 1.5 |", "| 1000 | 10000 | 2 | 16 | none: locked until the end |"]);
    expect(() => kScanTable([], 1.5)).toThrow(ParameterError);
  });

  test("synchronousStateReport: a row per run with population spikes, and verdicts with their numbers", () => {
    const small = run("V0 = 0, seed 1", 100, [100]), large = run("V0 = 0, seed 1", 1000, every300(16));
    const scan = [run("V0 uniform, seed 1", 100, []), run("V0 uniform, seed 1", 400, every300(5)), run("V0 uniform, seed 2", 400, [])];
    const r = synchronousStateReport({ small, large }, scan);
    expect(r.table.markdown).toContain("| 1000 | V0 = 0, seed 1 | 16 / 16 | 0.0100–0.4600 | 450 (still locked at the end) | 30.0 ± 0.0 | 1.00 | 1.00 | 1.00 / 1.00 |");
    expect(r.table.markdown).toContain("| 100 | V0 = 0, seed 1 | 1 / 1 | 0.0100–0.0100 | one population spike | — (no lock) |");
    expect(r.table.markdown).toContain("| other runs | 2 (V0 uniform at K = 100, 400) |");
    expect(r.verdicts.map((v) => [v.record.id, v.holds, v.record.values])).toEqual([
      ["zero-start-small-K-one-population-spike", true, { K: 100, "population spikes": 1, "peak-bin fraction E": 1 }],
      ["zero-start-large-K-locks", true, { K: 1000, "population spikes in the first episode": 16, "last (s)": 0.46 }],
      ["uniform-start-locks-at-large-K", true, { "locked runs": 1, "runs at K ≥ 400": 2, "longest (ms)": 120 }],
      ["no-lock-at-K-100", true, { runs: 2 }],
    ]);
    expect(() => synchronousStateReport({ small, large: scan[0] }, scan)).toThrow(ParameterError);
  });

  test("lockPeriodReport: the recovery theory per K against the measured period, and verdicts on the period and V before the cascades", () => {
    const jitter = [100, 400, 710, 1000, 1310, 1600, 1910, 2200, 2510, 2800];   // intervals 30, then 31 and 29 ms in turn
    const rows = lockPeriods([run("lock", 1000, jitter)], [100, 1000]);
    const before = { mean: [0.2, 0.4], sd: [0.5, 0.7], neurons: 50 };
    const r = lockPeriodReport(rows, before);
    expect(r.table.markdown.split("\n")[2]).toMatch(/^\| 100 \| .* \| — \(no lock\) \| 0 \|$/);
    expect(r.table.markdown.split("\n")[3]).toMatch(/^\| 1000 \| -47\.4 \/ -31\.6 \| 12\.65 \/ 6\.32 \| .* \| 30\.0 ± 1\.0 \| 9 \|$/);
    const [shorter, limit, below] = r.verdicts.map((v) => v.record);
    expect(shorter).toMatchObject({ id: "lock-period-shorter-than-recovery", holds: true, values: { K: 1000, "period (ms)": 30 } });
    expect(limit).toMatchObject({ id: "lock-period-vs-large-K-limit", values: { "T_E as K → ∞ (ms)": 31.16 } });
    expect(below).toEqual({ id: "v-below-threshold-before-cascade", holds: true, asserted: true, claim: expect.any(String),
      values: { "mean V": 0.3, SE: 0.1, "sd across neurons": 0.6, neurons: 50 } });
    const none = lockPeriodReport(lockPeriods([run("quiet", 1000, [])], [1000]), before);
    expect(none.verdicts.map((v) => [v.record.id, v.holds])).toEqual([["lock-period-measured", false]]);
    expect(() => lockPeriodReport([], before)).toThrow(ParameterError);
  });
});
