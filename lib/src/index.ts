/**
 * ei-balance: the asynchronous irregular state in a balanced E/I network of leaky
 * integrate-and-fire neurons. Units throughout: seconds (s) and hertz (Hz).
 *
 * The public API, by name and grouped by subject. The folders are layers, lowest first; a folder
 * imports only from folders above it in this list (tests/layers.test.ts enforces it), and each is
 * also an entry point of its own (`ei-balance/network`, ...) holding its folder's helpers too.
 * What exists for one notebook only is in `ei-balance/tutorial`, not here.
 */

// Errors, seeds and run control
export { ParameterError } from "./core/validate";
export { CancelledError, runControl, type RunControl, type RunControlOptions, type ProgressCallback } from "./core/run-control";
export { Rng, deriveSeed } from "./core/rng";
export { type LimitOptions } from "./core/limits";

// Statistics
export { mean, variance, summarize, standardError, batchMeans, type SampleSummary } from "./math/statistics";
export { histogram, type Histogram } from "./math/histogram";
export { binomialPmf, poissonPmf } from "./math/distributions";
export { chiSquareTest, type ChiSquareResult } from "./math/goodness-of-fit";
export { studentTCritical } from "./math/student-t";
export { twoSampleDifference, type TwoSampleDifference } from "./math/two-sample";

// Numerics
export { erfcx } from "./math/error-function";
export { integrate, type IntegrateOptions } from "./math/quadrature";
export { brent, bisect, type RootOptions, type RootResult } from "./math/root-finding";

// Spike trains
export { SpikeTrains } from "./spikes/spike-trains";
export { poissonTrains, type PoissonOptions } from "./spikes/poisson";
export { readSpikes, parseSpikeFile, type SpikeFile } from "./spikes/read-spikes";

// One LIF neuron
export { simulateLif, simulateLifFromDrive, type LifOptions, type LifResult } from "./neuron/lif";
export { simulateTestNeurons, type TestNeuronOptions, type TestNeuronResult, type PresynapticGroup } from "./neuron/test-neurons";

// The E/I/X network
export { networkParams, defaultNetworkParams, type NetworkParams } from "./network/params";
export { buildConnectivity, Connectivity, type ConnectivityOptions, type Population } from "./network/connectivity";
export { simulateNetwork, type NetworkRun } from "./network/simulate";
export { type SimulationOptions } from "./network/simulation-options";
export { meanRates, type MeanRates, type PopulationRateSummary } from "./network/rates";

// Theory: one neuron
export {
  membraneMoments, excitatoryInputs, balancedInputs, weightForMeanAtThreshold, type MembraneMoments, type InputGroup,
} from "./theory/membrane-moments";
export { siegertRate, type SiegertOptions } from "./theory/siegert";
export { coincidenceRate, type CoincidenceRate } from "./theory/coincidence";
export { eulerChainRate, type EulerChainRate } from "./theory/discrete-transfer";

// Theory: the network
export { balancedRates, type BalancedRates, type BalancedRatesInput } from "./theory/balanced-rates";
export { solveMeanField, type MeanFieldParams, type MeanFieldSolution } from "./theory/mean-field";
export { solveDiscreteMeanField, type DiscreteMeanFieldSolution } from "./theory/discrete-mean-field";
export { solveRenewalMeanField, type RenewalMeanFieldSolution } from "./theory/renewal-mean-field";
export { solveModulatedMeanField, modulatedTransfer, type ModulatedMeanFieldSolution, type ModulatedTransfer, type InputModulation } from "./theory/modulated-mean-field";
export { solveCorrelatedMeanField, correlatedTransfer, type CorrelatedMeanFieldSolution, type CorrelatedInputs, type CorrelatedTransfer } from "./theory/correlated-mean-field";
export { inputCrossCovariance, type InputCrossCovariance } from "./theory/cross-covariance";
export { rateStability, type RateStability } from "./theory/rate-stability";
export { closedLoopShift, type ClosedLoopShift } from "./theory/closed-loop-shift";

// PyNN (NEST, Brian2)
export { exportPyNN, type PyNNExport } from "./pynn/script";
export { pynnParameters, type PyNNParameters, type PyNNExportOptions } from "./pynn/translate";
export { findPyNN } from "./pynn/python";
export { runPyNN, type RunPyNNOptions } from "./pynn/run";
export { readPyNNRun, type PyNNRun } from "./pynn/read-run";
export { translationRows } from "./pynn/translation-table";

