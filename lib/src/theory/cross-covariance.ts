/**
 * The cross-covariance between the spike trains that converge on one neuron of the E/I/X network,
 * from linear response around the self-consistent state (population-averaged form of
 * Lindner, Doiron & Longtin 2005; Trousdale et al. 2012; Helias et al. 2013), and what it adds to
 * the summed input's autocovariance at the membrane's time scales.
 *
 * Time is counted in bins of width dt, spike trains are indicators x_j(k) in {0, 1}, spectra are
 * per bin: S(w) = sum_L c(L) e^{-i w L}, w in [-pi, pi]. Each neuron of population b responds to
 * the summed jumps of its inputs, one bin late, as x_j = xi_j + F(w) sum of its inputs' gains:
 *
 *   - the gain of population a to all its K inputs of population b raising their rate together is
 *     the Jacobian of the transfer, M_ab = d phi_a / d r_b (dimensionless); for the X inputs,
 *     M_aX = g_a K w_aX + v_a K w_aX^2, where g_a (gain per unit mean jump) and v_a (per unit jump
 *     variance) solve d phi_a / d r_b = g_a K w_ab + v_a K w_ab^2 for b = E, I;
 *   - F(w) = e^{-i w} (1 - a_m) / (1 - a_m e^{-i w}): the one-bin delay and the membrane's
 *     low-pass (a_m = 1 - dt / tau), normalised to F(0) = 1;
 *   - xi_j has the neuron's own spectrum P_b(w) = p_b (1 - p_b) + 2 p_b Re sum_{L>=1} e(L) e^{-i w L}
 *     with e(L) = m(L) - p_b (m the renewal density), represented by one exponential
 *     e(L) = A rho^L matched to its transform at a_m and a_m^2 (as the hidden modulation is).
 *
 * With N neurons per population, in-degree K from each and out-degree K on average, the population
 * sums Z_b = sum_j x_j obey Z = (1 - F M)^{-1} (Xi + F M_X Z_X), so
 *
 *     S_ZZ = G (N diag(P_E, P_I) + |F|^2 N P_X M_X M_X^T) G^*,   S_ZX = G F M_X N P_X,   G = (1 - F M)^{-1},
 *
 * P_X = p_X (1 - p_X) (Bernoulli X trains). The mean cross-spectrum of two distinct neurons is
 * c_bc = (S_ZZ,bc - delta_bc N P_b) / (N^2 - delta_bc N), and c_bX = S_ZX,b / N^2 (distinct X
 * neurons are independent). The cross part of the summed input of a neuron of population a
 * (pairs of distinct partners; K (K - 1) pairs within a population, K^2 across):
 *
 *     X_a(w) = sum_{b, c in E, I} n_bc w_ab w_ac c_bc(w) + 2 K^2 w_aX Re sum_b w_ab c_bX(w),
 *
 * w_ab = J_ab / sqrt(K). Its transform as the hidden modulation reads it (lag 0 counted half,
 * which keeps the variance of the free membrane potential right), and that variance's change:
 *
 *     T_a(z) = C(0) / 2 + sum_{L>=1} z^L C(L) = (1 / pi) int_0^pi X_a(w) (1 - z^2) / (2 |1 - z e^{i w}|^2) dw,
 *     dVar_a = (1 / pi) int_0^pi X_a(w) / |1 - a_m e^{i w}|^2 dw,
 *
 * by the midpoint rule on w = pi u^3 (dense where the membrane's kernel lives).
 */
import { checkNumber, invalid, within } from "../core/validate";

/** What the cross-covariance needs of the self-consistent state. */
export interface CrossCovarianceState {
  /** Partners per population K (integer >= 2). */
  K: number;
  /** Neurons per population N (> K). */
  N: number;
  /** Recurrent couplings J_ab (E, I onto E, I; weights J_ab / sqrt(K)). */
  J: readonly (readonly number[])[];
  /** External couplings J_aX. */
  JX: readonly number[];
  /** Spike probabilities per bin [p_E, p_I, p_X]. */
  p: readonly number[];
  /** The membrane's decay per bin a_m = 1 - dt / tau. */
  am: number;
  /** Excess transforms of each output train, [[E_E(a_m), E_E(a_m^2)], [E_I(a_m), E_I(a_m^2)]] (E(z) = M(z) - p z / (1 - z)). */
  excess: readonly (readonly number[])[];
  /** Gains d phi_a / d r_b (dimensionless, E and I rows and columns): the Jacobian of r -> phi(r) plus the identity. */
  gain: readonly (readonly number[])[];
}

/** Result of {@link inputCrossCovariance}, per target population [E, I]. */
export interface InputCrossCovariance {
  /** T_a(a_m) and T_a(a_m^2) of the cross part of the summed input (module header), [[E], [I]]. */
  transform: [[number, number], [number, number]];
  /** Change of the free membrane potential's variance by the cross part (units of V_th^2), [E, I]. */
  variance: [number, number];
}

