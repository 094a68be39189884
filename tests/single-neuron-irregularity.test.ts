import { singleNeuronIrregularity } from "../lib/src/experiments/single-neuron-irregularity";
import { irregularityAtRate } from "../lib/src/experiments/irregularity";
import { excitatoryInputs } from "../lib/src/theory/membrane-moments";
import { ParameterError } from "../lib/src/core/validate";
import { summarize } from "../lib/src/math/statistics";

// The set-ups of notebooks 03 and 04 at one target rate, with 4 neurons of 3 s (fast): each is
// irregularityAtRate with its own seed, so the mean-driven entry must equal that call exactly.

describe("singleNeuronIrregularity", () => {
  const progress: number[] = [];
  const r = singleNeuronIrregularity([10], { neurons: 4, duration: 3, onProgress: (d, t) => progress.push(d / t) });

  test("one entry per set-up, named and in order: mean-driven, then fluctuation-driven", () => {
    expect(r.map((s) => s.name)).toEqual(["mean-driven (nb 03) at 10 Hz", "fluctuation-driven (nb 04) at 10 Hz"]);
    expect(progress[progress.length - 1]).toBe(1);
  });

  test("each entry is irregularityAtRate of its set-up with the seed single-<target>-<set-up>", () => {
    const md = irregularityAtRate({ inputs: (w) => excitatoryInputs({ K: 100, w }), targetRate: 10, wRange: [3, 10], seed: "single-0-0", neurons: 4, duration: 3 });
    expect(r[0]).toEqual({ name: "mean-driven (nb 03) at 10 Hz", ...md });
  });

  test("the neurons fire at the target within 4 SE, the fluctuation-driven ones more irregularly", () => {
    for (const s of r) {
      const rate = summarize(s.rate);
      expect(Math.abs(rate.mean - 10)).toBeLessThan(4 * rate.se + 1 / 2.9);
    }
    expect(summarize(r[1].cv).mean).toBeGreaterThan(summarize(r[0].cv).mean);
  });

  test("an empty list of targets is refused", () => {
    expect(() => singleNeuronIrregularity([])).toThrow(ParameterError);
    expect(() => singleNeuronIrregularity([10], { neurons: 0 })).toThrow(/neurons/);
  });
});
