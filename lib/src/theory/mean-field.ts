/**
 * Finite-K mean-field theory of the E/I/X network: the diffusion approximation of each neuron's
 * input, and the self-consistent rates r_a = phi(mu_a(r), sigma_a(r)) with phi the Siegert rate
 * ({@link siegertRate}).
 *
 * References: N. Brunel, "Dynamics of sparsely connected networks of excitatory and inhibitory
 * spiking neurons", J. Comput. Neurosci. 8, 183-208 (2000), eqs. 4-5 and 21; D. J. Amit and
 * N. Brunel, "Model of global spontaneous activity and local structured activity during delay
 * periods in the cerebral cortex", Cereb. Cortex 7, 237-252 (1997); C. van Vreeswijk and
 * H. Sompolinsky, Science 274, 1724-1726 (1996) and Neural Comput. 10, 1321-1371 (1998).
 */
import { defaultNetworkParams, NetworkParams } from "../network/params";
import { siegertRate } from "./siegert";
import { balanceProblem } from "./balanced-rates";
import { checkNumber, checkResult, invalid, ParameterError, within } from "../core/validate";
import { newton2d, Newton2dError, Vec2 } from "../math/newton-2d";

/**
 * Network parameters of the mean-field theory (the fields of {@link NetworkParams} it uses, with
 * the same units); missing fields take the model's defaults ({@link defaultNetworkParams}). K may
 * be any positive number here (no N is needed: the theory is for K << N).
 */
export type MeanFieldParams = Partial<Pick<NetworkParams, "J" | "JX" | "K" | "rX" | "tau" | "vTh">>;

/** Diffusion approximation of the input of the E and I populations. */
export interface DiffusionInput {
  /** Mean free membrane potential [mu_E, mu_I] (units of V). */
  mu: [number, number];
  /** Standard deviation of the free membrane potential [sigma_E, sigma_I] (units of V). */
  sigma: [number, number];
  /**
   * The three parts of each mean, [[E, I, X] onto E, [E, I, X] onto I] (units of V):
   * tau sqrt(K) J_ab r_b. Each is of order sqrt(K); their sum mu_a stays of order 1 in the balanced state.
   */
  muParts: [[number, number, number], [number, number, number]];
}

/** Mean-field parameters with every field present. */
export type ResolvedMeanFieldParams = Required<MeanFieldParams>;

/**
 * Fills in the model's defaults and validates mean-field parameters (shapes of J and JX, finite
 * numbers, K, tau, vTh > 0, rX >= 0).
 * @throws ParameterError naming the function `where`, the parameter and its value.
 */
export function resolveMeanFieldParams(where: string, p: MeanFieldParams): ResolvedMeanFieldParams {
  if (p === null || typeof p !== "object") invalid(where, "params", p, "an object");
  const d = defaultNetworkParams;
  const { J = d.J, JX = d.JX, K = d.K, rX = d.rX, tau = d.tau, vTh = d.vTh } = p;
  if (!Array.isArray(J) || J.length !== 2 || !Array.isArray(J[0]) || !Array.isArray(J[1]) || J[0].length !== 2 || J[1].length !== 2) {
    invalid(where, "J", J, "a 2x2 array [[J_EE, J_EI], [J_IE, J_II]]");
  }
  if (!Array.isArray(JX) || JX.length !== 2) invalid(where, "JX", JX, "an array [J_EX, J_IX]");
  for (let a = 0; a < 2; a++) {
    for (let b = 0; b < 2; b++) checkNumber(where, `J[${a}][${b}]`, J[a][b]);
    checkNumber(where, `JX[${a}]`, JX[a]);
  }
  checkNumber(where, "K", K, { min: 0, minInclusive: false });
  checkNumber(where, "rX", rX, { min: 0, unit: "Hz" });
  checkNumber(where, "tau", tau, { min: 0, minInclusive: false, unit: "s" });
  checkNumber(where, "vTh", vTh, { min: 0, minInclusive: false });
  return { J, JX, K, rX, tau, vTh };
}

function diffusion(p: ResolvedMeanFieldParams, rE: number, rI: number): DiffusionInput {
  const { J, JX, K, rX, tau } = p;
  const s = tau * Math.sqrt(K);
  const parts: [[number, number, number], [number, number, number]] = [
    [s * J[0][0] * rE, s * J[0][1] * rI, s * JX[0] * rX],
    [s * J[1][0] * rE, s * J[1][1] * rI, s * JX[1] * rX],
  ];
  const variance = (a: 0 | 1) => (tau / 2) * (J[a][0] ** 2 * rE + J[a][1] ** 2 * rI + JX[a] ** 2 * rX);
  return {
    mu: [parts[0][0] + parts[0][1] + parts[0][2], parts[1][0] + parts[1][1] + parts[1][2]],
    sigma: [Math.sqrt(variance(0)), Math.sqrt(variance(1))],
    muParts: parts,
  };
}

