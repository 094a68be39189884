import { lockedIntervals, type LockedRates, type LockPeriod, type SyncRun, type VoltageBefore } from "../../analysis/locked-state";
import type { BalancedRates } from "../../theory/balanced-rates";
import type { KScanRun } from "../../experiments/k-scan";
import { mean, summarize } from "../../math/statistics";
import { checkNumber, invalid } from "../../core/validate";
import { fixed, signedPercent as pct } from "../../report/format";
import { markdownTable, type ReportPart } from "../../report/markdown";
import { agreement, check, type Verdict } from "../../report/verdict";

/**
 * Sections 1 and 3 of notebook 07: the runs of the large-K scan with their asynchronous
 * windows, the population spikes of every run, the period of the locked state and the rates
 * inside locked episodes, as tables and computed verdicts (the narrative is in the notebook's
 * Markdown cells).
 */

const fx = (x: number, d = 2) => fixed(x, d);

/** Population spikes in a row that make a lock: a first episode of at least this many. */
const LOCK_MIN_SPIKES = 3;

/**
 * The runs of the large-K scan: K, N = 10 K, seed, the number of E population spikes and the
 * asynchronous window (or "none" when the run stayed locked).
 * @param runs the runs of `kScan`
 * @param duration their duration (s)
 * @throws ParameterError for an empty runs array or a bad duration
 * @returns the Markdown table
 */
export function kScanTable(runs: readonly KScanRun[], duration: number): ReportPart {
  if (!Array.isArray(runs) || runs.length === 0) invalid("kScanTable", "runs", runs, "the non-empty result of kScan");
  checkNumber("kScanTable", "duration", duration, { min: 0, minInclusive: false, unit: "s" });
  return markdownTable(["K", "N", "seed", "population spikes (E)", "asynchronous window (s)"],
    runs.map((r) => [r.K, 10 * r.K, r.seed, r.psE.times.length, r.usable ? `${fx(r.start)} to ${duration}` : "none: locked until the end"]));
}

const avg = (x: ArrayLike<number>) => (x.length > 0 ? fx(mean(x)) : "—");

function populationSpikeRow(m: SyncRun): string[] {
  const ep = m.psE.episodes[0];
  const iv = lockedIntervals(m.psE);
  const ivText = iv.length >= 2 ? `${fx(1000 * mean(iv), 1)} ± ${fx(1000 * Math.sqrt(summarize(iv).variance), 1)}` : "— (no lock)";
  const lasts = `${ep.count === 1 ? "one population spike" : fx(1000 * (ep.end - ep.start), 0)}${ep.end > m.T - 0.1 ? " (still locked at the end)" : ""}`;
  return [`${m.K}`, m.label, `${m.psE.times.length} / ${m.psI.times.length}`, `${fx(ep.start, 4)}–${fx(ep.end, 4)}`, lasts, ivText,
    avg(m.psE.sizes), avg(m.psI.sizes), `${avg(m.psE.peakFractions)} / ${avg(m.psI.peakFractions)}`];
}

/** Whether a run locks: its first E episode holds at least {@link LOCK_MIN_SPIKES} population spikes. */
function locks(m: SyncRun): boolean {
  return m.psE.episodes.length > 0 && m.psE.episodes[0].count >= LOCK_MIN_SPIKES;
}

/** Whether no run at K locks (no locked interval after any population spike). */
function noLockAt(allSync: readonly SyncRun[], K: number): boolean {
  return allSync.filter((m) => m.K === K).every((m) => lockedIntervals(m.psE).length === 0);
}

