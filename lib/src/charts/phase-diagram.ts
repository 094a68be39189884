import type { TopLevelSpec } from "vega-lite";
import type { BalanceMap } from "../experiments/balance-map";
import { NETWORK_STATES } from "../analysis/network-state";
import { checkNumber, invalid } from "../core/validate";
import { SpikeTrains } from "../spikes/spike-trains";
import { PALETTE, checkOptions, csvData, round, topLevel } from "./base";
import { SPIKE_ROWS, rasterRows } from "./raster";

/**
 * The phase diagram of a {@link BalanceMap}: the simulated states as a heat map over
 * (|J_EI|, |J_II|), the analytic balance boundaries as lines, and beside it the raster of an
 * example point, chosen by clicking one of the ringed points.
 */

/** Options of {@link phaseDiagramChart}. */
export interface PhaseDiagramOptions {
  /** Title of the map (default: the map's K and N). */
  title?: string;
  /** Length of the raster window (s), at the end of each example's run; default 0.1. */
  window?: number;
  /** Points where a theory predicts the asynchronous state to be unstable (e.g. the rate model's), drawn as crosses. */
  unstable?: readonly { JEI: number; JII: number }[];
  /** Neurons of E and of I drawn in each raster (default 30). */
  neurons?: number;
}

/**
 * Colours of the states, in the order of NETWORK_STATES: runaway red, E silent grey, I silent
 * orange, synchronous purple, asynchronous regular teal, asynchronous irregular blue.
 */
const STATE_COLORS = [PALETTE[1], PALETTE[7], PALETTE[4], PALETTE[3], PALETTE[5], PALETTE[0]];

/** Cell edges of increasing grid values: midway between neighbours, half a step beyond the ends. */
function cellEdges(v: readonly number[]): [number, number][] {
  const step = (k: number) => (v.length > 1 ? (k === 0 ? v[1] - v[0] : v[k] - v[k - 1]) : 1);
  return v.map((x, k) => [
    k > 0 ? (x + v[k - 1]) / 2 : x - step(0) / 2,
    k < v.length - 1 ? (x + v[k + 1]) / 2 : x + step(k) / 2,
  ]);
}

/** Checks that `map` is a result of balanceMap: its grid, one point per node with finite numbers, and its examples. */
function checkMap(where: string, map: BalanceMap): void {
  const allowed = "the result of balanceMap";
  const grid = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every((x) => Number.isFinite(x));
  if (map === null || typeof map !== "object" || !grid(map.JEI) || !grid(map.JII) || !Array.isArray(map.points)) invalid(where, "map", map, allowed);
  if (map.points.length !== map.JEI.length * map.JII.length) invalid(where, "map.points", map.points, `${map.JEI.length * map.JII.length} points, one per grid node`);
  map.points.forEach((p, k) => {
    const numbers = p === null || typeof p !== "object" ? [NaN] : [p.JEI, p.JII, p.agreement, ...(p.first?.rates ?? [NaN]), p.theory?.external, p.theory?.excitatory];
    // the balanced rates are null where det J = 0
    const rates = p?.theory?.rates ?? { rE: NaN, rI: NaN };
    const ok = numbers.every((x) => Number.isFinite(x)) && [rates.rE, rates.rI].every((r) => r === null || Number.isFinite(r));
    if (!ok) invalid(where, `map.points[${k}]`, p, "a point of balanceMap (finite couplings, rates and agreement)");
  });
  if (!Array.isArray(map.examples) || !map.examples.every((e) => Number.isInteger(e?.point) && e.point >= 0 && e.point < map.points.length && e.E instanceof SpikeTrains && e.I instanceof SpikeTrains)) {
    invalid(where, "map.examples", map.examples, "the examples of balanceMap (points of the map)");
  }
}

/**
 * The map's rows: point, cell edges, state, agreement, simulated and balanced rates (Hz; the
 * balanced ones as text, "none" without a positive solution), prediction, example label ("" when none).
 */
function mapRows(map: BalanceMap, labels: Map<number, string>): Record<string, (number | string)[]> {
  const ex = cellEdges(map.JEI),
    ey = cellEdges(map.JII);
  const names = [
    "JEI",
    "JII",
    "x0",
    "x1",
    "y0",
    "y1",
    "state",
    "agreement",
    "rE",
    "rI",
    "bE",
    "bI",
    "predicted",
    "example",
  ];
  const col: Record<string, (number | string)[]> = Object.fromEntries(names.map((n) => [n, []]));
  map.points.forEach((p, i) => {
    const c = i % map.JEI.length,
      r = Math.floor(i / map.JEI.length);
    const { rE, rI } = p.theory.rates;
    const positive = rE !== null && rI !== null && rE > 0 && rI > 0;
    const values = [
      p.JEI,
      p.JII,
      round(ex[c][0]),
      round(ex[c][1]),
      round(ey[r][0]),
      round(ey[r][1]),
      p.state,
      round(p.agreement, 3),
      round(p.first.rates[0], 4),
      round(p.first.rates[1], 4),
      positive ? String(round(rE!, 3)) : "none",
      positive ? String(round(rI!, 3)) : "none",
      p.theory.state,
      labels.get(i) ?? "",
    ];
    names.forEach((n, k) => col[n].push(values[k]));
  });
  return col;
}

