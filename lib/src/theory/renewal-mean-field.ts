/**
 * Self-consistent rates and input statistics of the E/I/X network: each recurrent input train is
 * treated as a renewal process with the inter-spike-interval distribution of the network's own
 * neurons, which the exact discrete transfer yields (the first-passage distribution of its chain
 * from the reset). The trains' excess variance at the membrane's time scale (effective Fano
 * factor F_b, {@link effectiveFano}, computed from the chain's ISI generating function by
 * {@link eulerChainFano}) is fed back into the chain as overdispersed per-bin counts
 * with the same mean and the same free-membrane variance ({@link overdispersedCounts}), and rates
 * and Fano factors are iterated to a joint fixed point:
 *
 *     r_a = phi_a(r_E, r_I; F_E, F_I),   F_b = F[ISI distribution of the chain of b at (r; F)].
 *
 * X trains are Bernoulli (F_X = 1). The approach follows the self-consistent determination of
 * the input statistics from the output statistics (Lerchner et al. 2006; Dummer, Wieland & Lindner
 * 2014), with the discrete transfer in place of the diffusion theory and a white-noise equivalent
 * of the trains' excess power in place of the full spectrum.
 */
import { binomialCounts, latticeUnit } from "./input-jumps";
import { DEFAULT_GRID_SPACING, eulerChainFano, eulerChainRate } from "./discrete-transfer";
import { checkNumber, invalid, within } from "../core/validate";
import { checkRatePair, DiscreteMeanFieldParams, DiscreteMeanFieldSolution, populationInputs, resolveDiscreteParams, ResolvedDiscreteParams, solveDiscreteMeanField } from "./discrete-mean-field";
import { overdispersedCounts } from "./overdispersed-counts";

/** Options of {@link solveRenewalMeanField}. */
export interface RenewalMeanFieldOptions {
  /** Grid points per lattice unit of the chains (default: spacing about 0.003, see eulerChainRate). */
  subdivisions?: number;
  /** Stop when both Fano factors change by less than this between iterations (default 1e-3). */
  fanoTol?: number;
  /** Largest number of outer iterations (default 20). */
  maxIterations?: number;
}

/** Result of {@link solveRenewalMeanField}. */
export interface RenewalMeanFieldSolution {
  /** Self-consistent excitatory rate (Hz). */
  rE: number;
  /** Self-consistent inhibitory rate (Hz). */
  rI: number;
  /** Effective Fano factors [F_E, F_I] of the E and I trains at the fixed point. */
  fano: [number, number];
  /** The solution with Bernoulli (Poisson) inputs, the first step of the iteration. */
  poisson: DiscreteMeanFieldSolution;
  /** The discrete mean field at the fixed point (its chains carry the ISI distributions). */
  solution: DiscreteMeanFieldSolution;
  /** Outer iterations done (on both grids when the solve started on a coarser one). */
  iterations: number;
}

/**
 * Solves the network's rates with self-consistent renewal input statistics (module header).
 * Cost: a few discrete mean-field solutions ({@link solveDiscreteMeanField}).
 * @param params J, JX, K (integer), rX (Hz), tau, dt (s), vTh; the model's defaults.
 * @param options subdivisions, fanoTol, maxIterations.
 * @returns the rates (Hz), Fano factors, the Poisson-input solution and the final one.
 * @throws ParameterError for bad parameters; Error when the iteration does not converge.
 */
export function solveRenewalMeanField(params: DiscreteMeanFieldParams = {}, options: RenewalMeanFieldOptions = {}): RenewalMeanFieldSolution {
  return within("solveRenewalMeanField", "params and options", () => {
    const where = "solveRenewalMeanField";
    const p = resolveDiscreteParams(where, params);
    if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
    const { subdivisions, fanoTol = 1e-3, maxIterations = 20 } = options;
    checkNumber(where, "fanoTol", fanoTol, { min: 0, minInclusive: false });
    checkNumber(where, "maxIterations", maxIterations, { integer: true, min: 1 });
    const m = subdivisions ?? Math.max(1, Math.round(latticeUnit(populationInputs(p, 0, 1, 1).map((g) => g.weight)) / DEFAULT_GRID_SPACING));
    // Warm start on a grid COARSENING times coarser (a few times cheaper): rates, Jacobian and Fano
    // factors converge there, and the fine grid then needs a few steps (same fixed point, finer transfer).
    const coarse = m >= 2 * COARSENING ? renewalIterations(p, params, Math.round(m / COARSENING), fanoTol, maxIterations) : undefined;
    const fine = renewalIterations(p, params, m, fanoTol, maxIterations, coarse);
    return { ...fine, iterations: fine.iterations + (coarse?.iterations ?? 0) };
  });
}

/** How much coarser the warm-start grid of {@link solveRenewalMeanField} is. */
const COARSENING = 4;

/** Relative accuracy of each Fano factor's solve: that of the chains' mean ISI in {@link solveDiscreteMeanField}. */
const FANO_TOL = 1e-8;

