/**
 * Notebook 06, "Beyond the balanced limit": its section reports as tables and computed verdicts
 * (rate sweep, open loop, theory table, balance, irregularity and correlations, the large-K scan,
 * the locked state, the asynchronous rates against K), its composite charts (rates
 * against r_X and K, the parts of the input) and its synchronous-start set-up. The parts live in
 * notebook06/, one job each.
 */
export { rateSweepReport, openLoopReport, type RateSweepReport, type SweepPointWithLimit } from "./notebook06/rate-sweep-report";
export { theoryTableReport, theoryScore, outOfTableReport, BEST_THEORY, type TheoryName } from "./notebook06/theory-table-report";
export { finiteKVerdicts, crossCorrelationVerdicts, inputModelVerdicts, whatIsLeftVerdicts, outOfTableVerdicts } from "./notebook06/finite-k-verdicts";
export { crossTheoryVerdicts, crossTheoryReport } from "./notebook06/cross-covariance-report";
export { inputModelsOpenLoop, openLoopDeviation, inputModelsReport, type InputModelsOpenLoop } from "./notebook06/input-models";
export {
  irregularityReport, correlationReport, chiExcessZ, cvHistogram, type IrregularityComparison, type CorrelationSet,
} from "./notebook06/irregularity-report";
export { kScanTable, synchronousStateReport, lockPeriodReport } from "./notebook06/large-k-report";
export { inputPartsCharts, meanInputReport } from "./notebook06/balance-report";
export { asynchronousRatesByK, meanFieldError, asyncRatesReport, type AsyncRatesAtK } from "./notebook06/async-rates-report";
export { ratesVsInputChart, ratesVsKCharts, type RateTheoryCurves, type RatesVsKData } from "./notebook06/network-rates-chart";
export { inputPartsChart, meanInputCharts } from "./notebook06/input-parts-chart";
export { inputPartsTrace, activityFractions, type InputPartsTrace, type InputPartsOptions } from "./notebook06/input-parts";
export { synchronousStart, type SynchronousStartOptions } from "./notebook06/synchronous-start";
export { correlationEffectTable, closedLoopTable } from "./notebook06/correlation-effect-table";
export {
  scoreSentence, finiteKReport, renewalWorseForI, remainderLeft, freeVarianceChange, correlationEffectReport,
  withCrossCorrelations, restWithinTwoSE, whatIsLeftReport, type TheoryScore,
} from "./notebook06/section-reports";
