import { type PyNNTranslation } from "./translate";

/**
 * The translation of {@link pynnParameters} as table rows: quantity | ours | PyNN, with the leak
 * check e^(-dt/tau') = 1 - dt/tau computed from the translated tau'.
 * @param t a translation from `pynnParameters`
 * @returns header and rows for `markdownTable`
 */
export function translationRows(t: PyNNTranslation): { header: string[]; rows: string[][] } {
  const { model: m, pynn: p } = t;
  const w = p.weights_mV;
  const ms = (s: number) => `${+(s * 1e3).toFixed(6)} ms`;
  const rows = [
    ["threshold", `V_th = ${m.vTh}`, `v_thresh = ${p.v_thresh_mV} mV`],
    ["membrane time constant", `tau = ${ms(m.tau)} (Euler)`,
      `tau_m = tau' = ${p.tau_m_ms.toFixed(4)} ms (exact); e^(-dt/tau') = ${Math.exp(-p.dt_ms / p.tau_m_ms).toFixed(6)}, 1 - dt/tau = ${(1 - m.dt / m.tau).toFixed(6)}`],
    ["weights E←E, E←I, E←X", `${m.J[0][0]}, ${m.J[0][1]}, ${m.JX[0]} (/√K)`, `${w.EE}, ${w.EI}, ${w.EX} mV`],
    ["weights I←E, I←I, I←X", `${m.J[1][0]}, ${m.J[1][1]}, ${m.JX[1]} (/√K)`, `${w.IE}, ${w.II}, ${w.IX} mV`],
    ["time step, delay", `${ms(m.dt)}, one bin`, `dt = ${p.dt_ms} ms, delay = ${p.delay_ms} ms`],
    ["run", `${Math.round(m.duration / m.dt)} bins`, `${+p.run_ms.toFixed(6)} ms`],
  ];
  return { header: ["quantity", "ours", "PyNN"], rows };
}