/**
 * The iteration of {@link solveRenewalMeanField} on one grid (m points per lattice unit), started
 * from a solution on another grid (its Poisson and renewal rates, Jacobians and Fano factors) when given.
 */
function renewalIterations(p: ResolvedDiscreteParams, params: DiscreteMeanFieldParams, m: number, fanoTol: number, maxIterations: number, start?: RenewalMeanFieldSolution): RenewalMeanFieldSolution {
  const decay = 1 - p.dt / p.tau;
  // each Fano factor's solve starts from the last one (see eulerChainFano's `previous`)
  let fanoFrom: DiscreteMeanFieldSolution | undefined;
  const fanoOf = (s: DiscreteMeanFieldSolution): [number, number] => {
    const F = [0, 1].map((a) => eulerChainFano(s.transfer[a], decay, { tol: FANO_TOL, previous: fanoFrom?.transfer[a] }));
    fanoFrom = s;
    return [F[0], F[1]];
  };
  const from = (s: DiscreteMeanFieldSolution | undefined) => (s ? { initial: [s.rE, s.rI] as const, jacobian: s.jacobian, previous: s.transfer } : {});
  const poisson = solveDiscreteMeanField(params, { subdivisions: m, ...from(start?.poisson) });
  let solution = start?.solution ?? poisson;
  let fano = start?.fano ?? fanoOf(poisson);
  for (let it = 1; it <= maxIterations; it++) {
    const F = fano;
    solution = solveDiscreteMeanField(params, {
      subdivisions: m,
      ...from(solution),
      counts: (_a, rE, rI) => [
        overdispersedCounts(p.K, rE * p.dt, Math.min(F[0], p.K)),
        overdispersedCounts(p.K, rI * p.dt, Math.min(F[1], p.K)),
        binomialCounts(p.K, p.rX * p.dt),
      ],
    });
    fano = fanoOf(solution);
    if (Math.abs(fano[0] - F[0]) < fanoTol && Math.abs(fano[1] - F[1]) < fanoTol) {
      return { rE: solution.rE, rI: solution.rI, fano, poisson, solution, iterations: it };
    }
  }
  throw new Error(`solveRenewalMeanField: the Fano factors did not converge within ${maxIterations} iterations (last F = [${fano.join(", ")}])`);
}

/** Result of {@link renewalTransfer}. */
export interface RenewalTransfer {
  /** Output rates [phi_E, phi_I] (Hz) of an E and an I neuron. */
  rates: [number, number];
  /** The effective Fano factors [F_E, F_I] of the input trains, self-consistent with the outputs at these rates. */
  fano: [number, number];
}

/**
 * The open-loop transfer of the renewal theory (module header): the rates of an E and an I neuron
 * whose E and I inputs fire at the given rates, with per-bin counts overdispersed by the effective
 * Fano factors of the outputs' own ISI distributions, iterated at fixed input rates. For comparison
 * with neurons driven by recorded trains at the same rates.
 * @param params J, JX, K (integer), rX (Hz), tau, dt (s), vTh.
 * @param rates input rates [r_E, r_I] (Hz, > 0).
 * @param options subdivisions, fanoTol, maxIterations.
 * @returns the output rates and the Fano factors.
 * @throws ParameterError for bad parameters; Error when the Fano factors do not converge.
 */
export function renewalTransfer(params: DiscreteMeanFieldParams, rates: readonly [number, number], options: RenewalMeanFieldOptions = {}): RenewalTransfer {
  const where = "renewalTransfer";
  return within(where, "params, rates and options", () => {
    const p = resolveDiscreteParams(where, params);
    const [rE, rI] = checkRatePair(where, rates);
    const { subdivisions, fanoTol = 1e-4, maxIterations = 30 } = options;
    const decay = 1 - p.dt / p.tau;
    let F: [number, number] = [1, 1];
    for (let it = 1; it <= maxIterations; it++) {
      const counts = [overdispersedCounts(p.K, rE * p.dt, Math.min(F[0], p.K)), overdispersedCounts(p.K, rI * p.dt, Math.min(F[1], p.K)), binomialCounts(p.K, p.rX * p.dt)];
      const out = ([0, 1] as const).map((a) => eulerChainRate(populationInputs(p, a, rE, rI), { tau: p.tau, dt: p.dt, vTh: p.vTh, subdivisions, counts }));
      const next = out.map((t) => eulerChainFano(t, decay, { tol: FANO_TOL }));
      const settled = Math.abs(next[0] - F[0]) < fanoTol && Math.abs(next[1] - F[1]) < fanoTol;
      F = [next[0], next[1]];
      if (settled) return { rates: [out[0].rate, out[1].rate], fano: F };
    }
    throw new Error(`${where}: the Fano factors did not converge within ${maxIterations} iterations (last F = [${F.join(", ")}])`);
  });
}
