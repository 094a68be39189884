/**
 * The network's rates with self-consistent input spectra ({@link solveModulatedMeanField}) and the
 * cross-covariance between the trains that converge on one neuron ({@link inputCrossCovariance},
 * linear response around the self-consistent state), iterated together: the cross part of the
 * summed input's excess autocovariance is added to the hidden modulation's strength (option
 * `network` of solveModulatedMeanField).
 *
 * The cross part is often negative (E and I inputs co-fluctuate and their weights have opposite
 * signs). Where it outweighs the trains' own part, the summed input is less variable than
 * Bernoulli at the membrane's time scale, T_a(a_m) < 0, which a Cox process (the modulation) cannot
 * carry: the modulation is then off, and what it could not carry is added to first order,
 *
 *     dphi_a = (d phi_a / d T_a) T_a(a_m),   d phi_a / d T_a = (phi_a(T_+) - phi_a(0)) / T_+,
 *
 * phi_a the rate of the modulated chain at the solution's rates with a modulation of transform
 * T_+ = |T_a(a_m)| and the correlation time of the cross part (E and I pushing V the same way),
 * and the closed loop moves the rates by dr = -Jac^{-1} dphi ({@link closedLoopShift}, Jac the
 * Jacobian of r -> phi(r) - r of the Poisson-input solution).
 */
import { checkNumber, invalid, within } from "../core/validate";
import { closedLoopShift } from "./closed-loop-shift";
import type { InputCrossCovariance } from "./cross-covariance";
import { DiscreteMeanFieldParams, DiscreteMeanFieldSolution, resolveDiscreteParams, ResolvedDiscreteParams } from "./discrete-mean-field";
import { defaultSubdivisions, type InputModulation, modulatedChainFor, NO_MODULATION, type ModulatedMeanFieldSolution, solveModulatedMeanField } from "./modulated-mean-field";
import { meanInterval, modulatedSolve } from "./modulated-chain";
import { exponentialDecay } from "./exponential-fit";

/** Result of {@link solveCorrelatedMeanField}. */
export interface CorrelatedMeanFieldSolution {
  /** Excitatory rate (Hz). */
  rE: number;
  /** Inhibitory rate (Hz). */
  rI: number;
  /** The input-spectra solution with the cross part in the modulation (before the first-order rest). */
  spectra: ModulatedMeanFieldSolution;
  /** The cross part of the inputs of E and I neurons (transforms, and the change of the free membrane potential's variance). */
  cross: InputCrossCovariance;
  /** What the modulation cannot carry: the summed input's excess transform T_a(a_m) where it is negative, else 0, [E, I]. */
  left: [number, number];
  /** The open-loop rate change of that rest, [E, I] (Hz). */
  openLoop: [number, number];
  /** The closed-loop change dr = -Jac^{-1} dphi of that rest, [E, I] (Hz). */
  dr: [number, number];
}

/** Options of {@link solveCorrelatedMeanField}. */
export interface CorrelatedMeanFieldOptions {
  /** Grid points per lattice unit of the chains (default: as solveModulatedMeanField's). */
  subdivisions?: number;
  /** The Poisson-input solution on the same grid, if already computed. */
  poisson?: DiscreteMeanFieldSolution;
  /**
   * The input-spectra solution without the cross part (solveModulatedMeanField of the same
   * parameters and grid), if already computed: the iteration starts from it (its option `warm`).
   */
  spectra?: ModulatedMeanFieldSolution;
}

/** The rate (Hz) of the modulated chain of population a at rates r with modulation `mod`. */
function modulatedRate(p: ResolvedDiscreteParams, a: 0 | 1, r: readonly number[], mod: InputModulation, m: number): number {
  return 1 / (meanInterval(modulatedSolve(modulatedChainFor(p, a, r, mod, m), 1, new Map())).meanBins * p.dt);
}

