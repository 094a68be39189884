import { invalid } from "../core/validate";

/**
 * Linear response of the self-consistent rates to a change of the single-neuron transfer: when
 * something the theory leaves out (e.g. the cross-correlations between a neuron's inputs) changes
 * the open-loop rate of a neuron of population a by dphi_a at the operating point, the rates of the
 * closed loop, r = phi(r) + dphi, move to first order by
 *
 *     dr = -Jac^{-1} dphi,   Jac_ab = d phi_a / d r_b - delta_ab,
 *
 * Jac the Jacobian of F(r) = phi(r) - r at the solution (dimensionless). Balance makes Jac large
 * (its entries grow like sqrt(K)), so a large open-loop change moves the closed-loop rates much
 * less.
 */

/** A pair of open-loop rate changes with the covariance of their estimate. */
export interface OpenLoopEffect {
  /** Open-loop rate changes [dphi_E, dphi_I] (Hz). */
  mean: readonly [number, number];
  /** Covariance of the estimate of `mean` (Hz^2, 2x2: the squared standard errors on the diagonal). */
  covariance: readonly (readonly number[])[];
}

/** Result of {@link closedLoopShift}. */
export interface ClosedLoopShift {
  /** Change of the self-consistent rates [dr_E, dr_I] (Hz). */
  dr: [number, number];
  /** Standard errors of dr (Hz), from the covariance of dphi propagated linearly (the Jacobian taken as exact). */
  se: [number, number];
  /** Covariance of dr (Hz^2): A C A^T with A = -Jac^{-1} and C the covariance of dphi. */
  covariance: [[number, number], [number, number]];
  /** The map A = -Jac^{-1} itself (dimensionless): dr = A dphi. */
  response: [[number, number], [number, number]];
}

function checkMatrix(where: string, name: string, m: unknown): readonly (readonly number[])[] {
  const ok = Array.isArray(m) && m.length === 2 && m.every((row) => Array.isArray(row) && row.length === 2 && row.every((v) => typeof v === "number" && Number.isFinite(v)));
  if (!ok) invalid(where, name, m, "a 2x2 array of finite numbers");
  return m as readonly (readonly number[])[];
}

/**
 * The closed-loop change of the rates caused by an open-loop change of the transfer (module
 * header): dr = -Jac^{-1} dphi, with the covariance propagated linearly, Cov(dr) = A C A^T.
 * The Jacobian is that of F(r) = phi(r) - r at the theory's solution, e.g. the `jacobian` of
 * `solveDiscreteMeanField` (Poisson inputs), `solveRenewalMeanField(...).solution.jacobian` or
 * `theoryTable(...)[i].renewal.jacobian` (renewal inputs). Those are Newton's last estimate
 * (`newton2d`): forward differences of relative step 1e-5 at an iterate near the solution,
 * refreshed every 4 steps and Broyden-updated in between; the renewal one holds the Fano factors
 * fixed (it leaves out their own dependence on the rates) and starts from the Poisson solve's
 * Jacobian. Against central differences at the solution they agree to 1e-4 at K = 100 and to
 * 0.4 % (renewal) at K = 1000, r_X = 10 Hz. The Jacobian's own error is not propagated.
 * @param jacobian Jac = [[dF_E/dr_E, dF_E/dr_I], [dF_I/dr_E, dF_I/dr_I]] (dimensionless), non-singular.
 * @param openLoop the open-loop change dphi (Hz) and the covariance of its estimate (Hz^2).
 * @returns dr (Hz), its standard errors and covariance, and the response matrix -Jac^{-1}.
 * @throws ParameterError for a jacobian or covariance that is not a 2x2 array of finite numbers, a
 *   singular jacobian, a mean that is not a pair of finite numbers, or a covariance with a negative
 *   diagonal.
 */
export function closedLoopShift(jacobian: readonly (readonly number[])[], openLoop: OpenLoopEffect): ClosedLoopShift {
  const where = "closedLoopShift";
  const J = checkMatrix(where, "jacobian", jacobian);
  if (openLoop === null || typeof openLoop !== "object") invalid(where, "openLoop", openLoop, "an object { mean, covariance }");
  const d = openLoop.mean;
  if (!Array.isArray(d) || d.length !== 2 || !d.every((v) => typeof v === "number" && Number.isFinite(v))) invalid(where, "openLoop.mean", d, "a pair [dphi_E, dphi_I] of finite numbers (Hz)");
  const C = checkMatrix(where, "openLoop.covariance", openLoop.covariance);
  if (C[0][0] < 0 || C[1][1] < 0) invalid(where, "openLoop.covariance", C, "a covariance matrix (diagonal >= 0)");
  const det = J[0][0] * J[1][1] - J[0][1] * J[1][0];
  if (!(Math.abs(det) > 1e-12 * Math.max(1, Math.abs(J[0][0] * J[1][1]), Math.abs(J[0][1] * J[1][0])))) invalid(where, "jacobian", J, "a non-singular 2x2 matrix");
  const A: [[number, number], [number, number]] = [
    [-J[1][1] / det, J[0][1] / det],
    [J[1][0] / det, -J[0][0] / det],
  ];
  const dr: [number, number] = [A[0][0] * d[0] + A[0][1] * d[1], A[1][0] * d[0] + A[1][1] * d[1]];
  const AC = A.map((row) => [row[0] * C[0][0] + row[1] * C[1][0], row[0] * C[0][1] + row[1] * C[1][1]]);
  const cov: [[number, number], [number, number]] = [
    [AC[0][0] * A[0][0] + AC[0][1] * A[0][1], AC[0][0] * A[1][0] + AC[0][1] * A[1][1]],
    [AC[1][0] * A[0][0] + AC[1][1] * A[0][1], AC[1][0] * A[1][0] + AC[1][1] * A[1][1]],
  ];
  return { dr, se: [Math.sqrt(Math.max(0, cov[0][0])), Math.sqrt(Math.max(0, cov[1][1]))], covariance: cov, response: A };
}
