import type { OpenLoopRow, SweepPoint } from "../../experiments/open-loop";
import type { TheoryRow } from "../../experiments/theory-table";
import { defaultNetworkParams } from "../../network/params";
import { siegertRate } from "../../theory/siegert";
import { studentTCritical } from "../../math/student-t";
import { checkNumber, invalid } from "../../core/validate";
import { fixed, signed, signedPercent as pct } from "../../report/format";
import { markdownTable, md, type ReportPart } from "../../report/markdown";
import { check, type Verdict } from "../../report/verdict";

/**
 * Section 1 of notebook 06: the rates against r_X (simulation, mean field, balanced limit) and
 * the open-loop decomposition of the mean field's error, as tables and computed verdicts (the
 * narrative is in the notebook's Markdown cells).
 */

/** A sweep point with the balanced-limit rates (Hz). */
export interface SweepPointWithLimit extends SweepPoint {
  /** Balanced-limit rates (Hz). */
  bal: { rE: number; rI: number };
}

/** The table, numbers and verdicts of {@link rateSweepReport}. */
export interface RateSweepReport {
  /** The table: simulation, mean field and balanced limit per r_X. */
  table: ReportPart;
  /** Mean field / simulation - 1, E and I per point. */
  devMF: number[];
  /** (mean field - simulation) / SE, E and I per point. */
  zMF: number[];
  /** max |devMF|. */
  maxDeviation: number;
  /** max |zMF|. */
  maxZ: number;
  /**
   * The verdicts (what notebook 06's Markdown states): `mean-field-within-10pct` (max |devMF|
   * < 10 %), `mean-field-differences-resolved` (|t| above the Student-t bound of |z| < 3 for
   * seeds - 1 degrees of freedom, at every rate) and `mean-field-overestimates-every-rate`.
   */
  verdicts: Verdict[];
}

const fx = (x: number, d = 2) => fixed(x, d);

/**
 * The rate sweep of section 1 read off the finite-K theory table: its rows at one K, by r_X,
 * with the simulated rates (mean and between-seed SE over the usable runs), the diffusion mean
 * field and the balanced limit of each row. The table's runs at a point (N = 10 K, seeds 1, 2, ...,
 * 2 s up to K = 200, initial V uniform, the asynchronous window) are those of `networkRateSweep`
 * with the same seeds, initial V uniform and transient 0.2 s, rate for rate, as long as no run
 * has a population spike after the transient (tests/rate-sweep.test.ts): so the sweep is not
 * simulated twice.
 * @param theory the rows of `theoryTable`
 * @param K the K of the sweep (the table's default points hold K = 100 at r_X = 5, 10, 15, 20 Hz)
 * @returns one sweep point per row at K, smallest r_X first
 * @throws ParameterError for theory not an array, or fewer than 2 rows at K
 */
export function sweepFromTable(theory: readonly TheoryRow[], K: number): SweepPointWithLimit[] {
  if (!Array.isArray(theory)) invalid("sweepFromTable", "theory", theory, "the rows of theoryTable");
  const rows = theory.filter((r) => r.K === K).sort((a, b) => a.rX - b.rX);
  if (rows.length < 2) invalid("sweepFromTable", "K", K, "a K with rows at 2 or more r_X in the table");
  return rows.map((r) => ({ rX: r.rX, E: { m: r.sim.E.mean, se: r.sim.E.se }, I: { m: r.sim.I.mean, se: r.sim.I.se },
    mf: { rE: r.diffusion.rE, rI: r.diffusion.rI }, bal: { rE: r.balanced.rE, rI: r.balanced.rI } }));
}

const maxAbs = (x: number[]) => Math.max(...x.map(Math.abs));

function sweepTable(sweep: readonly SweepPointWithLimit[]): ReportPart {
  return markdownTable(["r_X (Hz)", "r_E simulation (Hz)", "r_E mean field", "difference", "r_E balanced", "r_I simulation (Hz)", "r_I mean field", "difference", "r_I balanced"],
    sweep.map((r) => [r.rX, `${fx(r.E.m)} ± ${fx(r.E.se)}`, fx(r.mf.rE), pct(r.mf.rE / r.E.m - 1), `${r.bal.rE} (${pct(r.bal.rE / r.E.m - 1)})`,
      `${fx(r.I.m)} ± ${fx(r.I.se)}`, fx(r.mf.rI), pct(r.mf.rI / r.I.m - 1), `${r.bal.rI} (${pct(r.bal.rI / r.I.m - 1)})`]));
}

