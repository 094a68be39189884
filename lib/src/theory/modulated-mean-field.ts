/**
 * Self-consistent rates and input spectra of the E/I/X network with the exact discrete transfer:
 * each recurrent input train carries the autocorrelation of the network's own output trains,
 * embedded in the chain as a hidden two-state modulation of the input rates
 * ({@link ModulatedChain}), iterated with the rates to a joint fixed point.
 *
 * A neuron of population a sums K trains of each population b with weight w_ab = J_ab / sqrt(K).
 * Independent trains of rate p_b per bin with renewal density m_b(L) give the summed jump an
 * autocovariance beyond the Bernoulli one of C_a(L) = sum_b K w_ab^2 p_b (m_b(L) - p_b), L >= 1,
 * whose transform T_a(z) = sum_{L>=1} z^L C_a(L) the membrane sees at z = a_m = 1 - dt/tau (the
 * variance of the free membrane potential) and, for the shape of the low-frequency power, at
 * z = a_m^2. The hidden telegraph process (state +1 or -1, switching probability q per bin,
 * rho = 1 - 2 q) that moves the rate of each population's inputs by a factor 1 +- delta_b has
 * the autocovariance D^2 rho^L, D = sum_b w_ab K p_b delta_b; rho and D are chosen so that its
 * transform D^2 z rho / (1 - z rho) equals T_a at both z:
 *
 *     R = T_a(a_m) / T_a(a_m^2),   rho = (1 - R a_m) / (a_m^2 (1 - R)),   D^2 = T_a(a_m) (1 - a_m rho) / (a_m rho),
 *
 * D shared between E and I in proportion to their terms of T_a(a_m) (each pushing V the same
 * way). The per-bin counts stay binomial in each state (independent trains do not coincide more
 * than by chance); only their correlation across bins is added. m_b comes from the output of the
 * modulated chain of population b itself (its transform M_b(z), Markov renewal theory, intervals
 * not assumed independent), so input and output spectra agree at the fixed point:
 *
 *     r_a = phi_a(r; modulation_a),   modulation_a = fit of T_a from M_E, M_I at (r; modulation).
 *
 * Rates are updated by Newton steps with the Jacobian of the Poisson-input solution
 * ({@link solveDiscreteMeanField}), the modulation by substitution, both accelerated by Anderson's
 * method, with chain solves only as exact as the distance to the fixed point needs; the joint
 * fixed point is found on a grid 2 times coarser, then the rates on the fine grid with that
 * modulation held (option `warm` starts both from a nearby solution). X trains are Bernoulli (no modulation). The approach
 * is that of the self-consistent spike-train power spectrum (Dummer, Wieland & Lindner 2014;
 * Vellmer & Lindner 2019), with the exact discrete transfer in place of the diffusion theory and
 * the spectrum represented by its transform at the membrane's two time scales. With option
 * `network` the summed input also carries the cross-covariance of its trains
 * ({@link inputCrossCovariance}): its transform is added to T_a, changing D and not rho
 * (solveCorrelatedMeanField builds the theory table's best theory on it).
 */
import { checkNumber, invalid, within } from "../core/validate";
import { DEFAULT_GRID_SPACING, defaultVMin } from "./discrete-transfer";
import { EulerChain } from "./euler-chain";
import { groupJumps, latticeUnit } from "./input-jumps";
import { exponentialDecay } from "./exponential-fit";
import { checkRatePair, DiscreteMeanFieldParams, DiscreteMeanFieldSolution, populationInputs, resolveDiscreteParams, ResolvedDiscreteParams, solveDiscreteMeanField } from "./discrete-mean-field";
import { AndersonMixer } from "../math/anderson";
import { inputCrossCovariance, type InputCrossCovariance } from "./cross-covariance";
import { meanInterval, mixedSolve, type ModulatedChain, ModulatedPreconditioners, modulatedSolve, renewalTransform } from "./modulated-chain";

