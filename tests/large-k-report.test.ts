import { kScanTable, lockPeriodReport, synchronousStateReport } from "../lib/src/tutorial/notebook06/large-k-report";
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
      { ...run("a", 100, []), seed: 1, from: 0.2, usable: true, ...base },
      { ...run("b", 1000, every300(16)), seed: 2, from: 1.6, usable: false, ...base },
    ] as unknown as KScanRun[];
    const text = kScanTable(rows, 1.5);
    expect(text.split("\n").slice(2)).toEqual(["| 100 | 1000 | 1 | 0 | 0.20 to 1.5 |", "| 1000 | 10000 | 2 | 16 | none: locked until the end |"]);
    expect(() => kScanTable([], 1.5)).toThrow(ParameterError);
  });

  test("synchronousStateReport: a row per run with population spikes, the lock at large K, the runs without any", () => {
    const small = run("V0 = 0, seed 1", 100, [100]), large = run("V0 = 0, seed 1", 1000, every300(16));
    const scan = [run("V0 uniform, seed 1", 100, []), run("V0 uniform, seed 1", 400, every300(5)), run("V0 uniform, seed 2", 400, [])];
    const text = synchronousStateReport({ small, large }, scan);
    expect(text).toContain("| 1000 | V0 = 0, seed 1 | 16 / 16 | 0.0100–0.4600 | 450 (still locked at the end) | 30.0 ± 0.0 | 1.00 | 1.00 | 1.00 / 1.00 |");
    expect(text).toContain("| 100 | V0 = 0, seed 1 | 1 / 1 | 0.0100–0.0100 | one population spike | — (no lock) |");
    expect(text).toContain("No population spike at all in the other 2 runs (V0 uniform at K = 100, 400)");
    expect(text).toContain("At K = 1000 the network locks (16 population spikes, the last at 0.460 s)");
    expect(text).toContain("1 of the 2 uniform-V runs at K ≥ 400 locked too, the longest for 120 ms");
    expect(() => synchronousStateReport({ small, large: scan[0] }, scan)).toThrow(ParameterError);
  });

  test("lockPeriodReport: the recovery theory per K against the measured period, and V before the cascades", () => {
    const rows = lockPeriods([run("lock", 1000, every300(10))], [100, 1000]);
    const before = { mean: [0.2, 0.4], sd: [0.5, 0.7], neurons: 50 };
    const text = lockPeriodReport(rows, before, 0.02);
    expect(text.split("\n")[2]).toMatch(/^\| 100 \| .* \| — \(no lock\) \| 0 \|$/);
    expect(text.split("\n")[3]).toMatch(/^\| 1000 \| -47\.4 \/ -31\.6 \| 12\.65 \/ 6\.32 \| .* \| 30\.0 ± 0\.0 \| 9 \|$/);
    expect(text).toContain("At K = 1000 the measured period, 30.0 ± 0.0 ms (SE)");
    expect(text).toContain("the 50 recorded E neurons of the demo run have a mean V of 0.30 ± 0.10, well below threshold, with a spread (sd across neurons) of 0.60");
    expect(text).toContain("J_EE/√K = 0.032");
    const none = lockPeriodReport(lockPeriods([run("quiet", 1000, [])], [1000]), before, 0.02);
    expect(none).toContain("At K = 1000 this run did not lock.");
    expect(() => lockPeriodReport([], before, 0.02)).toThrow(ParameterError);
  });
});
