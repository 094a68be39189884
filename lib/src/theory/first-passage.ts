/**
 * First passage of the discrete LIF chain ({@link EulerChain}) from the reset V = 0 to the
 * threshold, bin by bin: the exact inter-spike-interval distribution of the Euler model with
 * independent per-bin input, its mean, and the stationary distribution of V. The mean and the
 * stationary distribution alone come far cheaper from one linear solve ({@link chainOccupancy});
 * this iteration is for the ISI distribution itself (and for chains too close to never firing
 * for that solve).
 *
 * Starting from all mass at V = 0, step n of the chain removes the mass f(n) = P(ISI = n bins);
 * the mass left is the survival S(n) = P(ISI > n). Renewal theory gives the rate and the
 * stationary density without solving a linear system:
 *
 *     mean ISI = dt sum_{n>=0} S(n),   rate = 1 / mean ISI,
 *     P_stat(V) = sum_{n>=0} p_n(V) / sum_{n>=0} S(n)   (p_n the surviving mass after n bins).
 *
 * Once the surviving mass has the shape of the slowest mode, S(n + 1) = rho S(n) with a constant
 * rho < 1, and the rest of both sums is added as a geometric series.
 */
import { checkNumber, invalid } from "../core/validate";
import { EulerChain } from "./euler-chain";

/** Options of {@link firstPassage}. */
export interface FirstPassageOptions {
  /** Relative accuracy of the mean ISI (default 1e-10). */
  tol?: number;
  /** Largest number of bins iterated (default 1e6); beyond it the geometric tail is used as it is. */
  maxBins?: number;
}

/** Result of {@link firstPassage}. */
export interface FirstPassage {
  /** isi[n] = P(ISI = n bins), n = 0 .. bins (isi[0] = 0); the geometric tail beyond is not included. */
  isi: Float64Array;
  /** Mean ISI in bins, sum_n S(n) including the geometric tail; null when the neuron never fires (the survival stops decaying). */
  meanBins: number | null;
  /** S(n + 1) / S(n) at the last bin iterated (the decay of the slowest mode per bin). */
  tailRatio: number;
  /** Survival S at the last bin iterated. */
  survival: number;
  /** Stationary probability of each grid point (sums to 1; all mass at V = 0 when the neuron never fires). */
  density: Float64Array;
  /** Number of bins iterated. */
  bins: number;
}

/**
 * Iterates the chain from V = 0 until the mean ISI has converged (see the module header).
 * Cost: (bins iterated) x (grid points) x (jump taps).
 * @param chain the chain of one neuron's input.
 * @param options tol, maxBins.
 * @returns the ISI distribution, its mean (bins; null when the neuron never fires), the tail ratio and the stationary density.
 * @throws ParameterError for a chain that is not an EulerChain, options that are not an object,
 *   tol not in (0, 1) or maxBins not a positive integer.
 */
export function firstPassage(chain: EulerChain, options: FirstPassageOptions = {}): FirstPassage {
  const where = "firstPassage";
  if (!(chain instanceof EulerChain)) invalid(where, "chain", chain, "an EulerChain (new EulerChain(parts, grid))");
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object { tol?, maxBins? }");
  const tol = checkNumber(where, "tol", options.tol ?? 1e-10, { min: 0, minInclusive: false, max: 1, maxInclusive: false });
  const maxBins = checkNumber(where, "maxBins", options.maxBins ?? 1e6, { integer: true, min: 1 });
  const { n, i0 } = chain;
  let p = new Float64Array(n);
  let next = new Float64Array(n);
  const occupancy = new Float64Array(n);
  p[i0] = 1;
  const isi: number[] = [0];
  let S = 1;
  let sumS = 0;
  let rho = 1;
  const rhos: number[] = [1];
  let k = 0;
  while (k < maxBins) {
    for (let i = 0; i < n; i++) occupancy[i] += p[i];
    sumS += S;
    const f = chain.step(p, next);
    [p, next] = [next, p];
    k++;
    isi.push(f);
    const Snew = Math.max(0, S - f);
    rho = S > 0 ? Snew / S : 0;
    rhos.push(rho);
    S = Snew;
    if (S < tol * 1e-3 * Math.max(1, sumS)) break;
    // geometric tail sum_{m > k} S(m) = S rho / (1 - rho): converged when rho has not moved over
    // the last tenth of the bins by more than what changes the tail by tol
    const drift = Math.abs(rho - rhos[k - Math.ceil(k / 10)]);
    if (k >= 20 && rho < 1 - 1e-12 && (S * drift) / (1 - rho) ** 2 < tol * sumS) break;
  }
  if (S > 0 && rho >= 1 - 1e-13) {
    const density = new Float64Array(n);
    density[i0] = 1;
    return { isi: Float64Array.from(isi), meanBins: null, tailRatio: rho, survival: S, density, bins: k };
  }
  const tail = S > 0 ? (S * rho) / (1 - rho) : 0;
  const mean = sumS + S + tail;
  const density = new Float64Array(n);
  const w = S > 0 ? 1 / (1 - rho) : 0;
  for (let i = 0; i < n; i++) density[i] = (occupancy[i] + p[i] * w) / mean;
  return { isi: Float64Array.from(isi), meanBins: mean, tailRatio: rho, survival: S, density, bins: k };
}