/** The hidden modulation of the inputs of one population. */
export interface InputModulation {
  /** Switching probability per bin q (rho = 1 - 2 q); 1/2 for none. */
  switchProb: number;
  /** Relative rate change delta of the E and I inputs in state +1 (the opposite in state -1). */
  delta: [number, number];
}

/** Options of {@link solveModulatedMeanField}. */
export interface ModulatedMeanFieldOptions {
  /** Grid points per lattice unit of the chains (default: spacing about 0.003, see eulerChainRate). */
  subdivisions?: number;
  /** The Poisson-input solution on the same grid, if already computed (its rates and Jacobian start the iteration). */
  poisson?: DiscreteMeanFieldSolution;
  /** Relative tolerance of the rates and of the modulation (default 1e-6). */
  tol?: number;
  /** Largest number of iterations per grid (default 40). */
  maxIterations?: number;
  /**
   * Which spectrum of the output trains the inputs carry: "intervals" (default), that of a renewal
   * train with the output's stationary interval law (serial correlations of the intervals left
   * out, as in interval-shuffled trains); "full", the output's own, intervals correlated through
   * the hidden state. The single telegraph time scale turns the output's serial correlations into
   * more slow power than the network's trains carry: at K = 100, r_X = 10 Hz and the network's
   * rates, the free membrane potential of an E neuron has a variance of 2.83 with "full" and 2.66
   * with "intervals", where test neurons on the network's shifted trains measure 2.61 +- 0.01.
   */
  spectrum?: "intervals" | "full";
  /**
   * Neurons per population N of the network: when given, the summed input also carries the
   * cross-covariance of its trains from linear response ({@link inputCrossCovariance}, with the
   * Poisson-input solution's Jacobian as the gains), iterated with the rest; default none. Only
   * for solveModulatedMeanField (modulatedTransfer refuses it: the open loop has no Jacobian).
   */
  network?: number;
  /**
   * A solution of nearby equations on the same grid (e.g. solveModulatedMeanField of the same
   * parameters without `network`) to start from: the iteration on the coarser grid starts at its
   * coarse rates with the modulation fitted to its outputs (and to their cross part, with
   * `network`), the fine grid's at its fine rates moved as the coarse ones moved. Only for
   * solveModulatedMeanField.
   */
  warm?: ModulatedMeanFieldSolution;
}

/** Result of {@link solveModulatedMeanField}. */
export interface ModulatedMeanFieldSolution {
  /** Self-consistent excitatory rate (Hz). */
  rE: number;
  /** Self-consistent inhibitory rate (Hz). */
  rI: number;
  /** The modulation of the inputs of E and of I neurons at the fixed point (of the coarser grid, see the module header). */
  modulation: [InputModulation, InputModulation];
  /**
   * The effective Fano factor of each output train at the membrane's decay a_m:
   * 1 + 2 (M(a_m) - p a_m / (1 - a_m)) / (1 - p) (see effectiveFano), [E, I].
   */
  fano: [number, number];
  /** The output trains' excess transforms E(z) = M(z) - p z / (1 - z) at z = a_m and a_m^2 (bins), [[E], [I]] (of the coarser grid). */
  excess: [[number, number], [number, number]];
  /** With option `network`: the cross part of the inputs at the fixed point ({@link inputCrossCovariance}, of the coarser grid). */
  cross?: InputCrossCovariance;
  /** The Poisson-input solution (the start). */
  poisson: DiscreteMeanFieldSolution;
  /** The rates (Hz) of the fixed point on the coarser grid (the fine grid's, without one), [E, I]. */
  coarseRates: [number, number];
  /** Iterations on the coarse and on the fine grid. */
  iterations: number;
}

/** What the output of one population's modulated chain gives: its rate and its excess transform E(z) = M(z) - p z / (1 - z) at a_m and a_m^2. */
interface OutputStatistics {
  rate: number;
  excess: [number, number];
}