/**
 * The rates against r_X: a table of simulation (± SE over seeds), mean field and balanced limit
 * with their relative differences (theory / simulation - 1), and three verdicts: the largest
 * deviation of the mean field against the goal of 10 %; whether every difference is resolved,
 * |t| above the Student-t counterpart of |z| < 3 for seeds - 1 degrees of freedom; and whether
 * the mean field overestimates every rate.
 * @param sweep the sweep points with the balanced rates
 * @param seeds the number of seeds per point, an integer >= 2
 * @throws ParameterError for an empty sweep or a bad seeds
 * @returns the table, the deviations and the verdicts
 */
export function rateSweepReport(sweep: readonly SweepPointWithLimit[], seeds: number): RateSweepReport {
  if (!Array.isArray(sweep) || sweep.length === 0) invalid("rateSweepReport", "sweep", sweep, "a non-empty array of sweep points");
  checkNumber("rateSweepReport", "seeds", seeds, { integer: true, min: 2 });
  const devMF = sweep.flatMap((r) => [r.mf.rE / r.E.m - 1, r.mf.rI / r.I.m - 1]);
  const zMF = sweep.flatMap((r) => [(r.mf.rE - r.E.m) / r.E.se, (r.mf.rI - r.I.m) / r.I.se]);
  const tCrit = Number(studentTCritical(seeds - 1).toFixed(2));
  const resolvedCount = zMF.filter((z) => Math.abs(z) > tCrit).length;
  const verdicts = [
    check({ id: "mean-field-within-10pct", holds: maxAbs(devMF) < 0.1, asserted: true, values: { "largest deviation (%)": 100 * maxAbs(devMF) },
      yes: "the mean field is within 10 % of every simulated rate", no: "the mean field misses a rate by 10 % or more" }),
    check({ id: "mean-field-differences-resolved", holds: resolvedCount === zMF.length, asserted: true,
      values: { "resolved": resolvedCount, "of": zMF.length, "largest |t|": maxAbs(zMF), "bound": tCrit },
      yes: "every difference is resolved by a t-test", no: "not every difference is resolved" }),
    check({ id: "mean-field-overestimates-every-rate", holds: devMF.every((d) => d > 0), asserted: true,
      values: { "smallest deviation (%)": 100 * Math.min(...devMF) }, yes: "the mean field overestimates every rate", no: "the mean field does not overestimate every rate" }),
  ];
  return { table: sweepTable(sweep), devMF, zMF, maxDeviation: maxAbs(devMF), maxZ: maxAbs(zMF), verdicts };
}

function openLoopTable(open: readonly OpenLoopRow[], errors: number[][]): ReportPart {
  const [diffErr, poissonErr, openErr, closedErr] = errors;
  return markdownTable(["r_X (Hz)", "neuron", "μ", "σ", "network neuron (Hz)", "one neuron, Poisson inputs (Hz)", "φ(μ, σ) (Hz)", "φ vs one neuron",
    "network vs one neuron (SE)", "φ vs network (open loop)", "mean field vs network (closed loop)"],
  open.map((o, k) => [o.rX, o.pop, fx(o.mu, 3), fx(o.sigma, 3), fx(o.net), `${fx(o.single)} ± ${fx(o.se)}`, fx(o.phi), pct(diffErr[k]),
    `${pct(-poissonErr[k] / (1 + poissonErr[k]))} (${signed((o.net - o.single) / o.se, 1)})`, pct(openErr[k]), pct(closedErr[k])]));
}

/**
 * The feedback argument at r_X = 10 Hz: d phi / d mu of E (central difference, step 1e-4), the
 * shift of mu_E that undoes the open-loop error |phi - net| of E, and the change of r_I that
 * shifts mu_E by that much, through tau sqrt(K) |J_EI| (Hz).
 */
function feedbackShift(open: readonly OpenLoopRow[], K: number, tau: number): { slope: number; dMu: number; dRI: number; shareRI: number } {
  const o10 = open.find((o) => o.rX === 10 && o.pop === "E")!, i10 = open.find((o) => o.rX === 10 && o.pop === "I")!;
  const slope = (siegertRate({ mu: o10.mu + 1e-4, sigma: o10.sigma }) - siegertRate({ mu: o10.mu - 1e-4, sigma: o10.sigma })) / 2e-4;
  const dMu = Math.abs(o10.phi - o10.net) / slope;
  const dRI = dMu / (tau * Math.sqrt(K) * Math.abs(defaultNetworkParams.J[0][1]));
  return { slope, dMu, dRI, shareRI: dRI / i10.net };
}

