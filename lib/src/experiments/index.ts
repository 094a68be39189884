/**
 * Experiments: set-ups that combine simulation, theory and statistics (single-neuron set-ups,
 * weight search, rate sweeps). May import every folder below charts/display/report.
 */
export * from "./single-neuron";
export * from "./weight-search";
export * from "./rate-sweep";
export * from "./free-moments";
export * from "./irregularity";
export * from "./network-cost";
export { asynchronousRates, asynchronousFrom, seedMean, type AsynchronousRatesOptions, type AsynchronousRates, type SeedMean } from "./asynchronous-rates";
export * from "./theory-table";
export * from "./input-correlations";
export * from "./open-loop";
export * from "./k-scan";
export * from "./single-neuron-irregularity";
export { closeRunPool } from "./run-pool";
export * from "./balance-map";