function synchronousVerdicts(small: SyncRun, large: SyncRun, scan: readonly SyncRun[]): Verdict[] {
  const big = scan.filter((r) => r.K >= 400), locked = big.filter(locks);
  const longest = Math.max(0, ...locked.map((r) => r.psE.episodes[0].end - r.psE.episodes[0].start));
  const atSmall = [small, ...scan].filter((m) => m.K === small.K);
  return [
    check({ id: "zero-start-small-K-one-population-spike", holds: small.psE.times.length === 1, asserted: true,
      values: { K: small.K, "population spikes": small.psE.times.length, "peak-bin fraction E": small.psE.peakFractions[0] ?? 0 },
      yes: `from V0 = 0 at K = ${small.K}: one population spike, then asynchronous activity`, no: `from V0 = 0 at K = ${small.K}: not a single population spike` }),
    check({ id: "zero-start-large-K-locks", holds: locks(large), asserted: true,
      values: { K: large.K, "population spikes in the first episode": large.psE.episodes[0]?.count ?? 0, "last (s)": large.psE.last ?? 0 },
      yes: `from V0 = 0 at K = ${large.K} the network locks`, no: `from V0 = 0 at K = ${large.K} the network does not lock` }),
    check({ id: "uniform-start-locks-at-large-K", holds: locked.length > 0, asserted: true,
      values: { "locked runs": locked.length, "runs at K ≥ 400": big.length, "longest (ms)": 1000 * longest },
      yes: "a random initial V does not prevent locking at K ≥ 400", no: "no uniform-V run at K ≥ 400 locks" }),
    check({ id: "no-lock-at-K-100", holds: noLockAt([small, ...scan], small.K), asserted: true, values: { runs: atSmall.length },
      yes: `no run at K = ${small.K} locks`, no: `a run at K = ${small.K} locks` }),
  ];
}

/**
 * The population spikes of every run with any (count, first episode, its length, the interval in
 * a lock, sizes, peak-bin fractions), and four verdicts: the zero start at the smaller K gives
 * exactly one population spike; the zero start at the larger K locks (first episode of at least
 * {@link LOCK_MIN_SPIKES}); some scan run at K >= 400 locks from uniform V (with how many and the
 * longest lock); no run at the smaller K locks (`noLockAt`).
 * @param zeroStart the runs started from V = 0 at small and large K
 * @param scan the runs of the scan (uniform initial V)
 * @throws ParameterError when the large zero-start run has no population spike
 * @returns the table and the verdicts
 */
export function synchronousStateReport(zeroStart: { small: SyncRun; large: SyncRun }, scan: readonly SyncRun[]): { table: ReportPart; verdicts: Verdict[] } {
  const { small, large } = zeroStart;
  if (large.psE.episodes.length === 0 || small.psE.times.length === 0) invalid("synchronousStateReport", "zeroStart", "a run without population spikes", "zero-start runs with population spikes");
  const all = [small, large, ...scan];
  const withSpikes = all.filter((m) => m.psE.times.length > 0);
  const table = markdownTable(["K", "run", "population spikes E / I", "first episode (s)", "lasts (ms)", "interval in the lock, mean ± sd (ms)", "size E", "size I", "peak-bin fraction E / I"],
    [...withSpikes.map(populationSpikeRow), ["other runs", `${all.length - withSpikes.length} (V0 uniform at K = ${Array.from(new Set(all.filter((m) => m.psE.times.length === 0).map((m) => m.K))).join(", ")})`, "0 / 0", "—", "—", "—", "—", "—", "—"]]);
  return { table, verdicts: synchronousVerdicts(small, large, scan) };
}

function lockPeriodVerdicts(r: LockPeriod, before: VoltageBefore): Verdict[] {
  if (!r.iv) return [check({ id: "lock-period-measured", holds: false, asserted: true, yes: `a lock at K = ${r.K}`, no: `no lock at K = ${r.K}` })];
  const { rec, iv } = r;
  // null: V never reaches threshold under the drive alone (not at the model's couplings)
  const [tE, tLarge] = [rec.recovery[0], rec.largeK[0]];
  if (tE === null || tLarge === null) return [check({ id: "lock-period-measured", holds: false, asserted: true, yes: `a recovery at K = ${r.K}`, no: `no deterministic recovery of E at K = ${r.K}` })];
  const v = summarize(before.mean);
  return [
    check({ id: "lock-period-shorter-than-recovery", holds: (iv.mean - tE) / iv.se < -3, asserted: true,
      values: { K: r.K, "period (ms)": 1000 * iv.mean, "SE (ms)": 1000 * iv.se, "recovery T_E (ms)": 1000 * tE, z: (iv.mean - tE) / iv.se },
      yes: "the measured period is shorter than the deterministic recovery of E, by more than 3 SE", no: "the period is not resolved below the deterministic recovery" }),
    agreement({ id: "lock-period-vs-large-K-limit", z: (iv.mean - tLarge) / iv.se,
      values: { "period (ms)": 1000 * iv.mean, "T_E as K → ∞ (ms)": 1000 * tLarge },
      yes: "the period agrees with the large-K recovery within 3 SE", no: "the period differs from the large-K recovery by 3 SE or more" }),
    check({ id: "v-below-threshold-before-cascade", holds: v.mean + 3 * v.se < 1, asserted: true,
      values: { "mean V": v.mean, SE: v.se, "sd across neurons": mean(before.sd), neurons: before.neurons },
      yes: "just before each cascade the recorded E neurons sit well below threshold", no: "the recorded E neurons are not resolved below threshold" }),
  ];
}

