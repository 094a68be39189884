// The property layer's probe list (tests/property.test.ts, tests/probes/probe-child.js), as data:
// one entry per exported function of ei-balance, with a valid call. The layer calls it as given,
// then replaces one argument, or one field of an object argument, at a time with adversarial and
// random values, and counts what comes back (see probe-child.js). A new public function joins by
// one entry here.
//   name       the export (`lib[name]`), or a label when `fn` is given
//   fn         (lib) => the function to call, for static methods and constructors
//   where      the name its errors must start with (default: name)
//   args       the valid call's arguments, or (lib) => arguments (built fresh for every call)
//   plausible  (result, args) => whether a finite result makes sense (a silent wrong result fails it)
"use strict";

/** Small spike trains: 3 neurons, 1 s of 1 ms bins, about 20 Hz. */
const trains = (lib) => lib.poissonTrains({ n: 3, rate: 20, duration: 1, dt: 1e-3, seed: 1 });
/** Two trains, the second silent: population statistics must leave it out, never give NaN. */
const silentAndNot = (lib) => lib.SpikeTrains.fromEvents(2, 1000, 1e-3, [0, 0, 0, 0, 0, 0], [10, 150, 300, 420, 700, 910]);
const groups = [{ count: 50, weight: 0.05, rate: 10 }, { count: 50, weight: -0.04, rate: 10 }];
const spikeFile = [
  "# ei-balance spikes: 1", "# population: E", "# neurons: 5", "# recorded: 3", "# dt_ms: 0.1",
  "# duration_ms: 1", "# simulator: test", "# seed: 7", "# spikes: 2", "2 0.100000", "0 0.300000", "# end", "",
].join("\n");
const nonNegative = (r) => Array.from(r).every((x) => x >= 0);
/** A root's bracket: inside [lo, hi], and f changes sign on it (or is 0 at x). */
const rootBracketed = (r, [f, lo, hi]) => r.x >= lo && r.x <= hi && (f(r.x) === 0 || f(r.bracket[0]) * f(r.bracket[1]) <= 0);

