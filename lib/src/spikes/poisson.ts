import { Rng } from "../core/rng";
import { binCount, MAX_BINS } from "../core/time-bins";
import { checkBudget, type Estimate, formatCount, type LimitOptions, resolveLimits } from "../core/limits";
import { SpikeTrains } from "./spike-trains";
import { ParameterError, checkNumber, checkSeed, invalid } from "../core/validate";

/** Parameters of {@link poissonTrains}. */
export interface PoissonOptions extends LimitOptions {
  /** Number of independent trains (neurons), a non-negative integer. */
  n: number;
  /** Firing rate of every train (Hz), with rate * dt <= 1. */
  rate: number;
  /** Duration (s); must be a whole number of bins, at most 2^32 - 1 bins. */
  duration: number;
  /** Bin width (s). Default 1e-4 (0.1 ms). */
  dt?: number;
  /** Seed of the random stream; the same seed gives identical trains. */
  seed: number | string;
}

/** {@link PoissonOptions} validated, with every default filled in. */
interface ResolvedPoisson {
  n: number;
  p: number;
  nBins: number;
  dt: number;
  seed: number | string;
}

/** Work of one train apart from its spikes, in elementary steps (see {@link poissonEstimate}). */
const TRAIN_STEPS = 32;

/**
 * Memory and work of drawing n Poisson trains of nBins bins with spike probability p per bin:
 * the offsets (4 bytes a train) and the bins (4 bytes a spike, twice: the growing buffer and
 * its trimmed copy) of the expected number of spikes plus 5 standard deviations, 32 steps per
 * train (its own random stream) and one per spike: with the default 2e9 steps, at most about 6e7
 * trains, some 30 s.
 * @param n number of trains.
 * @param nBins number of bins.
 * @param p spike probability per bin.
 * @returns the estimate (bytes, steps), for {@link checkBudget}.
 */
export function poissonEstimate(n: number, nBins: number, p: number): Estimate {
  const mean = n * nBins * p;
  const spikes = mean + 5 * Math.sqrt(mean) + 64;
  // a train costs about 32 steps of its own (its random stream and offsets: 35-560 ns a train
  // measured on the 2-core machine, against about 10 ns a step), a spike one
  return { what: `n = ${formatCount(n)} Poisson trains of ${formatCount(nBins)} bins (about ${formatCount(mean)} spikes)`, bytes: 4 * (n + 1) + 8 * spikes, steps: TRAIN_STEPS * n + spikes };
}

/**
 * Validates {@link PoissonOptions} once, fills in the defaults and checks the memory and work
 * estimate against the limits (see `core/limits`).
 * @throws ParameterError as {@link poissonTrains}.
 */
function resolvePoisson(where: string, options: PoissonOptions): ResolvedPoisson {
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object { n, rate, duration, dt?, seed }");
  const { n, rate, duration, dt = 1e-4, seed } = options;
  checkNumber(where, "n", n, { integer: true, min: 0 });
  checkNumber(where, "rate", rate, { min: 0, unit: "Hz" });
  const nBins = binCount(where, duration, dt);
  if (rate * dt > 1) {
    throw new ParameterError(`${where}: rate * dt must be <= 1 (one spike per bin at most), got ${rate} Hz * ${dt} s = ${rate * dt}`);
  }
  checkSeed(where, seed);
  checkBudget(where, resolveLimits(where, options), poissonEstimate(n, nBins, rate * dt));
  return { n, p: rate * dt, nBins, dt, seed };
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
 * @param options n, rate (Hz), duration (s), dt (s, default 1e-4), seed, and the limits maxBytes, maxSteps.
 * @returns the trains, n rows on nBins = duration / dt bins.
 * @throws ParameterError for n not a non-negative integer, rate < 0 or NaN, rate * dt > 1, dt <= 0,
 *   a duration that is not a whole number of bins or longer than 2^32 - 1 bins, a missing seed,
 *   or an estimate above the memory or work limit (see `core/limits`).
 */
export function poissonTrains(options: PoissonOptions): SpikeTrains {
  const { n, p, nBins, dt, seed } = resolvePoisson("poissonTrains", options);
  const rng = new Rng(seed);
  const offsets = new Uint32Array(n + 1);
  let bins = new Uint32Array(Math.max(16, Math.ceil(n * nBins * p * 1.1 + 64)));
  let m = 0;
  for (let i = 0; i < n; i++) {
    for (let k = rng.geometric(p) - 1; k < nBins; k += rng.geometric(p)) {
      if (m === bins.length) {
        const grown = new Uint32Array(Math.min(MAX_BINS, bins.length * 2));
        if (grown.length === m) throw new ParameterError(`poissonTrains: the trains have more than ${MAX_BINS} spikes, more than a Uint32 offset can count`);
        grown.set(bins);
        bins = grown;
      }
      bins[m++] = k;
    }
    offsets[i + 1] = m;
  }
  return new SpikeTrains(n, nBins, dt, offsets, bins.slice(0, m));
}
