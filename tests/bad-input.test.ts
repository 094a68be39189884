// Nothing silently wrong, nothing unbounded. Each case refuses with a ParameterError that
// names the function and the parameter, before it allocates (the refusals need no long run).
import { binCount, MAX_BINS } from "../lib/src/core/time-bins";
import { ParameterError } from "../lib/src/core/validate";
import { CancelledError } from "../lib/src/core/run-control";
import { poissonTrains } from "../lib/src/spikes/poisson";
import { SpikeTrains } from "../lib/src/spikes/spike-trains";
import { simulateLif, simulateLifFromDrive } from "../lib/src/neuron/lif";
import { simulateSingleNeuron } from "../lib/src/experiments/single-neuron";
import { rateVsWeight } from "../lib/src/experiments/weight-search";
import { excitatoryInputs } from "../lib/src/theory/membrane-moments";
import { simulateLifGaussian } from "../lib/src/theory/siegert";
import { solveMeanField } from "../lib/src/theory/mean-field";
import { histogram } from "../lib/src/math/histogram";
import { meanRate } from "../lib/src/analysis/spike-stats";
import { histogramChart } from "../lib/src/charts/histogram";
import { rasterChart } from "../lib/src/charts/raster";
import { traceChart } from "../lib/src/charts/trace";
import { show } from "../lib/src/display/show";
import { xyChart } from "../lib/src/charts/xy";
import { solveDiscreteMeanField } from "../lib/src/theory/discrete-mean-field";

/** Expects `f` to throw a ParameterError whose message matches. */
function refuses(f: () => unknown, message: RegExp | string): void {
  let error: unknown = null;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ParameterError);
  expect((error as Error).message).toMatch(message);
}

describe("the 2^32 bin wrap", () => {
  test("a grid of more than 2^32 - 1 bins is refused where it is created, so Uint32 bin indices never wrap", () => {
    expect(binCount("f", MAX_BINS * 1e-4, 1e-4)).toBe(MAX_BINS);
    refuses(() => binCount("f", (MAX_BINS + 1) * 1e-4, 1e-4), /f: duration \/ dt must be at most 4294967295 bins .* got 4294967296 bins; at dt = 0.0001 s the longest duration is 429496.7295 s/);
    refuses(() => poissonTrains({ n: 1, rate: 1, duration: 5e5, seed: 1 }), /^poissonTrains: duration \/ dt must be at most 4294967295 bins/);
    refuses(() => new SpikeTrains(0, 2 ** 32, 1e-4, new Uint32Array(1), new Uint32Array(0)), /^SpikeTrains: nBins must be at most 4294967295 bins/);
    refuses(() => simulateSingleNeuron({ groups: [{ count: 1, weight: 1, rate: 1 }], duration: 1e6, seed: 1 }), /^simulateSingleNeuron: duration \/ dt must be at most/);
  });

  test("SpikeTrains.fromEvents refuses an event outside the grid instead of storing a wrapped index", () => {
    refuses(() => SpikeTrains.fromEvents(2, 10, 1e-3, [0, 1], [3, 10]), "SpikeTrains.fromEvents: bin[1] must be an integer >= 0 and <= 9, got 10");
    refuses(() => SpikeTrains.fromEvents(2, 10, 1e-3, [0, 2], [3, 4]), "SpikeTrains.fromEvents: neuron[1] must be an integer >= 0 and <= 1, got 2");
  });
});