/** The verdicts of {@link openLoopReport}, from its errors. */
function openLoopVerdicts(open: readonly OpenLoopRow[], errors: number[][], feedback: ReturnType<typeof feedbackShift>): Verdict[] {
  const [diffErr, , openErr, closedErr] = errors;
  const zDiff = open.map((o) => (o.phi - o.single) / o.se);
  const zNet = open.filter((o) => o.pop === "E").map((o) => ({ rX: o.rX, z: (o.net - o.single) / o.se }));
  const low = zNet.find((x) => x.rX === Math.min(...zNet.map((y) => y.rX)))!, rest = zNet.filter((x) => x !== low);
  return [
    check({ id: "diffusion-overestimates-single-neuron", holds: zDiff.every((z) => z > 3), asserted: true,
      values: { "smallest (%)": 100 * Math.min(...diffErr), "largest (%)": 100 * Math.max(...diffErr), "smallest z": Math.min(...zDiff) },
      yes: "φ overestimates the Poisson-driven neuron at every point, by more than 3 SE", no: "φ does not overestimate it at every point by more than 3 SE" }),
    check({ id: "network-input-raises-E-rate", holds: rest.every((x) => x.z > 3), asserted: true,
      values: Object.fromEntries(rest.map((x) => [`z at ${x.rX} Hz`, x.z])),
      yes: `the network's E neurons fire faster than the Poisson-driven neuron above r_X = ${low.rX} Hz, by more than 3 SE`, no: "not resolved above the lowest r_X" }),
    check({ id: "network-input-sign-at-lowest-rX", holds: Math.abs(low.z) < 3, asserted: true, values: { [`z at ${low.rX} Hz`]: low.z },
      yes: `at r_X = ${low.rX} Hz the sign is not resolved (|z| < 3)`, no: `at r_X = ${low.rX} Hz the difference is resolved` }),
    check({ id: "feedback-absorbs-open-loop-error", holds: maxAbs(closedErr) < maxAbs(openErr), asserted: true,
      values: { "open loop, largest (%)": 100 * maxAbs(openErr), "closed loop, largest (%)": 100 * maxAbs(closedErr), "ΔrI needed at 10 Hz (Hz)": feedback.dRI },
      yes: "the self-consistent solution errs less than φ at the network's rates", no: "the self-consistent solution errs as much as φ at the network's rates" }),
  ];
}

/**
 * The open-loop decomposition: per row the error of the diffusion approximation (phi / one
 * neuron - 1), the network's neuron against the Poisson-driven one (with z = (net - one) / SE),
 * the open-loop error (phi / network - 1) and the closed-loop error (mean field / network - 1);
 * the verdicts on each, with the feedback argument at r_X = 10 Hz: d phi / d mu, the shift of
 * mu_E that undoes the open-loop error, and the change of r_I it takes, through tau sqrt(K) |J_EI|.
 * @param open the rows of `openLoopNeurons` (including r_X = 10 Hz for E and I)
 * @param options K, tau (s), duration (s) and batches of the single-neuron runs
 * @throws ParameterError for rows without r_X = 10 Hz or bad options
 * @returns the table, the verdicts, the diffusion approximation's errors and the feedback numbers
 */
export function openLoopReport(open: readonly OpenLoopRow[], options: { K: number; tau: number; duration: number; batches: number }) {
  const where = "openLoopReport";
  if (!Array.isArray(open) || !open.some((o) => o.rX === 10 && o.pop === "E") || !open.some((o) => o.rX === 10 && o.pop === "I")) {
    invalid(where, "open", open, "rows of openLoopNeurons including r_X = 10 Hz for E and I");
  }
  const { K, tau, duration, batches } = options;
  checkNumber(where, "tau", tau, { min: 0, minInclusive: false, unit: "s" });
  const diffErr = open.map((o) => o.phi / o.single - 1), poissonErr = open.map((o) => o.single / o.net - 1);
  const openErr = open.map((o) => o.phi / o.net - 1), closedErr = open.map((o) => o.mf / o.net - 1);
  const errors = [diffErr, poissonErr, openErr, closedErr], feedback = feedbackShift(open, K, tau);
  const table = openLoopTable(open, errors);
  const note = md`(μ, σ and φ at the simulated network rates; single neuron: ${duration} s, ± SE over ${batches} batches of ${duration / batches} s; at $r_X = 10$ Hz ∂φ/∂μ = ${fx(feedback.slope, 1)} Hz per unit of μ, and a shift of μ_E by ${fx(feedback.dMu, 3)} undoes the open-loop error of E.)`;
  return { table, note, verdicts: openLoopVerdicts(open, errors, feedback), diffErr, feedback };
}
