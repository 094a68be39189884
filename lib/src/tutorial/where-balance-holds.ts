/**
 * Notebook 09 (where the balanced state holds): its grid, the boundaries read off the simulated
 * maps, their comparison with the balance conditions across K, and the verdicts it reports.
 */
import { balanceMap, type BalanceMap, type BalanceMapPoint } from "../experiments/balance-map";
import { balanceConditions } from "../theory/balance-conditions";
import type { NetworkState } from "../analysis/network-state";
import { rateStability } from "../theory/rate-stability";
import { summarize } from "../math/statistics";
import { ParameterError, checkNumber, invalid } from "../core/validate";
import { agreement, check } from "../report/verdict";
import { md, markdownTable, type ReportPart } from "../report/markdown";
import { fixed, withError } from "../report/format";

/**
 * The notebook's grid with n values per axis: |J_EI| = 6 k / n and |J_II| = 3 k / n, k = 1..n
 * (the tutorial's |J_EI| = 2.5, |J_II| = 2 lies inside; the balanced wedge 1 < |J_EI|/|J_II| < 2
 * crosses the plane). Grids with n and 2n values share every point of the coarser one.
 * @param n values per axis, an integer >= 2.
 * @returns the |J_EI| and |J_II| values.
 * @throws ParameterError for n not an integer >= 2.
 */
export function nb09Grid(n: number): { JEI: number[]; JII: number[] } {
  checkNumber("nb09Grid", "n", n, { integer: true, min: 2 });
  const axis = (top: number) => Array.from({ length: n }, (_, k) => Number(((top * (k + 1)) / n).toPrecision(12)));
  return { JEI: axis(6), JII: axis(3) };
}

/** A simulated boundary read off a map row by row, as |J_EI|/|J_II| (see {@link silentBoundary}). */
export interface RowBoundary {
  /** |J_II| of each row where the boundary lies inside the grid. */
  JII: number[];
  /** The ratio |J_EI|/|J_II| at the boundary in that row (midway between the two cells). */
  ratio: number[];
}

/** The points of a map's row r, in order of |J_EI|. */
function row(map: BalanceMap, r: number): BalanceMapPoint[] {
  const n = map.JEI.length;
  return map.points.slice(r * n, (r + 1) * n);
}

/** Per row, the ratio midway between cells c - 1 and c, for the c that `find` picks (-1 or 0: none). */
function rowBoundary(map: BalanceMap, find: (states: NetworkState[]) => number): RowBoundary {
  const out: RowBoundary = { JII: [], ratio: [] };
  map.JII.forEach((y, r) => {
    const c = find(row(map, r).map((p) => p.state));
    if (c <= 0) return;
    out.JII.push(y);
    out.ratio.push((map.JEI[c - 1] + map.JEI[c]) / 2 / y);
  });
  return out;
}

/**
 * Where E falls silent in each row: the first cell from which every cell to the right (larger
 * |J_EI|) is "E silent"; rows that are silent throughout or not silent at their right end are left out.
 * @param map a balance map.
 * @returns the rows and the boundary ratio |J_EI|/|J_II| in each.
 */
export function silentBoundary(map: BalanceMap): RowBoundary {
  return rowBoundary(map, (s) => {
    let c = s.length;
    while (c > 0 && s[c - 1] === "E silent") c--;
    return c < s.length ? c : -1;
  });
}

/**
 * Where excitation escapes in each row: the cell after the last "runaway" or "synchronous" cell
 * (scanning towards larger |J_EI|), when it is asynchronous irregular.
 * @param map a balance map.
 * @returns the rows and the boundary ratio |J_EI|/|J_II| in each.
 */
export function excitationBoundary(map: BalanceMap): RowBoundary {
  return rowBoundary(map, (s) => {
    const last = Math.max(s.lastIndexOf("runaway"), s.lastIndexOf("synchronous"));
    return last >= 0 && last + 1 < s.length && s[last + 1] === "asynchronous irregular" ? last + 1 : -1;
  });
}

/** A boundary of two maps compared on their shared rows: mean ± SE over rows of each ratio and of their difference. */
export interface BoundaryShift {
  /** Rows (|J_II|) where both maps have the boundary. */
  rows: number;
  /** Mean ± SE over the rows of the first map's ratio, of the second's, and of first - second. */
  first: { mean: number; se: number };
  second: { mean: number; se: number };
  difference: { mean: number; se: number };
}

