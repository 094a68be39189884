/**
 * The map of the network's states over the plane of the inhibitory couplings |J_EI| (onto E)
 * and |J_II| (onto I), the other weights fixed: per grid point a run classified by
 * `classifyState`, beside the state the balance conditions predict (`balanceConditions`);
 * points whose state differs from a neighbour's are repeated with more seeds.
 */
import { simulateNetwork } from "../network/simulate";
import { balanceWarning, networkParams, type NetworkParams } from "../network/params";
import { parseSimulationOptions } from "../network/simulation-options";
import { recycleMemory } from "../network/wasm";
import { balanceConditions, type BalanceConditions } from "../theory/balance-conditions";
import {
  classifyState,
  stateThresholds,
  type NetworkState,
  type StateClassification,
  type StateThresholds,
} from "../analysis/network-state";
import { SpikeTrains } from "../spikes/spike-trains";
import { collectWarnings } from "../core/warnings";
import { checkNumber, checkSeed, invalid, within } from "../core/validate";
import { poolTask, runGroup, type RunContext } from "./run-pool";

/** Options of {@link balanceMap}. */
export interface BalanceMapOptions {
  /** Partners per population, an integer in [1, N]. */
  K: number;
  /** Neurons per population, an integer >= K. */
  N: number;
  /** The values of |J_EI| (columns of the map), increasing, each finite and > 0. */
  JEI: readonly number[];
  /** The values of |J_II| (rows of the map), increasing, each finite and > 0. */
  JII: readonly number[];
  /** Duration of a run (s); default 0.3. */
  duration?: number;
  /** Time dropped before classifying (s), in [0, duration); default 0.1. */
  transient?: number;
  /** Length of the probe run that ends a saturated run early (s), in (0, duration]; default 0.05. */
  probe?: number;
  /** Seed of every point's first run; default 1. */
  seed?: number | string;
  /** Further seeds of the points near a boundary (state different from a neighbour's); default [2, 3]. */
  boundarySeeds?: readonly (number | string)[];
  /** The other parameters (J_EE, J_IE from `J`, `JX`, `rX`, `tau`, `dt`, `vTh`); defaults of the model. */
  params?: Partial<Pick<NetworkParams, "J" | "JX" | "rX" | "tau" | "dt" | "vTh">>;
  /** Thresholds of the classification (see `classifyState`). */
  thresholds?: StateThresholds;
  /** Memory limit of one run (bytes); default as `simulateNetwork`. */
  maxBytes?: number;
  /** Example runs kept per state, for rasters: the points deepest inside their state's region (default 0). */
  examples?: number;
  /** Neurons of E and of I kept in each example (default 50). */
  keep?: number;
  /** Called after each run with the runs done and the runs known so far. */
  onProgress?: (done: number, total: number) => void;
}

/** One grid point of a {@link BalanceMap}. */
export interface BalanceMapPoint {
  /** |J_EI|. */
  JEI: number;
  /** |J_II|. */
  JII: number;
  /** The state of most seeds (ties: the first seed's). */
  state: NetworkState;
  /** The state of each seed's run, first seed first. */
  states: NetworkState[];
  /** Fraction of the seeds whose state is `state`. */
  agreement: number;
  /** The first seed's classification (rates in Hz, chi, CV). */
  first: StateClassification;
  /** Whether the first run was ended by its probe (saturated). */
  probed: boolean;
  /** The balance conditions and the balanced rates at this point. */
  theory: BalanceConditions;
}

/** Result of {@link balanceMap}. */
export interface BalanceMap {
  /** K, N, duration (s), transient (s) and probe (s) of the runs. */
  K: number;
  N: number;
  duration: number;
  transient: number;
  probe: number;
  /** The parameters shared by every point (J_EE and J_IE in `J`, whose inhibitory entries are the first point's). */
  base: NetworkParams;
  /** The grid's values of |J_EI| and |J_II|. */
  JEI: number[];
  JII: number[];
  /** The thresholds of the classification. */
  thresholds: Required<StateThresholds>;
  /** The seeds: the first, then those of the points near a boundary. */
  seeds: (number | string)[];
  /** The points, row after row (|J_II| outer, |J_EI| inner). */
  points: BalanceMapPoint[];
  /** Number of runs made. */
  runs: number;
  /** The example runs: point index, and the first `keep` neurons of E and of I of its first seed's run. */
  examples: BalanceMapExample[];
}