module.exports = [
  // math
  { name: "bisect", args: () => [(x) => x - 0.3, 0, 1], plausible: rootBracketed },
  { name: "brent", args: () => [(x) => x * x - 2, 0, 2], plausible: rootBracketed },
  { name: "mean", args: () => [[1, 2, 3]] },
  { name: "variance", args: () => [[1, 2, 4]], plausible: (v) => v >= 0 },
  { name: "summarize", args: () => [[1, 2, 4]], plausible: (s) => s.se >= 0 },
  { name: "standardError", args: () => [[1, 2, 4]], plausible: (s) => s >= 0 },
  { name: "batchMeans", args: () => [[1, 2, 3, 4], 2] },
  { name: "twoSampleDifference", args: () => [[1, 2, 3], [2, 4]] },
  { name: "erf", args: () => [0.5], plausible: (y) => Math.abs(y) <= 1 },
  { name: "erfc", args: () => [0.5], plausible: (y) => y >= 0 && y <= 2 },
  { name: "erfcx", args: () => [0.5], plausible: (y) => y >= 0 },
  { name: "logGamma", args: () => [3.5] },
  { name: "binomialPmf", args: () => [10, 0.3, 2], plausible: (y) => y >= 0 && y <= 1 },
  { name: "poissonPmf", args: () => [2, 3], plausible: (y) => y >= 0 && y <= 1 },
  { name: "integrate", args: () => [(x) => x * x, 0, 1], plausible: (y, [, a, b]) => Math.abs(y - (b ** 3 - a ** 3) / 3) <= 1e-9 * Math.max(1, Math.abs(b ** 3 - a ** 3)) },
  // spikes
  { name: "poissonTrains", args: () => [{ n: 3, rate: 10, duration: 1, dt: 1e-3, seed: 1 }], plausible: (t) => t.totalSpikes >= 0 },
  { name: "SpikeTrains.fromEvents", fn: (lib) => lib.SpikeTrains.fromEvents, args: () => [2, 10, 1e-3, [0, 1, 0], [1, 2, 5]] },
  { name: "SpikeTrains", fn: (lib) => (...a) => new lib.SpikeTrains(...a), args: () => [2, 10, 1e-3, Uint32Array.of(0, 2, 3), Uint32Array.of(1, 5, 2)] },
  { name: "parseSpikeFile", where: "readSpikes", args: () => [spikeFile, "x.txt"] },
  // theory
  { name: "membraneMoments", args: () => [{ groups }], plausible: (m) => m.continuous.variance >= 0 && m.discrete.variance >= 0 },
  { name: "siegertRate", args: () => [{ mu: 0.8, sigma: 0.3 }], plausible: (r) => r >= 0 },
  { name: "balancedRates", args: () => [{ J: [[1, -2], [1, -1.8]], JX: [1, 0.8], rX: 10 }], plausible: (r) => r.rE >= 0 && r.rI >= 0 },
  { name: "coincidenceRate", args: () => [{ rate: 10, w: 0.9 }], plausible: (c) => c.rate >= 0 && c.rate <= 10 },
  { name: "binomialCounts", args: () => [10, 0.3], plausible: nonNegative },
  { name: "lifDeterministicRate", args: () => [1.5, {}], plausible: (r) => r >= 0 },
  { name: "jumpDistribution", args: () => [groups] },
  // neuron and network
  { name: "simulateLif", args: (lib) => [trains(lib), 0.3, {}], plausible: (r) => r.spikes.totalSpikes >= 0 },
  { name: "simulateSingleNeuron", args: () => [{ groups, duration: 0.5, seed: 1 }] },
  { name: "simulateNetwork", args: () => [{ params: { N: 60, K: 10, duration: 0.1 }, seed: 1 }] },
  { name: "freeMembraneMoments", args: () => [{ groups, duration: 5, seed: 1 }] },
  // analysis
  { name: "firingRates", args: (lib) => [trains(lib)], plausible: nonNegative },
  { name: "meanRate", args: (lib) => [trains(lib)], plausible: (r) => r >= 0 },
  { name: "windowSpikeCounts", args: (lib) => [trains(lib), { window: 0.1 }], plausible: (c) => c.length > 0 && nonNegative(c) },
  { name: "fanoFactor", args: (lib) => [trains(lib), { window: 0.05 }], plausible: (f) => f.fano >= 0 && f.se >= 0 },
  { name: "isiCV", args: (lib) => [trains(lib), 0], plausible: (c) => c.cv >= 0 },
  { name: "fanoFactors", args: (lib) => [silentAndNot(lib), { window: 0.05 }], plausible: (r) => r.leftOut === 1 && nonNegative(r.values) },
  { name: "isiCVs", args: (lib) => [silentAndNot(lib), 0], plausible: (r) => nonNegative(r.values) },
  { name: "trainIrregularity", args: (lib) => [silentAndNot(lib), {}] },
  { name: "interSpikeIntervals", args: (lib) => [trains(lib), 0], plausible: (c) => nonNegative(c) },
  { name: "smoothGaussian", args: () => [[1, 2, 3, 4, 5], 1] },
  { name: "powerSpectrum", args: () => [[1, 2, 3, 4, 3, 2, 1, 0], 0.001], plausible: (s) => nonNegative(s.power) },
  { name: "autocorrelation", args: () => [[1, 2, 3, 4, 3, 2, 1, 0], 3] },
  { name: "spikeCountCorrelations", args: (lib) => [trains(lib), { window: 0.1, pairs: 2, seed: 1 }] },
  // charts
  { name: "rasterChart", args: (lib) => [trains(lib), {}] },
  { name: "histogramChart", args: () => [[1, 2, 2, 3], { xTitle: "count" }] },
  { name: "xyChart", args: () => [{ lines: [{ label: "a", x: [1, 2], y: [3, 4] }], xTitle: "x (s)", yTitle: "y (Hz)" }] },
  // more of the library: statistics, inputs, theory, analysis, charts
  { name: "incompleteBeta", args: () => [0.3, 2, 3], plausible: (y) => y >= 0 && y <= 1 },
  { name: "studentTTwoSided", args: () => [2, 10], plausible: (y) => y >= 0 && y <= 1 },
  { name: "studentTCritical", args: () => [10], plausible: (y) => y > 0 },
  { name: "histogram", args: () => [[1, 2, 2, 3], 1] },
  { name: "deriveSeed", args: () => [1, "a"] },
  { name: "excitatoryInputs", args: () => [{ K: 100, w: 1 }] },
  { name: "balancedInputs", args: () => [{ K: 100, w: 1 }] },
  { name: "weightForMeanAtThreshold", args: () => [{}], plausible: (w) => w > 0 },
  { name: "eulerTransientMoments", args: () => [{ groups }, 10], plausible: (m) => m.variance >= 0 },
  { name: "simulateLifGaussian", args: () => [{ mu: 0.8, sigma: 0.3, duration: 1, seed: 1 }] },
  { name: "overdispersedCounts", args: () => [20, 0.1, 1.5], plausible: nonNegative },
  { name: "networkMemory", args: () => [1000, 100] },
  { name: "meanRates", args: (lib) => [{ E: trains(lib), I: trains(lib) }] },
  { name: "populationActivity", args: (lib) => [trains(lib), {}] },
  { name: "synchronyChi", args: (lib) => [trains(lib), {}] },
  { name: "splitHalfRates", args: (lib) => [trains(lib), {}] },
  { name: "rateHeterogeneity", args: (lib) => [trains(lib), { windows: [0.25, 0.5] }] },
  { name: "traceMoments", args: () => [Float64Array.from({ length: 2000 }, (_, k) => Math.sin(k / 7)), { dt: 1e-3, correlationTime: 1e-3, nBatches: 10 }] },
  { name: "traceChart", args: () => [[0, 0.5, 1, 0.2], { dt: 1e-3 }] },
  { name: "comparisonTable", args: () => [[{ quantity: "rate", simulation: 10, se: 0.5, theory: 10.2, digits: 2 }], {}] },
  { name: "parameterTable", args: () => [[{ meaning: "rate", symbol: "r", value: 10, unit: "Hz" }]] },
  { name: "check", args: () => [{ id: "a", holds: true, yes: "yes", no: "no", values: { x: 1.5 } }] },
  { name: "agreement", args: () => [{ id: "a", z: 1.2, values: { x: 1.5 } }] },
  { name: "markdownTable", args: () => [["a", "b"], [["1", 2]]] },
  { name: "verdictList", args: (lib) => [[lib.check({ id: "a", holds: true, yes: "yes", no: "no" })]] },
  { name: "solveMeanField", args: () => [{ K: 100, rX: 5 }, {}], plausible: (s) => s.rE >= 0 && s.rI >= 0 },
  { name: "balanceProblem", args: () => [[[1, -2], [1, -1.8]], [1, 0.8]] },
  { name: "networkParams", args: () => [{ N: 100, K: 10 }] },
  { name: "renewalFano", args: () => [100, 0.5, 0.9] },
  { name: "pynnParameters", args: () => [{ seed: 1, params: { N: 100, K: 10 } }] },
  { name: "pynnScript", args: () => [{ seed: 1, params: { N: 100, K: 10 } }] },
  { name: "minMaxDecimate", args: () => [[1, 3, 2, 5, 4, 6], 0, 6, 4] },
  { name: "csvData", args: () => [{ x: [1, 2], y: [3, 4] }] },
  { name: "spikeTicksChart", args: () => [[{ label: "a", times: [0.1, 0.2] }], {}] },
  { name: "correlationHistogramChart", args: () => [[0.1, -0.2, 0.05], { pairs: "E-E", window: 0.1, nWindows: 20 }] },
  { name: "populationActivityChart", args: () => [{ t: [0, 0.1], E: [1, 2], I: [2, 3] }, "activity"] },
  { name: "rateStability", args: () => [{ K: 100, rX: 5 }, 1e-4] },
  { name: "populationSpikes", args: (lib) => [trains(lib), {}] },
  { name: "networkRateSweep", args: () => [{ rX: [5], seeds: [1, 2], params: { N: 60, K: 10, duration: 0.5 } }] },
  // report
  { name: "fixed", args: () => [1.234, 2] },
  { name: "signed", args: () => [1.234, 2] },
  { name: "withError", args: () => [1.234, 0.1, 2] },
  { name: "signedPercent", args: () => [0.1] },
  { name: "percentRange", args: () => [[0.1, -0.2]] },
];
