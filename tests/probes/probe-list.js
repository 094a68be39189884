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
//   seconds    time bound of one call (default 5): only for a function that reports progress and can be cancelled
//   keep       indices of arguments never replaced: the `where` of a validation helper (the name of
//              the library function calling it, which its messages start with; `where` is then "f")
// An exported function that has no entry is listed, with the reason, in probe-exclusions.js;
// tests/property.test.ts fails for an export in neither list.
"use strict";
const { mkdirSync, writeFileSync } = require("node:fs");

/** Small spike trains: 3 neurons, 1 s of 1 ms bins, about 20 Hz. */
const trains = (lib) => lib.poissonTrains({ n: 3, rate: 20, duration: 1, dt: 1e-3, seed: 1 });
/** Two trains, the second silent: population statistics must leave it out, never give NaN. */
const silentAndNot = (lib) => lib.SpikeTrains.fromEvents(2, 1000, 1e-3, [0, 0, 0, 0, 0, 0], [10, 150, 300, 420, 700, 910]);
const groups = [{ count: 50, weight: 0.05, rate: 10 }, { count: 50, weight: -0.04, rate: 10 }];
const spikeFile = [
  "# ei-balance spikes: 1", "# population: E", "# neurons: 5", "# recorded: 3", "# dt_ms: 0.1",
  "# duration_ms: 1", "# simulator: test", "# seed: 7", "# spikes: 2", "2 0.100000", "0 0.300000", "# end", "",
].join("\n");
/** A spike file in the probe's scratch folder (the child runs there), written fresh for every call. */
const spikeFilePath = () => (writeFileSync("probe-spikes.txt", spikeFile), "probe-spikes.txt");
/** A run folder as the exported PyNN script writes it (run.json, E and I spike files), in the scratch folder. */
const pynnRunDir = () => {
  mkdirSync("probe-run", { recursive: true });
  const seconds = { setup: 1, build: 2, simulate: 3, write: 4 };
  writeFileSync("probe-run/run.json", JSON.stringify({ simulator: "brian2", versions: "v", seed: 7, processes: 1, files: { E: "e.txt", I: "i.txt" }, seconds }));
  writeFileSync("probe-run/e.txt", spikeFile);
  writeFileSync("probe-run/i.txt", spikeFile.replace("# population: E", "# population: I"));
  return "probe-run";
};
/** A locked run: E and I neurons all firing every 300 bins, 0.5 s of 0.1 ms bins (population spikes). */
const lockedRun = (lib) => {
  const train = (n) => lib.SpikeTrains.fromEvents(n, 5000, 1e-4, Array.from({ length: n * 16 }, (_, k) => k % n), Array.from({ length: n * 16 }, (_, k) => 100 + 300 * Math.floor(k / n)));
  return lib.syncRun("lock", 100, 0.5, { E: train(20), I: train(10) });
};
/** An Euler chain of 100 inputs of weight 0.05 at 10 Hz (a neuron firing a few Hz). */
const chain = (lib) => new lib.EulerChain(lib.groupJumps([{ count: 100, weight: 0.05, rate: 10 }]), { tau: 0.02, dt: 1e-4, vTh: 1, subdivisions: 4, vMin: -1 });
const smallNet = { N: 60, K: 10, duration: 0.2 };
const sweepPoint = { rX: 10, E: { m: 28, se: 0.1 }, I: { m: 19, se: 0.1 }, mf: { rE: 29, rI: 19.5 } };
const spec = { mark: "point", data: { values: [{ x: 1 }] }, encoding: { x: { field: "x", type: "quantitative" } } };
const nonNegative = (r) => Array.from(r).every((x) => x >= 0);
/** A root's bracket: inside [lo, hi], and f changes sign on it (or is 0 at x). */
const rootBracketed = (r, [f, lo, hi]) => r.x >= lo && r.x <= hi && (f(r.x) === 0 || f(r.bracket[0]) * f(r.bracket[1]) <= 0);

/**
 * One probe (the header above). The library reaches the probes untyped (probe-child.js merges
 * every entry's exports at run time), so `lib` and the results are `any` here.
 * @typedef {object} Probe
 * @property {string} name
 * @property {(lib: any) => (...args: any[]) => any} [fn]
 * @property {string} [where]
 * @property {(lib: any) => any[]} args
 * @property {(result: any, args: any[]) => boolean} [plausible]
 * @property {number} [seconds]
 * @property {number[]} [keep]
 */