/** An example run of a {@link BalanceMap}. */
export interface BalanceMapExample {
  /** Index of its point in `points`. */
  point: number;
  /** The first neurons of E and of I (spikes of the whole run, or of the probe when the probe ended it). */
  E: SpikeTrains;
  I: SpikeTrains;
}

/** One run of the map: parameters, seed, probe, transient (s) and thresholds. */
interface MapRunArgs {
  params: NetworkParams;
  seed: number | string;
  probe: number;
  transient: number;
  thresholds: Required<StateThresholds>;
  keep: number;
}

/** One run's classification, whether its probe ended it, and (when asked) the first `keep` neurons of E and I. */
interface MapRun {
  c: StateClassification;
  probed: boolean;
  E?: SpikeTrains;
  I?: SpikeTrains;
}

/**
 * simulateNetwork without printing the warning of a J without a balanced state (the map explores
 * such J on purpose and reports the prediction itself); other warnings are printed.
 */
function quietRun(options: Parameters<typeof simulateNetwork>[0], p: NetworkParams) {
  const said: string[] = [];
  const run = collectWarnings(said, () => simulateNetwork(options));
  const expected = balanceWarning(p);
  for (const w of said) if (w !== `simulateNetwork: ${expected}`) console.warn(w);
  return run;
}

/** One run of {@link balanceMap}: a probe, ended there when saturated, else the whole run on the probe's network. */
function mapRun(a: MapRunArgs, context: RunContext): MapRun {
  const common = {
    seed: a.seed,
    initialV: "uniform" as const,
    threads: context.threads,
    onProgress: context.checkpoint,
  };
  const probe = quietRun({ ...common, params: { ...a.params, duration: a.probe } }, a.params);
  const early = classifyState(probe, {
    ...a.thresholds,
    start: Math.round((0.4 * a.probe) / a.params.dt) * a.params.dt,
  });
  const probed = early.state === "runaway";
  const run = probed ? probe : quietRun({ ...common, params: a.params, connectivity: probe.connectivity }, a.params);
  const c = probed ? early : classifyState(run, { ...a.thresholds, start: a.transient });
  recycleMemory(probe.connectivity.memory);
  return { c, probed, ...(a.keep > 0 ? { E: run.E.slice(0, a.keep), I: run.I.slice(0, a.keep) } : {}) };
}

/** A run received from a pool runner: its spike trains as instances again. */
function revive(r: MapRun): MapRun {
  const trains = (t: SpikeTrains | undefined) =>
    t === undefined ? undefined : new SpikeTrains(t.n, t.nBins, t.dt, t.offsets, t.bins);
  return r.E === undefined ? r : { ...r, E: trains(r.E), I: trains(r.I) };
}

const mapTask = poolTask("balanceMap", mapRun, revive);

/** A non-empty, increasing list of magnitudes (finite, > 0). */
function magnitudes(where: string, name: string, values: unknown): number[] {
  if (!Array.isArray(values) || values.length === 0)
    invalid(where, name, values, "a non-empty, increasing array of coupling magnitudes");
  const v = (values as unknown[]).map((x, k) =>
    checkNumber(where, `${name}[${k}]`, x, { min: 0, minInclusive: false, unit: "magnitude of an inhibitory weight" }),
  );
  v.forEach(
    (x, k) =>
      k > 0 &&
      !(x > v[k - 1]) &&
      invalid(where, `${name}[${k}]`, x, `> ${name}[${k - 1}] = ${v[k - 1]} (an increasing grid)`),
  );
  return v;
}

/**
 * The options of {@link balanceMap}, validated, with the parameters of every point (checked by
 * the simulator's parser, memory included).
 */