/**
 * Per population: kept preconditioners and the last occupancies (by z: from each restart state, and
 * from their stationary mixture), for warm starts, with the reset index i0 of the grid they are on.
 */
type Cache = { pre: ModulatedPreconditioners; last: Map<number, [Float64Array, Float64Array]>; mixed: Map<number, Float64Array>; i0: number }[];

/**
 * A joint occupancy (two states of n_old points each) moved onto a grid of n points whose reset
 * index is `shift` higher (the grids share their spacing and threshold; the rates move vMin):
 * points below the old grid are 0, points below the new one are dropped.
 */
function shiftOccupancy(x: Float64Array, shift: number, n: number): Float64Array {
  const old = x.length / 2;
  const y = new Float64Array(2 * n);
  for (let s = 0; s < 2; s++) {
    for (let i = Math.max(0, shift); i < Math.min(n, old + shift); i++) y[s * n + i] = x[s * old + i - shift];
  }
  return y;
}

/** Moves the kept occupancies of one population onto the grid of `mc` (its reset index may have moved with the rates), so they stay GMRES starting points. */
function alignCache(entry: Cache[number], mc: ModulatedChain): void {
  const { i0, n } = mc.chains[0];
  const shift = i0 - entry.i0;
  entry.i0 = i0;
  if (shift === 0) return;
  for (const [z, x] of entry.last) entry.last.set(z, [shiftOccupancy(x[0], shift, n), shiftOccupancy(x[1], shift, n)]);
  for (const [z, x] of entry.mixed) entry.mixed.set(z, shiftOccupancy(x, shift, n));
}

/** No modulation: the inputs are Poisson (Bernoulli per bin) at their rates. */
export const NO_MODULATION: InputModulation = Object.freeze({ switchProb: 0.5, delta: Object.freeze([0, 0]) as [number, number] });

/** Largest |delta| (the rate of a state stays positive). */
const MAX_DELTA = 0.95;

/**
 * The modulated chain of a neuron of population a whose E and I inputs fire at rates r (Hz),
 * modulated by `mod`, on the grid of `subdivisions` points per lattice unit.
 * @param p resolved parameters.
 * @param a population, 0 (E) or 1 (I).
 * @param r input rates [r_E, r_I] (Hz).
 * @param mod the inputs' modulation.
 * @param subdivisions grid points per lattice unit.
 * @returns the chains of the two hidden states and the switching probability.
 */
export function modulatedChainFor(p: ResolvedDiscreteParams, a: 0 | 1, r: readonly number[], mod: InputModulation, subdivisions: number): ModulatedChain {
  const base = populationInputs(p, a, r[0], r[1]);
  const grid = { tau: p.tau, dt: p.dt, vTh: p.vTh, subdivisions, vMin: defaultVMin(base, p.tau, p.dt, p.vTh) };
  const unit = latticeUnit(base.map((g) => g.weight));
  const chainOf = (eta: number) => new EulerChain(groupJumps(populationInputs(p, a, r[0] * (1 + eta * mod.delta[0]), r[1] * (1 + eta * mod.delta[1])), { dt: p.dt, unit }), grid);
  return { chains: [chainOf(1), chainOf(-1)], switchProb: mod.switchProb };
}

/**
 * The rate and output statistics of a neuron of population a at rates r with its inputs modulated.
 * Cost: six joint solves (two restart states at z = 1, a_m, a_m^2), four for the "intervals"
 * spectrum (at a_m and a_m^2 one from the stationary mixture of the restart states).
 */
