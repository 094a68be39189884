import { SpikeTrains } from "../lib/src/spikes/spike-trains";
import { ParameterError } from "../lib/src/core/validate";
import { activityFractions, inputPartsTrace } from "../lib/src/tutorial/notebook07/input-parts";

describe("inputPartsTrace", () => {
  test("constant inputs come out times tau / dt, every step-th bin of the window, with their sum", () => {
    const n = 1000, dt = 1e-4, tau = 0.02;
    const parts = { E: new Float64Array(n).fill(0.01), I: new Float64Array(n).fill(-0.02), X: new Float64Array(n).fill(0.005) };
    const r = inputPartsTrace(parts, { start: 0.02, end: 0.1, dt, tau });
    expect(r.t).toHaveLength(80);
    expect(r.t[0]).toBeCloseTo(0.02, 12);
    expect(r.t[1] - r.t[0]).toBeCloseTo(1e-3, 12);
    for (let j = 0; j < 80; j++) {
      expect(r.E[j]).toBeCloseTo(2, 10);
      expect(r.I[j]).toBeCloseTo(-4, 10);
      expect(r.X[j]).toBeCloseTo(1, 10);
      expect(r.total[j]).toBeCloseTo(-1, 10);
    }
  });

  test("smoothing spreads a single input over about its sd, keeping its area", () => {
    const n = 2000, dt = 1e-4, tau = 1e-4;
    const E = new Float64Array(n);
    E[1000] = 1;
    const zero = new Float64Array(n);
    const r = inputPartsTrace({ E, I: zero, X: zero }, { start: 0, end: 0.2, dt, tau, sdBins: 20, step: 1 });
    const area = r.E.reduce((s, x) => s + x, 0);
    expect(area).toBeCloseTo(1, 6);
    expect(r.E[1000]).toBeCloseTo(1 / (20 * Math.sqrt(2 * Math.PI)), 4);
    expect(() => inputPartsTrace({ E, I: zero, X: zero }, { start: 0, end: 0.3, dt, tau })).toThrow(ParameterError);
    expect(() => inputPartsTrace({ E, I: new Float64Array(3), X: zero }, { start: 0, end: 0.1, dt, tau })).toThrow(/lengths/);
  });
});

describe("activityFractions", () => {
  test("the fraction of each population firing per bin of 1 ms", () => {
    // E: 4 neurons, 2 of them fire in ms 3; I: 2 neurons, both fire in ms 5
    const E = SpikeTrains.fromEvents(4, 100, 1e-4, [0, 1], [31, 35]);
    const I = SpikeTrains.fromEvents(2, 100, 1e-4, [0, 1], [50, 59]);
    const a = activityFractions({ E, I });
    expect(a.t).toHaveLength(10);
    expect(a.t[3]).toBeCloseTo(0.003, 12);
    expect(a.E).toEqual([0, 0, 0, 0.5, 0, 0, 0, 0, 0, 0]);
    expect(a.I).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(() => activityFractions({ E, I }, 0.00015)).toThrow(ParameterError);
  });
});
