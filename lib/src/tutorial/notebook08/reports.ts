import type { TopLevelSpec } from "vega-lite";
import type { SpikeTrains } from "../../spikes/spike-trains";
import type { MeanRates } from "../../network/rates";
import type { PyNNRun } from "../../pynn/read-run";
import { runPyNN } from "../../pynn/run";
import { readPyNNRun } from "../../pynn/read-run";
import type { RateSweepPoint } from "../../experiments/rate-sweep";
import { largestNetwork, networkMemory } from "../../experiments/network-cost";
import { rasterChart } from "../../charts/raster";
import { hconcatCharts } from "../../charts/base";
import { progressBar } from "../../display/progress";
import { comparisonTable } from "../../report/tables";
import { md, markdownTable, type ReportPart } from "../../report/markdown";
import type { Verdict } from "../../report/verdict";
import { fixed } from "../../report/format";
import { engineRateRows } from "./engine-rates";
import { benchLabel, networkCostRows, type NetworkCostBench, type PyNNBench } from "./bench-results";

/**
 * Notebook 08's section reports: the Brian2 run read back, the rates of both engines compared,
 * their rasters side by side, and the memory and time tables from the committed benchmarks.
 */

/**
 * Runs the exported script with Brian2 through PyNN (a progress bar labelled `label`) and reads
 * its spikes back.
 * @param script path of the exported pynn_network.py, @param label the progress bar's label.
 */
export async function brian2Run(script: string, label: string): Promise<PyNNRun> {
  const info = await runPyNN({ script: script, seed: 1, simulator: "brian2", onProgress: progressBar(label) });
  return readPyNNRun(info.dir);
}

/** What was read back from the Brian2 run, or why it was skipped (`hint`: how to install PyNN). */
export function readBackLine(brian: PyNNRun | null, hint: string): string {
  return brian
    ? `read back ${brian.E.totalSpikes + brian.I.totalSpikes} spikes of ${brian.E.n} E and ${brian.I.n} I neurons (${brian.versions})`
    : `PyNN/Brian2 are not installed, so this notebook skips the engine's run. ${hint}`;
}

/**
 * Brian2's rates against the mean of our seeds (verdicts "engine-rate-E", "engine-rate-I"), and
 * the window and spread of ours.
 * @param ours our sweep point, @param theirs Brian2's rates (null: not run), @param transient and
 * @param T the counting window [transient, T) (s).
 */
export function engineRateReport(ours: RateSweepPoint, theirs: MeanRates | null, transient: number, T: number): ReportPart[] {
  const n = ours.E.perSeed.length;
  const spread = md`Rates counted in [${transient}, ${T}) s, initial $V$ uniform in $[0, V_{th})$; ours: ${fixed(ours.E.mean, 2)} ± ${fixed(ours.E.sd, 2)} Hz (E) and ${fixed(ours.I.mean, 2)} ± ${fixed(ours.I.sd, 2)} Hz (I), mean ± SD over ${n} seeds.`;
  return [theirs
    ? comparisonTable(engineRateRows(ours, theirs), { simulation: "Brian2 via PyNN ± SE of the difference", theory: `ours: mean of ${n} seeds`, difference: "Brian2 − ours" })
    : md`Brian2 was not run (not installed), so there is nothing to compare.`, spread];
}

/** The first 100 E and I neurons over [0.5, 0.7] s of our run and, if it ran, of Brian2's, side by side. */
export function engineRasters(ourRun: { E: SpikeTrains; I: SpikeTrains }, brian: PyNNRun | null): TopLevelSpec {
  const raster = (run: { E: SpikeTrains; I: SpikeTrains }, title: string) => rasterChart(
    [{ label: "E", trains: run.E }, { label: "I", trains: run.I }], { title: title, maxNeurons: 100, timeRange: [0.5, 0.7], width: 330 });
  return hconcatCharts(brian
    ? [raster(ourRun, "ours (seed 1)"), raster(brian, "Brian2 via PyNN (read back)")]
    : [raster(ourRun, "ours (seed 1); Brian2 not installed")], { title: "First 100 neurons of E and I" });
}

/**
 * The memory and time table at the benchmark's sizes and N = 10⁶, K = 10⁴, the benchmark's label,
 * and the peak memory of its largest size against its connectivity, with the verdict `once`.
 */
export function networkCostReport(cost: NetworkCostBench, once: Verdict): ReportPart[] {
  const sizes = [...cost.sizes.map((c) => ({ N: c.N, K: c.K })), { N: 1000000, K: 10000 }];
  const table = networkCostRows(sizes, cost);
  const largest = cost.sizes[cost.sizes.length - 1];
  return [markdownTable(table.header, table.rows), md`Memory columns: computed by this run from the layout (byte gaps: their expected size). Columns marked "bench": ${benchLabel(cost)}`,
    markdownTable(["largest measured size", "peak RSS of the process (GiB)", "connectivity (GiB)"],
      [[`N = ${largest.N}, K = ${largest.K}`, fixed(largest.peakResidentBytes / 2 ** 30, 2), fixed(largest.connectivityBytes / 2 ** 30, 2)]]),
    md`The connectivity's copies in memory: ${once}.`];
}

/**
 * The largest networks within 4 GiB at K = 1000 and 10 000 and the memory N = 10⁶, K = 10⁴ would
 * need; the committed timings of both engines with the verdict `faster`.
 */
export function exportRouteReport(py: PyNNBench, faster: Verdict): ReportPart[] {
  const nMax = [1000, 10000].map((K) => largestNetwork(K));
  const huge = networkMemory(1000000, 10000);
  return [markdownTable(["network", "memory"], [
    ["largest N within 4 GiB at K = 1000", nMax[0]],
    ["largest N within 4 GiB at K = 10 000", nMax[1]],
    ["N = 10⁶, K = 10⁴", `${fixed(huge.memoryBytes / 2 ** 30, 1)} GiB: export it`]]),
  md`Default network, ${py.duration} s, ${benchLabel(py)}`,
  markdownTable(["simulator", "simulation loop (s)", "whole process (s)", "loop, times ours", "whole, times ours"], [
    ["ours", fixed(py.ours.loopSeconds, 2), fixed(py.ours.wholeSeconds, 1), "1", "1"],
    [`Brian2 (${py.brian2.versions}, numpy)`, fixed(py.brian2.loopSeconds, 1), fixed(py.brian2.wholeSeconds, 1),
      fixed(py.brian2.loopSeconds / py.ours.loopSeconds, 0), fixed(py.brian2.wholeSeconds / py.ours.wholeSeconds, 1)]]),
  md`Simulation loops on one machine, ours against Brian2's numpy target (its compiled targets not measured): ${faster}.`];
}
