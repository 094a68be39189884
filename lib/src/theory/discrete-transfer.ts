/**
 * The exact transfer of the model's discrete LIF neuron: its firing rate for given input groups,
 * from the Markov chain of the Euler rule ({@link EulerChain}, {@link chainOccupancy}) instead of
 * the diffusion approximation (Siegert). Exact up to the grid spacing (convergence O(h), see
 * {@link eulerChainRate}) for inputs that are independent from bin to bin (Bernoulli trains, or
 * any per-bin count law given in `counts`).
 */
import { checkNumber, invalid, within } from "../core/validate";
import { chainOccupancy, ChainOccupancyError } from "./chain-occupancy";
import { EulerChain } from "./euler-chain";
import { FirstPassage, firstPassage, FirstPassageOptions } from "./first-passage";
import { combineJumps, groupJumps, LatticeDistribution } from "./input-jumps";
import { InputGroup, membraneMoments } from "./membrane-moments";
import { renewalFano } from "./renewal-statistics";

/** Options of {@link eulerChainRate}. */
export interface EulerChainRateOptions extends FirstPassageOptions {
  /** Membrane time constant tau (s), default 0.02. */
  tau?: number;
  /** Bin width dt (s), default 1e-4. */
  dt?: number;
  /** Threshold V_th, default 1. */
  vTh?: number;
  /** Grid points per lattice unit u of the weights (integer >= 1); default round(u / {@link DEFAULT_GRID_SPACING}), at least 1. */
  subdivisions?: number;
  /** Lowest grid value (units of V); default min(-V_th, mu - 5.5 sigma) with the free membrane's discrete mean and SD. */
  vMin?: number;
  /** Per-bin count distribution of each group (see {@link jumpDistribution}); default binomial. */
  counts?: Float64Array[];
  /** Richardson extrapolation in the grid spacing: 2 r(2m) - r(m) (default false). */
  extrapolate?: boolean;
  /**
   * A result of this function for nearby input on the same grid (e.g. the last evaluation of a
   * Newton iteration): its occupancy starts the solve and its preconditioner is reused
   * ({@link chainOccupancy}), which saves time; the rate agrees with a fresh solve's to `tol`.
   * Ignored when its grid differs (another lattice unit, subdivisions or threshold).
   */
  previous?: EulerChainRate;
}

/** Result of {@link eulerChainRate}. */
export interface EulerChainRate {
  /** Stationary firing rate (Hz). */
  rate: number;
  /** Mean ISI (s); null when the neuron never fires (rate 0). */
  meanIsi: number | null;
  /**
   * isi[n] = P(ISI = n bins) (n = 0 .. bins iterated; the geometric tail is not included).
   * Computed on first access, by iterating the chain bin by bin until the survival is geometric
   * ({@link firstPassage} with this call's tol and maxBins): thousands of steps of the chain, far
   * more than the rate, the density and {@link eulerChainFano} take together.
   */
  readonly isi: Float64Array;
  /** S(n+1)/S(n) of the ISI survival at the last bin (the tail is geometric with this ratio); computed with `isi`. */
  readonly tailRatio: number;
  /** V of each grid point (units of V). */
  v: Float64Array;
  /** Stationary probability of each grid point. */
  density: Float64Array;
  /** The per-bin jump distribution used. */
  jumps: LatticeDistribution;
  /** The chain solved (the finer one with `extrapolate`); undefined for a neuron that can never fire. */
  chain?: EulerChain;
}

/** The fields of an {@link EulerChainRate} other than the lazily computed ISI distribution. */
type SolvedFields = Omit<EulerChainRate, "isi" | "tailRatio">;

/** A solved chain: the fields, and its first passage when the solve fell back on it. */
type SolvedChain = { fields: SolvedFields & { chain: EulerChain }; passage?: FirstPassage };

/** The result with `isi` and `tailRatio` computed on first access, from the chain's first passage. */
function withLazyIsi({ fields, passage }: SolvedChain, fp: FirstPassageOptions): EulerChainRate {
  const first = () => (passage ??= firstPassage(fields.chain, fp));
  return Object.defineProperties({ ...fields } as EulerChainRate, {
    isi: { get: () => first().isi, enumerable: true },
    tailRatio: { get: () => first().tailRatio, enumerable: true },
  });
}

/**
 * The default lowest grid value of a chain: min(-V_th, mu - 5.5 sigma), mu and sigma the discrete
 * mean and SD of the free membrane potential for the input groups.
 * @param groups inputs { count, weight (units of V), rate (Hz) }.
 * @param tau membrane time constant (s).
 * @param dt bin width (s).
 * @param vTh threshold.
 * @returns vMin (units of V).
 */
export function defaultVMin(groups: InputGroup[], tau: number, dt: number, vTh: number): number {
  const { discrete } = membraneMoments({ groups, tau, dt });
  return Math.min(-vTh, discrete.mean - 5.5 * discrete.sd);
}

/** The mean ISI (bins) of each chain solved by {@link eulerChainRate}, for {@link eulerChainFano}. */
const meanBinsOf = new WeakMap<EulerChain, number>();