/** The two balance boundaries |J_EI| = ratio |J_II| over the map's |J_II| range, as line rows. */
function boundaryRows(map: BalanceMap): Record<string, (number | string)[]> {
  const t = map.points[0].theory;
  const [y0, y1] = [cellEdges(map.JII)[0][0], cellEdges(map.JII)[map.JII.length - 1][1]];
  const xMax = cellEdges(map.JEI)[map.JEI.length - 1][1];
  const lines: [string, number][] = [
    [`|J_EI|/|J_II| = J_EX/J_IX = ${round(t.external, 4)}`, t.external],
    [`|J_EI|/|J_II| = J_EE/J_IE = ${round(t.excitatory, 4)}`, t.excitatory],
  ];
  const col: Record<string, (number | string)[]> = { line: [], JEI: [], JII: [] };
  for (const [label, ratio] of lines) {
    for (const y of [Math.max(0, y0), Math.min(y1, xMax / ratio)]) {
      col.line.push(label);
      col.JEI.push(round(ratio * y));
      col.JII.push(round(y));
    }
  }
  return col;
}

/**
 * The raster rows of every example (its first `neurons` E and I neurons over the last `window` s
 * of its run), with the example's label.
 */
function exampleRows(
  map: BalanceMap,
  labels: Map<number, string>,
  window: number,
  neurons: number,
): Record<string, (number | string)[]> {
  const col: Record<string, (number | string)[]> = { i: [], dt: [], bins: [], group: [], example: [] };
  for (const e of map.examples) {
    const end = e.E.duration;
    const { columns } = rasterRows({
      list: [
        { label: "E", trains: e.E },
        { label: "I", trains: e.I },
      ],
      maxNeurons: neurons,
      timeRange: [Math.max(0, end - window), end],
      dotSize: 3,
    });
    for (const name of ["i", "dt", "bins", "group"]) col[name].push(...columns[name]);
    col.example.push(...columns.i.map(() => labels.get(e.point)!));
  }
  return col;
}

/** The heat map's tooltip: the point, its simulated state and rates, the seeds' agreement and the balance theory. */
const MAP_TOOLTIP = [
  { field: "JEI", title: "|J_EI|" },
  { field: "JII", title: "|J_II|" },
  { field: "state", title: "simulated state" },
  { field: "agreement", title: "seeds with this state", format: ".0%" },
  { field: "rE", title: "simulated r_E (Hz)", format: ".3~g" },
  { field: "rI", title: "simulated r_I (Hz)", format: ".3~g" },
  { field: "predicted", title: "balance theory" },
  { field: "bE", title: "balanced r_E (Hz)" },
  { field: "bI", title: "balanced r_I (Hz)" },
];

/** Line and ring colour: green, apart from the states' colours. */
const OVERLAY_COLOR = PALETTE[2];

/**
 * The phase diagram of a balance map: left, the simulated state of every grid point as a
 * coloured cell over (|J_EI|, |J_II|) (paler where the seeds of a point near a boundary
 * disagree), the analytic balance boundaries |J_EI|/|J_II| = J_EX/J_IX (above it E is silent)
 * and |J_EI|/|J_II| = J_EE/J_IE (below it, runaway) as lines, and rings on the example points;
 * right, the raster of the example picked by clicking a ring (at first an AI one, if any), its
 * first `neurons` E and I neurons over the last `window` s of its run. The tooltip of a cell
 * gives its simulated and balanced rates (Hz). Crosses mark the `unstable` points, if any.
 * @param map the result of `balanceMap` (with examples for the raster).
 * @param options title, window (s), neurons, unstable points.
 * @returns the Vega-Lite spec.
 * @throws ParameterError for a map without points, a window or neurons out of range, or a bad unstable point.
 */
export function phaseDiagramChart(map: BalanceMap, options: PhaseDiagramOptions = {}): TopLevelSpec {
  const where = "phaseDiagramChart";
  checkMap(where, map);
  checkOptions(where, options, "an object { title?, window?, neurons? }");
  const window = checkNumber(where, "window", options.window ?? 0.1, { min: 0, minInclusive: false, unit: "s" });
  const neurons = checkNumber(where, "neurons", options.neurons ?? 30, { integer: true, min: 1 });
  const labels = new Map(
    map.examples.map((e) => [
      e.point,
      `${map.points[e.point].state} at |J_EI| = ${map.points[e.point].JEI}, |J_II| = ${map.points[e.point].JII}`,
    ]),
  );
  const title = options.title ?? `States at K = ${map.K}, N = ${map.N}`;
  const heat = heatView(map, labels, title, unstableLayer(where, options.unstable ?? []));
  return topLevel({
    hconcat: [heat, exampleRaster(map, labels, window, neurons)],
    resolve: { scale: { color: "independent" }, legend: { color: "independent" } },
  });
}

