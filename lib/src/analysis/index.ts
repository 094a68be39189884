/**
 * Analysis: statistics of recorded spike trains and traces (rates, CV, Fano, correlations,
 * population activity, synchrony). May import: core, math, spikes, neuron, network, theory.
 */
export * from "./trace-moments";
export * from "./spike-stats";
export * from "./population-activity";
export * from "./synchrony";
export * from "./spike-count-correlations";
export * from "./synchronous-state";
export * from "./input-replay";
export * from "./rate-heterogeneity";
export * from "./train-irregularity";
export * from "./correlation-spread";
export * from "./locked-state";
export * from "./network-state";