function chainRate(parts: LatticeDistribution[], o: Required<Pick<EulerChainRateOptions, "tau" | "dt" | "vTh" | "subdivisions" | "vMin">>, fp: FirstPassageOptions, previous?: EulerChainRate): SolvedChain {
  const chain = new EulerChain(parts, o);
  const { meanBins, density, passage } = stationary(chain, fp, previous);
  const v = Float64Array.from({ length: chain.n }, (_, i) => (i - chain.i0) * chain.h);
  const meanIsi = meanBins === null ? null : meanBins * o.dt;
  if (meanBins !== null) meanBinsOf.set(chain, meanBins);
  return { fields: { rate: meanIsi === null ? 0 : 1 / meanIsi, meanIsi, v, density, jumps: combineJumps(parts), chain }, passage };
}

/**
 * The mean ISI (bins) and the stationary density: one linear solve ({@link chainOccupancy}), or,
 * for a chain that (almost) never fires, where it cannot solve, the bin-by-bin iteration
 * ({@link firstPassage}: null when the survival stops decaying), returned too.
 */
function stationary(chain: EulerChain, fp: FirstPassageOptions, previous?: EulerChainRate): { meanBins: number | null; density: Float64Array; passage?: FirstPassage } {
  try {
    const { occupancy, total } = chainOccupancy(chain, { tol: fp.tol, previous: previous?.chain });
    return { meanBins: total, density: occupancy.map((x) => x / total) };
  } catch (e) {
    if (!(e instanceof ChainOccupancyError)) throw e;
    const passage = firstPassage(chain, fp);
    return { meanBins: passage.meanBins, density: passage.density, passage };
  }
}

/**
 * Grid spacing the default number of subdivisions aims at (units of V): 16 per lattice unit at
 * K = 100. The transfer of a network neuron converges in an oscillating way as the grid is
 * refined: at K = 100, r = (29.6, 20.3, 10) Hz the E and I rates are 29.03 and 19.51 Hz with 4
 * points per unit, 29.23 and 19.83 with 8, 29.18 and 19.97 with 16, 29.19 and 19.95 with 64.
 * So 16 points per unit are within 0.15 % of the finest grid there, where 4 were 0.6 % and 2.2 % off.
 */
export const DEFAULT_GRID_SPACING = 0.003125;

/** Index of the last positive entry (-Infinity if none). */
function lastPositive(pmf: Float64Array): number {
  for (let k = pmf.length - 1; k >= 0; k--) if (pmf[k] > 0) return k;
  return -Infinity;
}

/** The result for a neuron that can never reach threshold: rate 0 (v and density hold only V = 0). */
function silent(jumps: LatticeDistribution): EulerChainRate {
  return { rate: 0, meanIsi: null, isi: new Float64Array(1), tailRatio: 1, v: new Float64Array(1), density: Float64Array.of(1), jumps };
}

/**
 * The stationary firing rate of the model's discrete LIF neuron (V -> (1 - dt/tau) V + jump,
 * spike when V > V_th, reset to 0) driven by independent groups of inputs, each input spiking in
 * each bin independently with probability rate dt (or with the per-bin counts given), computed
 * exactly from the Markov chain of the Euler rule on a grid of spacing h = u / m (u the lattice
 * unit of the weights, m = `subdivisions`): rate = 1 / (dt sum_n S(n)), S the ISI survival, with
 * sum_n S(n) and the stationary density from one linear solve ({@link chainOccupancy}).
 *
 * Accuracy: the only approximation is the grid (the leak's three-point split of each grid
 * point's mass, see {@link EulerChain}); the rate converges like O(h). `extrapolate` returns
 * 2 r(h/2) - r(h) (Richardson), which removes the O(h) term.
 *
 * @example
 * // tutorial task 4.4: K = 100 inputs of weight w/K at 10 Hz; w = 4.272 gives about 10 Hz
 * eulerChainRate(excitatoryInputs({ K: 100, w: 4.272 })).rate;
 * @param groups inputs { count, weight (units of V, on a common lattice), rate (Hz) }.
 * @param options tau, dt (s), vTh, subdivisions, vMin, counts, extrapolate, tol (relative
 *   accuracy of the mean ISI, default 1e-10), maxBins (only for the ISI distribution, `isi`),
 *   previous.
 * A neuron whose largest possible jump J_max satisfies J_max tau / dt <= V_th never fires (V stays
 * below J_max / (1 - a)): rate 0 exactly, with all its mass at V = 0 when it gets no input. A
 * neuron that fires so rarely that the linear solve fails gets its rate from the bin-by-bin
 * iteration ({@link firstPassage}), which returns 0 when the survival stops decaying.
 * @returns the rate (Hz), mean ISI (s), ISI distribution, stationary density of V and the jumps.
 * @throws ParameterError for invalid groups or options (see {@link jumpDistribution},
 *   {@link EulerChain}, {@link chainOccupancy}, {@link firstPassage}); Error when the solve does
 *   not converge (see {@link chainOccupancy}).
 */
