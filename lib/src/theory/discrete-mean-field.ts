/**
 * Self-consistent rates of the E/I/X network with the exact transfer of the discrete neuron
 * ({@link eulerChainRate}) in place of the diffusion approximation (Siegert, {@link solveMeanField}).
 *
 * A neuron of population a receives K partners from each of E, I and X with weights J_ab / sqrt(K),
 * and the theory treats each partner as spiking in each bin independently with probability
 * r_b dt (or with the per-bin count law of `counts`). The rates solve
 *
 *     r_E = phi_E(r_E, r_I),   r_I = phi_I(r_E, r_I),
 *
 * phi_a the rate of the Markov chain of the Euler rule for that input, found by {@link newton2d}
 * from the diffusion mean field's solution.
 */
import { newton2d, Newton2dError, Vec2 } from "../math/newton-2d";
import { checkNumber, invalid, ParameterError, within } from "../core/validate";
import { runControl, type RunControlOptions } from "../core/run-control";
import { eulerChainRate, EulerChainRate } from "./discrete-transfer";
import { InputGroup } from "./membrane-moments";
import { MeanFieldParams, resolveMeanFieldParams, ResolvedMeanFieldParams, solveMeanField } from "./mean-field";

/** Parameters of the discrete theory: those of the mean field plus the bin width. */
export interface DiscreteMeanFieldParams extends MeanFieldParams {
  /** Bin width dt (s), default 1e-4. */
  dt?: number;
}

/** Mean-field parameters with dt, validated (K a positive integer). */
export type ResolvedDiscreteParams = ResolvedMeanFieldParams & { dt: number };

/**
 * Validates and completes discrete mean-field parameters (K must be an integer: it counts partners).
 * @throws ParameterError as {@link resolveMeanFieldParams}, or for K not an integer, dt <= 0 or dt >= tau.
 */
export function resolveDiscreteParams(where: string, params: DiscreteMeanFieldParams): ResolvedDiscreteParams {
  const p = resolveMeanFieldParams(where, params);
  checkNumber(where, "K", p.K, { integer: true, min: 1 });
  const dt = checkNumber(where, "dt", params.dt ?? 1e-4, { min: 0, minInclusive: false, max: p.tau, maxInclusive: false, unit: "s (< tau)" });
  return { ...p, dt };
}

/**
 * The input groups of a neuron of population a (0 = E, 1 = I): K partners in each of E, I, X with
 * weights J_ab / sqrt(K) at rates r_E, r_I, r_X.
 * @param p resolved parameters.
 * @param a population, 0 (E) or 1 (I).
 * @param rE excitatory rate (Hz).
 * @param rI inhibitory rate (Hz).
 * @returns three {@link InputGroup}s, in the order E, I, X.
 */
export function populationInputs(p: ResolvedDiscreteParams, a: 0 | 1, rE: number, rI: number): InputGroup[] {
  const s = Math.sqrt(p.K);
  return [
    { count: p.K, weight: p.J[a][0] / s, rate: rE },
    { count: p.K, weight: p.J[a][1] / s, rate: rI },
    { count: p.K, weight: p.JX[a] / s, rate: p.rX },
  ];
}

/**
 * Relative accuracy of each chain's mean ISI in {@link solveDiscreteMeanField}: far below Newton's
 * tolerance. Newton's forward differences (relative step 1e-5) divide the chains' errors by the
 * step, and those errors differ from one solve to the next (each starts from the last one and
 * stops somewhere within the tolerance), so a looser 1e-9 already moves the difference Jacobian
 * by 1e-4 and can change Newton's path (the rates then move within Newton's own tolerance, by up
 * to 3e-8 at K = 400).
 */
const FIRST_PASSAGE_TOL = 1e-10;

/** Options of {@link solveDiscreteMeanField}. */
export interface DiscreteMeanFieldOptions extends RunControlOptions {
  /** Grid points per lattice unit of the chain (default: spacing about 0.003, see eulerChainRate). */
  subdivisions?: number;
  /** Per-bin count law of the E, I and X inputs of population a at rates (r_E, r_I); default binomial. */
  counts?: (a: 0 | 1, rE: number, rI: number) => Float64Array[] | undefined;
  /** Starting rates [r_E, r_I] (Hz); default the diffusion mean field's solution. */
  initial?: readonly [number, number];
  /** Relative tolerance on the rates (default 1e-7). */
  tol?: number;
  /** Jacobian of r -> phi(r) - r from a nearby solve (see {@link newton2d}); default by differences. */
  jacobian?: readonly (readonly number[])[];
  /** The chains [E, I] of a nearby solve (its `transfer`): the first evaluations start from them (see `previous` of {@link eulerChainRate}). */
  previous?: readonly [EulerChainRate, EulerChainRate];
}

/** Result of {@link solveDiscreteMeanField}. */
export interface DiscreteMeanFieldSolution {
  /** Self-consistent excitatory rate (Hz). */
  rE: number;
  /** Self-consistent inhibitory rate (Hz). */
  rI: number;
  /** The chain of an E neuron and of an I neuron at the solution (ISI distributions, densities). */
  transfer: [EulerChainRate, EulerChainRate];
  /** Newton steps. */
  iterations: number;
  /** Evaluations of the pair of transfers. */
  evaluations: number;
  /**
   * Jacobian of r -> phi(r) - r at the solution (1/Hz x Hz: dimensionless), for a nearby solve or
   * a linear response (`closedLoopShift`): Newton's last estimate (forward differences near the
   * solution, Broyden-updated), not a fresh difference at the solution.
   */
  jacobian: number[][];
}

