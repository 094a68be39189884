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
import { checkRatePair, DiscreteMeanFieldParams, DiscreteMeanFieldSolution, resolveDiscreteParams, ResolvedDiscreteParams } from "./discrete-mean-field";
import { defaultSubdivisions, fitModulation, type InputModulation, modulatedChainFor, NO_MODULATION, type ModulatedMeanFieldSolution, solveModulatedMeanField } from "./modulated-mean-field";
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
  /** What the inputs carry at the solution, for the open loop ({@link correlatedTransfer}). */
  inputs: CorrelatedInputs;
}

/**
 * What the inputs of a neuron carry in the theory with input spectra and cross-covariance: the
 * rates of the E and I trains (the solution's), their excess transforms (of the fixed point on the
 * coarser grid, which the modulation is fitted to) and the cross part of each population's summed
 * input.
 */
export interface CorrelatedInputs {
  /** Rates of the E and I trains (Hz). */
  rates: [number, number];
  /** Excess transforms E(z) = M(z) - p z / (1 - z) of the E and I trains at a_m and a_m^2 (bins), [[E], [I]]. */
  excess: [[number, number], [number, number]];
  /** The cross part of the summed input of E and of I neurons at a_m and a_m^2 (InputCrossCovariance's transform). */
  cross: [[number, number], [number, number]];
}

/** Result of {@link correlatedTransfer}: output rates (Hz) of an E and an I neuron, [E, I]. */
export interface CorrelatedTransfer {
  /** With the trains' own spectra only (as if the trains were independent of each other). */
  own: [number, number];
  /** With their cross part added (the theory's transfer). */
  withCross: [number, number];
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

/** The summed input's excess transform at a_m and a_m^2 of population a: the trains' own part plus the cross part. */
function summedTransform(p: ResolvedDiscreteParams, a: 0 | 1, inputs: CorrelatedInputs): number[] {
  return [0, 1].map((k) => [0, 1].reduce((t, b) => t + inputs.rates[b] * p.dt * p.J[a][b] ** 2 * inputs.excess[b][k], inputs.cross[a][k]));
}

/**
 * The open-loop rate change (Hz) of a neuron of population a from an input excess transform T
 * (at a_m and a_m^2) below zero, to first order (module header): the slope from a modulation of
 * transform |T(a_m)| with the correlation time of T, against none (`none`, the rate without
 * modulation at r, Hz).
 */
function restRate(p: ResolvedDiscreteParams, a: 0 | 1, r: readonly number[], T: readonly number[], m: number, none: number): number {
  const am = 1 - p.dt / p.tau;
  const rho = Math.min(0.9999, Math.max(1e-3, exponentialDecay(T[0], T[1], am)));
  const unit: InputModulation = { switchProb: (1 - rho) / 2, delta: [1, -1] };
  const d = Math.sqrt(Math.abs(T[0]) / modulationTransform(p, a, r, unit));
  const plus: InputModulation = { switchProb: unit.switchProb, delta: [d, -d] };
  const slope = (modulatedRate(p, a, r, plus, m) - none) / Math.abs(T[0]);
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
    const inputs: CorrelatedInputs = { rates: [r[0], r[1]], excess: spectra.excess, cross: cross.transform };
    // the summed input's excess transform at a_m and a_m^2: the trains' own part plus the cross part
    const left = [0, 1].map((a) => summedTransform(p, a as 0 | 1, inputs)).map((T) => (T[0] < 0 ? T : [0, 0]));
    const openLoop = [0, 1].map((a) => (left[a][0] === 0 ? 0 : restRate(p, a as 0 | 1, r, left[a], m, modulatedRate(p, a as 0 | 1, r, NO_MODULATION, m)))) as [number, number];
    const { dr } = closedLoopShift(spectra.poisson.jacobian, { mean: openLoop, covariance: [[0, 0], [0, 0]] });
    return { rE: r[0] + dr[0], rI: r[1] + dr[1], spectra, cross, left: [left[0][0], left[1][0]], openLoop, dr, inputs };
  });
}

