/**
 * Notebook 06, "Beyond the balanced limit": its section reports as tables and computed verdicts
 * (the rate sweep read off the theory table, the open loop, the theory table and its parts, the
 * asynchronous rates against K) and its composite charts (rates against r_X and K). The parts
 * live in notebook06/, one job each.
 */
export { rateSweepReport, openLoopReport, sweepFromTable, type RateSweepReport, type SweepPointWithLimit } from "./notebook06/rate-sweep-report";
export { theoryTableReport, theoryScore, outOfTableReport, BEST_THEORY, type TheoryName } from "./notebook06/theory-table-report";
export { finiteKVerdicts, crossCorrelationVerdicts, inputModelVerdicts, outOfTableVerdicts } from "./notebook06/finite-k-verdicts";
export { crossTheoryVerdict, crossTheoryReport } from "./notebook06/cross-covariance-report";
export { openLoopParts, openLoopPartsVerdicts, openLoopPartsReport, type OpenLoopParts, type OpenLoopPartsVerdicts, type PairWithSE } from "./notebook06/open-loop-parts";
export { inputModelsOpenLoop, openLoopDeviation, inputModelsReport, type InputModelsOpenLoop } from "./notebook06/input-models";
export { asynchronousRatesByK, meanFieldError, asyncRatesReport, type AsyncRatesAtK } from "./notebook06/async-rates-report";
export { ratesVsInputChart, ratesVsKCharts, type RateTheoryCurves, type RatesVsKData } from "./notebook06/network-rates-chart";
export { correlationEffectTable, closedLoopTable } from "./notebook06/correlation-effect-table";
export {
  scoreSentence, finiteKReport, renewalWorseForI, remainderLeft, freeVarianceChange, correlationEffectReport,
  restWithinTwoSE, type TheoryScore,
} from "./notebook06/section-reports";
