/**
 * Notebook 08, "Beyond one machine": the committed benchmark results it shows (parsed from the
 * text the notebook reads) and the table rows comparing our engine's rates with PyNN's. The
 * parts live in notebook08/.
 */
export { parseBenchResult, benchLabel, networkCostRows, type BenchContext, type NetworkCostBench, type PyNNBench } from "./notebook08/bench-results";
export { engineRateRows, type EngineRateRow } from "./notebook08/engine-rates";
export { brian2Run, readBackLine, engineRateReport, engineRasters, networkCostReport, exportRouteReport } from "./notebook08/reports";
