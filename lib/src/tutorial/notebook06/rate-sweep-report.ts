import type { OpenLoopRow, SweepPoint } from "../../experiments/open-loop";
import { defaultNetworkParams } from "../../network/params";
import { siegertRate } from "../../theory/siegert";
import { studentTCritical } from "../../math/student-t";
import { checkNumber, invalid } from "../../core/validate";
import { fixed, percentRange, signedPercent as pct } from "../../report/format";

/**
 * Section 1 of notebook 06 as Markdown: the rates against r_X (simulation, mean field, balanced
 * limit) with the verdict on the goal of 10 %, and the open-loop decomposition of the mean
 * field's error.
 */

/** A sweep point with the balanced-limit rates (Hz). */
export interface SweepPointWithLimit extends SweepPoint {
  /** Balanced-limit rates (Hz). */
  bal: { rE: number; rI: number };
}

/** The text and numbers of {@link rateSweepReport}. */
export interface RateSweepReport {
  /** The table and its sentences. */
  markdown: string;
  /** Mean field / simulation - 1, E and I per point. */
  devMF: number[];
  /** (mean field - simulation) / SE, E and I per point. */
  zMF: number[];
  /** max |devMF|. */
  maxDeviation: number;
  /** max |zMF|. */
  maxZ: number;
}

const fx = (x: number, d = 2) => fixed(x, d);
const maxAbs = (x: number[]) => Math.max(...x.map(Math.abs));

function sweepTable(sweep: readonly SweepPointWithLimit[]): string {
  return `| r_X (Hz) | r_E simulation (Hz) | r_E mean field | difference | r_E balanced | r_I simulation (Hz) | r_I mean field | difference | r_I balanced |
|---|---|---|---|---|---|---|---|---|
${sweep.map((r) => `| ${r.rX} | ${fx(r.E.m)} ± ${fx(r.E.se)} | ${fx(r.mf.rE)} | ${pct(r.mf.rE / r.E.m - 1)} | ${r.bal.rE} (${pct(r.bal.rE / r.E.m - 1)}) | ${fx(r.I.m)} ± ${fx(r.I.se)} | ${fx(r.mf.rI)} | ${pct(r.mf.rI / r.I.m - 1)} | ${r.bal.rI} (${pct(r.bal.rI / r.I.m - 1)}) |`).join("\n")}`;
}

/**
 * The rates against r_X: a table of simulation (± SE over seeds), mean field and balanced limit
 * with their relative differences, the largest deviation of each theory against the goal of 10 %,
 * and whether the mean field's differences are resolved: |t| above the Student-t counterpart of
 * |z| < 3 for seeds - 1 degrees of freedom.
 * @param sweep the sweep points with the balanced rates
 * @param seeds the number of seeds per point, an integer >= 2
 * @throws ParameterError for an empty sweep or a bad seeds
 * @returns the Markdown and the deviations
 */
export function rateSweepReport(sweep: readonly SweepPointWithLimit[], seeds: number): RateSweepReport {
  if (!Array.isArray(sweep) || sweep.length === 0) invalid("rateSweepReport", "sweep", sweep, "a non-empty array of sweep points");
  checkNumber("rateSweepReport", "seeds", seeds, { integer: true, min: 2 });
  const devMF = sweep.flatMap((r) => [r.mf.rE / r.E.m - 1, r.mf.rI / r.I.m - 1]);
  const devBal = sweep.flatMap((r) => [r.bal.rE / r.E.m - 1, r.bal.rI / r.I.m - 1]);
  const zMF = sweep.flatMap((r) => [(r.mf.rE - r.E.m) / r.E.se, (r.mf.rI - r.I.m) / r.I.se]);
  const tCrit = Number(studentTCritical(seeds - 1).toFixed(2));
  const sign = devMF.every((d) => d > 0) ? "over" : devMF.every((d) => d < 0) ? "under" : "mis";
  const which = devMF.every((d) => d > 0) || devMF.every((d) => d < 0) ? "every rate" : "the rates";
  const resolved = maxAbs(zMF) > tCrit
    ? `The differences are nevertheless real, not noise: up to ${maxAbs(zMF).toFixed(0)} standard errors (|t| above ${tCrit} for ${zMF.filter((z) => Math.abs(z) > tCrit).length} of ${zMF.length} rates), and the mean field ${sign}estimates ${which}. The next cell looks for the cause.`
    : `The differences are within ${tCrit} standard errors of the seed-to-seed spread (t-test, ${seeds - 1} degrees of freedom).`;
  const markdown = `${sweepTable(sweep)}

(± one standard error over the ${seeds} seeds; "difference" = theory / simulation − 1.)

The mean-field rates are within **${(100 * maxAbs(devMF)).toFixed(1)}%** of the simulated ones at every r_X (the balanced limit: within ${(100 * maxAbs(devBal)).toFixed(1)}%): ${maxAbs(devMF) < 0.1 ? "**the goal of 10% is met**" : "**the goal of 10% is not met**"}. ${resolved}`;
  return { markdown, devMF, zMF, maxDeviation: maxAbs(devMF), maxZ: maxAbs(zMF) };
}

