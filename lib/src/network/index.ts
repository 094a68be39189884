/**
 * Network: the E/I/X network's parameters, random connectivity and simulator (task 6).
 * May import: core, math, spikes.
 */
export * from "./params";
export * from "./connectivity";
export * from "./simulate";
export { meanRates, type MeanRates, type PopulationRateSummary } from "./rates";