/**
 * The period of the locked state: per K the jump and drive after a complete population spike,
 * the deterministic recovery times of E and I and E's large-K limit, against the measured
 * interval in locked episodes; then, at the last K, verdicts on the measured period against the
 * recovery (z = (period - T_E) / SE) and against its large-K limit, and on V of the recorded E
 * neurons just before each cascade (mean + 3 SE below threshold); with no lock at the last K, one
 * verdict `lock-period-measured` that does not hold.
 * @param rows the periods of `lockPeriods`, the last the K of the demo run
 * @param before V before the population spikes of the demo run (`voltageBeforePopulationSpikes`)
 * @throws ParameterError for no rows
 * @returns the table and the verdicts
 */
export function lockPeriodReport(rows: readonly LockPeriod[], before: VoltageBefore): { table: ReportPart; verdicts: Verdict[] } {
  if (!Array.isArray(rows) || rows.length === 0) invalid("lockPeriodReport", "rows", rows, "the non-empty result of lockPeriods");
  const table = markdownTable(["K", "jump E / I (units of V)", "drive μ_X E / I", "recovery T_E / T_I (ms)", "T_E as K → ∞ (ms)", "measured interval in locked episodes, mean ± sd (ms)", "intervals"],
    rows.map(({ K, rec, iv }) => [K, `${fx(rec.jump[0], 1)} / ${fx(rec.jump[1], 1)}`, `${fx(rec.drive[0])} / ${fx(rec.drive[1])}`, `${fx(1000 * rec.recovery[0], 1)} / ${fx(1000 * rec.recovery[1], 1)}`,
      fx(1000 * rec.largeK[0], 1), iv ? `${fx(1000 * iv.mean, 1)} ± ${fx(1000 * iv.sd, 1)}` : "— (no lock)", iv ? iv.n : 0]));
  return { table, verdicts: lockPeriodVerdicts(rows[rows.length - 1], before) };
}

/**
 * The rates inside locked episodes (`lockedEpisodeRates`) against the balanced rates, as a table
 * and one verdict: r_E inside every locked episode above the balanced r_E (with the largest and
 * the smallest, in Hz and in % above it); false when no run locked.
 * @param locked the rates inside the locked episodes, one per locked run
 * @param bal the balanced rates at the runs' r_X
 * @throws ParameterError for locked not an array
 * @returns the table and the verdict
 */
export function lockedRatesReport(locked: readonly LockedRates[], bal: BalancedRates): { table: ReportPart; verdicts: Verdict[] } {
  if (!Array.isArray(locked)) invalid("lockedRatesReport", "locked", locked, "the result of lockedEpisodeRates");
  const rE = locked.map((l) => l.E), [top, bottom] = [Math.max(...rE), Math.min(...rE)];
  const table = markdownTable(["inside a locked episode", "K", "r_E (Hz)", "r_I (Hz)", "(r_E − r_E,bal)/r_E,bal", "(r_I − r_I,bal)/r_I,bal"],
    locked.map((l) => [l.label, l.K, fx(l.E, 1), fx(l.I, 1), pct(l.E / bal.rE - 1), pct(l.I / bal.rI - 1)]));
  const above = check({ id: "locked-rates-above-balanced", holds: locked.length > 0 && bottom > bal.rE, asserted: true,
    values: { "locked runs": locked.length, "largest r_E (Hz)": locked.length > 0 ? top : 0, "smallest r_E (Hz)": locked.length > 0 ? bottom : 0,
      "smallest above r_E,bal (%)": locked.length > 0 ? 100 * (bottom / bal.rE - 1) : 0 },
    yes: "inside every locked episode r_E is above the balanced rate", no: "not inside every locked episode is r_E above the balanced rate" });
  return { table, verdicts: [above] };
}
