import { balancedRates } from "../theory/balanced-rates";
import { solveMeanField } from "../theory/mean-field";
import { solveRenewalMeanField } from "../theory/renewal-mean-field";
import { solveModulatedMeanField, type InputModulation } from "../theory/modulated-mean-field";
import { type CorrelatedInputs, solveCorrelatedMeanField } from "../theory/correlated-mean-field";
import { checkNumber, invalid } from "../core/validate";
import { asynchronousRuns, type AsynchronousRates, type AsynchronousRatesOptions, type SeedMean } from "./asynchronous-rates";
import { poolTask, runGroups } from "./run-pool";

/**
 * Finite-K theories of the network's rates against simulation, per (K, r_X): the balanced limit,
 * the diffusion (Siegert) mean field, the exact discrete transfer with Poisson inputs, the discrete
 * transfer with per-bin overdispersed inputs (renewal Fano factors, {@link solveRenewalMeanField})
 * with self-consistent input spectra ({@link solveModulatedMeanField}) and with the cross-covariance
 * of a neuron's inputs added to them ({@link solveCorrelatedMeanField}, the network's N); with
 * computed verdicts and the deviation from the balanced limit split into its parts.
 */

/** One (K, r_X) point of {@link theoryTable}. */
export interface TheoryPoint {
  /** Partners per population (integer >= 1). */
  K: number;
  /** External rate (Hz). */
  rX: number;
}

/** Options of {@link theoryTable}. */
export interface TheoryTableOptions {
  /** Points to compute; default K = 100 at r_X = 5, 10, 15, 20 Hz, then K = 25, 50, 200, 400, 1000 at 10 Hz. */
  points?: TheoryPoint[];
  /** Usable runs per point (default 20; at least 2): seeds 1, 2, ... until that many runs stay asynchronous long enough (at most 3 x seeds runs). */
  seeds?: number;
  /** Neurons per population as a multiple of K (default 10: N = 1000 at K = 100). */
  nPerK?: number;
  /** Simulated duration per run (s) as a function of K; default 2 s up to K = 200, 1.5 s above. */
  duration?: (K: number) => number;
  /** Grid points per lattice unit of the discrete chains (default: spacing about 0.003, see eulerChainRate). */
  subdivisions?: number;
  /** Progress: points done and the total; each point's theories count half a point (all theories first), its simulations the other half (fractional within a point; largest first). */
  onProgress?: (done: number, total: number) => void;
}

/** A pair of predicted rates (Hz). */
export interface RatePair {
  /** Excitatory rate (Hz). */
  rE: number;
  /** Inhibitory rate (Hz). */
  rI: number;
}

/** Computed verdicts of one theory against the simulation of one row. */
export interface TheoryVerdict {
  /** Relative deviation theory / simulation - 1, [E, I]. */
  relative: [number, number];
  /** (theory - simulation) / between-seed SE, [E, I]. */
  z: [number, number];
  /** Both rates within 1 % of the simulation. */
  withinOnePercent: boolean;
  /** Both rates within 2 between-seed SE of the simulation. */
  withinTwoSE: boolean;
  /** The deviation from the balanced limit has the simulation's sign for both populations. */
  rightSign: boolean;
}

