/**
 * Core: parameter validation (ParameterError), memory and work limits, progress and
 * cancellation, the seeded random streams and time bins.
 * Imports nothing from the library: every other folder may import it.
 */
export * from "./validate";
export * from "./rng";
export * from "./time-bins";
export * from "./limits";
export * from "./run-control";
