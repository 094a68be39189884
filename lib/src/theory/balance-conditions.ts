import { defaultNetworkParams, type WeightMatrix } from "../network/params";
import { checkNumber, invalid } from "../core/validate";
import { balanceSolution } from "./balanced-rates";

/**
 * The balance conditions of the E/I/X network (van Vreeswijk and Sompolinsky 1998, section 4):
 * which of the two inequalities J_EX/J_IX > |J_EI|/|J_II| > J_EE/J_IE hold for a coupling
 * matrix, the balanced solution r = -J^{-1} J_X r_X, and the state the large-K theory predicts.
 */

/** The state the balance theory predicts for a coupling matrix (see {@link balanceConditions}). */
export type PredictedState = "balanced" | "E silent" | "runaway";

/** Result of {@link balanceConditions}. */
export interface BalanceConditions {
  /** J_EX / J_IX: the external drive of E relative to that of I. */
  external: number;
  /** |J_EI| / |J_II|: the inhibition of E relative to that of I. */
  inhibitory: number;
  /** J_EE / J_IE: the excitation of E relative to that of I. */
  excitatory: number;
  /** Whether J_EX/J_IX > |J_EI|/|J_II| (else the balanced r_E is not positive: E falls silent). */
  upper: boolean;
  /** Whether |J_EI|/|J_II| > J_EE/J_IE, i.e. det J > 0 (else inhibition cannot hold E back). */
  lower: boolean;
  /** det J = J_EE J_II - J_EI J_IE. */
  det: number;
  /** The solution of J r + J_X r_X = 0 (Hz), whatever its signs; both null when det J = 0 (no unique solution). */
  rates: { rE: number | null; rI: number | null };
  /** "balanced" when both inequalities hold, "E silent" when only the lower one does, else "runaway". */
  state: PredictedState;
}

/** Inputs of {@link balanceConditions}; missing fields take the model's defaults. */
export interface BalanceConditionsInput {
  /** Recurrent weights `[[J_EE, J_EI], [J_IE, J_II]]`: J_EE >= 0, J_IE > 0, J_EI <= 0, J_II < 0 (model default). */
  J?: WeightMatrix;
  /** External weights `[J_EX, J_IX]`: J_EX >= 0, J_IX > 0. Default `[2, 1]`. */
  JX?: readonly [number, number];
  /** External rate r_X (Hz), >= 0. Default 10. */
  rX?: number;
}

/**
 * The balance conditions of a coupling matrix. In the balanced state the mean inputs
 * tau sqrt(K) (J_aE r_E + J_aI r_I + J_aX r_X) stay finite as K grows only when J r + J_X r_X = 0:
 *
 *     r_E = (J_EI J_IX - J_EX J_II) r_X / det J,   r_I = (J_IE J_EX - J_EE J_IX) r_X / det J,
 *     det J = J_EE J_II - J_EI J_IE = |J_EI| J_IE - J_EE |J_II|.
 *
 * det J > 0 is the lower inequality |J_EI|/|J_II| > J_EE/J_IE; with it, r_E > 0 is the upper one
 * J_EX/J_IX > |J_EI|/|J_II|, and r_I > 0 follows (J_EX/J_IX > J_EE/J_IE). Predictions: both hold,
 * "balanced" (rates r of order r_X); the upper fails with the lower holding, "E silent" (the
 * balance asks r_E < 0: E is silent and I balances X alone at r_I = J_IX r_X / |J_II|); the lower
 * fails, "runaway" (no positive solution, or one with det J < 0, which the rate dynamics leave:
 * E excitation is not held back and the rates grow until the neurons saturate). On an equality
 * the inequality is taken as failed (a boundary).
 * @param input J, JX (dimensionless, the library's signs) and rX (Hz); defaults as in the model.
 * @returns the three ratios, which inequalities hold, det J, the solution (Hz) and the prediction.
 * @throws ParameterError when a weight is not finite or has the wrong sign, J_IE, J_II or J_IX is
 *   zero (a ratio would be undefined), or rX is not a finite number >= 0.
 */
export function balanceConditions(input: BalanceConditionsInput = {}): BalanceConditions {
  const where = "balanceConditions";
  if (input === null || typeof input !== "object") invalid(where, "input", input, "an object { J?, JX?, rX? }");
  const J = input.J ?? defaultNetworkParams.J;
  const JX = input.JX ?? defaultNetworkParams.JX;
  const rX = checkNumber(where, "rX", input.rX ?? defaultNetworkParams.rX, { min: 0, unit: "Hz" });
  if (!Array.isArray(J) || J.length !== 2 || !J.every((row) => Array.isArray(row) && row.length === 2)) {
    invalid(where, "J", J, "a 2x2 array [[J_EE, J_EI], [J_IE, J_II]]");
  }
  if (!Array.isArray(JX) || JX.length !== 2) invalid(where, "JX", JX, "an array [J_EX, J_IX]");
  const jEE = checkNumber(where, "J_EE", J[0][0], { min: 0, unit: "excitatory weight" });
  const jEI = checkNumber(where, "J_EI", J[0][1], { max: 0, unit: "inhibitory weight" });
  const jIE = checkNumber(where, "J_IE", J[1][0], { min: 0, minInclusive: false, unit: "excitatory weight" });
  const jII = checkNumber(where, "J_II", J[1][1], { max: 0, maxInclusive: false, unit: "inhibitory weight" });
  const jEX = checkNumber(where, "J_EX", JX[0], { min: 0, unit: "external weight" });
  const jIX = checkNumber(where, "J_IX", JX[1], { min: 0, minInclusive: false, unit: "external weight" });
  const external = jEX / jIX,
    inhibitory = -jEI / -jII,
    excitatory = jEE / jIE;
  const upper = external > inhibitory,
    lower = inhibitory > excitatory;
  const { aE, aI, det } = balanceSolution(
    [
      [jEE, jEI],
      [jIE, jII],
    ],
    [jEX, jIX],
  );
  const state: PredictedState = lower ? (upper ? "balanced" : "E silent") : "runaway";
  const unique = det !== 0 && Number.isFinite(aE) && Number.isFinite(aI);
  const rates = unique ? { rE: aE * rX, rI: aI * rX } : { rE: null, rI: null };
  return { external, inhibitory, excitatory, upper, lower, det, rates, state };
}
