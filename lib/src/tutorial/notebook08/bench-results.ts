import { ParameterError } from "../../core/validate";
import { type NetworkCost, type NetworkSize, networkMemory } from "../../experiments/network-cost";

/**
 * The committed results of a benchmark (bench/results/*.json, written by `npm run bench`): times
 * measured once on a stated machine, which notebooks show (labelled) instead of timing
 * themselves, so that their outputs do not change from run to run.
 */

/** The machine and moment of a benchmark run. */
export interface BenchContext {
  /** Command that wrote the file, e.g. "npm run bench -- network-cost". */
  command: string;
  /** When it ran (ISO 8601, UTC). */
  date: string;
  /** Git commit of the measured code. */
  commit: string;
  /** Logical CPUs, their model, total memory (bytes) and the 1-minute load average before and after. */
  machine: { cpus: number; cpuModel: string; totalMemoryBytes: number; loadBefore: number; loadAfter: number };
  /** Conditions worth knowing when reading the times (e.g. a shared, loaded CPU). */
  note: string;
}

/** bench/results/network-cost.json: {@link networkCost} at several sizes, each in a fresh process. */
export interface NetworkCostBench extends BenchContext {
  /** Simulated time of each run (s). */
  duration: number;
  /** The measured sizes, in order. */
  sizes: NetworkCost[];
}

/** bench/results/pynn.json: the default network in ours and through PyNN/Brian2 (s). */
export interface PyNNBench extends BenchContext {
  /** Simulated time (s). */
  duration: number;
  /** Our simulator: whole process and simulation loop, wall (s). */
  ours: { wholeSeconds: number; loopSeconds: number };
  /** Brian2 (numpy code generation) through PyNN: whole process and simulation loop, wall (s). */
  brian2: { wholeSeconds: number; loopSeconds: number; versions: string };
}

function fail(name: string, what: string): never {
  throw new ParameterError(`parseBenchResult: ${name} ${what}`);
}

/**
 * Parses a benchmark's committed results (the text of bench/results/<name>.json, which the
 * notebook or script reads itself: the package never reads files of the repository) and checks
 * the context every such file carries (command, date, commit, machine, note).
 * @param text the file's text
 * @param name the file's name, for the error message
 * @throws ParameterError naming the file when the text is not JSON or lacks a field
 * @returns the parsed file (type it with {@link NetworkCostBench} or {@link PyNNBench})
 */
export function parseBenchResult<T extends BenchContext>(text: string, name: string): T {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    fail(name, `cannot be read as JSON (${(e as Error).message}); run \`npm run bench\` to write it`);
  }
  const o = data as Record<string, unknown>;
  for (const key of ["command", "date", "commit", "note"]) if (typeof o?.[key] !== "string") fail(name, `lacks the string field "${key}"`);
  const m = o.machine as Record<string, unknown> | undefined;
  if (typeof m?.cpus !== "number" || typeof m.totalMemoryBytes !== "number") fail(name, 'lacks "machine" with "cpus" and "totalMemoryBytes"');
  return data as T;
}

/**
 * The label of a benchmark's numbers, for a notebook to print next to them: which command
 * measured them, when, at which commit, on how many CPUs and how much memory, under what load
 * (1-minute load average before and after), and the bench's note.
 * @param bench the context of a file parsed by {@link parseBenchResult}
 * @returns one Markdown sentence starting "measured by `<command>` on <date> ..., not by this run"
 */
export function benchLabel(bench: BenchContext): string {
  const m = bench.machine;
  return `measured by \`${bench.command}\` on ${bench.date.slice(0, 10)} (commit ${bench.commit.slice(0, 8)}), not by this run: ` +
    `${m.cpus} CPUs (${m.cpuModel}), ${(m.totalMemoryBytes / 2 ** 30).toFixed(1)} GiB, load average ${m.loadBefore.toFixed(1)} before and ` +
    `${m.loadAfter.toFixed(1)} after. ${bench.note}`;
}

const gib = (bytes: number) => (bytes / 2 ** 30).toFixed(bytes < 2 ** 30 ? 3 : 2);

/**
 * The memory and time table of our simulator: per size, synapses, parts, the storage of the
 * targets and the bytes of {@link networkMemory} (connectivity, bytes per synapse, the run's
 * WebAssembly memory) and, where
 * the benchmark measured that size, its peak RSS, build time and simulation time per simulated
 * second (wall and CPU). Sizes past the 4 GiB WebAssembly memory say so.
 * @param sizes the sizes to show
 * @param bench the committed {@link NetworkCostBench}
 * @returns header and rows for `markdownTable`
 */
export function networkCostRows(sizes: readonly NetworkSize[], bench: NetworkCostBench): { header: string[]; rows: string[][] } {
  const header = ["N", "K", "synapses", "parts", "targets", "connectivity (GiB)", "bytes/synapse", "run memory (GiB)",
    "bench: peak RSS (GiB)", "bench: build wall / CPU (s)", "bench: simulation wall / CPU (s per simulated s)"];
  const rows = sizes.map(({ N, K }) => {
    const m = networkMemory(N, K);
    const b = bench.sizes.find((s) => s.N === N && s.K === K);
    const measured = b
      ? [gib(b.peakResidentBytes), `${b.buildSeconds.toFixed(1)} / ${b.buildCpuSeconds.toFixed(1)}`,
        `${b.secondsPerSimulatedSecond.toFixed(1)} / ${b.cpuSecondsPerSimulatedSecond.toFixed(1)}`]
      : ["not measured", "", ""];
    return [String(N), String(K), m.synapses.toExponential(1), String(m.parts), m.storage, gib(m.connectivityBytes), m.bytesPerSynapse.toFixed(3),
      m.fits ? gib(m.memoryBytes) : `${gib(m.memoryBytes)}: refused (> 4 GiB)`, ...measured];
  });
  return { header, rows };
}