function outputStatistics(p: ResolvedDiscreteParams, a: 0 | 1, r: readonly number[], mod: InputModulation, o: IterationOptions, cache: Cache, tol?: number): OutputStatistics {
  const mc = modulatedChainFor(p, a, r, mod, o.m);
  alignCache(cache[a], mc);
  const am = 1 - p.dt / p.tau;
  const solveAt = (z: number) => {
    const s = modulatedSolve(mc, z, cache[a].pre, cache[a].last.get(z), tol);
    cache[a].last.set(z, s.occupancy);
    return s;
  };
  const one = solveAt(1);
  const { pi, meanBins } = meanInterval(one);
  const pBin = 1 / meanBins;
  if (!o.fit) return { rate: pBin / p.dt, excess: [NaN, NaN] };
  // "intervals" needs only G = pi^T H(z) 1: one solve from the restart mixture pi
  const intervalsAt = (z: number) => {
    const s = mixedSolve(mc, z, cache[a].pre, pi, cache[a].mixed.get(z), tol);
    cache[a].mixed.set(z, s.occupancy);
    const G = s.next[0] + s.next[1];
    return G / (1 - G);
  };
  const transformAt = (z: number) => (o.spectrum === "full" ? renewalTransform(pi, solveAt(z).next) : intervalsAt(z));
  const excess = [am, am * am].map((z) => transformAt(z) - (pBin * z) / (1 - z));
  return { rate: pBin / p.dt, excess: [excess[0], excess[1]] };
}

/**
 * The modulation of the inputs of population a that matches the excess autocovariance of the
 * summed E and I trains at z = a_m and a_m^2 (module header); none when it is not positive.
 * @param p resolved parameters.
 * @param a target population.
 * @param out output statistics of E and I neurons.
 * @param cross the cross part of the summed input's transform at a_m and a_m^2 (default none; see
 *   inputCrossCovariance): added to the strength D^2, the correlation time rho staying that of the
 *   trains' own part (when that is positive).
 * @returns the modulation.
 */
export function fitModulation(p: ResolvedDiscreteParams, a: 0 | 1, out: readonly OutputStatistics[], cross: readonly number[] = [0, 0]): InputModulation {
  const am = 1 - p.dt / p.tau;
  // K w_ab^2 p_b = J_ab^2 p_b: the weight of E_b(z) in T_a(z)
  const terms = [0, 1].map((b) => out[b].rate * p.dt * p.J[a][b] ** 2);
  const own = [0, 1].map((k) => terms[0] * out[0].excess[k] + terms[1] * out[1].excess[k]);
  const T = [0, 1].map((k) => own[k] + cross[k]);
  // the correlation time of the trains' own part (the cross part changes the strength only)
  const shape = own[0] > 0 && own[1] > 0 ? own : T;
  if (!(T[0] > 0 && shape[1] > 0)) return NO_MODULATION;
  const rho = Math.min(0.9999, exponentialDecay(shape[0], shape[1], am));
  if (!(rho > 0)) return NO_MODULATION;
  const D = Math.sqrt((T[0] * (1 - am * rho)) / (am * rho));
  const parts = [0, 1].map((b) => Math.max(0, terms[b] * out[b].excess[0]));
  const total = parts[0] + parts[1];
  const delta = [0, 1].map((b) => {
    const mean = (p.J[a][b] / Math.sqrt(p.K)) * p.K * out[b].rate * p.dt;
    return Math.max(-MAX_DELTA, Math.min(MAX_DELTA, (D * parts[b]) / total / mean));
  });
  return { switchProb: (1 - rho) / 2, delta: [delta[0], delta[1]] };
}

/** Validates the options of {@link solveModulatedMeanField} and {@link modulatedTransfer}; returns them with defaults. */
function iterationOptions(where: string, p: ResolvedDiscreteParams, options: ModulatedMeanFieldOptions): IterationOptions {
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const { tol = 1e-6, maxIterations = 40, spectrum = "intervals", network } = options;
  if (network !== undefined) checkNumber(where, "network", network, { integer: true, min: p.K + 1 });
  checkNumber(where, "tol", tol, { min: 0, minInclusive: false, max: 1, maxInclusive: false });
  checkNumber(where, "maxIterations", maxIterations, { integer: true, min: 1 });
  if (spectrum !== "intervals" && spectrum !== "full") invalid(where, "spectrum", spectrum, '"intervals" or "full"');
  const m = options.subdivisions === undefined ? defaultSubdivisions(p) : checkNumber(where, "subdivisions", options.subdivisions, { integer: true, min: 1 });
  return { m, spectrum, tol, maxIterations, fit: true, network };
}

