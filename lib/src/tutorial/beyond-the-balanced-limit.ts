/**
 * Notebook 06, "Beyond the balanced limit": its section reports (rate sweep, open loop, theory
 * table, irregularity, the large-K scan and the locked state), its composite charts (rates
 * against r_X and K, the parts of the input) and its synchronous-start set-up. The parts live in
 * notebook06/, one job each.
 */
export { rateSweepReport, openLoopReport, type RateSweepReport, type SweepPointWithLimit } from "./notebook06/rate-sweep-report";
export { theoryTableReport, theoryScore, outOfTableReport, BEST_THEORY, type TheoryName } from "./notebook06/theory-table-report";
export { inputModelsOpenLoop, openLoopDeviation, inputModelsReport, type InputModelsOpenLoop } from "./notebook06/input-models";
export { irregularityReport, correlationReport, type IrregularityComparison, type CorrelationSet } from "./notebook06/irregularity-report";
export { kScanTable, synchronousStateReport, lockPeriodReport } from "./notebook06/large-k-report";
export { ratesVsInputChart, ratesVsKCharts, type RateTheoryCurves, type RatesVsKData } from "./notebook06/network-rates-chart";
export { inputPartsChart, meanInputCharts } from "./notebook06/input-parts-chart";
export { inputPartsTrace, activityFractions, type InputPartsTrace, type InputPartsOptions } from "./notebook06/input-parts";
export { synchronousStart, type SynchronousStartOptions } from "./notebook06/synchronous-start";
export { correlationEffectTable, closedLoopTable } from "./notebook06/correlation-effect-table";
export {
  scoreSentence, finiteKReport, renewalWorseForI, remainderLeft, correlationsLowerVariance, correlationEffectReport,
  withCrossCorrelations, restWithinTwoSE, whatIsLeftReport, inputPartsCharts, meanInputReport, cvHistogram,
  asynchronousRatesByK, meanFieldError, asyncRatesReport, correlationsNearZero, noLockAt, beyondConclusion, networkRatesLine,
  type TheoryScore, type AsyncRatesAtK, type BeyondFindings,
} from "./notebook06/section-reports";
