import { compile } from "vega-lite";
import { inputPartsChart, meanInputCharts } from "../lib/src/tutorial/notebook07/input-parts-chart";
import { correlationHistogramChart } from "../lib/src/charts/correlation-histogram";
import { populationActivityChart } from "../lib/src/charts/activity";
import { ParameterError } from "../lib/src/core/validate";
import { drawnRows, drawnSeries as series } from "./chart-rows";

describe("the charts of notebook 07", () => {
  test("inputPartsChart and meanInputCharts: the parts by source, their sum, and the threshold", async () => {
    const trace = { t: [0, 0.001], E: [3, 3.2], I: [-4, -4.1], X: [1.5, 1.5], total: [0.5, 0.6] };
    const one = inputPartsChart(trace, "E neuron 0");
    expect(() => compile(one)).not.toThrow();
    expect((await series(one, "total")).map((r) => r.y)).toEqual([0.5, 0.6]);
    const measured = [{ K: 100, comp: [{ m: 6, se: 0.1 }, { m: -10, se: 0.2 }, { m: 4, se: 0.05 }], total: { m: 0.2, se: 0.1 } }];
    const both = meanInputCharts(measured, { K: [25, 100], parts: [[3, -5, 2], [6, -10, 4]], mu: [0.1, 0.2] });
    expect(() => compile(both)).not.toThrow();
    expect((await series(both, "I: sim.", 0)).map((r) => [r.x, r.y, r.lo])).toEqual([[10, -10, -10.4]]);
    expect((await series(both, "X: theory", 0)).map((r) => [r.x, r.y])).toEqual([[5, 2], [10, 4]]);
    expect((await series(both, "μ_E: mean field", 1)).map((r) => r.y)).toEqual([0.1, 0.2]);
    expect(() => meanInputCharts(measured, { K: [25], parts: [], mu: [] })).toThrow(ParameterError);
  });

  test("correlationHistogramChart: the Gaussian of independent trains integrates to the number of pairs", async () => {
    const c = Float64Array.from({ length: 200 }, (_, i) => (i - 100) / 1000);
    const spec = correlationHistogramChart(c, { pairs: "E-E", window: 0.1, nWindows: 101 });
    expect(() => compile(spec)).not.toThrow();
    expect(JSON.stringify(spec)).toContain("Spike-count correlations of 200 E-E pairs (100 ms windows, 101 windows)");
    // the curve's values times the spacing 0.015 / bin width 0.025 sum to the pairs (the tails beyond ±0.45 are 4.5 sd)
    const curve = (await drawnRows(spec, "line")).filter((r) => r.series === "independent: sd 0.100") as { y: number }[];
    expect(curve).toHaveLength(61);
    const total = curve.reduce((s, r) => s + r.y, 0) * 0.015 / 0.025;
    expect(Math.abs(total - 200)).toBeLessThan(0.5);
    expect(() => correlationHistogramChart(c, { pairs: "E-E", window: 0.1, nWindows: 1 })).toThrow(ParameterError);
  });

  test("populationActivityChart: one line per population", async () => {
    const spec = populationActivityChart({ t: [0, 0.001, 0.002], E: [0, 1, 0], I: [0.5, 0, 0] }, "activity");
    expect(() => compile(spec)).not.toThrow();
    expect((await series(spec, "E")).map((r) => r.y)).toEqual([0, 1, 0]);
    expect(() => populationActivityChart({ t: [0], E: [0, 1], I: [0] }, "x")).toThrow(ParameterError);
  });
});
