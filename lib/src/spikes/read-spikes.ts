import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { SpikeTrains } from "./spike-trains";
import { invalid, ParameterError } from "../core/validate";
import { checkBudget, LimitOptions, Limits, resolveLimits } from "../core/limits";
import { MAX_BINS } from "../core/time-bins";

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
  /** Seed of the run (an integer: the header's "seed" line is required to hold one). */
  seed: number;
  /** The spikes of the recorded neurons, on ei-balance's grid: a spike at time t is in bin round(t / dt). */
  trains: SpikeTrains;
}

const FORMAT = "ei-balance spikes";
const END = "# end";
const REQUIRED = ["population", "neurons", "recorded", "dt_ms", "duration_ms", "spikes"] as const;

/** Lines of a spike file, one at a time, without their line ending (LF or CRLF). */
type Lines = Iterator<string>;

/** The lines of a text (LF or CRLF endings). */
function* textLines(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf("\n", start);
    const stop = end < 0 ? text.length : end;
    yield text.slice(start, stop > start && text[stop - 1] === "\r" ? stop - 1 : stop);
    start = stop + 1;
  }
}

/** The lines of an open file, read in chunks of 1 MiB (the file is never held whole in memory). */
function* fileLines(fd: number): Generator<string> {
  const chunk = Buffer.alloc(1 << 20);
  const utf8 = new StringDecoder("utf8"); // keeps a character cut by a chunk's end for the next chunk
  let carry = "";
  for (let got = readSync(fd, chunk); got > 0; got = readSync(fd, chunk)) {
    const text = carry + utf8.write(chunk.subarray(0, got));
    const last = text.lastIndexOf("\n");
    if (last < 0) {
      carry = text;
      continue;
    }
    yield* textLines(text.slice(0, last + 1));
    carry = text.slice(last + 1);
  }
  carry += utf8.end();
  if (carry !== "") yield* textLines(carry);
}

/** The shortest spike line ("0 0" and its line ending): bounds the spikes a file of n bytes can hold. */
const SHORTEST_LINE = 4;

/** The "# key: value" lines at the top of a spike file, and the first line after them (undefined at the end). */
function readHeader(fail: (what: string) => never, lines: Lines): { header: Map<string, string>; next: string | undefined; count: number } {
  const header = new Map<string, string>();
  let count = 0;
  let line = lines.next();
  for (; !line.done && line.value.startsWith("#") && line.value.trim() !== END; line = lines.next(), count++) {
    const m = /^#\s*([^:]+):\s*(.*)$/.exec(line.value);
    if (m) header.set(m[1].trim(), m[2].trim());
  }
  if (header.get(FORMAT) !== "1") fail(`not an ei-balance spike file (its first line must be "# ${FORMAT}: 1")`);
  for (const key of REQUIRED) if (!header.has(key)) fail(`the header has no "${key}" line`);
  return { header, next: line.done ? undefined : line.value, count };
}

function headerNumber(fail: (what: string) => never, header: Map<string, string>, key: string, integer: boolean): number {
  const text = header.get(key) ?? "";
  const v = Number(text);
  if (text === "" || !Number.isFinite(v) || (integer && (!Number.isInteger(v) || v < 0)) || (!integer && v <= 0)) {
    fail(`header "${key}: ${text}" is not ${integer ? "an integer >= 0" : "a number > 0"}`);
  }
  return v;
}

/** The header's sizes, checked against each other, the grid, the file's length and the limits. */
interface Sizes {
  neurons: number;
  recorded: number;
  dtMs: number;
  durationMs: number;
  expected: number;
  nBins: number;
}

