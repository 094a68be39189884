import * as vega from "vega";
import * as vl from "vega-lite";
import { balanceMap } from "../lib/src/experiments/balance-map";
import { balanceConditions } from "../lib/src/theory/balance-conditions";
import { phaseDiagramChart } from "../lib/src/charts/phase-diagram";
import { excitationBoundary, nb09Grid, silentBoundary } from "../lib/src/tutorial/where-balance-holds";
import { ParameterError } from "../lib/src/core/validate";

// A 3 x 2 map at K = 50, N = 250: |J_EI| = 0.3 (runaway), 2 (in the wedge at |J_II| = 1.5), 6 (beyond the upper line).
const options = {
  K: 50,
  N: 250,
  JEI: [0.3, 2, 6],
  JII: [0.5, 1.5],
  duration: 0.2,
  transient: 0.1,
  examples: 1,
  keep: 20,
};

describe("balanceMap", () => {
  const progress: [number, number][] = [];
  const map = balanceMap({ ...options, onProgress: (d, t) => progress.push([d, t]) });

  test("one point per grid node, |J_II| outer, each with the balance theory of its couplings", () => {
    expect(map.points.map((p) => [p.JEI, p.JII])).toEqual([
      [0.3, 0.5],
      [2, 0.5],
      [6, 0.5],
      [0.3, 1.5],
      [2, 1.5],
      [6, 1.5],
    ]);
    for (const p of map.points)
      expect(p.theory).toEqual(
        balanceConditions({
          J: [
            [1, -p.JEI],
            [1, -p.JII],
          ],
        }),
      );
  });

  test("runaway at weak inhibition onto E (by the probe), E silent far beyond the upper line, AI in the wedge", () => {
    expect(map.points[0].state).toBe("runaway");
    expect(map.points[0].probed).toBe(true);
    expect(map.points[2].state).toBe("E silent");
    expect(map.points[4].state).toBe("asynchronous irregular");
    expect(map.points[4].probed).toBe(false);
  });

  test("points unlike a neighbour get the further seeds (default [2, 3]), others one; agreement: their share", () => {
    map.points.forEach((p, i) => {
      const c = i % 3,
        r = Math.floor(i / 3);
      const nb = [
        [c - 1, r],
        [c + 1, r],
        [c, r - 1],
        [c, r + 1],
      ].filter(([x, y]) => x >= 0 && x < 3 && y >= 0 && y < 2);
      const differs = nb.some(([x, y]) => map.points[y * 3 + x].first.state !== p.first.state);
      expect(p.states.length).toBe(differs ? 3 : 1);
      expect(p.states[0]).toBe(p.first.state);
      expect(p.agreement).toBe(p.states.filter((s) => s === p.state).length / p.states.length);
    });
    expect(map.runs).toBe(6 + 2 * map.points.filter((p) => p.states.length === 3).length + map.examples.length);
    expect(progress[progress.length - 1]).toEqual([map.runs, map.runs]);
  });

  test("one example per state, the first `keep` neurons of its first run, and the same seed gives the same map", () => {
    expect(new Set(map.examples.map((e) => map.points[e.point].state)).size).toBe(map.examples.length);
    expect(map.examples.every((e) => e.E.n === 20 && e.I.n === 20)).toBe(true);
    const again = balanceMap(options);
    expect(again.points).toEqual(map.points);
  });

  test("the phase diagram compiles with Vega-Lite and renders; the picked example is the AI one", async () => {
    const spec = phaseDiagramChart(map);
    const svg = await new vega.View(vega.parse(vl.compile(spec).spec), { renderer: "none" }).toSVG();
    expect(svg).toContain("<svg");
    const text = JSON.stringify(spec);
    expect(text).toContain('"name":"pick"');
    expect(text).toContain("asynchronous irregular at |J_EI| = 2, |J_II| = 1.5");
    expect(() => phaseDiagramChart({ ...map, points: [] })).toThrow(ParameterError);
    const crossed = phaseDiagramChart(map, { unstable: [{ JEI: 2, JII: 1.5 }] });
    expect(JSON.stringify(crossed)).toContain("rate model unstable");
    expect(() => phaseDiagramChart(map, { unstable: [{ JEI: Number.NaN, JII: 1 }] })).toThrow(/unstable\[0\].JEI/);
  });

  test("picking another ring (the selection `pick`) shows that example's spikes in the raster", async () => {
    const view = new vega.View(vega.parse(vl.compile(phaseDiagramChart(map)).spec), { renderer: "none" });
    await view.runAsync();
    type Node = { name?: string; marktype?: string; items?: Node[] };
    const dots = (node: Node): number =>
      node.marktype !== undefined && node.name === "concat_1_layer_0_marks"
        ? node.items!.length
        : (node.items ?? []).reduce((n, i) => n + dots(i), 0);
    const spikes = (e: (typeof map.examples)[number]) =>
      [e.E, e.I].reduce((n, t) => n + Array.from(t.bins).filter((k) => k * t.dt >= t.duration - 0.1 - 1e-12).length, 0);
    const pick = (state: string) => map.examples.find((e) => map.points[e.point].state === state)!;
    const root = () => (view.scenegraph() as unknown as { root: Node }).root;
    expect(dots(root())).toBe(spikes(pick("asynchronous irregular")));
    const runaway = pick("runaway");
    const label = `runaway at |J_EI| = ${map.points[runaway.point].JEI}, |J_II| = ${map.points[runaway.point].JII}`;
    const s = view.data("pick_store")[0] as { unit: string; fields: unknown };
    const tuple = { unit: s.unit, fields: s.fields, values: [label] };
    await view.change("pick_store", vega.changeset().remove(() => true).insert([tuple])).runAsync();
    expect(dots(root())).toBe(spikes(runaway));
  });

  test("the boundaries read off the rows of given states: midway between the two cells, as |J_EI|/|J_II|", () => {
    const states = [
      "runaway",
      "asynchronous irregular",
      "E silent",
      "synchronous",
      "asynchronous irregular",
      "asynchronous irregular",
    ] as const;
    const given = { ...map, points: map.points.map((p, i) => ({ ...p, state: states[i] })) };
    expect(silentBoundary(given)).toEqual({ JII: [0.5], ratio: [4 / 0.5] });
    expect(excitationBoundary(given)).toEqual({ JII: [0.5, 1.5], ratio: [1.15 / 0.5, 1.15 / 1.5] });
  });
});

describe("balanceMap refuses bad planes before running", () => {
  test.each([
    [{ JEI: [1, Number.NaN] }, /JEI\[1\] must be a finite number > 0/],
    [{ JII: [] }, /JII must be a non-empty, increasing array/],
    [{ JEI: [2, 1] }, /JEI\[1\] must be > JEI\[0\] = 2/],
    [{ K: 300 }, /K must be an integer/],
    [{ thresholds: { chi: 2 } }, /chi must be a finite number/],
    [{ K: 10000, N: 1000000 }, /above the memory limit/],
  ])("%j", (bad, message) => {
    expect(() => balanceMap({ ...options, ...bad } as never)).toThrow(ParameterError);
    expect(() => balanceMap({ ...options, ...bad } as never)).toThrow(message);
  });

  test("the notebook's grids nest: every point of the 10 x 10 grid is one of the 20 x 20 grid", () => {
    const [fine, coarse] = [nb09Grid(20), nb09Grid(10)];
    expect(coarse.JEI.every((x) => fine.JEI.includes(x)) && coarse.JII.every((y) => fine.JII.includes(y))).toBe(true);
    expect(fine.JEI[19]).toBe(6);
  });
});
