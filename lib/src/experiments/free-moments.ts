import { traceMoments, type TraceMoments } from "../analysis/trace-moments";
import { membraneMoments, type InputGroup, type MembraneMoments } from "../theory/membrane-moments";
import { simulateSingleNeuron } from "./single-neuron";
import { invalid, within } from "../core/validate";

/**
 * The free membrane potential (no spike-and-reset) of one LIF neuron, simulated and predicted
 * (tutorial tasks 4.1-4.3 and 5.1): one long run, its mean and variance with batch-means standard
 * errors, beside the continuous-time and exact Euler moments of the same inputs.
 */

/** Parameters of {@link freeMembraneMoments}. */
export interface FreeMomentsOptions {
  /** The input groups (see `excitatoryInputs`, `balancedInputs`). */
  groups: InputGroup[];
  /** Simulated duration (s), a whole number of bins. */
  duration: number;
  /** Seed of the input trains. */
  seed: number | string;
  /** Bin width (s). Default 1e-4. */
  dt?: number;
  /** Membrane time constant (s). Default 0.02. */
  tau?: number;
  /** Initial transient dropped before averaging (s). Default 0.1. */
  transient?: number;
  /** Number of batches for the standard errors. Default 20. */
  nBatches?: number;
}

/** Result of {@link freeMembraneMoments}. */
export interface FreeMoments {
  /** Simulated mean and variance with their standard errors. */
  sim: TraceMoments;
  /** Theory: continuous-time and exact discrete-time (Euler) moments. */
  theory: MembraneMoments;
  /** z of the simulated mean against the Euler mean, (mean − μ_d) / SE. */
  zMean: number;
  /** z of the simulated variance against the Euler variance, (var − σ²_d) / SE. */
  zVariance: number;
  /** The recorded trace V(t), one sample per bin. */
  v: Float64Array;
}

/**
 * Simulates the free membrane potential (reset off, V recorded) and compares its moments with
 * theory: `traceMoments` of the trace (batch means; batches must be longer than 10 tau) and
 * `membraneMoments` of the groups.
 * @param options groups, duration (s), seed, dt (s), tau (s), transient (s), nBatches
 * @throws ParameterError as `simulateSingleNeuron`, `traceMoments` and `membraneMoments`
 * @returns the {@link FreeMoments}
 */
export function freeMembraneMoments(options: FreeMomentsOptions): FreeMoments {
  const where = "freeMembraneMoments";
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const { groups, duration, seed, dt = 1e-4, tau = 0.02, transient = 0.1, nBatches = 20 } = options;
  if (!Array.isArray(groups) || groups.length === 0) invalid(where, "groups", groups, "a non-empty array of input groups (without inputs V stays at 0: no moments to compare)");
  const run = within(where, "options", () => simulateSingleNeuron({ groups, duration, dt, tau, seed, reset: false, recordV: true }));
  const v = run.v as Float64Array;
  const sim = within(where, "duration, transient and nBatches", () => traceMoments(v, { dt, transient, nBatches, correlationTime: tau }));
  const theory = within(where, "groups", () => membraneMoments({ groups, tau, dt }));
  return {
    sim, theory, v,
    zMean: (sim.mean - theory.discrete.mean) / sim.meanSE,
    zVariance: (sim.variance - theory.discrete.variance) / sim.varianceSE,
  };
}