/**
 * Diffusion approximation of the input to a neuron of population a in {E, I} of the model's network
 * (delta synapses: each spike of a neuron of population b makes V jump by J_ab / sqrt(K)), with K
 * independent Poisson presynaptic partners in each of E, I, X firing at r_E, r_I, r_X:
 *
 *     mu_a      = tau sqrt(K) sum_b J_ab r_b,
 *     sigma_a^2 = (tau / 2) sum_b J_ab^2 r_b          (b over E, I, X).
 *
 * The input current sum_j w_j S_j(t) has mean sum_b K (J_ab / sqrt(K)) r_b and white-noise
 * intensity sum_b K (J_ab / sqrt(K))^2 r_b = sum_b J_ab^2 r_b (Campbell's theorem); the free
 * membrane potential dV/dt = -V/tau + input then has mean tau times the mean input and variance
 * tau / 2 times the intensity. sigma is therefore the standard deviation of the free membrane
 * potential, the convention of {@link siegertRate} (Brunel's (2000) sigma_B^2 = tau sum_b J_ab^2 r_b
 * is twice ours). sigma does not depend on K: the jumps shrink like 1/sqrt(K) while their number grows like K.
 *
 * @param params J, JX (dimensionless), K, tau (s); rX (Hz) from params.
 * @param rE excitatory rate (Hz), >= 0.
 * @param rI inhibitory rate (Hz), >= 0.
 * @returns mu, sigma (units of V) for [E, I] and the E, I, X parts of each mean.
 * @throws ParameterError for malformed weights, K <= 0, tau <= 0 or negative rates.
 */
export function diffusionInput(params: MeanFieldParams, rE: number, rI: number): DiffusionInput {
  const where = "diffusionInput";
  const p = resolveMeanFieldParams(where, params);
  checkNumber(where, "rE", rE, { min: 0, unit: "Hz" });
  checkNumber(where, "rI", rI, { min: 0, unit: "Hz" });
  const d = diffusion(p, rE, rI);
  const inputs = `K = ${p.K}, r = (${rE}, ${rI}, ${p.rX}) Hz`;
  for (const a of [0, 1]) {
    checkResult(where, `the mean input mu[${a}]`, d.mu[a], inputs);
    checkResult(where, `the input noise sigma[${a}]`, d.sigma[a], inputs);
    d.muParts[a].forEach((x, b) => checkResult(where, `muParts[${a}][${b}]`, x, inputs));
  }
  return d;
}

/** Options of {@link solveMeanField}. */
export interface SolveMeanFieldOptions {
  /** Starting rates [r_E, r_I] (Hz). Default: the balanced rates -J^-1 J_X r_X if both are positive, else phi of the external input alone. */
  initial?: readonly [number, number];
  /** Convergence: |phi_a(r) - r_a| <= tol * max(1, r_a) for both a (default 1e-10). */
  tol?: number;
  /** Newton iterations before giving up (default 100). */
  maxIterations?: number;
}

/** Result of {@link solveMeanField}. */
export interface MeanFieldSolution {
  /** Self-consistent excitatory rate (Hz). */
  rE: number;
  /** Self-consistent inhibitory rate (Hz). */
  rI: number;
  /** The diffusion approximation of the input at the solution. */
  input: DiffusionInput;
  /** Newton iterations used. */
  iterations: number;
  /** max_a |phi_a(r) - r_a| at the solution (Hz). */
  residual: number;
}

/**
 * Solves the finite-K mean-field equations of the E/I/X network for the stationary rates:
 *
 *     r_E = phi(mu_E(r), sigma_E(r)),   r_I = phi(mu_I(r), sigma_I(r)),
 *
 * with mu, sigma from {@link diffusionInput} and phi = {@link siegertRate} (threshold vTh, reset 0,
 * no refractory period, time constant tau). Method: Newton's method ({@link newton2d}) on
 * F(r) = phi(r) - r with a forward-difference Jacobian and a backtracking line search on
 * max_a |F_a| / max(1, r_a) (rates kept >= 0). For large K the map is stiff (the slope of phi
 * in r grows like sqrt(K)), which rules out plain fixed-point iteration; Newton converges from the
 * balanced guess. As K -> infinity the solution tends to the balanced rates J r + J_X r_X = 0
 * (r_E = 3 r_X, r_I = 2 r_X for the defaults), with corrections O(1/sqrt(K)) (van Vreeswijk &
 * Sompolinsky 1998).
 *
 * The theory assumes Poisson-like, uncorrelated inputs and small jumps (diffusion approximation);
 * it ignores the discrete time step of the simulations and the shot-noise character of jumps
 * J / sqrt(K) (0.1 to 0.25 at K = 100).
 *
 * Reference: Brunel (2000), J. Comput. Neurosci. 8:183, eqs. 21-22; Amit & Brunel (1997).
 *
 * @param params J, JX, K, rX (Hz), tau (s), vTh; the model's defaults.
 * @param options initial rates (Hz), tol, maxIterations.
 * @returns the rates (Hz), the input at the solution, iterations and residual.
 * @throws ParameterError for bad parameters; Error "solveMeanField: no convergence ..." when Newton
 *   does not reach tol within maxIterations or the line search stalls, led by what is wrong with J
 *   when J has no positive balanced solution (e.g. J_EI > 0).
 */
