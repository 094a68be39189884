import { checkNumber, within } from "../core/validate";
import { MeanFieldParams, diffusionInput, resolveMeanFieldParams, solveMeanField } from "./mean-field";
import { siegertRate } from "./siegert";

/**
 * Linear stability of the stationary rates of the mean-field theory: the rate dynamics
 * tau dr_a/dt = -r_a + phi_a(r) linearised around r = phi(r).
 */

/** An eigenvalue re + i im of the linearised rate dynamics (1/s). */
export interface Eigenvalue {
  /** Real part (1/s): the perturbation grows when > 0, decays when < 0. */
  re: number;
  /** Imaginary part (1/s): non-zero for damped or growing oscillations. */
  im: number;
}

/** Result of {@link rateStability}. */
export interface RateStability {
  /** The mean-field rates r_E, r_I around which the dynamics are linearised (Hz). */
  rates: [number, number];
  /** The gain matrix A_ab = d phi_a / d r_b at the solution (dimensionless), rows a = E, I. */
  jacobian: [[number, number], [number, number]];
  /** The two eigenvalues of (A - 1) / tau (1/s). */
  eigenvalues: [Eigenvalue, Eigenvalue];
  /** True when both real parts are negative: small rate perturbations decay. */
  stable: boolean;
}

/** phi_a(r) of the mean-field theory: the Siegert rate at the diffusion input of rates r. */
function transfer(p: Required<MeanFieldParams>, rE: number, rI: number): [number, number] {
  const d = diffusionInput(p, rE, rI);
  return [0, 1].map((a) => siegertRate({ mu: d.mu[a], sigma: d.sigma[a], tau: p.tau, vTh: p.vTh })) as [number, number];
}

/**
 * Linear stability of the self-consistent mean-field rates ({@link solveMeanField}) under the rate
 * dynamics tau dr_a/dt = -r_a + phi_a(r), with the membrane time constant tau as the time
 * constant of both populations. With A_ab = d phi_a / d r_b (central differences, step 1e-4 r_b),
 * perturbations evolve as exp(lambda t) with lambda the eigenvalues of (A - 1) / tau:
 *
 *     lambda = (T +- sqrt(T^2 - 4 Det)) / 2,   T = trace((A - 1)/tau),  Det = det((A - 1)/tau).
 *
 * Through mu_a = tau sqrt(K) sum_b J_ab r_b, A grows like sqrt(K) with det A proportional to
 * det J (van Vreeswijk & Sompolinsky, Neural Comput. 10:1321, 1998, section 5): a negative det J
 * makes the balanced state unstable, and a positive one leaves stability to the trace, i.e. to the
 * gains. This is the stability of a rate model; it says nothing about instabilities of the spiking
 * network that a rate model lacks (synchrony, oscillations from delays: Brunel 2000).
 * @param params J, JX, K, rX (Hz), tau (s), vTh; the defaults of the model for missing fields.
 * @param step relative step of the central differences (default 1e-4), in [1e-12, 0.1]; one-sided at a
 *   rate within a step of 0.
 * @returns the rates (Hz), the gain matrix A, the eigenvalues (1/s) and whether both decay.
 * @throws ParameterError for bad parameters or step, or when the mean field does not converge.
 */
export function rateStability(params: MeanFieldParams = {}, step = 1e-4): RateStability {
  const where = "rateStability";
  const p = resolveMeanFieldParams(where, params);
  // below 1e-12 the differences lose every digit (and underflow to 0 / 0)
  checkNumber(where, "step", step, { min: 1e-12, max: 0.1 });
  const { rE, rI } = within(where, "params", () => solveMeanField(p));
  const hE = step * Math.max(rE, 1), hI = step * Math.max(rI, 1);
  // central differences, one-sided at a rate within a step of 0 (rates cannot be negative)
  const loE = Math.max(0, rE - hE), loI = Math.max(0, rI - hI);
  const dE = transfer(p, rE + hE, rI).map((v, a) => (v - transfer(p, loE, rI)[a]) / (rE + hE - loE));
  const dI = transfer(p, rE, rI + hI).map((v, a) => (v - transfer(p, rE, loI)[a]) / (rI + hI - loI));
  const A: [[number, number], [number, number]] = [[dE[0], dI[0]], [dE[1], dI[1]]];
  const trace = (A[0][0] - 1 + A[1][1] - 1) / p.tau;
  const det = ((A[0][0] - 1) * (A[1][1] - 1) - A[0][1] * A[1][0]) / p.tau ** 2;
  const disc = trace * trace - 4 * det;
  const root = Math.sqrt(Math.abs(disc));
  const eigenvalues: [Eigenvalue, Eigenvalue] = disc >= 0
    ? [{ re: (trace + root) / 2, im: 0 }, { re: (trace - root) / 2, im: 0 }]
    : [{ re: trace / 2, im: root / 2 }, { re: trace / 2, im: -root / 2 }];
  return { rates: [rE, rI], jacobian: A, eigenvalues, stable: eigenvalues.every((l) => l.re < 0) };
}