/**
 * The default grid points per lattice unit of the model's chains (spacing about DEFAULT_GRID_SPACING).
 * @param p resolved parameters.
 * @returns the subdivisions of the lattice unit of the E neuron's inputs.
 */
export function defaultSubdivisions(p: ResolvedDiscreteParams): number {
  return Math.max(1, Math.round(latticeUnit(populationInputs(p, 0, 1, 1).map((g) => g.weight)) / DEFAULT_GRID_SPACING));
}

/** The effective Fano factor of each output at the membrane's decay: 1 + 2 E(a_m) / (1 - p). */
function outputFano(p: ResolvedDiscreteParams, out: readonly OutputStatistics[]): [number, number] {
  const f = out.map((o) => 1 + (2 * o.excess[0]) / (1 - o.rate * p.dt));
  return [f[0], f[1]];
}

/** Largest relative change between two modulations (of q and of each delta, relative to the largest delta). */
function modulationChange(x: InputModulation, y: InputModulation): number {
  const scale = Math.max(1e-12, ...x.delta.map(Math.abs), ...y.delta.map(Math.abs));
  return Math.max(Math.abs(x.switchProb - y.switchProb) / Math.max(1e-12, x.switchProb), ...[0, 1].map((b) => Math.abs(x.delta[b] - y.delta[b]) / scale));
}

/** Grid and spectrum of one run of {@link iterate}, with its tolerance and iteration limit. */
interface IterationOptions {
  m: number;
  spectrum: "intervals" | "full";
  tol: number;
  maxIterations: number;
  /** Whether the modulation is fitted to the outputs (else held at the start's). */
  fit: boolean;
  /** N, when the inputs' cross-covariance is included. */
  network?: number;
}

/** Modulations and rates as one vector [r_E, r_I, q_E, delta_EE, delta_EI, q_I, delta_IE, delta_II] (for Anderson's method). */
const toVector = (r: readonly number[], mod: readonly InputModulation[]) => [...r, ...mod.flatMap((x) => [x.switchProb, ...x.delta])];
function fromVector(x: readonly number[]): { r: number[]; mod: InputModulation[] } {
  const clampDelta = (d: number) => Math.max(-MAX_DELTA, Math.min(MAX_DELTA, d));
  const mod = [2, 5].map((i) => ({ switchProb: Math.min(0.5, Math.max(1e-6, x[i])), delta: [clampDelta(x[i + 1]), clampDelta(x[i + 2])] as [number, number] }));
  return { r: [Math.max(1e-9, x[0]), Math.max(1e-9, x[1])], mod };
}

/**
 * The joint iteration of rates and modulation on one grid: G maps (r, modulation) to the Newton
 * step of the rates (Jacobian `jacobian`, or none: rates held) and the modulation fitted to the
 * outputs; Anderson's method accelerates it. The chain solves are inexact far from the fixed
 * point (relative residual SOLVE_FACTOR times the last iteration's residual, within
 * [FINAL_SOLVE_TOL, LOOSE_SOLVE_TOL]); the fixed point is accepted only from solves at
 * FINAL_SOLVE_TOL (held rates and modulation: the chain's own default).
 */