/**
 * Solves the network's rates with the exact discrete transfer (module header).
 * Cost: about 10-20 evaluations of two chains ({@link eulerChainRate}), seconds each at large K:
 * `onProgress(done, total)` is called after each evaluation (total: the most Newton can make,
 * {@link MAX_EVALUATIONS}) and an aborted `signal` stops the solve at the next one.
 * @param params J, JX, K (integer), rX (Hz), tau, dt (s), vTh; the model's defaults.
 * @param options subdivisions, counts, initial (Hz), tol, jacobian, previous, onProgress, signal.
 * @returns the rates (Hz), the two chains at the solution, steps and evaluations.
 * @throws ParameterError for bad parameters (an inner function's message follows this one's name)
 *   or when Newton's method does not converge (with where it stopped); CancelledError when the
 *   signal is aborted.
 */
export function solveDiscreteMeanField(params: DiscreteMeanFieldParams = {}, options: DiscreteMeanFieldOptions = {}): DiscreteMeanFieldSolution {
  const where = "solveDiscreteMeanField";
  return within(where, "params and options", () => solveDiscrete(where, params, options));
}

/** The most evaluations of the pair of chains a solve makes: 50 Newton steps (newton2d's default) of up to 4 (a step, its line search, a difference Jacobian every 4 steps). */
export const MAX_EVALUATIONS = 200;

/** Newton's method on F from x0 (see newton2d); a solve that does not converge is refused, with where it stopped. */
function solveFrom(where: string, F: (r: Vec2) => Vec2, x0: Vec2, o: { tol: number; jacobian?: readonly (readonly number[])[] }) {
  try {
    return newton2d(F, x0, { tol: o.tol, step: 1e-5, jacobianEvery: 4, jacobian: o.jacobian });
  } catch (e) {
    if (!(e instanceof Newton2dError)) throw e;
    throw new ParameterError(`${where}: no self-consistent rates found from r = [${x0.join(", ")}] Hz (${e.message}); try options.initial near a solution, or check that the parameters have one`);
  }
}

function solveDiscrete(where: string, params: DiscreteMeanFieldParams, options: DiscreteMeanFieldOptions): DiscreteMeanFieldSolution {
  const p = resolveDiscreteParams(where, params);
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const { subdivisions, tol = 1e-7 } = options;
  const control = runControl(where, options, MAX_EVALUATIONS, "evaluations of the transfer");
  let evaluated = 0;
  let last = options.previous;
  if (last !== undefined && (!Array.isArray(last) || last.length !== 2)) invalid(where, "previous", last, "the pair [E, I] of a solution's transfer");
  // each evaluation starts from the last one of its population (see eulerChainRate's `previous`)
  const transfer = (a: 0 | 1, r: Vec2) =>
    eulerChainRate(populationInputs(p, a, r[0], r[1]), { tau: p.tau, dt: p.dt, vTh: p.vTh, subdivisions, counts: options.counts?.(a, r[0], r[1]), tol: FIRST_PASSAGE_TOL, previous: last?.[a] });
  if (p.rX === 0) {
    const zero: Vec2 = [0, 0];
    return { rE: 0, rI: 0, transfer: [transfer(0, zero), transfer(1, zero)], iterations: 0, evaluations: 1, jacobian: [[-1, 0], [0, -1]] };
  }
  let x0: Vec2;
  if (options.initial !== undefined) {
    const i = options.initial;
    if (!Array.isArray(i) || i.length !== 2) invalid(where, "initial", i, "an array [r_E, r_I] (Hz)");
    x0 = [checkNumber(where, "initial[0]", i[0], { min: 0, unit: "Hz" }), checkNumber(where, "initial[1]", i[1], { min: 0, unit: "Hz" })];
  } else {
    const mf = solveMeanField({ J: p.J, JX: p.JX, K: p.K, rX: p.rX, tau: p.tau, vTh: p.vTh });
    x0 = [mf.rE, mf.rI];
  }
  const F = (r: Vec2): Vec2 => {
    const t: [EulerChainRate, EulerChainRate] = [transfer(0, r), transfer(1, r)];
    control.report(Math.min(++evaluated, MAX_EVALUATIONS));
    last = t;
    return [t[0].rate - r[0], t[1].rate - r[1]];
  };
  const sol = solveFrom(where, F, x0, { tol, jacobian: options.jacobian });
  const [rE, rI] = sol.x;
  // the last evaluation is at the solution unless the solve ended on a difference step
  const atSolution = sol.evaluations > 0 && last !== undefined && last[0].rate - rE === sol.fx[0] && last[1].rate - rI === sol.fx[1];
  const chains = atSolution && last ? last : [transfer(0, sol.x), transfer(1, sol.x)] as [EulerChainRate, EulerChainRate];
  return { rE, rI, transfer: chains, iterations: sol.iterations, evaluations: sol.evaluations, jacobian: sol.jacobian };
}

/**
 * Validates a pair of input rates [r_E, r_I] (Hz, each > 0) of an open-loop transfer.
 * @param where the calling function's name.
 * @param rates the pair.
 * @returns the pair.
 * @throws ParameterError for anything but two positive numbers.
 */
export function checkRatePair(where: string, rates: readonly number[]): [number, number] {
  if (!Array.isArray(rates) || rates.length !== 2) invalid(where, "rates", rates, "[r_E, r_I] (Hz)");
  const r = rates.map((x, b) => checkNumber(where, `rates[${b}]`, x, { min: 0, minInclusive: false, unit: "Hz" }));
  return [r[0], r[1]];
}