/** One row of {@link theoryTable}. */
export interface TheoryRow extends TheoryPoint {
  /** Neurons per population in the simulations. */
  N: number;
  /** Simulated rates (mean over usable seeds, between-seed SE). */
  sim: { E: SeedMean; I: SeedMean; usable: number; runs: number };
  /** Balanced limit -J^-1 J_X r_X. */
  balanced: RatePair;
  /** Diffusion (Siegert) mean field. */
  diffusion: RatePair;
  /** Exact discrete transfer, Poisson (Bernoulli) inputs. */
  discrete: RatePair;
  /**
   * Discrete transfer with self-consistent renewal input statistics, the Fano factors [F_E, F_I],
   * and the Jacobian of r -> phi(r) - r at the solution with the Fano factors held fixed
   * (`solveRenewalMeanField(...).solution.jacobian`; for `closedLoopShift`).
   */
  renewal: RatePair & { fano: [number, number]; jacobian: number[][] };
  /**
   * Discrete transfer with self-consistent input spectra (hidden-state modulated input), the
   * output trains' effective Fano factors [F_E, F_I] and the modulations of the E and I neurons' inputs.
   */
  spectra: RatePair & { fano: [number, number]; modulation: [InputModulation, InputModulation] };
  /**
   * Input spectra and the cross-covariance between a neuron's input trains (linear response, the
   * network's N), with the predicted change of the free membrane potential's variance by the cross
   * part [E, I], what the modulation could not carry (T_a(a_m) < 0, else 0; see solveCorrelatedMeanField)
   * and what the inputs carry (for the open loop, correlatedTransfer).
   */
  correlated: RatePair & { variance: [number, number]; left: [number, number]; inputs: CorrelatedInputs };
  /** Verdict of each theory. */
  verdicts: { balanced: TheoryVerdict; diffusion: TheoryVerdict; discrete: TheoryVerdict; renewal: TheoryVerdict; spectra: TheoryVerdict; correlated: TheoryVerdict };
  /**
   * The simulated deviation from the balanced limit, sim - balanced (Hz, [E, I]), split into
   * diffusion mean field - balanced, discrete - diffusion (the diffusion approximation's error),
   * spectra - discrete (the input trains' own structure), correlated - spectra (the
   * cross-covariance between a neuron's inputs) and sim - correlated (what is left: the theories'
   * own approximations).
   */
  parts: { total: [number, number]; meanField: [number, number]; diffusionError: [number, number]; trainStructure: [number, number]; crossCorrelations: [number, number]; remainder: [number, number] };
}

function verdict(t: RatePair, row: { sim: { E: SeedMean; I: SeedMean }; balanced: RatePair }): TheoryVerdict {
  const sim = [row.sim.E, row.sim.I];
  const th = [t.rE, t.rI];
  const bal = [row.balanced.rE, row.balanced.rI];
  const relative: [number, number] = [th[0] / sim[0].mean - 1, th[1] / sim[1].mean - 1];
  const z: [number, number] = [(th[0] - sim[0].mean) / sim[0].se, (th[1] - sim[1].mean) / sim[1].se];
  return {
    relative,
    z,
    withinOnePercent: relative.every((r) => Math.abs(r) <= 0.01),
    withinTwoSE: z.every((x) => Math.abs(x) <= 2),
    rightSign: [0, 1].every((a) => Math.sign(th[a] - bal[a]) === Math.sign(sim[a].mean - bal[a])),
  };
}

const pair = (x: RatePair): [number, number] => [x.rE, x.rI];
const diff = (a: [number, number], b: [number, number]): [number, number] => [a[0] - b[0], a[1] - b[1]];

/** Seeds tried per usable run wanted: a run locked in the synchronous state is replaced by the next seed, up to this many times `seeds` runs. */
const CANDIDATES_PER_SEED = 3;

/** Default simulated duration of a run at K (s): 2 s up to K = 200, 1.5 s above. */
const defaultDuration = (K: number): number => (K <= 200 ? 2 : 1.5);

/**
 * The simulations of one point of {@link theoryTable}, as options of {@link asynchronousRates}:
 * N = nPerK K, the point's K and r_X, the duration at K, seeds 1, 2, ... (up to 3 x `seeds`
 * candidates) until `seeds` runs are usable. Not validated here (theoryTable validates its options).
 * @param point K and r_X (Hz).
 * @param options seeds (usable runs, default 20), nPerK (default 10), duration (s, as a function of K).
 * @returns the options of asynchronousRates for the point.
 * @throws ParameterError for a point without an integer K in [1, 1e9] and a finite rX > 0, seeds
 *   or nPerK not an integer in [1, 1000], or duration not a function.
 */