function headerSizes(fail: (what: string) => never, header: Map<string, string>, bytes: number, limits: Limits): Sizes {
  const neurons = headerNumber(fail, header, "neurons", true);
  const recorded = headerNumber(fail, header, "recorded", true);
  if (recorded > neurons) fail(`recorded (${recorded}) exceeds neurons (${neurons})`);
  const dtMs = headerNumber(fail, header, "dt_ms", false);
  const durationMs = headerNumber(fail, header, "duration_ms", false);
  const expected = headerNumber(fail, header, "spikes", true);
  const nBins = Math.round(durationMs / dtMs);
  if (Math.abs(durationMs / dtMs - nBins) > 1e-6 * Math.max(1, nBins) || nBins < 1) {
    fail(`duration_ms ${durationMs} is not a whole number of steps of dt_ms ${dtMs} (${durationMs / dtMs} steps): the grid would be cut short`);
  }
  if (nBins > MAX_BINS) fail(`duration_ms / dt_ms = ${nBins} bins exceeds ${MAX_BINS} (the range of a Uint32 bin index)`);
  const most = Math.floor(bytes / SHORTEST_LINE);
  if (expected > most) fail(`the header announces ${expected} spikes, but a file of ${bytes} bytes holds at most ${most} spike lines`);
  checkBudget("readSpikes", limits, { what: `${expected} spikes of ${recorded} recorded neurons`, bytes: 16 * expected + 12 * (recorded + 1) });
  return { neurons, recorded, dtMs, durationMs, expected, nBins };
}

/**
 * The spike lines after the header, checked (see {@link parseSpikeFile}) into neuron indices and
 * bins; reads up to the "# end" line and refuses anything after it but blank lines.
 */
function readSpikeLines(fail: (what: string) => never, lines: Lines, first: string | undefined, at: number, z: Sizes): { neuron: Uint32Array; bin: Uint32Array } {
  const { recorded, dtMs, durationMs, expected, nBins } = z;
  const neuron = new Uint32Array(expected);
  const bin = new Uint32Array(expected);
  const lastBin = new Int32Array(recorded).fill(-1);
  let previous = -1;
  let n = 0;
  let line: IteratorResult<string> = first === undefined ? { done: true, value: undefined } : { done: false, value: first };
  for (let q = at; !line.done && line.value.trim() !== END; line = lines.next(), q++) {
    const where = `line ${q + 1}`;
    const parts = line.value.trim().split(/\s+/);
    const i = Number(parts[0]);
    const t = Number(parts[1]);
    if (parts.length !== 2 || !Number.isInteger(i) || !Number.isFinite(t) || parts[1] === "") fail(`${where}: expected "neuron time_ms", got "${line.value.slice(0, 80)}"`);
    if (i < 0 || i >= recorded) fail(`${where}: neuron ${i} is outside the recorded neurons 0 .. ${recorded - 1}`);
    const k = Math.round(t / dtMs);
    if (Math.abs(t / dtMs - k) > 1e-3) fail(`${where}: time ${t} ms is not on the grid of dt = ${dtMs} ms`);
    if (k < 0 || k >= nBins) fail(`${where}: time ${t} ms is outside [0, ${durationMs}) ms`);
    if (k < previous) fail(`${where}: spikes are not in time order (${t} ms after ${previous * dtMs} ms)`);
    if (lastBin[i] === k) fail(`${where}: neuron ${i} spikes twice in the bin at ${t} ms`);
    if (n === expected) fail(`the header announces ${expected} spikes, the file holds more (${where})`);
    previous = lastBin[i] = k;
    neuron[n] = i;
    bin[n++] = k;
  }
  if (line.done) fail(`truncated: the last line must be "# end" (found ${n} spike lines after the header, the header announces ${expected} spikes)`);
  for (let rest = lines.next(); !rest.done; rest = lines.next()) if (rest.value.trim() !== "") fail(`a line after "# end": "${rest.value.slice(0, 80)}"`);
  if (n !== expected) fail(`the header announces ${expected} spikes, the file holds ${n}`);
  return { neuron, bin };
}

