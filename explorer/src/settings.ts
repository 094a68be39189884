/**
 * The explorer's settings: the controls (what each sets, its label, unit and range), the
 * tutorial's values, their reading from and writing to the URL, and the simulation options they
 * give. Ranges are those the library accepts (networkParams, simulateNetwork); values typed past
 * them reach the library, which refuses them with its message.
 */
import { defaultNetworkParams, type NetworkParams } from "../../lib/src/network/params";
import type { SimulationOptions } from "../../lib/src/network/simulation-options";

/** What the reader sets: a number per numeric control, the initial V as a choice. */
export interface Settings {
  rX: number;
  K: number;
  N: number;
  JEI: number;
  JII: number;
  /** Membrane time constant (ms in the control; seconds in the library). */
  tauMs: number;
  /** Simulated time (s). */
  T: number;
  V0: "zero" | "uniform";
  seed: number;
}

/** One numeric control: its key, label (HTML), unit, and the range and step of its input. */
export interface NumberControl {
  key: Exclude<keyof Settings, "V0">;
  label: string;
  unit: string;
  min?: number;
  max?: number;
  step: number;
}

const d = defaultNetworkParams;

/** The tutorial's values (notebook 05): the library's defaults, seed 1, V(0) = 0. */
export const TUTORIAL: Readonly<Settings> = Object.freeze({
  rX: d.rX, K: d.K, N: d.N, JEI: d.J[0][1], JII: d.J[1][1], tauMs: d.tau * 1e3, T: d.duration, V0: "zero", seed: 1,
});

/** The numeric controls, in page order, with the library's limits (N <= 2^21, K <= N, J_aI <= 0, rX <= 1/dt). */
export const NUMBER_CONTROLS: readonly NumberControl[] = [
  { key: "rX", label: "r<sub>X</sub>", unit: "Hz", min: 0, max: 1 / d.dt, step: 1 },
  { key: "K", label: "K", unit: "partners", min: 1, max: 2 ** 21, step: 10 },
  { key: "N", label: "N", unit: "per population", min: 1, max: 2 ** 21, step: 100 },
  { key: "JEI", label: "J<sub>EI</sub>", unit: "", max: 0, step: 0.1 },
  { key: "JII", label: "J<sub>II</sub>", unit: "", max: 0, step: 0.1 },
  { key: "tauMs", label: "τ", unit: "ms", min: 0, step: 1 },
  { key: "T", label: "duration", unit: "s", min: 0, step: 0.5 },
  { key: "seed", label: "seed", unit: "", min: 0, step: 1 },
];

/** Memory the explorer lets one run take (bytes): the library refuses a larger run with its estimate. */
export const EXPLORER_MAX_BYTES = 5e8;

/** Time dropped at the start when counting rates (s): the tutorial's 0.2 s, at most half the run. */
export function transientOf(T: number): number {
  return Math.min(0.2, T / 2);
}

/**
 * The simulation options of a setting: the library's defaults with r_X, K, N, J_EI, J_II, tau and
 * the duration replaced (J_EE, J_IE, J_X, V_th and dt stay at the tutorial's values).
 * @param s the settings.
 * @returns options for simulateNetwork (one thread, population rate recorded, the explorer's memory limit).
 */
export function simulationOptions(s: Settings): SimulationOptions {
  const params: Partial<NetworkParams> = {
    rX: s.rX, K: s.K, N: s.N, tau: s.tauMs / 1e3, duration: s.T,
    J: [[d.J[0][0], s.JEI], [d.J[1][0], s.JII]],
  };
  return { params, seed: s.seed, initialV: s.V0, recordPopulationRate: true, threads: 1, maxBytes: EXPLORER_MAX_BYTES };
}

/**
 * The settings a URL fragment or query carries (`rX=20&K=200&V0=uniform`), the tutorial's values
 * for the rest; a value that is not a number is kept as NaN, for the library to refuse.
 * @param search the text after "#" or "?".
 * @returns the settings.
 */
export function settingsFromText(search: string): Settings {
  const q = new URLSearchParams(search);
  const s: Settings = { ...TUTORIAL };
  for (const c of NUMBER_CONTROLS) {
    const v = q.get(c.key);
    if (v !== null && v.trim() !== "") s[c.key] = Number(v);
  }
  const v0 = q.get("V0");
  if (v0 === "uniform" || v0 === "zero") s.V0 = v0;
  return s;
}

/**
 * The URL fragment text of the settings that differ from the tutorial's (empty at the tutorial).
 * @param s the settings.
 * @returns e.g. "rX=20&seed=3".
 */
export function settingsToText(s: Settings): string {
  const q = new URLSearchParams();
  for (const key of Object.keys(TUTORIAL) as (keyof Settings)[]) {
    if (s[key] !== TUTORIAL[key]) q.set(key, String(s[key]));
  }
  return q.toString();
}
