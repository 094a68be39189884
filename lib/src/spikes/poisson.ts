import { Rng } from "../core/rng";
import { binCount } from "../core/time-bins";
import { SpikeTrains } from "./spike-trains";
import { ParameterError, checkNumber, checkSeed } from "../core/validate";

/** Parameters of {@link poissonTrains}. */
export interface PoissonOptions {
  /** Number of independent trains (neurons), a non-negative integer. */
  n: number;
  /** Firing rate of every train (Hz), with rate * dt <= 1. */
  rate: number;
  /** Duration (s); must be a whole number of bins. */
  duration: number;
  /** Bin width (s). Default 1e-4 (0.1 ms). */
  dt?: number;
  /** Seed of the random stream; the same seed gives identical trains. */
  seed: number | string;
}

/**
 * Independent discretised Poisson spike trains (tutorial task 2.1): in each bin of width dt each
 * neuron spikes with probability p = rate * dt, independently (a Bernoulli process, so at most one
 * spike per bin). The gaps between successive spikes of a Bernoulli process are geometric,
 * P(gap = k) = (1 - p)^(k - 1) p, so the trains are drawn gap by gap in time proportional to the
 * number of spikes, not to n * duration / dt.
 *
 * Expected count per neuron: nBins * p = rate * duration; variance nBins * p * (1 - p).
 *
 * @example
 * const x = poissonTrains({ n: 1000, rate: 10, duration: 2, seed: 1 });
 * x.counts(); // ~20 spikes each
 * @throws Error for n not a non-negative integer, rate < 0 or NaN, rate * dt > 1, dt <= 0,
 *   a duration that is not a whole number of bins, or a missing seed.
 */
export function poissonTrains(options: PoissonOptions): SpikeTrains {
  const where = "poissonTrains";
  const { n, rate, duration, dt = 1e-4, seed } = options;
  checkNumber(where, "n", n, { integer: true, min: 0 });
  checkNumber(where, "rate", rate, { min: 0, unit: "Hz" });
  const nBins = binCount(where, duration, dt);
  if (rate * dt > 1) {
    throw new ParameterError(`${where}: rate * dt must be <= 1 (one spike per bin at most), got ${rate} Hz * ${dt} s = ${rate * dt}`);
  }
  checkSeed(where, seed);
  const rng = new Rng(seed);
  const p = rate * dt;
  const offsets = new Uint32Array(n + 1);
  let bins = new Uint32Array(Math.max(16, Math.ceil(n * nBins * p * 1.1 + 64)));
  let m = 0;
  for (let i = 0; i < n; i++) {
    for (let k = rng.geometric(p) - 1; k < nBins; k += rng.geometric(p)) {
      if (m === bins.length) {
        const grown = new Uint32Array(bins.length * 2);
        grown.set(bins);
        bins = grown;
      }
      bins[m++] = k;
    }
    offsets[i + 1] = m;
  }
  return new SpikeTrains(n, nBins, dt, offsets, bins.slice(0, m));
}
