// Exported functions of ei-balance that the property layer (tests/property.test.ts) does not
// call, each with the reason, as data: tests/property.test.ts fails for an exported function that
// is neither in probe-list.js nor here. Keep this list short: a function joins it only when
// random arguments cannot reach it meaningfully, and its own tests cover its refusals.
"use strict";

const errorClass = "an error class the library throws: constructing one checks nothing";
const resolved = (from) => `an inner step that takes a structure already validated by ${from} (validation once at the public boundary); ${from} is probed`;
const kernelIo = "displays in a running Jupyter kernel: outside one it writes to standard output, the probe child's channel to its parent (tests/display.test.ts covers it)";

module.exports = {
  functions: {
    ParameterError: errorClass,
    CancelledError: errorClass,
    Newton2dError: errorClass,
    ChainOccupancyError: errorClass,
    show: kernelIo,
    showMarkdown: kernelIo,
    showReport: kernelIo,
    showExplorer: kernelIo,
    sendDisplay: kernelIo,
    progressBar: "draws a progress bar on standard error or in the kernel; its callback takes (done, total) from the library's own loops (tests/display.test.ts)",
    runPyNN: "runs an exported script in Python with a PyNN simulator, minutes per call (tests/pynn-run.test.ts covers its refusals with stand-in scripts)",
    findPyNN: "searches the machine's Python interpreters for PyNN, a subprocess per candidate (tests/pynn-export.test.ts)",
    Connectivity: resolved("buildConnectivity (its layout and Wasm memory)"),
    connectivityBytes: resolved("checkConnectivityBudget (the layout)"),
    integrateDrive: resolved("checkLifOptions (ResolvedLif)"),
    groupDrive: resolved("drawGroupInputs (the per-bin counts)"),
    countIntoBins: resolved("timeToBins and checkBinCount (the bins of a SpikeTrains)"),
    populationInputs: resolved("resolveDiscreteParams"),
    scanPopulationSpikes: resolved("populationSpikes and asynchronousRates (the counts per bin and the options)"),
    modulatedChainFor: resolved("resolveDiscreteParams (with the modulation solveModulatedMeanField fits)"),
    defaultSubdivisions: resolved("resolveDiscreteParams"),
    modulatedSolve: resolved("solveModulatedMeanField and modulatedTransfer (the modulated chain, its solve and the output statistics)"),
    mixedSolve: resolved("solveModulatedMeanField and modulatedTransfer (the modulated chain, its solve and the output statistics)"),
    restartDistribution: resolved("solveModulatedMeanField and modulatedTransfer (the modulated chain, its solve and the output statistics)"),
    meanInterval: resolved("solveModulatedMeanField and modulatedTransfer (the modulated chain, its solve and the output statistics)"),
    renewalTransform: resolved("solveModulatedMeanField and modulatedTransfer (the modulated chain, its solve and the output statistics)"),
    intervalTransform: resolved("solveModulatedMeanField and modulatedTransfer (the modulated chain, its solve and the output statistics)"),
    fitModulation: resolved("solveModulatedMeanField and modulatedTransfer (the modulated chain, its solve and the output statistics)"),
    defaultVMin: resolved("eulerChainRate and the discrete mean-field solvers (the resolved groups, tau, dt and vTh)"),
    balanceWarning: resolved("networkParams (NetworkParams)"),
    checkConnectivityBudget: resolved("networkParams (N and K)"),
    groupInputsEstimate: resolved("checkInputGroups (the groups) and binCount"),
    drawGroupInputs: resolved("checkInputGroups (the groups) and binCount"),
    poissonEstimate: resolved("poissonTrains (n, nBins, p)"),
    truncatedCounts: resolved("binomialCounts and overdispersedCounts (n, the mean and the law)"),
    translationRows: resolved("pynnParameters (PyNNTranslation)"),
    Verdict: resolved("check and agreement (the verdict record)"),
    topLevel: "the chart builders' own spec plumbing (the body they built); a spec is checked where it is drawn: Chart, compileSpec, renderSvg (checkSpec)",
    nested: "the chart builders' own spec plumbing (a spec they built); a spec is checked where it is drawn: Chart, compileSpec, renderSvg (checkSpec)",
    balanceSolution: "unchecked on purpose: balanceConditions needs its value at singular couplings (boundary points); the checked forms balancedRates, balanceProblem and balanceConditions are probed",
    invalid: "throws by design (its job is the refusal itself); the validation helpers that decide (checkNumber, checkSeed, checkLength, ...) are probed",
    theoryTable: "the whole theory table (minutes: simulations and exact solves at every point); its parts are probed one by one: theoryPointRuns, asynchronousRates, solveDiscreteMeanField, solveRenewalMeanField",
    rasterRows: resolved("rasterChart (ResolvedRaster)"),
  },
  /** Whole entries (ei-balance/<folder>) left out, with the reason. */
  entries: {
    tutorial:
      "the notebooks' own presentation layer (tables, verdict sentences, charts of one notebook's results): each function takes the results of the library's experiments, whose inputs are validated and probed at their boundary; tests/tutorial.test.ts and the notebook tests run every one on real results",
  },
};