function iterate(p: ResolvedDiscreteParams, o: IterationOptions, start: { r: number[]; mod: InputModulation[]; jacobian?: number[][] }) {
  const cache: Cache = [0, 1].map(() => ({ pre: new Map(), last: new Map(), mixed: new Map(), i0: 0 }));
  const frozen = start.jacobian === undefined;
  const [[j00, j01], [j10, j11]] = start.jacobian ?? [[-1, 0], [0, -1]];
  const det = j00 * j11 - j01 * j10;
  let { r, mod } = start;
  let mixer: AndersonMixer | undefined;
  let tol = frozen && !o.fit ? undefined : LOOSE_SOLVE_TOL;
  for (let it = 1; it <= o.maxIterations; it++) {
    const out = [0, 1].map((a) => outputStatistics(p, a as 0 | 1, r, mod[a], o, cache, tol));
    const F = [out[0].rate - r[0], out[1].rate - r[1]];
    const cross = o.fit && o.network !== undefined && start.jacobian ? crossCovariance(p, o.network, out, start.jacobian).transform : undefined;
    const next = o.fit ? [0, 1].map((a) => fitModulation(p, a as 0 | 1, out, cross?.[a])) : mod;
    const change = Math.max(...[0, 1].map((a) => modulationChange(mod[a], next[a])));
    const ratesSettled = frozen || (Math.abs(F[0]) <= o.tol * r[0] && Math.abs(F[1]) <= o.tol * r[1]);
    const settled = ratesSettled && change <= MODULATION_TOL;
    if (settled && (tol === undefined || tol <= FINAL_SOLVE_TOL)) return { r, mod, out, iterations: it };
    const residual = Math.max(frozen ? 0 : Math.abs(F[0]) / r[0], frozen ? 0 : Math.abs(F[1]) / r[1], change);
    tol = settled ? FINAL_SOLVE_TOL : Math.min(LOOSE_SOLVE_TOL, Math.max(FINAL_SOLVE_TOL, SOLVE_FACTOR * residual));
    const rNext = frozen ? r : [r[0] - (j11 * F[0] - j01 * F[1]) / det, r[1] - (-j10 * F[0] + j00 * F[1]) / det];
    const g = toVector(rNext, next);
    mixer ??= new AndersonMixer(g.map((v) => Math.max(Math.abs(v), 1e-6)), ANDERSON_DEPTH);
    ({ r, mod } = fromVector(mixer.next(toVector(r, mod), g)));
  }
  throw new Error(`solveModulatedMeanField: no fixed point within ${o.maxIterations} iterations (rates ${r.join(", ")} Hz)`);
}

/** Relative residual of the chain solves of an iteration far from the fixed point (the first one's). */
const LOOSE_SOLVE_TOL = 1e-8;
/** Relative residual of the chain solves from which a fixed point is accepted (rates and transforms to about 1e-8, far below the iteration's tolerances). */
const FINAL_SOLVE_TOL = 1e-9;
/** The chain solves' relative residual per unit of the last iteration's (relative) residual. */
const SOLVE_FACTOR = 1e-5;

/** The cross part of each population's input transform (inputCrossCovariance) at the outputs' rates and excess, with gains Jac + I. */
function crossCovariance(p: ResolvedDiscreteParams, N: number, out: readonly OutputStatistics[], jacobian: readonly (readonly number[])[]): InputCrossCovariance {
  const gain = jacobian.map((row, a) => row.map((v, b) => v + (a === b ? 1 : 0)));
  const st = { K: p.K, N, J: p.J, JX: p.JX, p: [out[0].rate * p.dt, out[1].rate * p.dt, p.rX * p.dt], am: 1 - p.dt / p.tau, excess: out.map((o) => o.excess), gain };
  return inputCrossCovariance(st);
}

/** Relative change of the modulation at which it counts as settled (its effect on the rates is then far below their tolerance). */
const MODULATION_TOL = 1e-3;
/** Differences kept by Anderson's method. */
const ANDERSON_DEPTH = 3;

/**
 * Solves the network's rates with self-consistent input spectra (module header).
 * Cost: the Poisson-input solution (unless given), then about 10 iterations of four joint solves
 * per population (six with spectrum "full") on a grid 2 times coarser and a few of two on the
 * default grid: about 0.7 s of CPU at K = 100, r_X = 10 Hz (the Poisson solution about 0.8 s).
 * @param params J, JX, K (integer), rX (Hz), tau, dt (s), vTh; the model's defaults.
 * @param options subdivisions, poisson, tol, maxIterations, spectrum, network, warm.
 * @returns the rates (Hz), the modulations, the output Fano factors and the Poisson solution.
 * @throws ParameterError for bad parameters or options; Error when the iteration does not converge.
 */
