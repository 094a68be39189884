import { binCount } from "../core/time-bins";
import { checkNumber, invalid } from "../core/validate";

/**
 * The 2x2 recurrent weight matrix `[[J_EE, J_EI], [J_IE, J_II]]` (dimensionless, in units of the
 * threshold scale): row = postsynaptic population (E, I), column = presynaptic population (E, I).
 * A connection from b onto a has weight J_ab / sqrt(K).
 */
export type WeightMatrix = readonly [readonly [number, number], readonly [number, number]];

/**
 * Parameters of the E/I/X network (docs/MODEL.md). Every field has a default
 * ({@link defaultNetworkParams}); build a validated object with {@link networkParams}.
 */
export interface NetworkParams {
  /** Neurons per population (E, I and X each), an integer >= 1. Default 1000. */
  readonly N: number;
  /** Presynaptic partners of every E and I neuron from each of E, I and X, an integer in [1, N]. Default 100. */
  readonly K: number;
  /** Membrane time constant tau (s), > dt. Default 0.02 (20 ms). */
  readonly tau: number;
  /** Threshold V_th (dimensionless, same scale as V and the weights), > 0. Default 1. */
  readonly vTh: number;
  /** Time step dt (s), > 0 and < tau. Default 1e-4 (0.1 ms). */
  readonly dt: number;
  /** Simulated duration T (s), a whole number of bins of dt. Default 2. */
  readonly duration: number;
  /** Rate r_X of every external (X) Poisson neuron (Hz), >= 0 with rX * dt <= 1. Default 10. */
  readonly rX: number;
  /**
   * Recurrent weights `[[J_EE, J_EI], [J_IE, J_II]]` (dimensionless): J_aE >= 0, J_aI <= 0 (a zero
   * switches a pathway off). Default `[[1, -2.5], [1, -2]]`.
   */
  readonly J: WeightMatrix;
  /** External weights `[J_EX, J_IX]` (dimensionless), each >= 0. Default `[2, 1]`. */
  readonly JX: readonly [number, number];
}

/** The model's default parameters (docs/MODEL.md) (N = 1000, K = 100, tau = 20 ms, V_th = 1, dt = 0.1 ms, T = 2 s, r_X = 10 Hz). */
export const defaultNetworkParams: NetworkParams = Object.freeze({
  N: 1000,
  K: 100,
  tau: 0.02,
  vTh: 1,
  dt: 1e-4,
  duration: 2,
  rX: 10,
  J: Object.freeze([Object.freeze([1, -2.5]), Object.freeze([1, -2])]) as unknown as WeightMatrix,
  JX: Object.freeze([2, 1]) as unknown as readonly [number, number],
});

function checkPair(where: string, name: string, value: unknown): readonly number[] {
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) invalid(where, name, value, "an array of 2 numbers");
  const a = value as ArrayLike<unknown>;
  if (a.length !== 2) invalid(where, name, value, "an array of 2 numbers");
  return [a[0] as number, a[1] as number];
}

/**
 * Fills the model's defaults into `overrides` and validates every field.
 * @param overrides any subset of the fields of {@link NetworkParams}; units as documented there.
 * @returns a frozen, complete parameter object (J and JX copied).
 * @throws Error naming `networkParams`, the parameter, its value and what is allowed: N not an
 *   integer >= 1, K not an integer in [1, N], tau or dt not > 0, dt >= tau, vTh not > 0, a
 *   duration that is not a whole number of bins, rX < 0 or rX * dt > 1, J not 2x2, JX not of
 *   length 2, NaN anywhere, or a weight of the wrong sign (J_aE and J_aX must be >= 0, J_aI <= 0).
 */
