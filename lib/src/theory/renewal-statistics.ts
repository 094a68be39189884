/**
 * Second-order statistics of a discrete-time renewal spike train (at most one spike per bin) from
 * its inter-spike-interval distribution f(n) = P(ISI = n bins): the renewal density and the
 * effective Fano factor that sets how much variance the train adds to a leaky membrane.
 *
 * Reference for the self-consistent use of the output's own interval statistics as the input's:
 * A. Lerchner, C. Ursta, J. Hertz, M. Ahmadi, P. Ruffiot and S. Enemark, "Response variability
 * in balanced cortical networks", Neural Comput. 18, 634-659 (2006); B. Dummer, S. Wieland and
 * B. Lindner, "Self-consistent determination of the spike-train power spectrum in a neural
 * network with sparse connectivity", Front. Comput. Neurosci. 8:104 (2014).
 */
import { checkNumber, invalid } from "../core/validate";
import { checkBudget, resolveLimits } from "../core/limits";

/** An ISI distribution in bins with a geometric tail. */
export interface IsiDistribution {
  /** isi[n] = P(ISI = n bins) for n = 0 .. N (isi[0] = 0). */
  isi: Float64Array;
  /** Beyond N, P(ISI = n) = isi[N] tailRatio^(n - N) (0 for no tail). */
  tailRatio: number;
}

function checkIsi(where: string, d: IsiDistribution): void {
  if (d === null || typeof d !== "object" || !(d.isi instanceof Float64Array) || d.isi.length < 2) {
    invalid(where, "distribution", d, "{ isi: Float64Array of length >= 2, tailRatio }");
  }
  checkNumber(where, "tailRatio", d.tailRatio, { min: 0, max: 1, maxInclusive: false });
}

/**
 * The renewal density m(L) = P(spike in bin L | spike in bin 0), L = 1 .. maxLag, from the discrete
 * renewal equation m(L) = f(L) + sum_{k=1}^{L-1} f(k) m(L - k) (f extended by its geometric tail).
 * For a train of rate r, m(L) -> r dt as L grows; m(L) = r dt for all L for a Bernoulli train.
 * Cost O(maxLag^2).
 * @param d the ISI distribution (bins) with its tail.
 * @param maxLag largest lag (bins), a positive integer.
 * @returns m(0 .. maxLag) (m[0] = 1 by convention: the spike at 0 itself).
 * @throws ParameterError for a malformed distribution or maxLag, or maxLag past the work or memory
 *   limits (maxLag^2 / 2 steps, see `core/limits`).
 */
export function renewalDensity(d: IsiDistribution, maxLag: number): Float64Array {
  const where = "renewalDensity";
  checkIsi(where, d);
  checkNumber(where, "maxLag", maxLag, { integer: true, min: 1 });
  checkBudget(where, resolveLimits(where), { what: `the renewal density up to lag ${maxLag} (a convolution sum per lag)`, bytes: 16 * (maxLag + 1), steps: (maxLag * (maxLag + 1)) / 2 });
  const N = d.isi.length - 1;
  const f = new Float64Array(maxLag + 1);
  for (let n = 1; n <= maxLag; n++) f[n] = n <= N ? d.isi[n] : d.isi[N] * d.tailRatio ** (n - N);
  const m = new Float64Array(maxLag + 1);
  m[0] = 1;
  for (let L = 1; L <= maxLag; L++) {
    let s = 0;
    for (let k = 1; k <= L; k++) s += f[k] * m[L - k];
    m[L] = s;
  }
  return m;
}

/**
 * The effective Fano factor of a renewal train seen through a leaky membrane with per-bin decay
 * a = 1 - dt/tau: the factor by which its contribution to the stationary variance of the free
 * membrane potential exceeds that of a Bernoulli train of the same rate,
 *
 *     F = 1 + (2 / (1 - p)) sum_{L>=1} a^L (m(L) - p),   p = r dt = 1 / mean ISI (bins),
 *
 * since Var V = [C(0) + 2 sum_L a^L C(L)] / (1 - a^2) with the per-bin autocovariance
 * C(0) = p (1 - p), C(L) = p (m(L) - p). F = 1 for a Bernoulli (Poisson) train; F > 1 when short
 * intervals (bursts) are more common than for Poisson, F < 1 for regular trains. As a -> 1 it
 * tends to the Fano factor of long counts, CV^2 for a renewal process. Computed from the ISI
 * generating function G = sum_n f(n) a^n ({@link renewalFano}), the geometric tail summed exactly.
 * @param d the ISI distribution (bins) with its geometric tail.
 * @param decay a in (0, 1): 1 - dt/tau.
 * @returns F (dimensionless); 1 when the train never fires.
 * @throws ParameterError for a malformed distribution or decay outside (0, 1).
 */
export function effectiveFano(d: IsiDistribution, decay: number): number {
  const where = "effectiveFano";
  checkIsi(where, d);
  checkNumber(where, "decay", decay, { min: 0, minInclusive: false, max: 1, maxInclusive: false });
  const N = d.isi.length - 1;
  let mean = 0;
  let G = 0;
  let aN = 1;
  for (let n = 1; n <= N; n++) {
    aN *= decay;
    mean += n * d.isi[n];
    G += aN * d.isi[n];
  }
  const rho = d.tailRatio;
  // tails sum_{n > N} f(N) rho^(n - N) (n, a^n): f(N) rho (N (1 - rho) + 1) / (1 - rho)^2, f(N) a^N rho a / (1 - rho a)
  mean += (d.isi[N] * rho * (N * (1 - rho) + 1)) / (1 - rho) ** 2;
  G += (d.isi[N] * aN * rho * decay) / (1 - rho * decay);
  if (!(mean > 0) || !Number.isFinite(mean)) return 1;
  return renewalFano(mean, G, decay);
}

/**
 * The effective Fano factor of {@link effectiveFano} from the mean ISI and the ISI generating
 * function at a: the renewal density's transform is sum_{L>=1} a^L m(L) = G / (1 - G) (renewal
 * equation), so
 *
 *     F = 1 + (2 / (1 - p)) (G / (1 - G) - p a / (1 - a)),   p = 1 / mean ISI (bins).
 *
 * @param meanBins mean ISI in bins (> 1; Infinity for a train that never fires).
 * @param generating G = sum_{n>=1} f(n) a^n, in [0, 1).
 * @param decay a in (0, 1).
 * @returns F (dimensionless); 1 when meanBins is Infinity.
 * @throws ParameterError for meanBins <= 1 (at 1, a spike in every bin, the train and its
 *   Bernoulli counterpart both add no variance: F is undefined), G outside [0, 1) or decay outside (0, 1).
 */
export function renewalFano(meanBins: number, generating: number, decay: number): number {
  const where = "renewalFano";
  checkNumber(where, "decay", decay, { min: 0, minInclusive: false, max: 1, maxInclusive: false });
  if (meanBins === Infinity) return 1;
  // meanBins = 1 is a spike in every bin: the train and its Bernoulli counterpart add no variance, F is 0/0
  checkNumber(where, "meanBins", meanBins, { min: 1, minInclusive: false });
  checkNumber(where, "generating", generating, { min: 0, max: 1, maxInclusive: false });
  const p = 1 / meanBins;
  return 1 + (2 / (1 - p)) * (generating / (1 - generating) - (p * decay) / (1 - decay));
}
