import { defaultNetworkParams, WeightMatrix } from "../network/params";
import { checkNumber, invalid, ParameterError } from "../core/validate";

/** Inputs of {@link balancedRates}; missing fields take the model's defaults. */
export interface BalancedRatesInput {
  /** Recurrent weights `[[J_EE, J_EI], [J_IE, J_II]]` (dimensionless). Default `[[1, -2.5], [1, -2]]`. */
  J?: WeightMatrix;
  /** External weights `[J_EX, J_IX]` (dimensionless). Default `[2, 1]`. */
  JX?: readonly [number, number];
  /** External rate r_X (Hz), >= 0. Default 10. */
  rX?: number;
}

/** Balanced-state rates (Hz). */
export interface BalancedRates {
  /** Excitatory rate r_E (Hz). */
  rE: number;
  /** Inhibitory rate r_I (Hz). */
  rI: number;
}

/**
 * Balanced-state rates of the E/I/X network in the large-K limit (tutorial task 6.1). The mean input
 * to a neuron of population a is sqrt(K) (J_aE r_E + J_aI r_I + J_aX r_X) tau; it stays finite as
 * K grows only if the bracket vanishes for a = E and a = I:
 *
 *     J r + J_X r_X = 0,   r = -J^{-1} J_X r_X,
 *     r_E = (J_EI J_IX - J_EX J_II) r_X / D,   r_I = (J_IE J_EX - J_EE J_IX) r_X / D,
 *     D = det J = J_EE J_II - J_EI J_IE.
 *
 * With the defaults (D = 0.5): r_E = 3 r_X, r_I = 2 r_X. The rates are linear in r_X.
 *
 * Conditions on J (with J_aE, J_aX > 0 and J_aI < 0): a positive solution requires either
 * J_EX/J_IX > |J_EI|/|J_II| > J_EE/J_IE (then D > 0, the case of van Vreeswijk & Sompolinsky;
 * whether that state is stable depends further on the single-neuron gains and time constants),
 * or all these inequalities reversed (D < 0: the solution exists, but linearised rate dynamics
 * around it have a positive eigenvalue, since det(G J) = g_E g_I D < 0 for positive gains G;
 * it is still returned). Any 2x2 J is
 * accepted here, whatever its signs; only the existence of a positive solution is checked.
 *
 * Reference: C. van Vreeswijk and H. Sompolinsky, "Chaotic balanced state in a model of cortical
 * circuits", Neural Computation 10, 1321-1371 (1998), section 4.
 *
 * @param input J, JX (dimensionless) and rX (Hz); the model's defaults.
 * @returns r_E and r_I (Hz); both 0 when rX = 0.
 * @throws ParameterError when J is not 2x2 or JX not of length 2, a value is not finite, rX < 0, J is
 *   singular (D = 0), or the solution is not positive (r_E <= 0 or r_I <= 0), naming the
 *   conditions above.
 */
export function balancedRates(input: BalancedRatesInput = {}): BalancedRates {
  const where = "balancedRates";
  const J = input.J ?? defaultNetworkParams.J;
  const JX = input.JX ?? defaultNetworkParams.JX;
  const rX = checkNumber(where, "rX", input.rX ?? defaultNetworkParams.rX, { min: 0, unit: "Hz" });
  checkWeights(where, J, JX);
  const problem = balanceProblem(J, JX);
  if (problem !== null) throw new ParameterError(`${where}: ${problem}`);
  const { aE, aI } = balanceSolution(J, JX);
  return { rE: aE * rX, rI: aI * rX };
}

/** Checks that J is a 2x2 array and JX an array of 2, all finite numbers. */
function checkWeights(where: string, J: unknown, JX: unknown): asserts J is WeightMatrix {
  const rows = J as unknown[][];
  if (!Array.isArray(J) || J.length !== 2 || !Array.isArray(rows[0]) || !Array.isArray(rows[1]) || rows[0].length !== 2 || rows[1].length !== 2) {
    invalid(where, "J", J, "a 2x2 array [[J_EE, J_EI], [J_IE, J_II]]");
  }
  if (!Array.isArray(JX) || JX.length !== 2) invalid(where, "JX", JX, "an array [J_EX, J_IX]");
  ["J_EE", "J_EI", "J_IE", "J_II"].forEach((name, k) => checkNumber(where, name, rows[k >> 1][k & 1]));
  checkNumber(where, "J_EX", (JX as number[])[0]);
  checkNumber(where, "J_IX", (JX as number[])[1]);
}

/**
 * The solution of J r + J_X r_X = 0 per unit of r_X for weights already checked (not validated
 * here; internal to theory): a_E, a_I and D = det J, the coefficients infinite or NaN when D = 0.
 * @param J 2x2 weights [[J_EE, J_EI], [J_IE, J_II]].
 * @param JX external weights [J_EX, J_IX].
 * @returns a_E, a_I and D.
 */
export function balanceSolution(J: WeightMatrix, JX: readonly [number, number]): { aE: number; aI: number; det: number } {
  const det = J[0][0] * J[1][1] - J[0][1] * J[1][0];
  return { aE: (J[0][1] * JX[1] - JX[0] * J[1][1]) / det, aI: (J[1][0] * JX[0] - J[0][0] * JX[1]) / det, det };
}

/**
 * What keeps J from having a positive balanced state, in words, or null when it has one: a
 * singular J, or a solution of J r + J_X r_X = 0 that is not positive, with the conditions it
 * needs. Used by {@link balancedRates} (which refuses such a J) and by the mean-field solver
 * (which says it when it cannot converge).
 * @param J validated 2x2 weights.
 * @param JX validated external weights.
 * @returns the problem, or null.
 */
export function balanceProblem(J: WeightMatrix, JX: readonly [number, number]): string | null {
  checkWeights("balanceProblem", J, JX);
  const shown = `J = [[${J[0][0]}, ${J[0][1]}], [${J[1][0]}, ${J[1][1]}]], JX = [${JX[0]}, ${JX[1]}]`;
  const { aE, aI, det } = balanceSolution(J, JX);
  if (det === 0) return `J must be invertible (det J = J_EE J_II - J_EI J_IE != 0), got det J = 0 for ${shown}`;
  if (aE > 0 && aI > 0) return null;
  return (
    `no positive balanced solution for ${shown}: J r + JX rX = 0 gives r_E = ${aE} rX, r_I = ${aI} rX; ` +
    "a positive solution needs J_EX/J_IX > |J_EI|/|J_II| > J_EE/J_IE (det J > 0) or all three reversed (det J < 0, unstable)"
  );
}
