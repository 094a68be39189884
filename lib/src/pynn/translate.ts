import { NetworkParams, networkParams } from "../network/params";
import { checkNumber, invalid, within } from "../core/validate";

/** What to export: the model, the run's seed and initial state, what to record, the voltage scale. */
export interface PyNNExportOptions {
  /** Model parameters; missing fields take the model's defaults (docs/MODEL.md) (units in {@link NetworkParams}). */
  params?: Partial<NetworkParams>;
  /** Seed of the exported run, an integer in [0, 2^28] (the script's default `--seed`). */
  seed: number;
  /** Initial membrane potentials, as in `simulateNetwork`: `"zero"` (default) or `"uniform"` in [0, V_th). */
  initialV?: "zero" | "uniform";
  /** Neurons recorded per population (the first ones), an integer in [0, N]; default N (all). */
  record?: number;
  /** Millivolts per unit of the dimensionless V, > 0; default 20 (V_th = 1 is 20 mV above rest). */
  millivoltsPerUnit?: number;
}

/** Weights of the six projections in mV, keyed post + pre (`EI`: from I onto E). */
export interface PyNNWeights {
  /** E onto E (mV, >= 0). */
  EE: number;
  /** I onto E (mV, <= 0). */
  EI: number;
  /** X onto E (mV, >= 0). */
  EX: number;
  /** E onto I (mV, >= 0). */
  IE: number;
  /** I onto I (mV, <= 0). */
  II: number;
  /** X onto I (mV, >= 0). */
  IX: number;
}

/** The network in PyNN's units (ms, mV, nF, nA, Hz), as the exported script uses it. */
export interface PyNNParameters {
  /** Neurons per population. */
  N: number;
  /** Partners per neuron from each source population. */
  K: number;
  /** Time step (ms). */
  dt_ms: number;
  /** Simulated time T - dt (ms): the T/dt - 1 steps of the T/dt bins of ei-balance. */
  run_ms: number;
  /** Duration T of the recorded spike trains (ms). */
  duration_ms: number;
  /** Membrane time constant tau' = -dt / ln(1 - dt/tau) (ms) of the exactly integrated leak. */
  tau_m_ms: number;
  /** Threshold vTh * millivoltsPerUnit (mV above rest). */
  v_thresh_mV: number;
  /** Reset potential (mV): 0, the resting potential. */
  v_reset_mV: number;
  /** Resting potential (mV): 0. */
  v_rest_mV: number;
  /** Refractory period (ms): 0, none. */
  tau_refrac_ms: number;
  /** Membrane capacitance (nF): 1, without effect (no current flows). */
  cm_nF: number;
  /** Offset current (nA): 0. */
  i_offset_nA: number;
  /** Synaptic delay (ms): dt. */
  delay_ms: number;
  /** Rate of the X Poisson sources (Hz). */
  rate_X_Hz: number;
  /** J_ab / sqrt(K) * millivoltsPerUnit (mV) per projection. */
  weights_mV: PyNNWeights;
  /** Initial V: "zero" or "uniform" in [0, v_thresh). */
  initial_v: "zero" | "uniform";
  /** Neurons recorded per population (the first ones). */
  record: number;
  /** The script's default seed. */
  seed: number;
}

/** A resolved export: the validated model, the voltage scale and the PyNN parameters. */
export interface PyNNTranslation {
  /** The validated model parameters (ei-balance's units). */
  model: NetworkParams;
  /** Millivolts per unit of V. */
  millivoltsPerUnit: number;
  /** The same network in PyNN's units. */
  pynn: PyNNParameters;
}

/**
 * Translates the E/I/X network into PyNN's IF_curr_delta model and units (ms, mV, nF, nA, Hz).
 *
 * - Leak: the simulators integrate dV/dt = -V/tau' exactly (V <- V exp(-dt/tau') per step);
 *   tau' = -dt / ln(1 - dt/tau) makes one step's decay equal to the Euler factor 1 - dt/tau of
 *   `simulateNetwork` (tau' = 19.950 ms for tau = 20 ms, dt = 0.1 ms).
 * - Voltage scale: one unit of V is `millivoltsPerUnit` mV; threshold vTh * scale, reset and rest
 *   0 mV, weight (mV) of a connection from b onto a J_ab / sqrt(K) * scale.
 * - Delay dt, refractory period 0, run length T - dt (T/dt - 1 steps, like simulateNetwork).
 *
 * @param options model parameters, seed, initial V, recording and voltage scale
 * @returns the validated model and its PyNN parameters
 * @throws ParameterError for invalid parameters (see `networkParams`), a seed that is not an
 *   integer in [0, 2^28], an unknown initialV, a record count outside [0, N], or a scale <= 0.
 */
export function pynnParameters(options: PyNNExportOptions): PyNNTranslation {
  const where = "pynnParameters";
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const model = within(where, "params", () => networkParams(options.params ?? {}));
  const seed = checkNumber(where, "seed", options.seed, { integer: true, min: 0, max: 2 ** 28 });
  const initialV = options.initialV ?? "zero";
  if (initialV !== "zero" && initialV !== "uniform") invalid(where, "initialV", initialV, '"zero" or "uniform"');
  const record = checkNumber(where, "record", options.record ?? model.N, { integer: true, min: 0, max: model.N });
  const mv = checkNumber(where, "millivoltsPerUnit", options.millivoltsPerUnit ?? 20, { min: 0, minInclusive: false, unit: "mV" });
  const { N, K, dt, tau, duration, J, JX } = model;
  const w = (j: number) => (j / Math.sqrt(K)) * mv;
  const dtMs = dt * 1e3;
  const durationMs = duration * 1e3;
  const pynn: PyNNParameters = {
    N, K, dt_ms: dtMs, run_ms: durationMs - dtMs, duration_ms: durationMs,
    tau_m_ms: -dtMs / Math.log1p(-dt / tau),
    v_thresh_mV: model.vTh * mv, v_reset_mV: 0, v_rest_mV: 0, tau_refrac_ms: 0, cm_nF: 1, i_offset_nA: 0,
    delay_ms: dtMs, rate_X_Hz: model.rX,
    weights_mV: { EE: w(J[0][0]), EI: w(J[0][1]), EX: w(JX[0]), IE: w(J[1][0]), II: w(J[1][1]), IX: w(JX[1]) },
    initial_v: initialV, record, seed,
  };
  return { model, millivoltsPerUnit: mv, pynn };
}