/** Points of the frequency quadrature. */
const POINTS = 3000;

/** One exponential e(L) = A rho^L with the transform E(z) at z = a and a^2; none when the two do not fit one. */
function exponentialFit(E1: number, E2: number, a: number): { A: number; rho: number } {
  const R = E1 / E2;
  const rho = (1 - R * a) / (a * a * (1 - R));
  if (!(E1 * E2 > 0 && rho > 0 && rho < 1)) return { A: E1 * (1 - a) / a, rho: 0 };
  return { A: (E1 * (1 - a * rho)) / (a * rho), rho };
}

/** The output spectrum P(w) of a train of per-bin probability p whose excess e(L) = A rho^L (rho = 0: e(1) = A only). */
function outputSpectrum(p: number, fit: { A: number; rho: number }): (w: number) => number {
  return (w) => {
    if (fit.rho === 0) return Math.max(1e-3 * p, p * (1 - p) + 2 * p * fit.A * Math.cos(w));
    const c = Math.cos(w);
    // Re[rho e^{iw} / (1 - rho e^{iw})]
    const re = (fit.rho * c - fit.rho * fit.rho) / (1 - 2 * fit.rho * c + fit.rho * fit.rho);
    return Math.max(1e-3 * p, p * (1 - p) + 2 * p * fit.A * re);
  };
}

/** Gains M (E, I columns) and M_X of each target, from the Jacobian split into mean and variance parts. */
function gains(st: CrossCovarianceState): { M: number[][]; MX: number[] } {
  const sK = Math.sqrt(st.K);
  const MX = [0, 1].map((a) => {
    const [wE, wI, wX] = [st.J[a][0] / sK, st.J[a][1] / sK, st.JX[a] / sK];
    // d phi / d r_b = g K w_b + v K w_b^2, b = E, I
    const det = st.K * st.K * (wE * wI * wI - wI * wE * wE);
    const g = (st.gain[a][0] * st.K * wI * wI - st.gain[a][1] * st.K * wE * wE) / det;
    const v = (st.K * wE * st.gain[a][1] - st.K * wI * st.gain[a][0]) / det;
    return g * st.K * wX + v * st.K * wX * wX;
  });
  return { M: [[st.gain[0][0], st.gain[0][1]], [st.gain[1][0], st.gain[1][1]]], MX };
}

/** Complex numbers as [re, im]. */
type C = [number, number];
const mul = (x: C, y: C): C => [x[0] * y[0] - x[1] * y[1], x[0] * y[1] + x[1] * y[0]];
const sub = (x: C, y: C): C => [x[0] - y[0], x[1] - y[1]];
const scale = (x: C, s: number): C => [x[0] * s, x[1] * s];
const div = (x: C, y: C): C => {
  const d = y[0] * y[0] + y[1] * y[1];
  return [(x[0] * y[0] + x[1] * y[1]) / d, (x[1] * y[0] - x[0] * y[1]) / d];
};
const conj = (x: C): C => [x[0], -x[1]];

/**
 * The mean cross-spectra of distinct pairs at one frequency (module header): c_bc for b, c in
 * {E, I} (a 2 x 2 complex matrix) and c_bX.
 */
function pairCrossSpectra(st: CrossCovarianceState, g: { M: number[][]; MX: number[] }, P: number[], w: number): { c: C[][]; cX: C[] } {
  const { N, am } = st;
  // F = e^{-iw} (1 - a) / (1 - a e^{-iw})
  const e: C = [Math.cos(w), -Math.sin(w)];
  const F = div(scale(e, 1 - am), sub([1, 0], scale(e, am)));
  // G = (1 - F M)^{-1}
  const A = [0, 1].map((a) => [0, 1].map((b) => sub([a === b ? 1 : 0, 0], scale(F, g.M[a][b]))));
  const det = sub(mul(A[0][0], A[1][1]), mul(A[0][1], A[1][0]));
  const G: C[][] = [
    [div(A[1][1], det), div(scale(A[0][1], -1), det)],
    [div(scale(A[1][0], -1), det), div(A[0][0], det)],
  ];
  const PX = st.p[2] * (1 - st.p[2]);
  const FF = F[0] * F[0] + F[1] * F[1];
  // source covariance: N diag(P) + |F|^2 N P_X M_X M_X^T (real)
  const Q = [0, 1].map((a) => [0, 1].map((b) => N * ((a === b ? P[a] : 0) + FF * PX * g.MX[a] * g.MX[b])));
  const c = [0, 1].map((a) => [0, 1].map((b) => {
    let s: C = [0, 0];
    for (let k = 0; k < 2; k++) for (let l = 0; l < 2; l++) s = sumC(s, scale(mul(G[a][k], conj(G[b][l])), Q[k][l]));
    return scale(sub(s, [a === b ? N * P[a] : 0, 0]), 1 / (N * N - (a === b ? N : 0)));
  }));
  const FMX = [0, 1].map((k) => scale(F, g.MX[k] * N * PX));
  const cX = [0, 1].map((a) => scale(sumC(mul(G[a][0], FMX[0]), mul(G[a][1], FMX[1])), 1 / (N * N)));
  return { c, cX };
}
const sumC = (x: C, y: C): C => [x[0] + y[0], x[1] + y[1]];