/**
 * Compares a boundary between two maps on the rows (|J_II| values) both have it in.
 * @param a the boundary of the first map.
 * @param b the boundary of the second map.
 * @returns the number of shared rows and the mean ± SE (over rows) of each ratio and of a - b (NaN SE for one row).
 * @throws ParameterError when no row is shared.
 */
export function boundaryShift(a: RowBoundary, b: RowBoundary): BoundaryShift {
  const pairs = a.JII.map((y, k) => [a.ratio[k], b.ratio[b.JII.findIndex((z) => Math.abs(z - y) < 1e-9)]]).filter(
    ([, r]) => r !== undefined,
  );
  if (pairs.length === 0)
    invalid("boundaryShift", "rows in common", 0, "at least one |J_II| row where both maps have the boundary");
  const stat = (x: number[]) => {
    const s = summarize(x);
    return { mean: s.mean, se: s.se };
  };
  return {
    rows: pairs.length,
    first: stat(pairs.map((p) => p[0])),
    second: stat(pairs.map((p) => p[1])),
    difference: stat(pairs.map((p) => p[0] - p[1])),
  };
}

/** How the simulated states of a map meet the balance theory's predictions. */
export interface MapAgreement {
  /** Per predicted state, the number of points and how many were simulated in each state. */
  byPrediction: Record<string, { points: number; states: Partial<Record<NetworkState, number>> }>;
  /** Fraction of the predicted-balanced points simulated asynchronous irregular. */
  balancedAI: number;
  /** Median over the predicted-balanced AI points of |r_sim / r_balanced - 1|, for E and for I. */
  rateDeviation: [number, number];
  /** Points near a boundary (run with more than one seed) and how many of them had all seeds agree. */
  boundaryPoints: number;
  boundaryAgree: number;
}