/** The modulation's transform at a_m, D^2 a rho / (1 - a rho), D = sum_b w_ab K p_b delta_b. */
function modulationTransform(p: ResolvedDiscreteParams, a: 0 | 1, r: readonly number[], mod: InputModulation): number {
  const am = 1 - p.dt / p.tau;
  const rho = 1 - 2 * mod.switchProb;
  const D = [0, 1].reduce((s, b) => s + p.J[a][b] * Math.sqrt(p.K) * r[b] * p.dt * mod.delta[b], 0);
  return (D * D * am * rho) / (1 - am * rho);
}

/**
 * The open-loop rate change (Hz) of a neuron of population a from an input excess transform T
 * (at a_m and a_m^2) below zero, to first order (module header): the slope from a modulation of
 * transform |T(a_m)| with the correlation time of T, against none.
 */
function restRate(p: ResolvedDiscreteParams, a: 0 | 1, r: readonly number[], T: readonly number[], m: number): number {
  const am = 1 - p.dt / p.tau;
  const rho = Math.min(0.9999, Math.max(1e-3, exponentialDecay(T[0], T[1], am)));
  const unit: InputModulation = { switchProb: (1 - rho) / 2, delta: [1, -1] };
  const d = Math.sqrt(Math.abs(T[0]) / modulationTransform(p, a, r, unit));
  const plus: InputModulation = { switchProb: unit.switchProb, delta: [d, -d] };
  const slope = (modulatedRate(p, a, r, plus, m) - modulatedRate(p, a, r, NO_MODULATION, m)) / Math.abs(T[0]);
  return slope * T[0];
}

/**
 * Solves the network's rates with self-consistent input spectra and the inputs' cross-covariance
 * (module header).
 * Cost: one {@link solveModulatedMeanField} with option `network` (from scratch about that of one
 * without; started from option `spectra`, 7-13 iterations on the two grids and 0.3-0.9 s of CPU
 * per point of the theory table), and, for a population whose summed input ends below
 * Bernoulli, two solves of its modulated chain at z = 1.
 * @param params J, JX, K (integer), rX (Hz), tau, dt (s), vTh; the model's defaults.
 * @param N neurons per population of the network (integer > K).
 * @param options subdivisions, poisson, spectra.
 * @returns the rates, the input-spectra solution with the cross part, the cross part and the first-order rest.
 * @throws ParameterError for bad parameters or N; Error when the iteration does not converge.
 */
export function solveCorrelatedMeanField(params: DiscreteMeanFieldParams, N: number, options: CorrelatedMeanFieldOptions = {}): CorrelatedMeanFieldSolution {
  const where = "solveCorrelatedMeanField";
  return within(where, "params, N and options", () => {
    const p = resolveDiscreteParams(where, params);
    if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
    checkNumber(where, "N", N, { integer: true, min: p.K + 1 });
    const m = options.subdivisions ?? defaultSubdivisions(p);
    const spectra = solveModulatedMeanField(params, { subdivisions: options.subdivisions, poisson: options.poisson, network: N, warm: options.spectra });
    const r = [spectra.rE, spectra.rI];
    const cross = spectra.cross as InputCrossCovariance;
    // the summed input's excess transform at a_m and a_m^2: the trains' own part plus the cross part
    const total = [0, 1].map((a) => [0, 1].map((k) => [0, 1].reduce((t, b) => t + r[b] * p.dt * p.J[a][b] ** 2 * spectra.excess[b][k], cross.transform[a][k])));
    const left = total.map((T) => (T[0] < 0 ? T : [0, 0]));
    const openLoop = [0, 1].map((a) => (left[a][0] === 0 ? 0 : restRate(p, a as 0 | 1, r, left[a], m))) as [number, number];
    const { dr } = closedLoopShift(spectra.poisson.jacobian, { mean: openLoop, covariance: [[0, 0], [0, 0]] });
    return { rE: r[0] + dr[0], rI: r[1] + dr[1], spectra, cross, left: [left[0][0], left[1][0]], openLoop, dr };
  });
}