/**
 * The cross part of the summed input of E and I neurons (module header): its transform at a_m and
 * a_m^2 and the change of the free membrane potential's variance.
 * Cost: 3000 frequencies, each a 2 x 2 complex inverse (well under a millisecond in all).
 * @param st the self-consistent state (K, N, couplings, per-bin rates, output excess transforms, gains).
 * @returns T_a(a_m), T_a(a_m^2) and dVar_a for a = E, I.
 * @throws ParameterError for a state out of range (K not a positive integer, N not an integer > K,
 *   J, excess or gain not 2 x 2 arrays of finite numbers, JX not a pair, p not three numbers in
 *   (0, 1), am not in (0, 1)).
 */
export function inputCrossCovariance(st: CrossCovarianceState): InputCrossCovariance {
  const where = "inputCrossCovariance";
  return within(where, "state", () => crossCovarianceOf(checkState(where, st)));
}

/** A 2 x 2 array of finite numbers, or a ParameterError naming it. */
function checkPair2(where: string, name: string, m: unknown): void {
  const ok = Array.isArray(m) && m.length === 2 && m.every((row) => Array.isArray(row) && row.length >= 2 && row.slice(0, 2).every((v) => typeof v === "number" && Number.isFinite(v)));
  if (!ok) invalid(where, name, m, "a 2 x 2 array of finite numbers");
}

/** Validates the state of {@link inputCrossCovariance}. */
function checkState(where: string, st: CrossCovarianceState): CrossCovarianceState {
  if (st === null || typeof st !== "object") invalid(where, "state", st, "an object { K, N, J, JX, p, am, excess, gain }");
  checkNumber(where, "K", st.K, { integer: true, min: 1 });
  checkNumber(where, "N", st.N, { integer: true, min: st.K + 1 });
  checkPair2(where, "J", st.J);
  checkPair2(where, "excess", st.excess);
  checkPair2(where, "gain", st.gain);
  if (!Array.isArray(st.JX) || st.JX.length !== 2) invalid(where, "JX", st.JX, "a pair [J_EX, J_IX]");
  st.JX.forEach((v, a) => checkNumber(where, `JX[${a}]`, v));
  if (!Array.isArray(st.p) || st.p.length !== 3) invalid(where, "p", st.p, "the per-bin probabilities [p_E, p_I, p_X]");
  st.p.forEach((v, b) => checkNumber(where, `p[${b}]`, v, { min: 0, minInclusive: false, max: 1, maxInclusive: false }));
  checkNumber(where, "am", st.am, { min: 0, minInclusive: false, max: 1, maxInclusive: false });
  return st;
}

/** {@link inputCrossCovariance} on a validated state. */
function crossCovarianceOf(st: CrossCovarianceState): InputCrossCovariance {
  const { K, am } = st;
  const g = gains(st);
  const spectra = [0, 1].map((b) => outputSpectrum(st.p[b], exponentialFit(st.excess[b][0], st.excess[b][1], am)));
  const sK = Math.sqrt(K);
  const w = (a: number, b: number) => st.J[a][b] / sK;
  const zs = [am, am * am];
  const T = [[0, 0], [0, 0]];
  const V = [0, 0];
  for (let k = 0; k < POINTS; k++) {
    const u = (k + 0.5) / POINTS;
    const om = Math.PI * u * u * u;
    const dw = 3 * Math.PI * u * u / POINTS;
    const P = spectra.map((f) => f(om));
    const { c, cX } = pairCrossSpectra(st, g, P, om);
    const cosw = Math.cos(om);
    for (let a = 0; a < 2; a++) {
      let X = 0;
      for (let b = 0; b < 2; b++) {
        for (let d = 0; d < 2; d++) X += (b === d ? K * (K - 1) : K * K) * w(a, b) * w(a, d) * c[b][d][0];
        X += 2 * K * K * (st.JX[a] / sK) * w(a, b) * cX[b][0];
      }
      zs.forEach((z, i) => (T[a][i] += (X * (1 - z * z)) / (2 * (1 - 2 * z * cosw + z * z)) * dw / Math.PI));
      V[a] += (X / (1 - 2 * am * cosw + am * am)) * dw / Math.PI;
    }
  }
  return { transform: [[T[0][0], T[0][1]], [T[1][0], T[1][1]]], variance: [V[0], V[1]] };
}