/** Median of a list (NaN when empty). */
function median(x: number[]): number {
  if (x.length === 0) return NaN;
  const s = [...x].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Counts of simulated states per predicted state, the AI fraction of the predicted-balanced
 * points, the median relative deviation of their rates from the balanced rates, and the
 * agreement of the seeds near the boundaries.
 * @param map a balance map.
 * @returns the {@link MapAgreement}.
 */
export function mapAgreement(map: BalanceMap): MapAgreement {
  const byPrediction: MapAgreement["byPrediction"] = {};
  for (const p of map.points) {
    const e = (byPrediction[p.theory.state] ??= { points: 0, states: {} });
    e.points++;
    e.states[p.state] = (e.states[p.state] ?? 0) + 1;
  }
  const wedge = map.points.filter((p) => p.theory.state === "balanced");
  const ai = wedge.filter((p) => p.state === "asynchronous irregular");
  const dev = (a: 0 | 1) =>
    median(ai.map((p) => Math.abs(p.first.rates[a] / (a === 0 ? p.theory.rates.rE! : p.theory.rates.rI!) - 1)));
  const near = map.points.filter((p) => p.states.length > 1);
  return {
    byPrediction,
    balancedAI: ai.length / Math.max(1, wedge.length),
    rateDeviation: [dev(0), dev(1)],
    boundaryPoints: near.length,
    boundaryAgree: near.filter((p) => p.agreement === 1).length,
  };
}

/** The rate model on the predicted-balanced points of a map: stable, unstable, or without a mean-field solution. */
export interface RateModelScan {
  stable: number;
  unstable: number;
  unsolved: number;
  /** The unstable points (|J_EI|, |J_II|). */
  unstablePoints: { JEI: number; JII: number }[];
}

/**
 * Linear stability of the finite-K mean-field rates (`rateStability`) at every predicted-balanced
 * point of a map: the existing theory's prediction of where the stationary rates lose stability
 * (an oscillation or synchrony boundary), counted.
 * @param map a balance map.
 * @returns how many points are stable, unstable, or have no converged mean field.
 */
export function rateModelScan(map: BalanceMap): RateModelScan {
  const out: RateModelScan = { stable: 0, unstable: 0, unsolved: 0, unstablePoints: [] };
  for (const p of map.points.filter((q) => q.theory.state === "balanced")) {
    const { J, JX, rX, tau, vTh } = map.base;
    try {
      if (
        rateStability({
          J: [
            [J[0][0], -p.JEI],
            [J[1][0], -p.JII],
          ],
          JX,
          rX,
          tau,
          vTh,
          K: map.K,
        }).stable
      )
        out.stable++;
      else {
        out.unstable++;
        out.unstablePoints.push({ JEI: p.JEI, JII: p.JII });
      }
    } catch (e) {
      if (e instanceof ParameterError) throw e;
      out.unsolved++;
    }
  }
  return out;
}

/** The points of two maps at the same (|J_EI|, |J_II|) that are AI and predicted balanced in both, as pairs. */
function sharedAI(a: BalanceMap, b: BalanceMap): [BalanceMapPoint, BalanceMapPoint][] {
  const ok = (p: BalanceMapPoint | undefined) =>
    p !== undefined && p.theory.state === "balanced" && p.state === "asynchronous irregular";
  const find = (p: BalanceMapPoint) =>
    b.points.find((q) => Math.abs(q.JEI - p.JEI) < 1e-9 && Math.abs(q.JII - p.JII) < 1e-9);
  return a.points.filter((p) => ok(p) && ok(find(p))).map((p) => [p, find(p)!]);
}

/**
 * Per population, mean ± SE over the shared AI points of two maps of the decrease of the relative
 * deviation from the balanced rate, |r_sim / r_bal - 1| in the first map minus in the second.
 * @param a the map at the smaller K.
 * @param b the map at the larger K.
 * @returns the number of shared points and the mean ± SE of the decrease, for E and for I.
 */
export function deviationDecrease(
  a: BalanceMap,
  b: BalanceMap,
): { points: number; E: { mean: number; se: number }; I: { mean: number; se: number } } {
  const pairs = sharedAI(a, b);
  const dev = (p: BalanceMapPoint, k: 0 | 1) =>
    Math.abs(p.first.rates[k] / (k === 0 ? p.theory.rates.rE! : p.theory.rates.rI!) - 1);
  const stat = (k: 0 | 1) => {
    const s = summarize(pairs.map(([p, q]) => dev(p, k) - dev(q, k)));
    return { mean: s.mean, se: s.se };
  };
  return { points: pairs.length, E: stat(0), I: stat(1) };
}

/** "m ± se" with two decimals. */
function pm(x: { mean: number; se: number }): string {
  return withError(x.mean, x.se, 2);
}

/**
 * The notebook's table of the maps (ρ = |J_EI|/|J_II|): grid, runs, how the predicted regions were simulated, the
 * boundaries read off the maps (mean ± SE over rows), the rates' deviation from the balanced
 * solution, the rate model's stability and the seeds' agreement near the boundaries.
 * @param maps the maps, smaller K first.
 * @returns the table as a report part.
 */
export function nb09Table(maps: readonly BalanceMap[]): ReportPart {
  const cols = maps.map((m) => {
    const a = mapAgreement(m),
      rm = rateModelScan(m),
      sb = summarize(silentBoundary(m).ratio),
      eb = summarize(excitationBoundary(m).ratio);
    const wedge = a.byPrediction.balanced ?? { points: 0, states: {} };
    return [
      `${m.JEI.length} x ${m.JII.length}, N = ${m.N}`,
      String(m.runs),
      `${wedge.states["asynchronous irregular"] ?? 0} of ${wedge.points}`,
      `${wedge.states.synchronous ?? 0}`,
      withError(sb.mean, sb.se, 2),
      withError(eb.mean, eb.se, 2),
      `${fixed(100 * a.rateDeviation[0], 0)} %, ${fixed(100 * a.rateDeviation[1], 0)} %`,
      `${rm.stable} stable, ${rm.unstable} unstable`,
      `${a.boundaryAgree} of ${a.boundaryPoints}`,
    ];
  });
  const names = [
    "grid",
    "runs",
    "predicted balanced, simulated AI",
    "predicted balanced, simulated synchronous",
    "E silent from ρ = (theory: ρ = J_EX/J_IX)",
    "AI from ρ = (theory: ρ = J_EE/J_IE)",
    "median deviation of r_E, r_I from the balanced rates (AI points)",
    "rate model at the predicted-balanced points",
    "points near a boundary whose two seeds agree",
  ];
  return markdownTable(
    ["", ...maps.map((m) => `K = ${m.K}`)],
    names.map((n, k) => [n, ...cols.map((c) => c[k])]),
  );
}

/** Two-proportion z-score (pooled) of successes x1 of n1 against x2 of n2. */
function twoProportionZ(x1: number, n1: number, x2: number, n2: number): number {
  const p = (x1 + x2) / (n1 + n2);
  return (x1 / n1 - x2 / n2) / Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
}

/** The boundary sentences: where E falls silent at the smaller K, and how that moves with K. */
function silentVerdicts(a: BalanceMap, b: BalanceMap): ReportPart {
  const ext = a.points[0].theory.external;
  const sa = summarize(silentBoundary(a).ratio);
  const shift = boundaryShift(silentBoundary(a), silentBoundary(b));
  const beyond = check({ id: "silent-boundary-beyond-upper", holds: (sa.mean - ext) / sa.se >= 3, asserted: true,
    yes: "E keeps firing well past the upper inequality", no: "E falls silent at the upper inequality" });
  const closer =
    Math.abs(shift.second.mean - ext) < Math.abs(shift.first.mean - ext) &&
    shift.difference.mean / shift.difference.se >= 3;
  const moves = check({ id: "silent-boundary-approaches-with-k", holds: closer, asserted: true,
    yes: "the E-silent boundary moves towards the inequality as K grows",
    no: "the E-silent boundary does not move towards the inequality" });
  return md`**Upper inequality.** At $K = ${a.K}$, E falls silent from $|J_{EI}|/|J_{II}| = ${pm(sa)}$
(mean ± SE over ${sa.n} rows) against $J_{EX}/J_{IX} = ${fixed(ext, 2)}$: ${beyond}. On the ${shift.rows} rows the
two maps share, the boundary lies at ${pm(shift.first)} for $K = ${a.K}$ and ${pm(shift.second)} for $K = ${b.K}$
(difference ${pm(shift.difference)}, 3 SE needed): ${moves}.`;
}

/** The sentences on the lower inequality: where runaway and synchrony end at both K, and the wedge's AI share. */
function excitationVerdicts(a: BalanceMap, b: BalanceMap): ReportPart {
  const exc = a.points[0].theory.excitatory;
  const [ea, eb] = [a, b].map((m) => summarize(excitationBoundary(m).ratio));
  const atA = agreement({ id: "excitation-boundary-small-k", z: (ea.mean - exc) / ea.se, asserted: true,
    yes: "the simulated boundary agrees with the lower inequality",
    no: "the simulated boundary differs from the lower inequality" });
  const inside = check({ id: "synchrony-enters-wedge-large-k", holds: (eb.mean - exc) / eb.se >= 3, asserted: true,
    yes: "synchrony reaches into the balanced wedge", no: "synchrony stays outside the balanced wedge" });
  const [wa, wb] = [a, b].map((m) => m.points.filter((p) => p.theory.state === "balanced"));
  const [ka, kb] = [wa, wb].map((w) => w.filter((p) => p.state === "asynchronous irregular").length);
  const z = twoProportionZ(ka, wa.length, kb, wb.length);
  const drops = check({ id: "wedge-ai-share-drops-with-k", holds: z >= 3, asserted: true,
    yes: "a smaller share of the wedge is AI at the larger K", no: "the AI share of the wedge does not drop with K" });
  return md`**Lower inequality.** AI starts at $|J_{EI}|/|J_{II}| = ${pm(ea)}$ at $K = ${a.K}$ against
$J_{EE}/J_{IE} = ${fixed(exc, 2)}$ (z = ${fixed((ea.mean - exc) / ea.se, 2)}): ${atA}. At $K = ${b.K}$ it starts at
${pm(eb)}: ${inside}. Inside the wedge, ${ka} of ${wa.length} points are AI at $K = ${a.K}$ and ${kb} of ${wb.length}
at $K = ${b.K}$ (two-proportion z = ${fixed(z, 1)}): ${drops}.`;
}

/** The sentences on the rates and on the rate model. */
function rateVerdicts(a: BalanceMap, b: BalanceMap): ReportPart {
  const d = deviationDecrease(a, b);
  const both = d.E.mean / d.E.se >= 3 && d.I.mean / d.I.se >= 3;
  const closer = check({ id: "rates-approach-balance-with-k", holds: both, asserted: true,
    yes: "the rates come closer to the balanced solution as K grows",
    no: "the rates do not come measurably closer to the balanced solution" });
  const rm = rateModelScan(b);
  const syncB = b.points.filter((p) => p.theory.state === "balanced" && p.state === "synchronous").length;
  const misses = check({ id: "rate-model-misses-synchrony", holds: rm.unstable === 0 && syncB > 0, asserted: true,
    yes: "the rate model misses the synchrony the simulations show",
    no: "the rate model's instability covers the simulated synchrony" });
  const wedge = rm.stable + rm.unstable + rm.unsolved;
  return md`**Rates.** On the ${d.points} points AI and predicted balanced at both K, $|r/r_\text{bal} - 1|$ falls by
${pm(d.E)} for E and ${pm(d.I)} for I from $K = ${a.K}$ to $K = ${b.K}$: ${closer}. **Synchrony.** The rate model's
linear stability finds ${rm.unstable} unstable of ${wedge} wedge points at $K = ${b.K}$, where ${syncB} wedge points
are synchronous: ${misses}.`;
}

/**
 * The notebook's computed verdicts on two maps (smaller K first): where E falls silent and how
 * that moves with K, where runaway and synchrony give way to the AI state, the AI share of the
 * balanced wedge, the rates against the balanced solution, and the rate model's stability.
 * @param a the map at the smaller K.
 * @param b the map at the larger K (its grid a subset of a's).
 * @returns the sentences with their verdicts.
 */
export function nb09Verdicts(a: BalanceMap, b: BalanceMap): ReportPart {
  return md`${silentVerdicts(a, b)}

${excitationVerdicts(a, b)}

${rateVerdicts(a, b)}`;
}

/**
 * The balance conditions at points of the plane (the other couplings at the model's defaults),
 * as a table: the three ratios, which inequalities hold, the balanced rates (Hz) and the prediction.
 * @param points the (|J_EI|, |J_II|) pairs.
 * @returns the table.
 * @throws ParameterError as `balanceConditions`.
 */
export function conditionsTable(points: readonly { JEI: number; JII: number }[]): ReportPart {
  const rows = points.map(({ JEI, JII }) => {
    const c = balanceConditions({ J: [[1, -JEI], [1, -JII]] });
    const [upper, lower] = [c.upper ? ">" : "≤", c.lower ? ">" : "≤"];
    const ratios = [fixed(c.external, 2), upper, fixed(c.inhibitory, 2), lower, fixed(c.excitatory, 2)];
    return [
      `${JEI}, ${JII}`,
      ratios.join(" "),
      c.rates.rE === null || c.rates.rI === null ? "none (det J = 0)" : `${fixed(c.rates.rE, 1)}, ${fixed(c.rates.rI, 1)}`,
      c.state,
    ];
  });
  return markdownTable(
    [
      "J_EI, J_II (magnitudes)",
      "J_EX/J_IX vs ρ = J_EI/J_II vs J_EE/J_IE",
      "r_E, r_I = -J⁻¹ J_X r_X (Hz)",
      "prediction",
    ],
    rows,
  );
}

/**
 * What `balanceMap` says to couplings it refuses: a non-finite coupling, and a grid whose runs
 * (N = 10^6, K = 10^4) exceed the memory limit, checked before any run.
 * @returns the two ParameterError messages.
 */
export function refusedMaps(): string[] {
  const attempts = [
    { K: 100, N: 500, JEI: [1, Number.NaN], JII: [1] },
    { K: 10000, N: 1000000, JEI: [2.5], JII: [2] },
  ];
  return attempts.map((options) => {
    try {
      balanceMap(options);
      return "accepted";
    } catch (e) {
      if (!(e instanceof ParameterError)) throw e;
      return e.message;
    }
  });
}

/**
 * What the maps cost in runs (a deterministic count, unlike their time): per map, its runs and
 * the points decided by their probe (saturated), and the total.
 * @param maps the maps made.
 * @returns one sentence.
 */
export function mapRuns(maps: readonly BalanceMap[]): ReportPart {
  const probed = (m: BalanceMap) => m.points.filter((p) => p.probed).length;
  const parts = maps.map((m) => `${m.runs} at $K = ${m.K}$ (${probed(m)} points decided by their probe)`);
  const runs = maps.reduce((n, m) => n + m.runs, 0);
  return md`${runs} runs: ${parts.join(", ")}.`;
}