// Analysis of spike trains and traces
export {
  firingRates, meanRate, interSpikeIntervals, isiCV, fanoFactor, windowSpikeCounts, type TimeRange, type WindowOptions,
  type FanoResult, type IsiCvResult,
} from "./analysis/spike-stats";
export { traceMoments, type TraceMoments } from "./analysis/trace-moments";
export { populationActivity, type PopulationActivity } from "./analysis/population-activity";
export { populationSpikes, type PopulationSpikes } from "./analysis/synchronous-state";
export { synchronyChi, type Synchrony } from "./analysis/synchrony";
export { spikeCountCorrelations, type CorrelationResult } from "./analysis/spike-count-correlations";
export { rateHeterogeneity, type RateHeterogeneity } from "./analysis/rate-heterogeneity";
export { trainIrregularity, type TrainIrregularity } from "./analysis/train-irregularity";
export { correlationSpread, type CorrelationSpread } from "./analysis/correlation-spread";
export { replayInputs, replayCounts, firingByGap, type InputReplay } from "./analysis/input-replay";
export { syncRun, lockPeriods, lockedIntervals, lockedEpisodeRates, voltageBeforePopulationSpikes } from "./analysis/locked-state";

// Experiments: single-neuron set-ups
export { simulateSingleNeuron, type SingleNeuronOptions, type SingleNeuronResult } from "./experiments/single-neuron";
export { freeMembraneMoments, type FreeMoments } from "./experiments/free-moments";
export { rateVsWeight, findWeightForRate, weightForMeanRate, type WeightForRate } from "./experiments/weight-search";
export { singleNeuronIrregularity, type SingleNeuronIrregularity } from "./experiments/single-neuron-irregularity";

// Experiments: network set-ups (independent runs side by side on the run pool)
export { networkRateSweep, type RateSweepOptions, type RateSweepPoint } from "./experiments/rate-sweep";
export { asynchronousRates, asynchronousFrom, type AsynchronousRates } from "./experiments/asynchronous-rates";
export { theoryTable, defaultTheoryPoints, type TheoryRow } from "./experiments/theory-table";
export { correlationEffect, type CorrelationEffect } from "./experiments/input-correlations";
export { openLoopNeurons, type OpenLoopRow } from "./experiments/open-loop";
export { kScan, meanInputByK, type KScanRun } from "./experiments/k-scan";
export { networkMemory, largestNetwork, networkCost, type NetworkCost, type NetworkSize } from "./experiments/network-cost";
export { closeRunPool } from "./experiments/run-pool";

// Charts (Vega-Lite 5 specs)
export { vconcatCharts, hconcatCharts } from "./charts/base";
export { rasterChart, type RasterOptions } from "./charts/raster";
export { histogramChart, type HistogramOptions } from "./charts/histogram";
export { xyChart, type XYOptions, type LineSeries, type PointSeries } from "./charts/xy";
export { traceChart, type TraceOptions } from "./charts/trace";
export { spikeTicksChart } from "./charts/ticks";
export { correlationHistogramChart } from "./charts/correlation-histogram";
export { populationActivityChart } from "./charts/activity";

// Display in a notebook
export { show, showMarkdown } from "./display/show";
export { progressBar } from "./display/progress";
export { renderSvg } from "./display/render";
export { showExplorer, explorerBundle } from "./display/explorer";

// Reports: tables and computed verdicts
export { check, agreement, Verdict, type CheckOptions, type AgreementOptions } from "./report/verdict";
export { md, markdownTable, verdictList, ReportPart } from "./report/markdown";
export { comparisonTable, parameterTable, type ComparisonRow, type ParameterRow } from "./report/tables";
export { showReport } from "./report/show-report";
export { fixed, signed, withError, percentRange, signedPercent } from "./report/format";

// Where the balanced state holds (notebook 09): the balance conditions, the state classifier, the
// map of states over the inhibitory couplings and its phase diagram
export { balanceConditions, type BalanceConditions, type BalanceConditionsInput, type PredictedState } from "./theory/balance-conditions";
export {
  classifyState, stateThresholds, NETWORK_STATES, DEFAULT_STATE_THRESHOLDS,
  type NetworkState, type StateThresholds, type StateClassification,
} from "./analysis/network-state";
export { balanceMap, type BalanceMapOptions, type BalanceMap, type BalanceMapPoint, type BalanceMapExample } from "./experiments/balance-map";
export { phaseDiagramChart, type PhaseDiagramOptions } from "./charts/phase-diagram";