export function solveModulatedMeanField(params: DiscreteMeanFieldParams = {}, options: ModulatedMeanFieldOptions = {}): ModulatedMeanFieldSolution {
  const where = "solveModulatedMeanField";
  return within(where, "params and options", () => {
    const p = resolveDiscreteParams(where, params);
    const o = iterationOptions(where, p, options);
    const warm = warmSolution(where, options.warm);
    const poisson = options.poisson ?? solveDiscreteMeanField(params, { subdivisions: o.m });
    if (!(Math.min(poisson.rE, poisson.rI) >= MIN_RATE)) {
      invalid(where, "params", `parameters whose Poisson-input rates are ${poisson.rE}, ${poisson.rI} Hz`, `parameters at which both populations fire at least ${MIN_RATE} Hz (an output spectrum needs spikes)`);
    }
    const start = { ...startOf(p, o, poisson, warm), jacobian: poisson.jacobian };
    const solution = (coarse: Iterated, fine: Iterated): ModulatedMeanFieldSolution => ({
      rE: fine.r[0], rI: fine.r[1], modulation: [coarse.mod[0], coarse.mod[1]], fano: outputFano(p, coarse.out), ...fixedPoint(p, o, coarse.out, poisson),
      coarseRates: [coarse.r[0], coarse.r[1]], iterations: coarse.iterations + (fine === coarse ? 0 : fine.iterations),
    });
    if (o.m < 2 * COARSENING) {
      const only = iterate(p, o, start);
      return solution(only, only);
    }
    const coarse = iterate(p, { ...o, m: Math.round(o.m / COARSENING) }, start);
    // from a warm start, the fine rates moved as the coarse ones did (the grids' offset barely changes)
    const r = warm ? [0, 1].map((a) => Math.max(1e-9, [warm.rE, warm.rI][a] + coarse.r[a] - warm.coarseRates[a])) : coarse.r;
    return solution(coarse, iterate(p, { ...o, fit: false }, { ...start, r, mod: coarse.mod }));
  });
}

/** The option `warm`, checked: undefined, or an object with positive coarse and fine rates and finite excess transforms. */
function warmSolution(where: string, warm: ModulatedMeanFieldSolution | undefined): ModulatedMeanFieldSolution | undefined {
  if (warm === undefined) return undefined;
  const numbers = (x: unknown, n: number) => Array.isArray(x) && x.length === n && x.every((v) => Number.isFinite(v));
  const ok = warm !== null && typeof warm === "object" && numbers(warm.coarseRates, 2) && Math.min(...warm.coarseRates, warm.rE, warm.rI) > 0 &&
    Array.isArray(warm.excess) && warm.excess.length === 2 && warm.excess.every((e) => numbers(e, 2));
  if (!ok) invalid(where, "options.warm", warm, "a solution of solveModulatedMeanField (positive rates, finite excess transforms)");
  return warm;
}

/** What {@link iterate} returns. */
type Iterated = ReturnType<typeof iterate>;

/**
 * Where the iteration starts: with no warm solution, at the Poisson-input rates with no
 * modulation; else at the warm solution's coarse rates with the modulation fitted to its outputs
 * (and their cross part with option `network`), the first step of the iteration from that state.
 */
function startOf(p: ResolvedDiscreteParams, o: IterationOptions, poisson: DiscreteMeanFieldSolution, warm: ModulatedMeanFieldSolution | undefined): { r: number[]; mod: InputModulation[] } {
  if (warm === undefined) return { r: [poisson.rE, poisson.rI], mod: [NO_MODULATION, NO_MODULATION] };
  const out = [0, 1].map((a) => ({ rate: warm.coarseRates[a], excess: warm.excess[a] }));
  const cross = o.network === undefined ? undefined : crossCovariance(p, o.network, out, poisson.jacobian).transform;
  return { r: [...warm.coarseRates], mod: [0, 1].map((a) => fitModulation(p, a as 0 | 1, out, cross?.[a])) };
}

