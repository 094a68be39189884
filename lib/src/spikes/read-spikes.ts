import { readFileSync } from "node:fs";
import { SpikeTrains } from "./spike-trains";
import { checkNumber, invalid, ParameterError } from "../core/validate";

/**
 * A spike file read back (format "ei-balance spikes: 1", written by the PyNN script of
 * `exportPyNN`): the spikes of the recorded neurons of one population.
 */
export interface SpikeFile {
  /** The file read. */
  file: string;
  /** Population label (e.g. "E"). */
  population: string;
  /** Neurons in the population (N). */
  neurons: number;
  /** Neurons recorded: indices 0 .. recorded - 1. */
  recorded: number;
  /** Free text naming the simulator and its version. */
  simulator: string;
  /** Seed of the run. */
  seed: number;
  /** The spikes of the recorded neurons, on ei-balance's grid: a spike at time t is in bin round(t / dt). */
  trains: SpikeTrains;
}

const FORMAT = "ei-balance spikes";
const END = "# end";
const REQUIRED = ["population", "neurons", "recorded", "dt_ms", "duration_ms", "spikes"] as const;

/** The "# key: value" lines at the top of a spike file, and the index of the first data line. */
function readHeader(fail: (what: string) => never, lines: string[]): { header: Map<string, string>; first: number } {
  const header = new Map<string, string>();
  let q = 0;
  for (; q < lines.length && lines[q].startsWith("#") && lines[q].trim() !== END; q++) {
    const m = /^#\s*([^:]+):\s*(.*)$/.exec(lines[q]);
    if (m) header.set(m[1].trim(), m[2].trim());
  }
  if (header.get(FORMAT) !== "1") fail(`not an ei-balance spike file (its first line must be "# ${FORMAT}: 1")`);
  for (const key of REQUIRED) if (!header.has(key)) fail(`the header has no "${key}" line`);
  return { header, first: q };
}

function headerNumber(fail: (what: string) => never, header: Map<string, string>, key: string, integer: boolean): number {
  const text = header.get(key) ?? "";
  const v = Number(text);
  if (text === "" || !Number.isFinite(v) || (integer && (!Number.isInteger(v) || v < 0)) || (!integer && v <= 0)) {
    fail(`header "${key}: ${text}" is not ${integer ? "an integer >= 0" : "a number > 0"}`);
  }
  return v;
}

/**
 * Parses the text of a spike file (see {@link readSpikes} for the format) into SpikeTrains.
 * @param text the file's content
 * @param name the file's name, used in error messages
 * @returns the header fields and the spikes, see {@link SpikeFile}
 * @throws ParameterError naming the file, the line and what is wrong: not a spike file, a header
 *   line missing or not a number, a line that is not "neuron time_ms", a neuron outside the
 *   recorded range, a time outside [0, duration) or off the dt grid, spikes not in time order,
 *   two spikes of one neuron in one bin, a missing "# end" line (a truncated file), or a spike
 *   count different from the header's.
 */
export function parseSpikeFile(text: string, name: string): SpikeFile {
  const fail = (what: string): never => {
    throw new ParameterError(`readSpikes: ${name}: ${what}`);
  };
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const { header, first } = readHeader(fail, lines);
  const neurons = headerNumber(fail, header, "neurons", true);
  const recorded = headerNumber(fail, header, "recorded", true);
  if (recorded > neurons) fail(`recorded (${recorded}) exceeds neurons (${neurons})`);
  const dtMs = headerNumber(fail, header, "dt_ms", false);
  const durationMs = headerNumber(fail, header, "duration_ms", false);
  const expected = headerNumber(fail, header, "spikes", true);
  const nBins = Math.round(durationMs / dtMs);
  if (lines.length === first || lines[lines.length - 1].trim() !== END) {
    fail(`truncated: the last line must be "# end" (found ${lines.length - first} lines after the header, the header announces ${expected} spikes)`);
  }
  const last = lines.length - 1;
  const neuron = new Uint32Array(last - first);
  const bin = new Uint32Array(last - first);
  const lastBin = new Int32Array(recorded).fill(-1);
  let previous = -1;
  for (let q = first; q < last; q++) {
    const where = `line ${q + 1}`;
    const parts = lines[q].trim().split(/\s+/);
    const i = Number(parts[0]);
    const t = Number(parts[1]);
    if (parts.length !== 2 || !Number.isInteger(i) || !Number.isFinite(t) || parts[1] === "") fail(`${where}: expected "neuron time_ms", got "${lines[q]}"`);
    if (i < 0 || i >= recorded) fail(`${where}: neuron ${i} is outside the recorded neurons 0 .. ${recorded - 1}`);
    const k = Math.round(t / dtMs);
    if (Math.abs(t / dtMs - k) > 1e-3) fail(`${where}: time ${t} ms is not on the grid of dt = ${dtMs} ms`);
    if (k < 0 || k >= nBins) fail(`${where}: time ${t} ms is outside [0, ${durationMs}) ms`);
    if (k < previous) fail(`${where}: spikes are not in time order (${t} ms after ${previous * dtMs} ms)`);
    if (lastBin[i] === k) fail(`${where}: neuron ${i} spikes twice in the bin at ${t} ms`);
    previous = lastBin[i] = k;
    neuron[q - first] = i;
    bin[q - first] = k;
  }
  if (neuron.length !== expected) fail(`the header announces ${expected} spikes, the file holds ${neuron.length}`);
  const trains = SpikeTrains.fromEvents(recorded, nBins, dtMs / 1e3, neuron, bin);
  return {
    file: name, population: header.get("population") ?? "", neurons, recorded,
    simulator: header.get("simulator") ?? "", seed: Number(header.get("seed") ?? NaN), trains,
  };
}

/**
 * Reads a spike file written by the PyNN script of `exportPyNN` into the project's SpikeTrains,
 * so that every analysis and chart works on another simulator's spikes.
 *
 * Format ("ei-balance spikes: 1"): a header of `# key: value` lines (`population`, `neurons`,
 * `recorded`, `dt_ms`, `duration_ms`, `simulator`, `seed`, `spikes`), then one line
 * `neuron time_ms` per spike in time order (neuron: index within the population, below
 * `recorded`; time: ms at the end of the time step), then a last line `# end`. A spike at time t
 * lands in bin round(t / dt) of duration / dt bins, which is ei-balance's bin convention.
 *
 * @param file path of the file
 * @returns the header fields and the spikes (dt and duration of the trains in seconds)
 * @throws ParameterError naming the file and what is wrong (see {@link parseSpikeFile}), or when
 *   the file cannot be read.
 */
export function readSpikes(file: string): SpikeFile {
  if (typeof file !== "string" || file === "") invalid("readSpikes", "file", file, "a path");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new ParameterError(`readSpikes: ${file}: cannot be read (${(e as Error).message})`);
  }
  checkNumber("readSpikes", "file size (characters)", text.length, { max: 2 ** 29 - 1 });
  return parseSpikeFile(text, file);
}
