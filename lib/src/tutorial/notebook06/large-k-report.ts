import { lockedIntervals, type LockPeriod, type SyncRun, type VoltageBefore } from "../../analysis/locked-state";
import type { KScanRun } from "../../experiments/k-scan";
import { mean, summarize } from "../../math/statistics";
import { checkNumber, invalid } from "../../core/validate";
import { fixed } from "../../report/format";

/**
 * Sections 2 and 4 of notebook 06 as Markdown: the runs of the large-K scan with their
 * asynchronous windows, the population spikes of every run, and the period of the locked state.
 */

const fx = (x: number, d = 2) => fixed(x, d);
/** A time in ms with one decimal, or "never" for a recovery that never reaches the threshold (null). */
const ms = (t: number | null) => (t === null ? "never" : fx(1000 * t, 1));

/**
 * The runs of the large-K scan: K, N = 10 K, seed, the number of E population spikes and the
 * asynchronous window (or "none" when the run stayed locked).
 * @param runs the runs of `kScan`
 * @param duration their duration (s)
 * @throws ParameterError for an empty runs array or a bad duration
 * @returns the Markdown table
 */
export function kScanTable(runs: readonly KScanRun[], duration: number): string {
  if (!Array.isArray(runs) || runs.length === 0) invalid("kScanTable", "runs", runs, "the non-empty result of kScan");
  checkNumber("kScanTable", "duration", duration, { min: 0, minInclusive: false, unit: "s" });
  return `| K | N | seed | population spikes (E) | asynchronous window (s) |
|---|---|---|---|---|
${runs.map((r) => `| ${r.K} | ${10 * r.K} | ${r.seed} | ${r.psE.times.length} | ${r.usable ? `${fx(r.from)} to ${duration}` : "none: locked until the end"} |`).join("\n")}`;
}

const avg = (x: ArrayLike<number>) => (x.length > 0 ? mean(x) : NaN);

function populationSpikeRow(m: SyncRun): string {
  const ep = m.psE.episodes[0];
  const iv = lockedIntervals(m.psE);
  const ivText = iv.length >= 2 ? `${fx(1000 * mean(iv), 1)} ± ${fx(1000 * Math.sqrt(summarize(iv).variance), 1)}` : "— (no lock)";
  const lasts = `${ep.count === 1 ? "one population spike" : fx(1000 * (ep.end - ep.start), 0)}${ep.end > m.T - 0.1 ? " (still locked at the end)" : ""}`;
  return `| ${m.K} | ${m.label} | ${m.psE.times.length} / ${m.psI.times.length} | ${fx(ep.start, 4)}–${fx(ep.end, 4)} | ${lasts} | ${ivText} | ${fx(avg(m.psE.sizes))} | ${fx(avg(m.psI.sizes))} | ${fx(avg(m.psE.peakFractions))} / ${fx(avg(m.psI.peakFractions))} |`;
}

/**
 * The population spikes of every run with any (count, first episode, its length, the interval in
 * a lock, sizes, peak-bin fractions), and the sentences: the runs without any, the synchronous
 * start at the smaller and the larger K, and how many scan runs at K >= 400 locked (first episode
 * of at least 3 population spikes) and for how long at most.
 * @param zeroStart the runs started from V = 0 at small and large K
 * @param scan the runs of the scan (uniform initial V)
 * @throws ParameterError when the large zero-start run has no population spike
 * @returns the Markdown
 */
export function synchronousStateReport(zeroStart: { small: SyncRun; large: SyncRun }, scan: readonly SyncRun[]): string {
  const { small, large } = zeroStart;
  if (large.psE.episodes.length === 0 || small.psE.times.length === 0) invalid("synchronousStateReport", "zeroStart", "a run without population spikes", "zero-start runs with population spikes");
  const all = [small, large, ...scan];
  const noSync = all.filter((m) => m.psE.times.length === 0);
  const big = scan.filter((r) => r.K >= 400), bigEp = big.filter((r) => r.psE.episodes.length > 0);
  const longest = Math.max(...bigEp.map((r) => r.psE.episodes[0].end - r.psE.episodes[0].start));
  return `| K | run | population spikes E / I | first episode (s) | lasts (ms) | interval in the lock, mean ± sd (ms) | size E | size I | peak-bin fraction E / I |
|---|---|---|---|---|---|---|---|---|
${all.filter((m) => m.psE.times.length > 0).map(populationSpikeRow).join("\n")}

No population spike at all in the other ${noSync.length} runs (V0 uniform at K = ${Array.from(new Set(noSync.map((m) => m.K))).join(", ")}). From V0 = 0 at K = ${small.K} there is one population spike of ${fx(100 * small.psE.peakFractions[0], 0)}% of the E neurons in one bin, then asynchronous activity. At K = ${large.K} the network locks (${large.psE.episodes[0].count} population spikes, the last at ${fx(large.psE.episodes[large.psE.episodes.length - 1].end, 3)} s), and a random initial V does not prevent it: ${bigEp.filter((r) => r.psE.episodes[0].count >= 3).length} of the ${big.length} uniform-V runs at K ≥ 400 locked too, the longest for ${fx(1000 * longest, 0)} ms.`;
}