/** The output statistics of a solution at its fixed point: the excess transforms, the inputs' cross part (option `network`) and the Poisson solution. */
function fixedPoint(p: ResolvedDiscreteParams, o: IterationOptions, out: readonly OutputStatistics[], poisson: DiscreteMeanFieldSolution) {
  const excess: [[number, number], [number, number]] = [out[0].excess, out[1].excess];
  if (o.network === undefined) return { excess, poisson };
  return { excess, poisson, cross: crossCovariance(p, o.network, out, poisson.jacobian) };
}

/** Smallest Poisson-input rate (Hz) at which solveModulatedMeanField fits an output spectrum: below it the neuron hardly fires and its renewal density is not resolved. */
const MIN_RATE = 0.01;

/**
 * How much coarser the grid of the self-consistent modulation is than the chains' grid: at K = 100,
 * r_X = 10 Hz, holding the modulation of the grid 2 times coarser moves the rates by 0.003 Hz
 * from the fine grid's own fixed point (4 times coarser: 0.025 Hz), at a third of its cost.
 */
const COARSENING = 2;

/** Result of {@link modulatedTransfer}. */
export interface ModulatedTransfer {
  /** Output rates [phi_E, phi_I] (Hz) of an E and an I neuron. */
  rates: [number, number];
  /** The modulations, self-consistent with the outputs at these input rates. */
  modulation: [InputModulation, InputModulation];
  /** Effective Fano factors of the output trains at the membrane's decay. */
  fano: [number, number];
}

/**
 * The open-loop transfer with self-consistent input spectra: the rates of an E and an I neuron
 * whose E and I inputs fire at the given rates, with the modulation that the outputs' own spectra
 * imply (module header), iterated at fixed input rates (on the grid 2 times coarser, the rates
 * then on the fine grid, as in solveModulatedMeanField). For comparison with neurons driven by
 * recorded trains at the same rates.
 * @param params J, JX, K (integer), rX (Hz), tau, dt (s), vTh.
 * @param rates input rates [r_E, r_I] (Hz, > 0).
 * @param options subdivisions, tol, maxIterations.
 * @returns the output rates, the modulations and the output Fano factors.
 * @throws ParameterError for bad parameters; Error when the modulation does not settle.
 */
export function modulatedTransfer(params: DiscreteMeanFieldParams, rates: readonly [number, number], options: ModulatedMeanFieldOptions = {}): ModulatedTransfer {
  const where = "modulatedTransfer";
  return within(where, "params, rates and options", () => {
    const p = resolveDiscreteParams(where, params);
    const r = checkRatePair(where, rates);
    const o = iterationOptions(where, p, options);
    if (o.network !== undefined) invalid(where, "options.network", o.network, "undefined (the cross-covariance needs the closed loop: solveModulatedMeanField)");
    if (options.warm !== undefined) invalid(where, "options.warm", options.warm, "undefined (only solveModulatedMeanField starts from a solution)");
    if (o.m < 2 * COARSENING) {
      const s = iterate(p, o, { r, mod: [NO_MODULATION, NO_MODULATION] });
      return { rates: [s.out[0].rate, s.out[1].rate], modulation: [s.mod[0], s.mod[1]], fano: outputFano(p, s.out) };
    }
    // as solveModulatedMeanField: the modulation settled on the coarser grid, the rates on the fine one
    const coarse = iterate(p, { ...o, m: Math.round(o.m / COARSENING) }, { r, mod: [NO_MODULATION, NO_MODULATION] });
    const fine = iterate(p, { ...o, fit: false }, { r, mod: coarse.mod });
    return { rates: [fine.out[0].rate, fine.out[1].rate], modulation: [coarse.mod[0], coarse.mod[1]], fano: outputFano(p, coarse.out) };
  });
}