export function theoryPointRuns(
  point: TheoryPoint,
  options: Pick<TheoryTableOptions, "seeds" | "nPerK" | "duration"> = {},
): AsynchronousRatesOptions {
  const where = "theoryPointRuns";
  if (point === null || typeof point !== "object") invalid(where, "point", point, "an object { K, rX }");
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object { seeds?, nPerK?, duration? }");
  const { seeds = 20, nPerK = 10, duration = defaultDuration } = options;
  const { K, rX } = point;
  checkNumber(where, "K", K, { integer: true, min: 1, max: 1e9 });
  checkNumber(where, "rX", rX, { min: 0, minInclusive: false, unit: "Hz" });
  checkNumber(where, "seeds", seeds, { integer: true, min: 1, max: 1000 });
  checkNumber(where, "nPerK", nPerK, { integer: true, min: 1, max: 1000 });
  if (typeof duration !== "function") invalid(where, "duration", duration, "a function K => duration (s)");
  return {
    params: { K, N: nPerK * K, rX, duration: duration(K) },
    seeds: Array.from({ length: CANDIDATES_PER_SEED * seeds }, (_, s) => s + 1),
    usableWanted: seeds,
  };
}

/** The default points: K = 100 at r_X = 5..20 Hz, then the K sweep at r_X = 10 Hz. */
export const defaultTheoryPoints: readonly TheoryPoint[] = Object.freeze([
  ...[5, 10, 15, 20].map((rX) => ({ K: 100, rX })),
  ...[25, 50, 200, 400, 1000].map((K) => ({ K, rX: 10 })),
]);

/**
 * The comparison table of finite-K theories against simulation (module header): for each point,
 * `seeds` usable simulations ({@link asynchronousRates}, N = nPerK K, initial V uniform,
 * asynchronous window only; runs locked in the synchronous state are replaced by further seeds), the balanced limit ({@link balancedRates}), the diffusion mean field
 * ({@link solveMeanField}), the exact discrete transfer, the self-consistent renewal theory
 * ({@link solveRenewalMeanField}, whose first step is the discrete one) and the self-consistent
 * spectral theory ({@link solveModulatedMeanField}), computed verdicts and the decomposition of
 * the deviation. Cost: the simulations (proportional to N K duration seeds) plus, per point, a few
 * hundred linear solves of the chains (CPU at the default grid: 0.3-1 s for the Poisson and renewal
 * theories, 0.3-1.3 s for the spectral one, 0.3-0.9 s more for the one with the cross-covariance,
 * started from the spectral one's solution; about 4 s, 7 s and 5 s over the default points);
 * `subdivisions: 4` makes them several times cheaper, but
 * at K = 100 its transfer is 0.6 % (E) and 2.2 % (I) off the converged grid (see
 * DEFAULT_GRID_SPACING).
 *
 * The theories of all points and their simulations go to the run pool as one queue (a point's
 * theories do not depend on its simulations): first the theories of every point (one job each,
 * a few seconds), then the points' simulations by decreasing cost (N K duration, the largest
 * first, ties in the order given), each point's runs in seed order, the next point's runs
 * starting while a point finishes, so both cores stay busy up to the end (the last jobs are the
 * smallest runs, no theory is left as a tail). The runs kept and the results are those of one
 * point and one run after another, bit for bit; the rows are in the order of `points`, and the
 * progress calls count half a point per theory done, then half a point per point's simulations.
 * @param options points, seeds, nPerK, duration (s, per K), subdivisions, onProgress.
 * @returns one {@link TheoryRow} per point, in order.
 * @throws ParameterError for invalid points or options.
 */