/** @type {Probe[]} */
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
  { name: "signedWithError", args: () => [-0.16, 0.08, 2] },
  { name: "signedPercent", args: () => [0.1] },
  { name: "percentRange", args: () => [[0.1, -0.2]] },
  // core: randomness, validation and limits helpers (`where` kept: the calling function's name)
  { name: "Rng", fn: (lib) => (...a) => new lib.Rng(...a), args: () => [1] },
  { name: "runControl", keep: [0], where: "f", args: () => ["f", {}, 10, "steps"] },
  { name: "checkNumber", keep: [0], where: "f", args: () => ["f", "x", 2, { min: 0 }] },
  { name: "checkSeed", keep: [0], where: "f", args: () => ["f", 7] },
  { name: "checkLength", keep: [0], where: "f", args: () => ["f", "x", [1, 2], 2] },
  { name: "checkResult", keep: [0], where: "f", args: () => ["f", "the rate", 2, "the inputs"] },
  { name: "checkFiniteArray", keep: [0], where: "f", args: () => ["f", "x", [1, 2], 1] },
  { name: "within", keep: [0], where: "f", args: () => ["f", "x", () => 1] },
  { name: "checkBinCount", keep: [0], where: "f", args: () => ["f", "duration", 100, 1e-3] },
  { name: "timeToBins", keep: [0, 3], where: "f", args: () => ["f", "window", 0.01, 1e-3] },
  { name: "binCount", keep: [0], where: "f", args: () => ["f", 1, 1e-3] },
  { name: "resolveLimits", keep: [0], where: "f", args: () => ["f", { maxBytes: 1e6 }] },
  { name: "formatBytes", args: () => [1234] },
  { name: "formatCount", args: () => [1234] },
  { name: "checkBudget", keep: [0, 1], where: "f", args: () => ["f", { maxBytes: 1e6, maxSteps: 1e6 }, { what: "x", bytes: 10, steps: 10 }] },
  // math
  { name: "chiSquareTest", args: () => [[0, 1, 1, 2, 0, 1], (k) => [0.3, 0.4, 0.3][k] ?? 0, { kMax: 2, minExpected: 1 }], plausible: (r) => r.statistic >= 0 && r.dof >= 1 },
  { name: "RunningStats", fn: (lib) => (...a) => new lib.RunningStats(...a), args: () => [] },
  { name: "histogramFor", keep: [0], where: "f", args: () => ["f", [1, 2, 3], 1, undefined, {}] },
  { name: "newton2d", args: () => [([x, y]) => [x - 1, y - 2], [0, 0]], plausible: (r) => Math.abs(r.x[0] - 1) < 1e-6 && Math.abs(r.x[1] - 2) < 1e-6 },
  { name: "BandLU", fn: (lib) => (...a) => new lib.BandLU(...a), args: () => [{ n: 3, halfWidth: 1, entries: Float64Array.of(0, 2, 1, 1, 2, 1, 1, 2, 0) }] },
  { name: "gmres", args: () => [(x, y) => { y.set(x); return y; }, Float64Array.of(1, 2)], plausible: (r) => Math.abs(r.x[0] - 1) < 1e-6 },
  // spikes, neuron, network
  { name: "readSpikes", args: () => [spikeFilePath()] },
  { name: "simulateLifFromDrive", args: () => [Float64Array.from({ length: 1000 }, () => 0.06), 1e-4, {}] },
  { name: "binnedInput", args: (lib) => [trains(lib), 0.1] },
  { name: "checkLifOptions", keep: [0, 1, 2], where: "f", args: () => ["f", 1e-4, 100, {}] },
  { name: "simulateTestNeurons", args: (lib) => [{ neurons: 1, groups: [{ trains: trains(lib), perNeuron: 3, partners: Uint32Array.of(0, 1, 2), weights: Float64Array.of(0.2) }] }] },
  { name: "buildConnectivity", args: () => [{ N: 60, K: 10, seed: 1, threads: 1 }] },
  // theory
  { name: "eulerChainRate", args: () => [[{ count: 100, weight: 0.05, rate: 10 }], { subdivisions: 4 }], plausible: (r) => r.rate >= 0 },
  { name: "eulerChainFano", args: (lib) => [lib.eulerChainRate([{ count: 100, weight: 0.05, rate: 10 }], { subdivisions: 4 }), 0.995], plausible: (f) => f > 0 },
  // Newton on two exact chains: seconds at the default grid (it reports progress and can be cancelled)
  { name: "solveDiscreteMeanField", seconds: 60, args: () => [{ K: 25, rX: 10 }, { subdivisions: 4 }], plausible: (s) => s.rE >= 0 && s.rI >= 0 },
  { name: "solveRenewalMeanField", seconds: 60, args: () => [{ K: 25, rX: 10 }, { subdivisions: 4 }] },
  { name: "solveModulatedMeanField", seconds: 60, args: () => [{ K: 25, rX: 10 }, { subdivisions: 4 }], plausible: (s) => s.rE >= 0 && s.rI >= 0 },
  { name: "solveCorrelatedMeanField", seconds: 60, args: () => [{ K: 25, rX: 10 }, 250, { subdivisions: 4 }], plausible: (s) => s.rE >= 0 && s.rI >= 0 },
  {
    name: "inputCrossCovariance",
    args: () => [{ K: 100, N: 1000, J: [[1, -2.5], [1, -2]], JX: [2, 1], p: [29e-4, 20e-4, 10e-4], am: 0.995, excess: [[0.26, 0.17], [0.17, 0.09]], gain: [[4.7, -10.7], [4.5, -8.1]] }],
    plausible: (c) => c.variance.every(Number.isFinite),
  },
  {
    name: "correlatedTransfer", seconds: 60,
    // the inputs of the theory's solution at K = 25, r_X = 10 Hz (rounded)
    args: () => [{ K: 25, rX: 10 }, [30, 20], { rates: [29.4, 20], excess: [[0.112, 0.065], [0.031, 0.0032]], cross: [[-6.8e-4, -4.7e-4], [-4.3e-4, -3e-4]] }, { subdivisions: 4 }],
    plausible: (t) => [...t.own, ...t.withCross].every((r) => r >= 0),
  },
  { name: "modulatedTransfer", seconds: 60, args: () => [{ K: 25, rX: 10 }, [30, 20], { subdivisions: 4 }], plausible: (t) => t.rates.every((r) => r >= 0) },
  { name: "renewalTransfer", seconds: 60, args: () => [{ K: 25, rX: 10 }, [30, 20], { subdivisions: 4 }], plausible: (t) => t.rates.every((r) => r >= 0) },
  { name: "checkRatePair", keep: [0], where: "f", args: () => ["f", [30, 20]] },
  { name: "AndersonMixer", fn: (lib) => (...a) => new lib.AndersonMixer(...a), args: () => [[1, 1], 3] },
  { name: "closedLoopShift", args: () => [[[-1, 0], [0, -1]], { mean: [0.5, -0.3], covariance: [[0.04, 0.01], [0.01, 0.09]] }] },
  { name: "balanceConditions", args: () => [{ J: [[2, -1], [1, -1]], JX: [1, 2] }] },
  // a singular J (det J = 0): the boundary points of notebook 09's map
  { name: "balanceConditions", args: () => [{ J: [[1, -2], [1, -2]], JX: [1, 0.8] }] },
  { name: "checkInputGroups", keep: [0], where: "f", args: () => ["f", groups, 1e-4] },
  { name: "resolveMeanFieldParams", keep: [0], where: "f", args: () => ["f", { K: 100 }] },
  { name: "diffusionInput", args: () => [{ K: 100, rX: 10 }, 20, 20] },
  { name: "latticeUnit", args: () => [[0.1, -0.2]], plausible: (u) => u > 0 },
  { name: "groupJumps", args: () => [groups, {}] },
  { name: "combineJumps", args: (lib) => [lib.groupJumps(groups)] },
  { name: "EulerChain", fn: (lib) => (...a) => new lib.EulerChain(...a), args: (lib) => [lib.groupJumps([{ count: 100, weight: 0.05, rate: 10 }]), { tau: 0.02, dt: 1e-4, vTh: 1, subdivisions: 4, vMin: -1 }] },
  { name: "firstPassage", args: (lib) => [chain(lib), { maxBins: 2000 }] },
  { name: "ChainPreconditioner", fn: (lib) => (...a) => new lib.ChainPreconditioner(...a), args: (lib) => [chain(lib), 1] },
  { name: "chainOccupancy", args: (lib) => [chain(lib), {}], plausible: (o) => o.total > 0 },
  { name: "resolveDiscreteParams", keep: [0], where: "f", args: () => ["f", { K: 100 }] },
  { name: "renewalDensity", args: () => [{ isi: Float64Array.of(0, 0.5, 0.3, 0.2), tailRatio: 0 }, 10] },
  { name: "effectiveFano", args: () => [{ isi: Float64Array.of(0, 0.5, 0.3, 0.2), tailRatio: 0 }, 0.9], plausible: (f) => f >= 0 },
  { name: "populationSpikeRecovery", args: () => [{ K: 1000 }] },
  // pynn
  { name: "exportPyNN", args: () => [{ seed: 1, params: { N: 100, K: 10 }, out: "probe-pynn" }] },
  { name: "readPyNNRun", args: () => [pynnRunDir()] },
  // analysis
  { name: "correlationSpread", args: () => [[-0.2, 0.2, -0.1, 0.1], 101] },
  { name: "replayInputs", args: () => [[100, 300, 350, 2000], [301], 5000, { a: 0.995, w: 0.9, vTh: 1, M: 438 }] },
  { name: "replayCounts", args: (lib) => [lib.replayInputs([100, 300, 350], [301], 5000, { a: 0.995, w: 0.9, vTh: 1, M: 438 })] },
  { name: "firingByGap", args: (lib) => [lib.replayInputs([100, 300, 350], [301], 5000, { a: 0.995, w: 0.9, vTh: 1, M: 438 }), 100, 3] },
  { name: "poolReplays", args: (lib) => [[lib.replayInputs([100, 300], [301], 5000, { a: 0.995, w: 0.9, vTh: 1, M: 438 })]] },
  { name: "syncRun", args: (lib) => ["run", 100, 1, { E: trains(lib), I: trains(lib) }] },
  { name: "lockPeriods", args: (lib) => [[lockedRun(lib)], [100]] },
  { name: "lockedIntervals", args: (lib) => [lockedRun(lib).psE] },
  { name: "lockedEpisodeRates", args: (lib) => [[lockedRun(lib)], 1e-4] },
  { name: "voltageBeforePopulationSpikes", args: (lib) => [lockedRun(lib).psE, [new Float64Array(5000).fill(0.5), new Float64Array(5000).fill(0.7)], 1e-4] },
  { name: "classifyState", args: (lib) => [{ E: trains(lib), I: trains(lib) }, {}] },
  { name: "stateThresholds", keep: [0], where: "f", args: () => ["f", {}] },
  { name: "activityBinning", keep: [0], where: "f", args: (lib) => ["f", trains(lib), {}] },
  { name: "rateSpreadByWindow", args: (lib) => [trains(lib), { windows: [0.25, 0.5] }] },
  // experiments (small networks and short runs)
  { name: "rateVsWeight", args: (lib) => [{ inputs: (w) => lib.excitatoryInputs({ K: 100, w }), weights: [4, 5], seeds: [1, 2], duration: 0.5 }] },
  { name: "findWeightForRate", args: (lib) => [{ inputs: (w) => lib.excitatoryInputs({ K: 100, w }), targetRate: 10, wRange: [3, 8], seeds: [1, 2], duration: 0.5, xtol: 0.05 }] },
  { name: "weightForMeanRate", args: (lib) => [{ inputs: (w) => lib.excitatoryInputs({ K: 100, w }), targetRate: 10, wRange: [3, 8], seeds: [1, 2], duration: 0.5 }] },
  { name: "singleNeuronIrregularity", args: () => [[20], { neurons: 2, duration: 5 }] },
  { name: "irregularityAtRate", args: (lib) => [{ inputs: (w) => lib.excitatoryInputs({ K: 100, w }), targetRate: 20, wRange: [3, 10], seed: "a", neurons: 2, duration: 5 }] },
  { name: "asynchronousRates", args: () => [{ params: { N: 200, K: 20, duration: 1 }, seeds: [1, 2] }] },
  { name: "asynchronousFrom", args: (lib) => [lib.simulateNetwork({ params: smallNet, seed: 1 }), 0.05] },
  { name: "seedMean", args: () => [[1, 2, 3]] },
  { name: "theoryPointRuns", args: () => [{ K: 25, rX: 10 }, { seeds: 2 }] },
  { name: "correlationEffect", args: () => [{ params: { K: 20, N: 200, duration: 2 }, seeds: [1, 2, 3], testNeurons: 4 }] },
  { name: "openLoopNeurons", args: () => [[sweepPoint], { duration: 0.5, batches: 5 }] },
  { name: "kScan", args: () => [{ Ks: [10], seeds: [1], duration: 0.4, recorded: [0] }] },
  { name: "meanInputByK", args: (lib) => [lib.kScan({ Ks: [20], seeds: [1, 2], duration: 1, recorded: [0, 1] }), [20]] },
  { name: "largestNetwork", args: () => [100, 1e8], plausible: (n) => Number.isInteger(n) && n >= 0 },
  { name: "networkCost", args: () => [[{ N: 100, K: 10 }], { duration: 0.05, seed: 1 }] },
  { name: "closeRunPool", args: () => [] },
  { name: "balanceMap", args: () => [{ K: 10, N: 60, JEI: [2], JII: [1.5], duration: 0.1, transient: 0.05, examples: 1, keep: 10 }] },
  // charts
  { name: "vconcatCharts", args: (lib) => [[lib.histogramChart([1, 2], { xTitle: "x" })], {}] },
  { name: "hconcatCharts", args: (lib) => [[lib.histogramChart([1, 2], { xTitle: "x" })], {}] },
  { name: "phaseDiagramChart", args: (lib) => [lib.balanceMap({ K: 10, N: 60, JEI: [2], JII: [1.5], duration: 0.1, transient: 0.05, examples: 1, keep: 10 }), {}] },
  { name: "constantField", args: () => ["series", "a"] },
  { name: "round", args: () => [1.23456789, 3] },
  { name: "checkOptions", keep: [0], where: "f", args: () => ["f", {}, "an object"] },
  { name: "checkTitle", keep: [0], where: "f", args: () => ["f", "xTitle", "x"] },
  { name: "checkList", keep: [0], where: "f", args: () => ["f", "lines", [{}]] },
  { name: "checkTimeRange", keep: [0], where: "f", args: () => ["f", [0, 1]] },
  { name: "checkSeries", keep: [0], where: "f", args: () => ["f", "v", [1, 2]] },
  { name: "checkXYSeries", keep: [0], where: "f", args: () => ["f", "lines[0]", { label: "a", x: [1, 2], y: [3, 4], error: [0.1, 0.1] }] },
  // display (no kernel here: the pure parts)
  { name: "checkSpec", keep: [0], where: "f", args: () => ["f", spec] },
  { name: "compileSpec", args: () => [spec] },
  { name: "describeSpec", args: () => [spec] },
  { name: "stableSvgIds", args: () => ['<svg><clipPath id="clip7"/></svg>'] },
  { name: "compactSvg", args: () => ['<svg><path d="M1.000,2.000L3,4"/></svg>'] },
  { name: "renderSvg", args: () => [spec] },
  { name: "chartBundle", args: () => [spec, "chart"] },
  { name: "Chart", fn: (lib) => (...a) => new lib.Chart(...a), args: () => [spec] },
  { name: "explorerBundle", args: () => [] },
  { name: "inKernel", args: () => [] },
  { name: "svgToPngBase64", args: () => ['<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>'] },
  // report
  { name: "ReportPart", fn: (lib) => (...a) => new lib.ReportPart(...a), args: () => ["text", []] },
  { name: "md", fn: (lib) => (v) => lib.md`a ${v}`, args: () => [1.5] },
  { name: "agreementSentence", args: () => [{ id: "m", subject: "S", reference: "R", z: 1.2 }] },
  // the content of showReport, whose name its messages carry
  { name: "reportContent", where: "showReport", args: (lib) => [[lib.md`text`, "more"]] },
];