function lockPeriodSentence(r: LockPeriod, before: VoltageBefore, tau: number): string {
  if (!r.iv) return `At K = ${r.K} this run did not lock.`;
  const { rec, iv } = r;
  const vDet = rec.drive[0] + (rec.jump[0] - rec.drive[0]) * Math.exp(-iv.mean / tau);
  const spread = Math.sqrt(summarize(before.mean).variance / before.mean.length);
  return `At K = ${r.K} the measured period, ${fx(1000 * iv.mean, 1)} ± ${fx(1000 * iv.se, 1)} ms (SE), is ${ms(rec.recovery[0] === null ? null : rec.recovery[0] - iv.mean)} ms shorter than the deterministic recovery of E (${ms(rec.recovery[0])} ms), and close to its large-K limit ${ms(rec.largeK[0])} ms. Just before each cascade begins, the ${before.neurons} recorded E neurons of the demo run have a mean V of ${fx(mean(before.mean))} ± ${fx(spread)}, well below threshold, with a spread (sd across neurons) of ${fx(mean(before.sd))}: the X noise (sd ≈ 0.63) brings the leading neurons to threshold first, and their spikes (each adds J_EE/√K = ${fx(1 / Math.sqrt(r.K), 3)} to its E targets) push the others over within a few bins: the cascade. (Without any spike, the deterministic climb would put the mean at ${fx(vDet)} after the measured period.)`;
}

/**
 * The period of the locked state: per K the jump and drive after a complete population spike,
 * the deterministic recovery times of E and I and E's large-K limit, against the measured
 * interval in locked episodes; then, at the last K, the measured period against the recovery, V
 * of the recorded E neurons just before each cascade, and where the deterministic climb
 * V(t) = drive + (jump - drive) exp(-t / tau) would be after the measured period.
 * @param rows the periods of `lockPeriods`, the last the K of the demo run
 * @param before V before the population spikes of the demo run (`voltageBeforePopulationSpikes`)
 * @param tau membrane time constant (s)
 * @throws ParameterError for no rows or a bad tau
 * @returns the Markdown
 */
export function lockPeriodReport(rows: readonly LockPeriod[], before: VoltageBefore, tau: number): string {
  if (!Array.isArray(rows) || rows.length === 0) invalid("lockPeriodReport", "rows", rows, "the non-empty result of lockPeriods");
  checkNumber("lockPeriodReport", "tau", tau, { min: 0, minInclusive: false, unit: "s" });
  const row = ({ K, rec, iv }: LockPeriod) => `| ${K} | ${fx(rec.jump[0], 1)} / ${fx(rec.jump[1], 1)} | ${fx(rec.drive[0])} / ${fx(rec.drive[1])} | ${ms(rec.recovery[0])} / ${ms(rec.recovery[1])} | ${ms(rec.largeK[0])} | ${iv ? `${fx(1000 * iv.mean, 1)} ± ${fx(1000 * iv.sd, 1)}` : "— (no lock)"} | ${iv ? iv.n : 0} |`;
  return `| K | jump E / I (units of V) | drive μ_X E / I | recovery T_E / T_I (ms) | T_E as K → ∞ (ms) | measured interval in locked episodes, mean ± sd (ms) | intervals |
|---|---|---|---|---|---|---|
${rows.map(row).join("\n")}

${lockPeriodSentence(rows[rows.length - 1], before, tau)} Mechanism and period are explained by the net inhibitory jump after a population spike and the recovery against the external drive; how long the network stays locked is random (compare the runs at the same K above).`;
}