function parseMap(options: BalanceMapOptions) {
  const where = "balanceMap";
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const JEI = magnitudes(where, "JEI", options.JEI),
    JII = magnitudes(where, "JII", options.JII);
  const duration = checkNumber(where, "duration", options.duration ?? 0.3, { min: 0, minInclusive: false, unit: "s" });
  const transient = checkNumber(where, "transient", options.transient ?? 0.1, {
    min: 0,
    max: duration,
    maxInclusive: false,
    unit: "s",
  });
  const probe = checkNumber(where, "probe", options.probe ?? 0.05, {
    min: 0,
    minInclusive: false,
    max: duration,
    unit: "s",
  });
  const seeds = [options.seed ?? 1, ...(options.boundarySeeds ?? [2, 3])].map((s) => checkSeed(where, s));
  const base = options.params ?? {};
  const J = base.J ?? networkParams().J;
  const params = JII.flatMap((y) =>
    JEI.map((x) =>
      networkParams({
        ...base,
        N: options.N,
        K: options.K,
        duration,
        J: [
          [J[0][0], -x],
          [J[1][0], -y],
        ],
      }),
    ),
  );
  parseSimulationOptions({ params: params[0], seed: seeds[0], threads: 1, maxBytes: options.maxBytes });
  const thresholds = stateThresholds(where, options.thresholds);
  if (options.onProgress !== undefined && typeof options.onProgress !== "function")
    invalid(where, "onProgress", options.onProgress, "a function (done, total) => void");
  const examples = checkNumber(where, "examples", options.examples ?? 0, { integer: true, min: 0 });
  const keep = checkNumber(where, "keep", options.keep ?? 50, { integer: true, min: 1, max: options.N });
  return { examples, keep, JEI, JII, duration, transient, probe, seeds, params, thresholds };
}

/** A run of a map: its point (index) and seed, and how many neurons of E and I to keep (0: none). */
interface MapJob {
  point: number;
  seed: number | string;
  keep: number;
}

type ParsedMap = ReturnType<typeof parseMap>;

/** Runs the jobs on the run pool, in order, handing each value to `each`. */
function runJobs(
  m: ParsedMap,
  jobs: MapJob[],
  each: (r: MapRun, job: MapJob) => void,
  maxBytes: number | undefined,
): void {
  runGroup(
    "balanceMap",
    m.params[0],
    {
      task: mapTask,
      count: jobs.length,
      args: (q) => ({
        params: m.params[jobs[q].point],
        seed: jobs[q].seed,
        probe: m.probe,
        transient: m.transient,
        thresholds: m.thresholds,
        keep: jobs[q].keep,
      }),
      consume: (r, q) => {
        each(r, jobs[q]);
        return true;
      },
    },
    maxBytes,
  );
}

/** The grid neighbours (left, right, below, above) of point i of a map with `columns` columns and `rows` rows. */
function neighbours(i: number, columns: number, rows: number): number[] {
  const c = i % columns,
    r = Math.floor(i / columns);
  return [
    [c - 1, r],
    [c + 1, r],
    [c, r - 1],
    [c, r + 1],
  ]
    .filter(([x, y]) => x >= 0 && x < columns && y >= 0 && y < rows)
    .map(([x, y]) => y * columns + x);
}

/** The most frequent state of a list (ties: the one seen first). */
function majority(states: NetworkState[]): NetworkState {
  const count = (s: NetworkState) => states.filter((t) => t === s).length;
  return states.reduce((best, s) => (count(s) > count(best) ? s : best), states[0]);
}

/**
 * The states of the E/I/X network over a grid of |J_EI| (onto E) and |J_II| (onto I), the
 * other couplings fixed. Each point is one run of N neurons per population with K partners from
 * uniform initial V: first a probe of `probe` s, classified over its last 60 % (`classifyState`);
 * when saturated ("runaway") the point is decided there (a saturated run costs up to a hundred
 * times a balanced one); otherwise the run goes on, on the probe's connectivity, for `duration`
 * and is classified after `transient`. Points whose state differs from that of a grid neighbour
 * are run again with each of `boundarySeeds`; a point's state is then that of most of its
 * seeds, with the agreement between seeds. Each point also carries the balance conditions
 * (`balanceConditions`) and the balanced rates. The runs go side by side on the run pool.
 * The simulator's warning for couplings without a balanced state is not printed (the map
 * explores them on purpose: see `theory.state`).
 * @param options K, N, the grid (JEI, JII), duration, transient and probe (s), seeds, other
 *   parameters, thresholds, examples, keep, maxBytes, onProgress.
 * @returns the map: its settings and one point per grid node, |J_II| outer, |J_EI| inner.
 * @throws ParameterError for bad options: an empty grid, a coupling that is not finite and > 0,
 *   N or K out of range, a run above the memory limit (checked before the first run), bad times
 *   or thresholds (messages of `networkParams`, `simulateNetwork` and `classifyState`).
 */
