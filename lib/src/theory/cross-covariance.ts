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
import { exponentialDecay } from "./exponential-fit";

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
  /** The membrane's decay per bin a_m = 1 - dt / tau, in [1e-6, 1). */
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
  const rho = exponentialDecay(E1, E2, a);
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

/**
 * The real parts of the mean cross-spectra of distinct pairs at one frequency w (module header),
 * written into `out`: [c_EE, c_EI (= conj c_IE), c_II, c_EX, c_IX]. Scalar complex arithmetic:
 * F = fr + i fi, G = (1 - F M)^{-1} = adj(A) / det(A).
 */
function pairCrossSpectra(st: CrossCovarianceState, g: { M: number[][]; MX: number[] }, P: readonly number[], w: number, out: Float64Array): void {
  const { N, am } = st;
  // F = e^{-iw} (1 - a) / (1 - a e^{-iw})
  const c = Math.cos(w), s = -Math.sin(w);
  const dr = 1 - am * c, di = -am * s, dd = dr * dr + di * di;
  const fr = ((1 - am) * (c * dr + s * di)) / dd, fi = ((1 - am) * (s * dr - c * di)) / dd;
  // A = 1 - F M
  const a00r = 1 - fr * g.M[0][0], a00i = -fi * g.M[0][0], a01r = -fr * g.M[0][1], a01i = -fi * g.M[0][1];
  const a10r = -fr * g.M[1][0], a10i = -fi * g.M[1][0], a11r = 1 - fr * g.M[1][1], a11i = -fi * g.M[1][1];
  const detr = a00r * a11r - a00i * a11i - (a01r * a10r - a01i * a10i), deti = a00r * a11i + a00i * a11r - (a01r * a10i + a01i * a10r);
  const den = detr * detr + deti * deti;
  // G = adj(A) / det: G00 = A11 / det, G01 = -A01 / det, G10 = -A10 / det, G11 = A00 / det
  const q = (xr: number, xi: number): [number, number] => [(xr * detr + xi * deti) / den, (xi * detr - xr * deti) / den];
  const G = [[q(a11r, a11i), q(-a01r, -a01i)], [q(-a10r, -a10i), q(a00r, a00i)]];
  const PX = st.p[2] * (1 - st.p[2]);
  const FF = fr * fr + fi * fi;
  // Re sum_kl G_bk conj(G_dl) Q_kl, Q = N diag(P) + |F|^2 N P_X M_X M_X^T (real, symmetric)
  const reGG = (b: number, d: number) => {
    let sum = 0;
    for (let k = 0; k < 2; k++) {
      for (let l = 0; l < 2; l++) {
        const Q = N * ((k === l ? P[k] : 0) + FF * PX * g.MX[k] * g.MX[l]);
        sum += Q * (G[b][k][0] * G[d][l][0] + G[b][k][1] * G[d][l][1]);
      }
    }
    return sum;
  };
  out[0] = (reGG(0, 0) - N * P[0]) / (N * N - N);
  out[1] = reGG(0, 1) / (N * N);
  out[2] = (reGG(1, 1) - N * P[1]) / (N * N - N);
  // Re (G F M_X)_b N P_X / N^2
  for (let b = 0; b < 2; b++) {
    let re = 0;
    for (let k = 0; k < 2; k++) re += (G[b][k][0] * fr - G[b][k][1] * fi) * g.MX[k];
    out[3 + b] = (re * PX) / N;
  }
}

/**
 * The cross part of the summed input of E and I neurons (module header): its transform at a_m and
 * a_m^2 and the change of the free membrane potential's variance.
 * Cost: 3000 frequencies, each a 2 x 2 complex inverse (about a millisecond in all).
 * @param st the self-consistent state (K, N, couplings, per-bin rates, output excess transforms, gains).
 * @returns T_a(a_m), T_a(a_m^2) and dVar_a for a = E, I.
 * @throws ParameterError for a state out of range (K not a positive integer, N not an integer > K,
 *   J, excess or gain not 2 x 2 arrays of finite numbers, JX not a pair, p not three numbers in
 *   (0, 1), am not in [1e-6, 1)).
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
  // a_m^2 enters the exponential fits of the excess transforms: below 1e-6 (dt > 0.999999 tau) its quotients lose every digit
  checkNumber(where, "am", st.am, { min: 1e-6, max: 1, maxInclusive: false });
  return st;
}

/** {@link inputCrossCovariance} on a validated state. */
function crossCovarianceOf(st: CrossCovarianceState): InputCrossCovariance {
  const { K, am } = st;
  const g = gains(st);
  const spectra = [0, 1].map((b) => outputSpectrum(st.p[b], exponentialFit(st.excess[b][0], st.excess[b][1], am)));
  const sK = Math.sqrt(K);
  const z2 = am * am;
  const T = [[0, 0], [0, 0]];
  const V = [0, 0];
  const c = new Float64Array(5);
  const P = [0, 0];
  for (let k = 0; k < POINTS; k++) {
    const u = (k + 0.5) / POINTS;
    const om = Math.PI * u * u * u;
    const dw = (3 * u * u) / POINTS;
    P[0] = spectra[0](om);
    P[1] = spectra[1](om);
    pairCrossSpectra(st, g, P, om, c);
    const cosw = Math.cos(om);
    for (let a = 0; a < 2; a++) {
      const wE = st.J[a][0] / sK, wI = st.J[a][1] / sK, wX = st.JX[a] / sK;
      const X = K * (K - 1) * (wE * wE * c[0] + wI * wI * c[2]) + 2 * K * K * (wE * wI * c[1] + wX * (wE * c[3] + wI * c[4]));
      // dw / pi with the 1 / pi of the integrals folded in
      T[a][0] += ((X * (1 - z2)) / (2 * (1 - 2 * am * cosw + z2))) * dw;
      T[a][1] += ((X * (1 - z2 * z2)) / (2 * (1 - 2 * z2 * cosw + z2 * z2))) * dw;
      V[a] += (X / (1 - 2 * am * cosw + z2)) * dw;
    }
  }
  return { transform: [[T[0][0], T[0][1]], [T[1][0], T[1][1]]], variance: [V[0], V[1]] };
}
