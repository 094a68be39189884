import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { readSpikes, SpikeFile } from "../spikes/read-spikes";
import { SpikeTrains } from "../spikes/spike-trains";
import { invalid, ParameterError } from "../core/validate";
import { LimitOptions } from "../core/limits";

/** Wall times reported by the exported script (s). */
export interface PyNNSeconds {
  /** Importing PyNN and the simulator, and setting it up. */
  setup: number;
  /** Creating the populations and the connections. */
  build: number;
  /** The simulation loop. */
  simulate: number;
  /** Gathering the spikes and writing the files. */
  write: number;
}

/** A run of the exported PyNN script, read back ({@link readPyNNRun}). */
export interface PyNNRun {
  /** The folder read. */
  dir: string;
  /** Simulator name ("brian2", "nest", ...). */
  simulator: string;
  /** PyNN's and the simulator's versions. */
  versions: string;
  /** Seed of the run. */
  seed: number;
  /** MPI processes of the run. */
  processes: number;
  /** Wall times of the script's phases (s). */
  seconds: PyNNSeconds;
  /** Spikes of the recorded E neurons (the first `recorded`), on ei-balance's grid. */
  E: SpikeTrains;
  /** Spikes of the recorded I neurons. */
  I: SpikeTrains;
  /** The two spike files' headers and spikes. */
  files: { E: SpikeFile; I: SpikeFile };
}

/**
 * Reads the output of one run of the exported PyNN script: `run.json` and the spike files of E
 * and I ({@link readSpikes}). The result has `E` and `I` SpikeTrains like a `NetworkRun`, so
 * `meanRates`, the analyses and `rasterChart` take it as it is.
 * @param dir the run's folder (`<export>/<simulator>-seed<seed>`, or the script's `--out`)
 * @param options `maxBytes`: memory limit of each spike file's arrays (see `readSpikes`)
 * @returns the run's report and its spikes
 * @throws ParameterError naming the file when `run.json` is missing, not JSON or has no integer
 *   `seed`, a spike file is missing, truncated or malformed (see `readSpikes`), or the spike files
 *   of E and I are on different time grids.
 */
export function readPyNNRun(dir: string, options: LimitOptions = {}): PyNNRun {
  if (typeof dir !== "string" || dir === "") invalid("readPyNNRun", "dir", dir, "a folder path");
  const folder = resolve(dir);
  const reportFile = join(folder, "run.json");
  if (!existsSync(reportFile)) throw new ParameterError(`readPyNNRun: ${reportFile} is missing: did the script finish?`);
  let report: Record<string, unknown>;
  try {
    report = JSON.parse(readFileSync(reportFile, "utf8"));
  } catch (e) {
    throw new ParameterError(`readPyNNRun: ${reportFile} is not valid JSON (${(e as Error).message})`);
  }
  const names = (report.files ?? {}) as Record<string, string>;
  if (!names.E || !names.I) throw new ParameterError(`readPyNNRun: ${reportFile} lists no spike files of E and I (was --record 0?)`);
  const seed = report.seed;
  if (typeof seed !== "number" || !Number.isInteger(seed)) throw new ParameterError(`readPyNNRun: ${reportFile}: "seed" must be an integer, got ${JSON.stringify(seed)}`);
  const E = readSpikes(join(folder, names.E), options);
  const I = readSpikes(join(folder, names.I), options);
  if (E.trains.dt !== I.trains.dt || E.trains.nBins !== I.trains.nBins) {
    throw new ParameterError(
      `readPyNNRun: ${folder}: the spike files of E and I are on different time grids ` +
        `(E: ${E.trains.nBins} bins of ${E.trains.dt} s, I: ${I.trains.nBins} bins of ${I.trains.dt} s)`,
    );
  }
  return {
    dir: folder,
    simulator: String(report.simulator),
    versions: String(report.versions),
    seed,
    processes: Number(report.processes),
    seconds: report.seconds as PyNNSeconds,
    E: E.trains,
    I: I.trains,
    files: { E, I },
  };
}