export function balanceMap(options: BalanceMapOptions): BalanceMap {
  return within("balanceMap", "options", () => {
    const m = parseMap(options);
    const P = m.params.length,
      columns = m.JEI.length;
    const runs: MapRun[] = [];
    const states: NetworkState[][] = m.params.map(() => []);
    let done = 0,
      total = P;
    const each = (r: MapRun, job: MapJob) => {
      states[job.point].push(r.c.state);
      if (runs.length < P) runs.push(r);
      done++;
      options.onProgress?.(done, total);
    };
    runJobs(m, m.params.map((_, point) => ({ point, seed: m.seeds[0], keep: 0 })), each, options.maxBytes);
    const near = runs
      .map((_, i) => i)
      .filter((i) => neighbours(i, columns, m.JII.length).some((j) => runs[j].c.state !== runs[i].c.state));
    total += near.length * (m.seeds.length - 1);
    const again = m.seeds.slice(1).flatMap((seed) => near.map((point) => ({ point, seed, keep: 0 })));
    runJobs(m, again, each, options.maxBytes);
    const points = runs.map((r, i) => toPoint(m, r, states[i], i));
    const examples: BalanceMapExample[] = [];
    const chosen = examplePoints(points, columns, m.examples).map((point) => ({ point, seed: m.seeds[0], keep: m.keep }));
    total += chosen.length;
    runJobs(
      m,
      chosen,
      (r, job) => {
        examples.push({ point: job.point, E: r.E!, I: r.I! });
        done++;
        options.onProgress?.(done, total);
      },
      options.maxBytes,
    );
    const { K, N } = m.params[0];
    const { duration, transient, probe, JEI, JII, thresholds, seeds } = m;
    const settings = { K, N, base: m.params[0], duration, transient, probe, JEI, JII, thresholds, seeds };
    return { ...settings, points, runs: done, examples };
  });
}

/** Point i of a map from its first run and the states of its seeds. */
function toPoint(m: ParsedMap, r: MapRun, states: NetworkState[], i: number): BalanceMapPoint {
  const columns = m.JEI.length;
  const state = majority(states);
  const { J, JX, rX } = m.params[i];
  return {
    JEI: m.JEI[i % columns],
    JII: m.JII[Math.floor(i / columns)],
    state,
    states,
    agreement: states.filter((s) => s === state).length / states.length,
    first: r.c,
    probed: r.probed,
    theory: balanceConditions({ J, JX, rX }),
  };
}

/**
 * Up to `perState` points of each state, those deepest inside its region: among the points
 * whose seeds all agree, the largest grid distance (in grid steps) to a point of another state,
 * ties to the lower index.
 */
function examplePoints(points: readonly BalanceMapPoint[], columns: number, perState: number): number[] {
  const at = (i: number) => [i % columns, Math.floor(i / columns)];
  const depth = (i: number) =>
    Math.min(
      Infinity,
      ...points.map((p, j) => {
        if (p.state === points[i].state) return Infinity;
        const [a, b] = at(i),
          [c, d] = at(j);
        return Math.hypot(a - c, b - d);
      }),
    );
  const scored = points
    .map((p, i) => ({ i, state: p.state, depth: p.agreement === 1 ? depth(i) : -1 }))
    .filter((s) => s.depth >= 0);
  scored.sort((a, b) => b.depth - a.depth || a.i - b.i);
  const states = [...new Set(points.map((p) => p.state))];
  return states.flatMap((s) =>
    scored
      .filter((c) => c.state === s)
      .slice(0, perState)
      .map((c) => c.i),
  );
}
