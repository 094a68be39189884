import { binCount } from "../core/time-bins";
import { poissonEstimate, poissonTrains } from "../spikes/poisson";
import { checkLifOptions, integrateDrive, LifOptions, LifResult } from "../neuron/lif";
import { checkBudget, type Estimate, formatCount, type Limits, resolveLimits } from "../core/limits";
import { checkInputGroups, InputGroup } from "../theory/membrane-moments";
import { deriveSeed } from "../core/rng";
import { SpikeTrains } from "../spikes/spike-trains";
import { checkSeed, invalid } from "../core/validate";

/**
 * One LIF neuron driven by groups of independent Poisson inputs (tutorial tasks 3-5): draws the input
 * trains from a seed and runs the Euler rule of `simulateLif`. Group g draws its trains from the
 * sub-stream `deriveSeed(seed, "group" + g)`, so the inputs depend only on (seed, counts, rates,
 * duration, dt) and not on the weights: the same seed gives common random numbers across weights
 * (used by `rateVsWeight` and `findWeightForRate`, whose rates are reproduced exactly here).
 */

/** Parameters of {@link simulateSingleNeuron}. */
export interface SingleNeuronOptions extends LifOptions {
  /** Input groups (see `excitatoryInputs`, `balancedInputs`). */
  groups: InputGroup[];
  /** Duration (s), a whole number of bins. */
  duration: number;
  /** Bin width (s). Default 1e-4. */
  dt?: number;
  /** Seed of the input trains. */
  seed: number | string;
}

/** Result of {@link simulateSingleNeuron}: the LIF result plus the input trains of each group. */
export interface SingleNeuronResult extends LifResult {
  /** The input trains, one SpikeTrains per group (n = count of the group). */
  inputs: SpikeTrains[];
}

/**
 * Memory and work of drawing the inputs of `groups` over nBins bins once
 * ({@link drawGroupInputs}): each group's Poisson trains ({@link poissonEstimate}) and its per-bin
 * counts (8 bytes and one step a bin).
 * @param groups validated input groups.
 * @param nBins number of bins.
 * @param dt bin width (s).
 * @returns the estimate (bytes, steps).
 */
export function groupInputsEstimate(groups: InputGroup[], nBins: number, dt: number): Estimate {
  let bytes = 0;
  let steps = 0;
  for (const g of groups) {
    const e = poissonEstimate(g.count, nBins, g.rate * dt);
    bytes += (e.bytes ?? 0) + 8 * nBins;
    steps += (e.steps ?? 0) + nBins;
  }
  const inputs = groups.reduce((a, g) => a + g.count, 0);
  return { what: `${formatCount(inputs)} Poisson inputs in ${groups.length} group(s) over ${formatCount(nBins)} bins`, bytes, steps };
}

/**
 * Draws the input trains of each group for a seed and returns them with their per-bin spike
 * counts c_g(j) (number of group-g spikes in bin j). Building block of the functions of this
 * module and of `rateVsWeight`; memory 8 bytes per bin per group plus the trains (see
 * {@link groupInputsEstimate}).
 * @param groups the input groups (only count and rate are used).
 * @param nBins number of bins.
 * @param dt bin width (s).
 * @param seed seed of the inputs.
 * @param limits the memory and work limits of the calling function (default: see `core/limits`).
 * @returns the trains and counts of each group.
 * @throws ParameterError when a group's trains exceed the limits.
 */
export function drawGroupInputs(
  groups: InputGroup[],
  nBins: number,
  dt: number,
  seed: number | string,
  limits: Partial<Limits> = {},
): { trains: SpikeTrains[]; binCounts: Float64Array[] } {
  const trains: SpikeTrains[] = [];
  const binCounts: Float64Array[] = [];
  groups.forEach((g, i) => {
    const x = poissonTrains({ n: g.count, rate: g.rate, duration: nBins * dt, dt, seed: deriveSeed(seed, `group${i}`), ...limits });
    const c = new Float64Array(nBins);
    for (let s = 0; s < x.bins.length; s++) c[x.bins[s]] += 1;
    trains.push(x);
    binCounts.push(c);
  });
  return { trains, binCounts };
}
/**
 * Per-bin input I(j) = sum_g J_g c_g(j), summed in group order into `out`.
 * @param binCounts per-bin spike counts of each group.
 * @param weights J_g of each group.
 * @param out the drive, overwritten.
 */
export function groupDrive(binCounts: Float64Array[], weights: ArrayLike<number>, out: Float64Array): Float64Array {
  out.fill(0);
  for (let g = 0; g < binCounts.length; g++) {
    const c = binCounts[g];
    const J = weights[g];
    for (let j = 0; j < out.length; j++) out[j] += J * c[j];
  }
  return out;
}

/**
 * Simulates one LIF neuron driven by groups of independent Poisson inputs (tutorial tasks 3.1, 4, 5):
 * draws the trains of each group (seeded, see the module header), merges them into the per-bin
 * input I(j) = sum_g J_g c_g(j), and runs the Euler rule V(k) = V(k-1)(1 - dt/tau) + I(k-1) with
 * spike-and-reset when V(k) > vTh (see `simulateLif`). Cost O(input spikes + bins * groups);
 * memory 8 bytes a bin per group, plus the drive, the trace and the trains, estimated before
 * anything is allocated and refused past the limits (see `core/limits`).
 * @example
 * // task 3.1: one input at 10 Hz, w = 0.9, 2 s, with the V trace
 * const r = simulateSingleNeuron({ groups: [{ count: 1, weight: 0.9, rate: 10 }], duration: 2, seed: 1, recordV: true });
 * r.v; r.spikes.spikeTimes(0); r.inputs[0].spikeTimes(0);
 * @param options groups, duration (s), dt (s, default 1e-4), seed, the LIF options tau (s,
 *   default 0.02), vTh (default 1), reset (default true), recordV (default false), and the limits
 *   maxBytes, maxSteps.
 * @returns the output spikes, the V trace (or null) and the input trains of each group.
 * @throws ParameterError for invalid groups (negative or non-integer count, non-finite weight, negative
 *   rate, rate * dt > 1), a duration that is not a whole number of bins, dt >= tau, vTh <= 0, a
 *   missing seed, a trace above the memory budget of `simulateLif`, or an estimate above the
 *   memory or work limit.
 */
export function simulateSingleNeuron(options: SingleNeuronOptions): SingleNeuronResult {
  const where = "simulateSingleNeuron";
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const { duration, dt = 1e-4, seed, groups: groupsIn, ...lif } = options;
  const nBins = binCount(where, duration, dt);
  const groups = checkInputGroups(where, groupsIn, dt);
  checkSeed(where, seed);
  const resolved = checkLifOptions(where, dt, nBins, lif);
  const limits = resolveLimits(where, lif);
  const inputs = groupInputsEstimate(groups, nBins, dt);
  const own = 8 * nBins * (resolved.recordV ? 2 : 1); // the drive and the trace
  checkBudget(where, limits, { what: `${inputs.what}, the drive and the trace`, bytes: (inputs.bytes ?? 0) + own, steps: (inputs.steps ?? 0) + nBins * (groups.length + 1) });
  const { trains, binCounts } = drawGroupInputs(groups, nBins, dt, seed, limits);
  const drive = groupDrive(binCounts, groups.map((g) => g.weight), new Float64Array(nBins));
  return { ...integrateDrive(drive, dt, resolved), inputs: trains };
}
