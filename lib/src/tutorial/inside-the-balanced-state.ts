/**
 * Notebook 07, "Inside the balanced state": its section reports as tables and computed verdicts
 * (the balance of the input parts against K, irregularity and correlations, the large-K scan,
 * the synchronous state, its period and its rates), its composite charts (the parts of the
 * input) and its synchronous-start set-up. The parts live in notebook07/, one job each.
 */
export {
  irregularityReport, correlationReport, chiExcessZ, cvHistogram, type IrregularityComparison, type CorrelationSet,
} from "./notebook07/irregularity-report";
export { kScanTable, synchronousStateReport, lockPeriodReport, lockedRatesReport } from "./notebook07/large-k-report";
export { inputPartsCharts, meanInputReport } from "./notebook07/balance-report";
export { inputPartsChart, meanInputCharts } from "./notebook07/input-parts-chart";
export { inputPartsTrace, activityFractions, type InputPartsTrace, type InputPartsOptions } from "./notebook07/input-parts";
export { synchronousStart, type SynchronousStartOptions } from "./notebook07/synchronous-start";