describe("memory and work estimates refuse impossible sizes before allocating", () => {
  test("poissonTrains with n = 1e9 at rate 0 is refused with its 4 GB estimate, the limit and how to raise it", () => {
    refuses(
      () => poissonTrains({ n: 1e9, rate: 0, duration: 1, seed: 1 }),
      "poissonTrains: n = 1e9 Poisson trains of 10000 bins (about 0 spikes) would need about 4 GB, above the memory limit of 2 GB; pass maxBytes: 4.1e9 (or set EI_BALANCE_MAX_BYTES=4.1e9) to allow it",
    );
  });

  test("a lower limit refuses a smaller call, and the same call passes within it", () => {
    refuses(() => poissonTrains({ n: 1000, rate: 0, duration: 1, seed: 1, maxBytes: 1000 }), /would need about 4.52 kB, above the memory limit of 1 kB/);
    expect(poissonTrains({ n: 1000, rate: 0, duration: 1, seed: 1, maxBytes: 1e4 }).n).toBe(1000);
  });

  test("simulateSingleNeuron, rateVsWeight and histogramChart refuse runs of many GB under their own name", () => {
    refuses(() => simulateSingleNeuron({ groups: [{ count: 1, weight: 1, rate: 1 }], duration: 1e5, seed: 1 }), /^simulateSingleNeuron: .* would need about 16 GB, above the memory limit of 2 GB/);
    const inputs = (w: number) => [{ count: 1e9, weight: w, rate: 10 }];
    refuses(() => rateVsWeight({ inputs, weights: [1], seeds: [1, 2], duration: 1 }), /^rateVsWeight: .*1e9 Poisson inputs.* would need about 84 GB/);
    refuses(() => rateVsWeight({ inputs: (w) => excitatoryInputs({ K: 100, w }), weights: [1], seeds: [1, 2], duration: 1e6 }), /^rateVsWeight: duration \/ dt must be at most/);
    refuses(() => histogramChart([0, 1e9], { xTitle: "x" }), /^histogramChart: 1e9 bins of width 1 from -0.5 to 1000000000 would need about 320 GB/);
    refuses(() => histogram([0, 1e12]), /^histogram: 1e12 bins .* would need about 20 TB/);
  });

  test("solveDiscreteMeanField at K = 4e8 is refused from the estimate of its jump laws, before any count is computed", () => {
    // the groups' counts alone took seconds to compute before the convolution was refused
    refuses(() => solveDiscreteMeanField({ K: 4e8 }), /^solveDiscreteMeanField: params and options: eulerChainRate: groups and options: groupJumps: convolving 3 jump laws \(\d+ lattice points\) would take about [\d.e]+ steps, above the work limit/);
  });

  test("simulateLifGaussian refuses 1e10 time steps with its work estimate", () => {
    refuses(
      () => simulateLifGaussian({ mu: 0.8, sigma: 0.3, duration: 1e6, seed: 1 }),
      "simulateLifGaussian: 1e10 time steps of one neuron would take about 6e10 steps, above the work limit of 2e9 steps; pass maxSteps: 6e10 (or set EI_BALANCE_MAX_STEPS=6e10) to allow it",
    );
  });
});

describe("long runs report progress and can be cancelled", () => {
  test("simulateLifGaussian stops at its next progress report once its signal is aborted", () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const run = () =>
      simulateLifGaussian({ mu: 0.8, sigma: 0.3, duration: 1000, seed: 1, signal: controller.signal, onProgress: (done) => (seen.push(done), done > 200 && controller.abort()) });
    expect(run).toThrow(CancelledError);
    expect(run).toThrow(/simulateLifGaussian: cancelled by its signal after 0 of 1000 s/); // already aborted: stops at once
    expect(seen).toEqual([104.8576, 209.7152]); // 2^20 steps per report
  });

  test("rateVsWeight reports each simulation and stops when aborted", () => {
    const controller = new AbortController();
    const seen: Array<[number, number]> = [];
    const sweep = () =>
      rateVsWeight({
        inputs: (w) => excitatoryInputs({ K: 10, w }),
        weights: [1, 2, 3],
        seeds: [1, 2],
        duration: 0.2,
        signal: controller.signal,
        onProgress: (d, t) => (seen.push([d, t]), d === 2 && controller.abort()),
      });
    expect(sweep).toThrow("rateVsWeight: cancelled by its signal after 2 of 6 simulations");
    expect(seen).toEqual([[1, 6], [2, 6]]);
  });
});