/** The map view: the states' cells, the boundary lines, the examples' rings (the selection `pick`), `extra` layers. */
function heatView(map: BalanceMap, labels: Map<number, string>, title: string, extra: unknown[]): object {
  const rows = csvData(mapRows(map, labels));
  const [ex, ey] = [cellEdges(map.JEI), cellEdges(map.JII)];
  const xScale = { domain: [round(ex[0][0]), round(ex[ex.length - 1][1])], nice: false },
    yScale = { domain: [round(ey[0][0]), round(ey[ey.length - 1][1])], nice: false };
  return {
    title,
    width: 320,
    height: 320,
    layer: [
      {
        data: rows,
        mark: "rect",
        encoding: {
          x: { field: "x0", type: "quantitative", title: "|J_EI| (inhibition onto E)", scale: xScale },
          x2: { field: "x1" },
          y: { field: "y0", type: "quantitative", title: "|J_II| (inhibition onto I)", scale: yScale },
          y2: { field: "y1" },
          color: {
            field: "state",
            type: "nominal",
            title: "simulated state",
            scale: { domain: [...NETWORK_STATES], range: STATE_COLORS },
            legend: { labelLimit: 0 },
          },
          opacity: { condition: { test: "datum.agreement < 1", value: 0.45 }, value: 1 },
          tooltip: MAP_TOOLTIP,
        },
      },
      {
        data: csvData(boundaryRows(map)),
        mark: { type: "line", color: OVERLAY_COLOR, strokeWidth: 2.5 },
        encoding: {
          x: { field: "JEI", type: "quantitative" },
          y: { field: "JII", type: "quantitative" },
          strokeDash: {
            field: "line",
            type: "nominal",
            title: "balance boundary",
            legend: { orient: "bottom", direction: "vertical", labelLimit: 0 },
          },
        },
      },
      {
        data: rows,
        transform: [{ filter: "isValid(datum.example) && datum.example != ''" }],
        mark: { type: "point", filled: false, size: 160, strokeWidth: 2.5, color: OVERLAY_COLOR, cursor: "pointer" },
        params: [
          { name: "pick", select: { type: "point", fields: ["example"], on: "click" }, value: firstPick(map, labels) },
        ],
        encoding: {
          x: { field: "JEI", type: "quantitative" },
          y: { field: "JII", type: "quantitative" },
          tooltip: [{ field: "example", title: "click for its raster" }],
        },
      },
      ...extra,
    ],
  };
}

/** The crosses at the points a theory predicts unstable (no layer when there is none). */
function unstableLayer(where: string, points: readonly { JEI: number; JII: number }[]): unknown[] {
  if (!Array.isArray(points)) invalid(where, "unstable", points, "an array of { JEI, JII }");
  if (points.length === 0) return [];
  const JEI = points.map((p, k) => checkNumber(where, `unstable[${k}].JEI`, p.JEI, { min: 0 }));
  const JII = points.map((p, k) => checkNumber(where, `unstable[${k}].JII`, p.JII, { min: 0 }));
  const label = points.map(() => "rate model unstable");
  const encoding = { x: { field: "JEI", type: "quantitative" }, y: { field: "JII", type: "quantitative" } };
  const legend = { labelLimit: 0 };
  const shape = { field: "label", type: "nominal", title: "theory", scale: { range: ["cross"] }, legend };
  const mark = { type: "point", filled: true, size: 140, color: OVERLAY_COLOR };
  return [{ data: csvData({ JEI, JII, label }), mark, encoding: { ...encoding, shape } }];
}

/** The example picked at first: an asynchronous irregular one if any, else the first; none without examples. */
function firstPick(map: BalanceMap, labels: Map<number, string>): { example: string }[] {
  const ai = map.examples.find((e) => map.points[e.point].state === "asynchronous irregular") ?? map.examples[0];
  return ai === undefined ? [] : [{ example: labels.get(ai.point)! }];
}

/** The raster view of the picked example, with its label above the dots. */
function exampleRaster(
  map: BalanceMap,
  labels: Map<number, string>,
  window: number,
  neurons: number,
): Record<string, unknown> {
  return {
    title: "Raster of the picked point (click a ring)",
    width: 260,
    height: 320,
    layer: [
      {
        data: csvData(exampleRows(map, labels, window, neurons)),
        transform: [{ filter: { param: "pick" } }, ...SPIKE_ROWS],
        mark: { type: "circle", size: 6, opacity: 1 },
        encoding: {
          x: { field: "t", type: "quantitative", title: "time (s)", scale: { zero: false, nice: false } },
          y: {
            field: "i",
            type: "quantitative",
            title: `neuron (E: 0-${neurons - 1}, I: ${neurons}-${2 * neurons - 1})`,
            scale: { domain: [0, 2 * neurons], nice: false },
          },
          color: {
            field: "group",
            type: "nominal",
            title: "population",
            scale: { domain: ["E", "I"], range: [PALETTE[0], PALETTE[1]] },
          },
          tooltip: [
            { field: "example", title: "point" },
            { field: "t", type: "quantitative", title: "time (s)", format: ".4~g" },
          ],
        },
      },
    ],
  };
}