export function solveMeanField(params: MeanFieldParams = {}, options: SolveMeanFieldOptions = {}): MeanFieldSolution {
  const where = "solveMeanField";
  const p = resolveMeanFieldParams(where, params);
  const { tol = 1e-10, maxIterations = 100 } = options;
  checkNumber(where, "tol", tol, { min: 0, minInclusive: false });
  checkNumber(where, "maxIterations", maxIterations, { integer: true, min: 1 });
  const phi = (r: Vec2): Vec2 => {
    const d = diffusion(p, r[0], r[1]);
    return within(where, `the transfer at rE = ${r[0]} Hz, rI = ${r[1]} Hz`, () => [
      siegertRate({ mu: d.mu[0], sigma: d.sigma[0], tau: p.tau, vTh: p.vTh }),
      siegertRate({ mu: d.mu[1], sigma: d.sigma[1], tau: p.tau, vTh: p.vTh }),
    ]);
  };
  const F = (r: Vec2): Vec2 => {
    const f = phi(r);
    return [f[0] - r[0], f[1] - r[1]];
  };
  const r0 = initialRates(where, p, options.initial, phi);
  try {
    const { x: r, fx: f, iterations } = within(where, `the solve from rE = ${r0[0]} Hz, rI = ${r0[1]} Hz`, () => newton2d(F, r0, { tol, maxIterations, step: 1e-7 }));
    return { rE: r[0], rI: r[1], input: diffusion(p, r[0], r[1]), iterations, residual: Math.max(Math.abs(f[0]), Math.abs(f[1])) };
  } catch (e) {
    if (!(e instanceof Newton2dError)) throw e;
    const [rE, rI] = e.x;
    throw noConvergence(where, p, e.reason === "stalled"
      ? `the line search stalled at rE = ${rE} Hz, rI = ${rI} Hz (relative residual ${e.residual}) after ${e.iterations} Newton steps`
      : `after ${maxIterations} Newton steps: rE = ${rE} Hz, rI = ${rI} Hz, relative residual ${e.residual} > tol = ${tol}`);
  }
}

/** The starting rates: options.initial (checked), else the balanced rates if both are positive, else phi(0, 0). */
function initialRates(where: string, p: ResolvedMeanFieldParams, init: readonly [number, number] | undefined, phi: (r: Vec2) => Vec2): Vec2 {
  if (init !== undefined) {
    if (!Array.isArray(init) || init.length !== 2) invalid(where, "initial", init, "an array [r_E, r_I] (Hz)");
    return [checkNumber(where, "initial[0]", init[0], { min: 0, unit: "Hz" }), checkNumber(where, "initial[1]", init[1], { min: 0, unit: "Hz" })];
  }
  const { J, JX, rX } = p;
  const det = J[0][0] * J[1][1] - J[0][1] * J[1][0];
  const bE = det !== 0 ? ((J[0][1] * JX[1] - JX[0] * J[1][1]) * rX) / det : -1;
  const bI = det !== 0 ? ((J[1][0] * JX[0] - J[0][0] * JX[1]) * rX) / det : -1;
  return bE > 0 && bI > 0 ? [bE, bI] : phi([0, 0]);
}

/**
 * The error of a failed solve: when J has no positive balanced state (see `balanceProblem`), that
 * is the likely cause and the message says what is wrong with J first; otherwise it suggests
 * another initial guess.
 */
function noConvergence(where: string, p: ResolvedMeanFieldParams, detail: string): ParameterError {
  const problem = balanceProblem(p.J, p.JX);
  if (problem === null) return new ParameterError(`${where}: no convergence: ${detail}; try another initial guess`);
  const names = [["J_EE", "J_EI"], ["J_IE", "J_II"]];
  const signs = [0, 1].flatMap((a) => [
    ...(p.J[a][0] < 0 ? [`${names[a][0]} = ${p.J[a][0]} < 0 (E must excite)`] : []),
    ...(p.J[a][1] > 0 ? [`${names[a][1]} = ${p.J[a][1]} > 0 (I must inhibit)`] : []),
  ]);
  const prefix = signs.length > 0 ? `${signs.join(", ")}: ` : "";
  return new ParameterError(`${where}: ${prefix}${problem}; the rates may have no finite self-consistent solution (no convergence: ${detail})`);
}