export function theoryTable(options: TheoryTableOptions = {}): TheoryRow[] {
  const where = "theoryTable";
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const { points = defaultTheoryPoints, seeds = 20, nPerK = 10, subdivisions, onProgress } = options;
  if (!Array.isArray(points) || points.length === 0) invalid(where, "points", points, "a non-empty array of { K, rX }");
  checkNumber(where, "seeds", seeds, { integer: true, min: 2 });
  checkNumber(where, "nPerK", nPerK, { integer: true, min: 1 });
  const setups = points.map((pt, q) => {
    const K = checkNumber(where, `points[${q}].K`, pt.K, { integer: true, min: 1 });
    const rX = checkNumber(where, `points[${q}].rX`, pt.rX, { min: 0, minInclusive: false, unit: "Hz" });
    return { K, rX, N: nPerK * K, duration: (options.duration ?? defaultDuration)(K) };
  });
  // the largest simulations first: the small runs of the other points fill the cores while its last runs finish
  const order = setups.map((_, q) => q).sort((a, b) => cost(setups[b]) - cost(setups[a]) || a - b);
  const half = points.length / 2;
  const sims = order.map((q, done) => ({
    q, ...setups[q],
    runs: asynchronousRuns({
      ...theoryPointRuns(setups[q], { seeds, nPerK, duration: options.duration }),
      onProgress: onProgress ? (d, t) => onProgress(half + (done + d / t) / 2, points.length) : undefined,
    }),
  }));
  const theories: PointTheories[] = new Array(points.length);
  // the theories first (a few seconds each, and they do not depend on the simulations): the
  // simulations' many short runs then fill both cores up to the end, with no theory left as a tail
  const theoryGroups = sims.map((pt, done) => ({
    task: theoriesTask, count: 1,
    args: () => ({ K: pt.K, rX: pt.rX, N: pt.N, subdivisions }),
    consume: (value: PointTheories) => {
      theories[pt.q] = value;
      onProgress?.((done + 1) / 2, points.length);
      return true;
    },
  }));
  const largest = sims.reduce((a, b) => (b.runs.params.N * b.runs.params.K > a.runs.params.N * a.runs.params.K ? b : a));
  runGroups(where, largest.runs.params, [...theoryGroups, ...sims.map((pt) => pt.runs.group)]);
  const rows: TheoryRow[] = new Array(points.length);
  for (const pt of sims) rows[pt.q] = theoryRow(pt, pt.runs.result(), theories[pt.q]);
  return rows;
}

/** Cost of a point's simulations, N K duration (synapses x seconds). */
const cost = (pt: { N: number; K: number; duration: number }): number => pt.N * pt.K * pt.duration;

/** The theories of one point: balanced limit, diffusion mean field, exact discrete transfer (Poisson inputs), the renewal and the spectral theory. */
type PointTheories = Pick<TheoryRow, "balanced" | "diffusion" | "discrete" | "renewal" | "spectra" | "correlated">;

/** The theories of one point (see {@link theoryTable}). */
function pointTheories({ K, rX, N, subdivisions }: { K: number; rX: number; N: number; subdivisions: number | undefined }): PointTheories {
  const balanced = balancedRates({ rX });
  const mf = solveMeanField({ K, rX });
  const ren = solveRenewalMeanField({ K, rX }, { subdivisions });
  const spec = solveModulatedMeanField({ K, rX }, { subdivisions, poisson: ren.poisson });
  const cor = solveCorrelatedMeanField({ K, rX }, N, { subdivisions, poisson: ren.poisson, spectra: spec });
  return {
    balanced, diffusion: { rE: mf.rE, rI: mf.rI }, discrete: { rE: ren.poisson.rE, rI: ren.poisson.rI },
    renewal: { rE: ren.rE, rI: ren.rI, fano: ren.fano, jacobian: ren.solution.jacobian },
    spectra: { rE: spec.rE, rI: spec.rI, fano: spec.fano, modulation: spec.modulation },
    correlated: { rE: cor.rE, rI: cor.rI, variance: cor.cross.variance, left: cor.left, inputs: cor.inputs },
  };
}

const theoriesTask = poolTask("theoryTable", pointTheories);

/** The row of one point from its simulated rates and its theories: the verdicts and the decomposition. */
function theoryRow(pt: { K: number; rX: number; N: number }, sim: AsynchronousRates, theories: PointTheories): TheoryRow {
  const { K, rX, N } = pt;
  const row = { K, rX, N, sim, ...theories };
  const { balanced } = row;
  const simPair: [number, number] = [sim.E.mean, sim.I.mean];
  return {
    ...row,
    verdicts: {
      balanced: verdict(balanced, row), diffusion: verdict(row.diffusion, row), discrete: verdict(row.discrete, row),
      renewal: verdict(row.renewal, row), spectra: verdict(row.spectra, row), correlated: verdict(row.correlated, row),
    },
    parts: {
      total: diff(simPair, pair(balanced)),
      meanField: diff(pair(row.diffusion), pair(balanced)),
      diffusionError: diff(pair(row.discrete), pair(row.diffusion)),
      trainStructure: diff(pair(row.spectra), pair(row.discrete)),
      crossCorrelations: diff(pair(row.correlated), pair(row.spectra)),
      remainder: diff(simPair, pair(row.correlated)),
    },
  };
}
