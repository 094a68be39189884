import { poissonTrains } from "../lib/src/spikes/poisson";
import { SpikeTrains } from "../lib/src/spikes/spike-trains";
import { ParameterError } from "../lib/src/core/validate";
import { mean } from "../lib/src/math/statistics";
import { trainIrregularity } from "../lib/src/analysis/train-irregularity";

describe("trainIrregularity", () => {
  test("Poisson trains have ISI CV and Fano factor near 1 and their rate, within 5 standard errors", () => {
    for (const seed of [1, 2, 3]) {
      const r = trainIrregularity(poissonTrains({ n: 200, rate: 20, duration: 20.2, seed }), { start: 0.2, window: 0.1 });
      expect(r.rate).toHaveLength(200);
      // a rate from 400 spikes has SE sqrt(20 / 20) = 1 Hz; the mean of 200 such: SE 0.07 Hz
      expect(Math.abs(mean(r.rate) - 20)).toBeLessThan(5 * 1 / Math.sqrt(200));
      // CV of 400 exponential intervals: SE about 1 / sqrt(400); Fano of 200 windows: SE about sqrt(2 / 199)
      expect(Math.abs(mean(r.cv) - 1)).toBeLessThan(5 * (1 / Math.sqrt(400)) / Math.sqrt(200));
      expect(Math.abs(mean(r.fano) - 1)).toBeLessThan(5 * Math.sqrt(2 / 199) / Math.sqrt(200));
    }
  });

  test("a silent neuron has a rate of 0 and no CV or Fano factor; a clock has CV 0", () => {
    const bins = Array.from({ length: 100 }, (_, k) => 100 * k);
    const t = SpikeTrains.fromEvents(2, 10000, 1e-4, bins.map(() => 0), bins);
    const r = trainIrregularity(t);
    expect(r.rate).toEqual([100, 0]);
    expect(r.cv).toHaveLength(1);
    expect(r.cv[0]).toBeCloseTo(0, 12);
    expect(r.fano).toHaveLength(1);
    expect(() => trainIrregularity(t, { start: 1 })).toThrow(ParameterError);
    expect(() => trainIrregularity([] as unknown as SpikeTrains)).toThrow(/trainIrregularity: trains/);
  });
});
