/**
 * Charts: Vega-Lite 5 chart builders (raster, histogram, x-y with error bars, trace, spike ticks).
 * May import: core, math, spikes (SpikeTrains, to check and read it). Never imports display/ or report/.
 */
export * from "./base";
export * from "./raster";
export * from "./histogram";
export * from "./xy";
export * from "./trace";
export * from "./ticks";
export * from "./correlation-histogram";
export * from "./activity";
export * from "./phase-diagram";