function openLoopTable(open: readonly OpenLoopRow[], errors: number[][]): string {
  const [diffErr, poissonErr, openErr, closedErr] = errors;
  return `| r_X (Hz) | neuron | μ | σ | network neuron (Hz) | one neuron, Poisson inputs (Hz) | φ(μ, σ) (Hz) | φ vs one neuron | one neuron vs network | φ vs network (open loop) | mean field vs network (closed loop) |
|---|---|---|---|---|---|---|---|---|---|---|
${open.map((o, k) => `| ${o.rX} | ${o.pop} | ${fx(o.mu, 3)} | ${fx(o.sigma, 3)} | ${fx(o.net)} | ${fx(o.single)} ± ${fx(o.se)} | ${fx(o.phi)} | ${pct(diffErr[k])} | ${pct(poissonErr[k])} | ${pct(openErr[k])} | ${pct(closedErr[k])} |`).join("\n")}`;
}

function poissonSentence(open: readonly OpenLoopRow[], diffErr: number[]): string {
  const rXs = (keep: (o: OpenLoopRow, k: number) => boolean) => open.filter((o, k) => o.pop === "E" && keep(o, k)).map((o) => o.rX).join(", ") || "no r_X";
  return `* **The network's input is not Poisson**: relative to the Poisson-driven neuron with the same input rates, the network's own E neurons fire ${open.filter((o) => o.pop === "E").map((o) => `${pct(o.net / o.single - 1)} at r_X = ${o.rX} Hz`).join(", ")}. Their presynaptic trains are more variable than Poisson (ISI CV and Fano factor above 1, section 3), which adds input variance and slow fluctuations; relative to Poisson input it raises the E rate at r_X = ${rXs((o) => o.net > o.single)} Hz and lowers it at ${rXs((o) => o.net < o.single)} Hz, and the rise exceeds the diffusion approximation's error at r_X = ${rXs((o, k) => o.net / o.single - 1 > diffErr[k])} Hz.`;
}

function feedbackSentence(open: readonly OpenLoopRow[], K: number, tau: number, openErr: number[], closedErr: number[]): string {
  const o10 = open.find((o) => o.rX === 10 && o.pop === "E")!, i10 = open.find((o) => o.rX === 10 && o.pop === "I")!;
  const slope10 = (siegertRate({ mu: o10.mu + 1e-4, sigma: o10.sigma }) - siegertRate({ mu: o10.mu - 1e-4, sigma: o10.sigma })) / 2e-4;
  const dMu10 = Math.abs(o10.phi - o10.net) / slope10;
  const gain = tau * Math.sqrt(K) * Math.abs(defaultNetworkParams.J[0][1]);   // tau sqrt(K) |J_EI|
  return `* Together, φ evaluated at the network's own rates (open loop) is off by ${percentRange(openErr)}; the **self-consistent** solution (closed loop) only by ${percentRange(closedErr)}. The feedback absorbs most of the error: at r_X = 10 Hz an E neuron's rate changes by ∂φ/∂μ = ${fx(slope10, 1)} Hz per unit of μ, so the open-loop error of ${fx(Math.abs(o10.phi - o10.net))} Hz is undone by a shift of μ_E of ${fx(dMu10, 3)}, and μ_E moves by τ√K |J_EI| = ${fx(gain)} per Hz of r_I: a change of r_I by ${fx(dMu10 / gain, 2)} Hz (${fx(100 * dMu10 / gain / i10.net, 1)}% of r_I) suffices. Rates barely need to move to cancel a large error of the single-neuron transfer function, because μ depends on them through the large factor τ√K: this is why the balanced limit works at all.`;
}

/**
 * The open-loop decomposition: per row the error of the diffusion approximation (phi / one
 * neuron - 1), of Poisson input (one neuron / network - 1), the open-loop error (phi / network
 * - 1) and the closed-loop error (mean field / network - 1), and sentences on each, with the
 * feedback argument at r_X = 10 Hz: d phi / d mu (central difference, step 1e-4), the shift of
 * mu_E that undoes the open-loop error, and the change of r_I it takes, through tau sqrt(K) |J_EI|.
 * @param open the rows of `openLoopNeurons` (including r_X = 10 Hz for E and I)
 * @param options K, tau (s), duration (s) and batches of the single-neuron runs
 * @throws ParameterError for rows without r_X = 10 Hz or bad options
 * @returns the Markdown and the diffusion approximation's errors
 */
export function openLoopReport(open: readonly OpenLoopRow[], options: { K: number; tau: number; duration: number; batches: number }): { markdown: string; diffErr: number[] } {
  const where = "openLoopReport";
  if (!Array.isArray(open) || !open.some((o) => o.rX === 10 && o.pop === "E") || !open.some((o) => o.rX === 10 && o.pop === "I")) {
    invalid(where, "open", open, "rows of openLoopNeurons including r_X = 10 Hz for E and I");
  }
  const { K, tau, duration, batches } = options;
  checkNumber(where, "tau", tau, { min: 0, minInclusive: false, unit: "s" });
  const diffErr = open.map((o) => o.phi / o.single - 1), poissonErr = open.map((o) => o.single / o.net - 1);
  const openErr = open.map((o) => o.phi / o.net - 1), closedErr = open.map((o) => o.mf / o.net - 1);
  const markdown = `${openLoopTable(open, [diffErr, poissonErr, openErr, closedErr])}

(μ, σ and φ at the simulated network rates; single neuron: ${duration} s, ± SE over ${batches} batches of ${duration / batches} s.)

* **The diffusion approximation** alone: a neuron driven by exactly the theory's input fires ${percentRange(diffErr.map((x) => -x / (1 + x)))} relative to φ, i.e. φ overestimates it by ${percentRange(diffErr)}. Shot noise made of jumps up to a quarter of the threshold, with a time step, is not white noise.
${poissonSentence(open, diffErr)}
${feedbackSentence(open, K, tau, openErr, closedErr)}`;
  return { markdown, diffErr };
}