/** Validates the inputs of {@link correlatedTransfer}: positive rates, finite transforms, each a pair per population. */
function checkInputs(where: string, inputs: CorrelatedInputs): CorrelatedInputs {
  const pair = (x: unknown) => Array.isArray(x) && x.length === 2 && x.every((v) => typeof v === "number" && Number.isFinite(v));
  const ok = inputs !== null && typeof inputs === "object" && pair(inputs.rates) && inputs.rates.every((v) => v > 0) &&
    [inputs.excess, inputs.cross].every((t) => Array.isArray(t) && t.length === 2 && t.every(pair));
  if (!ok) invalid(where, "inputs", inputs, "{ rates: [r_E, r_I] > 0 (Hz), excess and cross: [[E], [I]] pairs of finite numbers } (a solution's inputs)");
  return inputs;
}

/**
 * The open loop of the theory with input spectra and cross-covariance: the rates of an E and an I
 * neuron whose E and I inputs fire at `rates` and carry the statistics `inputs` (a solution's
 * `inputs`), with the trains' own spectra only and with the cross part added (where the summed
 * input ends below Bernoulli, the first-order rest of the module header, added open loop). At the
 * solution's own rates, `withCross` is the solution's transfer (its rates, to the modulation's
 * tolerance, where no rest is left). For comparison with test neurons on recorded trains at
 * the same rates: shifted trains (own spectra only) and real ones.
 * Cost: four solves of modulated chains at z = 1 (about 0.1-0.3 s of CPU at the default grid).
 * @param params J, JX, K (integer), rX (Hz), tau, dt (s), vTh; the model's defaults.
 * @param rates input rates [r_E, r_I] (Hz, > 0).
 * @param inputs the trains' rates and excess transforms and the cross part (CorrelatedMeanFieldSolution.inputs).
 * @param options subdivisions (grid points per lattice unit; default as solveModulatedMeanField's).
 * @returns the output rates without and with the cross part (Hz).
 * @throws ParameterError for bad parameters, rates, inputs or subdivisions, or inputs whose
 *   first-order rest would outweigh the rate (a cross part far outside first order at these rates).
 */
export function correlatedTransfer(params: DiscreteMeanFieldParams, rates: readonly [number, number], inputs: CorrelatedInputs, options: { subdivisions?: number } = {}): CorrelatedTransfer {
  const where = "correlatedTransfer";
  return within(where, "params, rates, inputs and options", () => {
    const p = resolveDiscreteParams(where, params);
    const r = checkRatePair(where, rates);
    const inp = checkInputs(where, inputs);
    if (options === null || typeof options !== "object") invalid(where, "options", options, "an object { subdivisions? }");
    const m = options.subdivisions === undefined ? defaultSubdivisions(p) : checkNumber(where, "subdivisions", options.subdivisions, { integer: true, min: 1 });
    const out = [0, 1].map((b) => ({ rate: inp.rates[b], excess: inp.excess[b] }));
    const rate = (a: 0 | 1, cross: readonly number[]) => modulatedRate(p, a, r, fitModulation(p, a, out, cross), m);
    const withCross = (a: 0 | 1) => {
      const T = summedTransform(p, a, inp);
      if (!(T[0] < 0)) return rate(a, inp.cross[a]);
      const none = modulatedRate(p, a, r, NO_MODULATION, m);
      const rest = restRate(p, a, r, T, m, none);
      if (none + rest < 0) invalid(where, "inputs", `a cross part whose first-order rest (${rest} Hz) outweighs the rate (${none} Hz) at rates ${r.join(", ")} Hz`, "inputs within first order of their rates (a solution's, at nearby rates)");
      return none + rest;
    };
    return { own: [rate(0, [0, 0]), rate(1, [0, 0])], withCross: [withCross(0), withCross(1)] };
  });
}