export function networkParams(overrides: Partial<NetworkParams> = {}): NetworkParams {
  const where = "networkParams";
  if (overrides === null || typeof overrides !== "object") invalid(where, "overrides", overrides, "an object");
  for (const key of Object.keys(overrides)) {
    if (!(key in defaultNetworkParams)) {
      invalid(where, "each key", key, `one of ${Object.keys(defaultNetworkParams).join(", ")}`);
    }
  }
  const p = { ...defaultNetworkParams, ...overrides };
  checkNumber(where, "N", p.N, { integer: true, min: 1, max: 2 ** 21 });
  checkNumber(where, "K", p.K, { integer: true, min: 1, max: p.N });
  checkNumber(where, "tau", p.tau, { min: 0, minInclusive: false, unit: "s" });
  checkNumber(where, "dt", p.dt, { min: 0, minInclusive: false, max: p.tau, maxInclusive: false, unit: "s (0 < dt < tau)" });
  checkNumber(where, "vTh", p.vTh, { min: 0, minInclusive: false });
  binCount(where, p.duration, p.dt);
  checkNumber(where, "rX", p.rX, { min: 0, unit: "Hz" });
  if (p.rX * p.dt > 1) {
    invalid(where, "rX * dt", p.rX * p.dt, `<= 1 (at most one spike per bin: rX <= 1/dt = ${1 / p.dt} Hz), with rX = ${p.rX} Hz`);
  }
  if (!Array.isArray(p.J) || p.J.length !== 2) invalid(where, "J", p.J, "a 2x2 array [[J_EE, J_EI], [J_IE, J_II]]");
  const rows = [checkPair(where, "J[0] ([J_EE, J_EI])", p.J[0]), checkPair(where, "J[1] ([J_IE, J_II])", p.J[1])];
  const names = [["J_EE", "J_EI"], ["J_IE", "J_II"]];
  for (let a = 0; a < 2; a++) {
    checkNumber(where, `J[${a}][0] (${names[a][0]})`, rows[a][0], { min: 0, unit: "excitatory weight" });
    checkNumber(where, `J[${a}][1] (${names[a][1]})`, rows[a][1], { max: 0, unit: "inhibitory weight" });
  }
  const jx = checkPair(where, "JX ([J_EX, J_IX])", p.JX);
  checkNumber(where, "JX[0] (J_EX)", jx[0], { min: 0, unit: "excitatory weight" });
  checkNumber(where, "JX[1] (J_IX)", jx[1], { min: 0, unit: "excitatory weight" });
  return Object.freeze({
    N: p.N,
    K: p.K,
    tau: p.tau,
    vTh: p.vTh,
    dt: p.dt,
    duration: p.duration,
    rX: p.rX,
    J: Object.freeze([Object.freeze([rows[0][0], rows[0][1]]), Object.freeze([rows[1][0], rows[1][1]])]) as unknown as WeightMatrix,
    JX: Object.freeze([jx[0], jx[1]]) as unknown as readonly [number, number],
  });
}

/**
 * Whether J admits the balanced state: the balance condition J r + JX rX = 0 has the solution
 * r_E = (J_EI J_IX - J_EX J_II) rX / D, r_I = (J_IE J_EX - J_EE J_IX) rX / D with
 * D = J_EE J_II - J_EI J_IE (see `balancedRates`). A simulation may explore a J without one
 * (the rates are then set by the non-linearity, not by the balance; the E rate can run to
 * hundreds of Hz), so such a J is allowed, with this warning.
 * @param p validated parameters.
 * @returns a sentence saying what is wrong with J (singular, or no positive balanced solution), or undefined when J is fine.
 */
export function balanceWarning(p: NetworkParams): string | undefined {
  const [[jEE, jEI], [jIE, jII]] = p.J;
  const [jEX, jIX] = p.JX;
  const D = jEE * jII - jEI * jIE;
  const shown = `J = [[${jEE}, ${jEI}], [${jIE}, ${jII}]], JX = [${jEX}, ${jIX}]`;
  if (Math.abs(D) <= 1e-12 * (Math.abs(jEE * jII) + Math.abs(jEI * jIE))) {
    return `J is singular (det J = J_EE J_II - J_EI J_IE = 0) for ${shown}: there is no balanced state, and the rates are not those of the balance theory`;
  }
  const aE = (jEI * jIX - jEX * jII) / D;
  const aI = (jIE * jEX - jEE * jIX) / D;
  if (aE > 0 && aI > 0) return undefined;
  return `no positive balanced solution for ${shown} (J r + JX rX = 0 gives r_E = ${Number(aE.toPrecision(4))} rX, r_I = ${Number(aI.toPrecision(4))} rX): the rates are not those of the balance theory`;
}