/** Reads a whole spike file from its lines; `bytes` is the file's length (it bounds the header's spike count). */
function parseLines(lines: Lines, name: string, bytes: number, limits: Limits): SpikeFile {
  const fail = (what: string): never => {
    throw new ParameterError(`readSpikes: ${name}: ${what}`);
  };
  const { header, next, count } = readHeader(fail, lines);
  const sizes = headerSizes(fail, header, bytes, limits);
  const { neuron, bin } = readSpikeLines(fail, lines, next, count, sizes);
  const seedText = header.get("seed");
  const seed = Number(seedText);
  if (seedText === undefined || seedText === "" || !Number.isInteger(seed)) fail(`header "seed: ${seedText ?? ""}" is not an integer`);
  const trains = SpikeTrains.fromEvents(sizes.recorded, sizes.nBins, sizes.dtMs / 1e3, neuron, bin);
  return { file: name, population: header.get("population") ?? "", neurons: sizes.neurons, recorded: sizes.recorded, simulator: header.get("simulator") ?? "", seed, trains };
}

/**
 * Parses the text of a spike file (see {@link readSpikes} for the format) into SpikeTrains.
 * @param text the file's content (LF or CRLF line endings)
 * @param name the file's name, used in error messages
 * @param options memory limit (`maxBytes`) of the spikes and trains, see {@link readSpikes}
 * @returns the header fields and the spikes, see {@link SpikeFile}
 * @throws ParameterError naming the file, the line and what is wrong: not a spike file, a header
 *   line missing or not a number (the seed an integer), a duration that is not a whole number of
 *   dt, a spike count larger than the text can hold, a line that is not "neuron time_ms", a neuron
 *   outside the recorded range, a time outside [0, duration) or off the dt grid, spikes not in
 *   time order, two spikes of one neuron in one bin, a missing "# end" line (a truncated file), a
 *   line after it, or a spike count different from the header's; past the memory limit, with the estimate.
 */
export function parseSpikeFile(text: string, name: string, options: LimitOptions = {}): SpikeFile {
  if (typeof text !== "string") invalid("readSpikes", "text", text, "the text of a spike file");
  if (typeof name !== "string" || name === "") invalid("readSpikes", "name", name, "the file's name");
  return parseLines(textLines(text), name, text.length, resolveLimits("readSpikes", options));
}

/**
 * Reads a spike file written by the PyNN script of `exportPyNN` into the project's SpikeTrains,
 * so that every analysis and chart works on another simulator's spikes.
 *
 * Format ("ei-balance spikes: 1"): a header of `# key: value` lines (`population`, `neurons`,
 * `recorded`, `dt_ms`, `duration_ms`, `simulator`, `seed`, `spikes`), then one line
 * `neuron time_ms` per spike in time order (neuron: index within the population, below
 * `recorded`; time: ms at the end of the time step), then a last line `# end`; LF or CRLF line
 * endings. A spike at time t lands in bin round(t / dt) of duration / dt bins, which is
 * ei-balance's bin convention.
 *
 * The file is streamed in 1 MiB chunks: memory is the spikes' arrays (16 bytes per spike announced
 * by the header, 12 per recorded neuron), estimated from the header and refused past `maxBytes`
 * before anything is allocated; a header announcing more spikes than the file's length can hold
 * (4 bytes per spike line at least) is refused at once.
 *
 * @param file path of the file
 * @param options `maxBytes`: memory limit (default $EI_BALANCE_MAX_BYTES, else 2e9 bytes)
 * @returns the header fields and the spikes (dt and duration of the trains in seconds)
 * @throws ParameterError naming the file and what is wrong (see {@link parseSpikeFile}), or when
 *   the file cannot be read.
 */
export function readSpikes(file: string, options: LimitOptions = {}): SpikeFile {
  if (typeof file !== "string" || file === "") invalid("readSpikes", "file", file, "a path");
  const limits = resolveLimits("readSpikes", options);
  let fd: number;
  let bytes: number;
  try {
    fd = openSync(file, "r");
    bytes = fstatSync(fd).size;
  } catch (e) {
    throw new ParameterError(`readSpikes: ${file}: cannot be read (${(e as Error).message})`);
  }
  try {
    return parseLines(fileLines(fd), file, bytes, limits);
  } finally {
    closeSync(fd);
  }
}
