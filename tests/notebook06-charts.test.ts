import { compile } from "vega-lite";
import { ratesVsInputChart, ratesVsKCharts } from "../lib/src/tutorial/notebook06/network-rates-chart";
import { ParameterError } from "../lib/src/core/validate";
import { drawnSeries as series } from "./chart-rows";

const sweep = [{ rX: 5, E: { m: 14, se: 0.5 }, I: { m: 9, se: 0.25 } }, { rX: 10, E: { m: 28, se: 1 }, I: { m: 19, se: 0.5 } }];

describe("the charts of notebook 06", () => {
  test("ratesVsInputChart: theory lines on the grid, simulated points with ±2 SE, K and seeds in the title", async () => {
    const spec = ratesVsInputChart(sweep, { rX: [5, 10], balanced: [{ rE: 15, rI: 10 }, { rE: 30, rI: 20 }], meanField: [{ rE: 14.5, rI: 9.5 }, { rE: 29, rI: 19.5 }] }, { K: 100, seeds: 20 });
    expect(() => compile(spec)).not.toThrow();
    expect(JSON.stringify(spec.title)).toContain("K = 100 (simulation ±2 SE over 20 seeds)");
    expect((await series(spec, "E: K→∞ (3 r_X)")).map((r) => r.y)).toEqual([15, 30]);
    expect((await series(spec, "I: simulation")).map((r) => [r.x, r.y, r.lo, r.hi])).toEqual([[5, 9, 8.5, 9.5], [10, 19, 18, 20]]);
    expect(() => ratesVsInputChart(sweep, { rX: [5], balanced: [], meanField: [] }, { K: 100, seeds: 20 })).toThrow(ParameterError);
  });

  test("ratesVsKCharts: E above I, the balanced line across the grid, asynchronous points with ±2 SE, no locked episodes", async () => {
    const spec = ratesVsKCharts({
      asynchronous: [{ K: 100, E: { m: 28, se: 0.5 }, I: { m: 19, se: 0.25 } }],
      kGrid: [20, 1000], meanField: [{ rE: 31, rI: 21 }, { rE: 30.1, rI: 20.1 }], balanced: { rE: 30, rI: 20 },
    });
    expect(() => compile(spec)).not.toThrow();
    expect((await series(spec, "K→∞", 1)).map((r) => [r.x, r.y])).toEqual([[20, 20], [1000, 20]]);
    expect((await series(spec, "asynchronous", 0)).map((r) => [r.y, r.lo, r.hi])).toEqual([[28, 27, 29]]);
    expect(await series(spec, "locked episodes", 1)).toEqual([]);
    expect(() => ratesVsKCharts({ asynchronous: [], kGrid: [], meanField: [], balanced: { rE: 30, rI: 20 } })).toThrow(ParameterError);
  });
});