describe("errors name the parameter instead of a TypeError from inside", () => {
  test("show refuses undefined, null and an unknown mark, naming what is wrong", async () => {
    await expect(show(undefined as never)).rejects.toThrow("show: item must be a Vega-Lite spec (an object, e.g. from rasterChart) or an object with a Jupyter.display method, got undefined");
    await expect(show(null as never)).rejects.toThrow(/show: item must be .* got null/);
    await expect(show({ mark: "bogus" } as never)).rejects.toThrow(/invalid Vega-Lite spec: spec.mark must be one of arc, area, .* got "bogus"/);
    await expect(show({ layer: [{ mark: { type: "dot" } }] } as never)).rejects.toThrow(/spec.layer\[0\].mark.type must be one of .* got "dot"/);
  });

  test("traceChart, rasterChart and histogram refuse null and a missing options argument", () => {
    refuses(() => traceChart(null as never, { dt: 1e-4 }), "traceChart: v must be an array or a typed array of finite numbers, got null");
    refuses(() => traceChart([0, 1] as never, undefined as never), /traceChart: options must be an object \{ dt, ... \} .* got undefined/);
    refuses(() => rasterChart(null as never), "rasterChart: groups must be a SpikeTrains or an array of { label, trains: SpikeTrains }, got null");
    refuses(() => histogram(null as never), "histogram: values must be an array or a typed array of numbers, got null");
  });

  test("histogram refuses NaN and infinities, a start that is NaN or a string, and a string of values", () => {
    refuses(() => histogram([1, Infinity]), "histogram: values[1] must be a finite number, got Infinity");
    refuses(() => histogram([1, NaN]), "histogram: values[1] must be a finite number, got NaN");
    refuses(() => histogram([-Infinity, 1]), /values\[0\] must be .* got -Infinity/);
    refuses(() => histogram([1, 2], 1, NaN), "histogram: start must be a finite number, got NaN");
    refuses(() => histogram([1, 2], 1, "0" as never), 'histogram: start must be a finite number, got "0"');
    refuses(() => histogram("abc" as never), 'histogram: values must be an array or a typed array of numbers, got "abc"');
  });

  test("rasterChart refuses a NaN or reversed time range, a negative dot size and {} in place of trains", () => {
    const x = poissonTrains({ n: 2, rate: 10, duration: 1, seed: 1 });
    refuses(() => rasterChart(x, { timeRange: [NaN, 1] }), "rasterChart: timeRange[0] must be a finite number (s), got NaN");
    refuses(() => rasterChart(x, { timeRange: [1, 0.5] }), "rasterChart: timeRange[1] must be a finite number > 1 (s), got 0.5");
    refuses(() => rasterChart(x, { dotSize: -1 }), "rasterChart: dotSize must be a finite number > 0 (square pixels), got -1");
    refuses(() => rasterChart({} as never), /rasterChart: groups must be a SpikeTrains .* got an object/);
    refuses(() => rasterChart([{ label: "E", trains: {} as never }]), "rasterChart: groups[0].trains must be a SpikeTrains, got an object");
  });

  test("charts have no gaps: NaN or Infinity in a series is refused, naming the series and the index", () => {
    const options = { xTitle: "x (s)", yTitle: "y (Hz)" };
    refuses(() => xyChart({ ...options, lines: [{ label: "theory", x: [1, 2, 3], y: [1, NaN, 3] }] }), 'xyChart: lines[0] ("theory").y[1] must be a finite number');
    refuses(() => xyChart({ ...options, points: [{ label: "sim", x: [1, Infinity], y: [1, 2] }] }), 'xyChart: points[0] ("sim").x[1] must be a finite number');
    refuses(() => xyChart({ ...options, points: [{ label: "sim", x: [1, 2], y: [1, 2], error: [0.1, -1] }] }), 'xyChart: points[0] ("sim").error[1] must be a finite number >= 0');
    refuses(() => xyChart({ ...options, rules: [{ label: "threshold", y: NaN }] }), 'xyChart: rules[0] ("threshold").y must be a finite number');
    refuses(() => traceChart([0, NaN], { dt: 1e-3 }), "traceChart: v[1] must be a finite number");
    refuses(() => histogramChart([1, NaN], { xTitle: "x" }), "histogramChart: values[1] must be a finite number");
  });

  test("meanRate on trains of duration 0 names itself and the default end", () => {
    const empty = new SpikeTrains(1, 0, 1e-4, new Uint32Array(2), new Uint32Array(0));
    refuses(() => meanRate(empty), "meanRate: end must be > start = 0 (s), got 0 (the default end: the trains' duration)");
  });

  test("solveMeanField says what is wrong with a J that has no positive balanced solution", () => {
    expect(() => solveMeanField({ J: [[1, 2.5], [1, -2]], K: 1000 })).toThrow(
      /^solveMeanField: J_EI = 2.5 > 0 \(I must inhibit\): no positive balanced solution for J = \[\[1, 2.5\], \[1, -2\]\], JX = \[2, 1\]: .*a positive solution needs/,
    );
    expect(() => solveMeanField({ J: [[2, -1], [1, -2]], K: 1000 })).toThrow(/^solveMeanField: no positive balanced solution for J = \[\[2, -1\], \[1, -2\]\]/);
  });
});

describe("no NaN or garbage returned", () => {
  test("simulateLifFromDrive refuses a NaN or infinite drive, naming the bin", () => {
    refuses(() => simulateLifFromDrive(Float64Array.of(0, 0.5, NaN, 0), 1e-4), "simulateLifFromDrive: drive[2] must be a finite number, got NaN");
    refuses(() => simulateLifFromDrive(Float64Array.of(Infinity), 1e-4), "simulateLifFromDrive: drive[0] must be a finite number, got Infinity");
  });

  test("simulateLifGaussian refuses a duration of 0 instead of returning rate NaN", () => {
    refuses(() => simulateLifGaussian({ mu: 0.8, sigma: 0.3, duration: 0, seed: 1 }), "simulateLifGaussian: duration must be a finite number > 0 (s), got 0");
  });

  test("simulateLif on valid input is unchanged by the checks (a spike train through one weight)", () => {
    const x = SpikeTrains.fromEvents(1, 5, 1e-3, [0, 0], [0, 2]);
    expect(Array.from(simulateLif(x, 1.5, { tau: 0.02 }).spikes.bins)).toEqual([1, 3]);
  });
});
