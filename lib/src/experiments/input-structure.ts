import { simulateNetwork } from "../network/simulate";
import { NetworkParams, networkParams } from "../network/params";
import { simulateLifFromDrive } from "../neuron/lif";
import { SpikeTrains } from "../spikes/spike-trains";
import { deriveSeed, Rng } from "../core/rng";
import { summarize } from "../math/statistics";
import { checkNumber, checkSeed, invalid } from "../core/validate";

/**
 * Open-loop test neurons that separate what the network's input trains do to a neuron's rate:
 * a neuron of population a is driven by K E trains and K I trains taken from a simulated network
 * (random neurons, weights J_ab / sqrt(K)) and K fresh Bernoulli X trains at r_X, in three ways:
 *
 * - **real**: the recorded trains as they are (their own structure and their cross-correlations);
 * - **shifted**: each train shifted circularly by its own random time (its own structure kept,
 *   cross-correlations between trains destroyed);
 * - **poisson**: Bernoulli trains at the measured population rates (neither).
 *
 * shifted - poisson measures the effect of each train's own temporal structure, real - shifted
 * that of correlations among the recurrent trains; the network's own neurons (whose X input is
 * also correlated with their E and I input) differ from `real` by the correlations with X.
 */

/** Options of {@link inputStructureRates}. */
export interface InputStructureOptions {
  /** Network parameters (SPEC defaults); duration >= 1 s recommended. */
  params?: Partial<NetworkParams>;
  /** Seed of the network run and of the test neurons. */
  seed: number | string;
  /** Test neurons per population and mode (default 100). */
  neurons?: number;
  /** Time dropped at the start of the network run (s), default 0.2; test neurons also drop their first 0.1 s. */
  transient?: number;
}

/** Mean and SE over test neurons (Hz). */
export interface TestRate {
  /** Mean rate over the test neurons (Hz). */
  mean: number;
  /** Standard error over the test neurons (Hz). */
  se: number;
}

/** Result of {@link inputStructureRates} for one population. */
export interface InputStructureRates {
  /** Mean rate of the network's own neurons of this population after the transient (Hz). */
  network: number;
  /** Test neurons on the recorded trains. */
  real: TestRate;
  /** Test neurons on the trains, each shifted by its own random time. */
  shifted: TestRate;
  /** Test neurons on Bernoulli trains at the network's rates. */
  poisson: TestRate;
}

type Mode = "real" | "shifted" | "poisson";

function addTrains(drive: Float64Array, trains: SpikeTrains, K: number, w: number, k0: number, mode: Mode, rate: number, rng: Rng): void {
  const span = drive.length;
  for (let q = 0; q < K; q++) {
    if (mode === "poisson") {
      const p = rate * trains.dt;
      for (let k = rng.geometric(p) - 1; k < span; k += rng.geometric(p)) drive[k] += w;
      continue;
    }
    const b = trains.spikeBins(rng.int(trains.n));
    const shift = mode === "shifted" ? rng.int(span) : 0;
    for (let s = 0; s < b.length; s++) {
      if (b[s] < k0) continue;
      const t = b[s] - k0 + shift;
      drive[t >= span ? t - span : t] += w;
    }
  }
}

/**
 * Simulates the network once and drives test neurons of E and I with its trains (module header).
 * Cost: one network run plus 6 x neurons single-neuron runs of (duration - transient).
 * @param options params, seed, neurons, transient (s).
 * @returns for E and I: the network's rate and the test neurons' rates in the three modes (Hz).
 * @throws ParameterError for invalid parameters, seed, neurons or transient.
 */
export function inputStructureRates(options: InputStructureOptions): { E: InputStructureRates; I: InputStructureRates } {
  const where = "inputStructureRates";
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const p = networkParams(options.params ?? {});
  const seed = checkSeed(where, options.seed);
  const neurons = checkNumber(where, "neurons", options.neurons ?? 100, { integer: true, min: 2 });
  const transient = checkNumber(where, "transient", options.transient ?? 0.2, { min: 0, max: p.duration - 0.5, unit: "s (at least 0.5 s before the end)" });
  const run = simulateNetwork({ params: p, seed, initialV: "uniform" });
  const k0 = Math.round(transient / p.dt);
  const span = run.nBins - k0;
  const T = (span - 1) * p.dt;
  const rate = (t: SpikeTrains) => {
    let c = 0;
    for (let s = 0; s < t.bins.length; s++) if (t.bins[s] >= k0) c++;
    return c / (t.n * T);
  };
  const rE = rate(run.E);
  const rI = rate(run.I);
  const sk = Math.sqrt(p.K);
  const rng = new Rng(deriveSeed(seed, "test neurons"));
  const pop = (a: 0 | 1): InputStructureRates => {
    const modes = (["real", "shifted", "poisson"] as Mode[]).map((mode) => {
      const rates = Array.from({ length: neurons }, () => {
        const drive = new Float64Array(span);
        addTrains(drive, run.E, p.K, p.J[a][0] / sk, k0, mode, rE, rng);
        addTrains(drive, run.I, p.K, p.J[a][1] / sk, k0, mode, rI, rng);
        addTrains(drive, run.E, p.K, p.JX[a] / sk, k0, "poisson", p.rX, rng);
        const out = simulateLifFromDrive(drive, p.dt, { tau: p.tau, vTh: p.vTh }).spikes;
        const skip = Math.round(0.1 / p.dt);
        let c = 0;
        for (let s = 0; s < out.bins.length; s++) if (out.bins[s] >= skip) c++;
        return c / ((span - skip) * p.dt);
      });
      const s = summarize(rates);
      return { mean: s.mean, se: s.se };
    });
    return { network: a === 0 ? rE : rI, real: modes[0], shifted: modes[1], poisson: modes[2] };
  };
  return { E: pop(0), I: pop(1) };
}