export function eulerChainRate(groups: InputGroup[], options: EulerChainRateOptions = {}): EulerChainRate {
  return within("eulerChainRate", "groups and options", () => {
    const { tau, dt, vTh, extrapolate, fp, previous } = parseChainRateOptions(options);
    const parts = groupJumps(groups, { dt, counts: options.counts });
    const jumps = combineJumps(parts);
    // V never exceeds (largest jump) / (1 - a) = (largest jump) tau / dt: then it never fires
    const top = (jumps.offset + lastPositive(jumps.pmf)) * jumps.unit;
    if ((top * tau) / dt <= vTh) return silent(jumps);
    const vMin = options.vMin ?? defaultVMin(groups, tau, dt, vTh);
    const subdivisions = options.subdivisions ?? Math.max(1, Math.round(jumps.unit / DEFAULT_GRID_SPACING));
    const o = { tau, dt, vTh, subdivisions, vMin };
    if (!extrapolate) return withLazyIsi(chainRate(parts, o, fp, previous), fp);
    const coarse = chainRate(parts, o, fp, previous).fields;
    const fine = chainRate(parts, { ...o, subdivisions: 2 * subdivisions }, fp, previous);
    const rate = Math.max(0, 2 * fine.fields.rate - coarse.rate);
    return withLazyIsi({ ...fine, fields: { ...fine.fields, rate, meanIsi: rate > 0 ? 1 / rate : null } }, fp);
  });
}

/** Validates {@link eulerChainRate}'s options (the grid's are checked by {@link EulerChain}); returns them with defaults. */
function parseChainRateOptions(options: EulerChainRateOptions) {
  const where = "eulerChainRate";
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const { tau = 0.02, dt = 1e-4, vTh = 1, extrapolate = false, previous } = options;
  checkNumber(where, "tau", tau, { min: 0, minInclusive: false, unit: "s" });
  checkNumber(where, "dt", dt, { min: 0, minInclusive: false, max: tau, maxInclusive: false, unit: "s (< tau)" });
  checkNumber(where, "vTh", vTh, { min: 0, minInclusive: false });
  const fp = {
    tol: checkNumber(where, "tol", options.tol ?? 1e-10, { min: 0, minInclusive: false, max: 1, maxInclusive: false }),
    maxBins: checkNumber(where, "maxBins", options.maxBins ?? 1e6, { integer: true, min: 1 }),
  };
  if (previous !== undefined && (previous === null || typeof previous !== "object" || !(previous.density instanceof Float64Array))) {
    invalid(where, "previous", previous, "a result of eulerChainRate");
  }
  return { tau, dt, vTh, extrapolate, fp, previous };
}

/** Options of {@link eulerChainFano}. */
export interface EulerChainFanoOptions {
  /** Relative accuracy of the solve (default 1e-10). */
  tol?: number;
  /** A result for nearby input whose Fano factor was computed with the same decay: its solve starts this one (see {@link chainOccupancy}). */
  previous?: EulerChainRate;
}

/**
 * The effective Fano factor of the spike train of the neuron of an {@link eulerChainRate} result
 * (a renewal train with the chain's ISI distribution) seen through a leaky membrane of decay a,
 * from the ISI generating function F(a) = 1 - (1 - a) 1^T (I - a A)^{-1} e (one more linear solve,
 * {@link chainOccupancy}) and the chain's mean ISI ({@link renewalFano}); the same number as
 * {@link effectiveFano} of the result's ISI distribution, without iterating the chain for it.
 * @param transfer a result of {@link eulerChainRate} (with `extrapolate`: the finer chain's
 *   Fano factor, as for its `isi`).
 * @param decay a in (0, 1): 1 - dt/tau of the membrane that sums the train.
 * @param options tol, previous.
 * @returns F (dimensionless); 1 for a neuron that never fires.
 * @throws ParameterError for a transfer that is not a result of eulerChainRate, decay outside (0, 1) or tol outside (0, 1).
 */
export function eulerChainFano(transfer: EulerChainRate, decay: number, options: EulerChainFanoOptions = {}): number {
  const where = "eulerChainFano";
  checkNumber(where, "decay", decay, { min: 0, minInclusive: false, max: 1, maxInclusive: false });
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const ok = transfer !== null && typeof transfer === "object" && typeof transfer.rate === "number" && (transfer.chain === undefined || transfer.chain instanceof EulerChain);
  if (!ok) invalid(where, "transfer", transfer, "a result of eulerChainRate");
  const { tol = 1e-10, previous } = options;
  if (transfer.chain === undefined || !(transfer.rate > 0)) return 1;
  const chain = transfer.chain;
  const meanBins = meanBinsOf.get(chain) ?? chainOccupancy(chain, { tol }).total;
  const { total } = chainOccupancy(chain, { z: decay, tol, previous: previous?.chain });
  // G >= 0 exactly; the solve's rounding can leave it at -1e-16
  return renewalFano(meanBins, Math.max(0, 1 - (1 - decay) * total), decay);
}
