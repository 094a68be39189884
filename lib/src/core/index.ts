/**
 * Core: parameter validation (ParameterError), the seeded random streams and time bins.
 * Imports nothing from the library: every other folder may import it.
 */
export * from "./validate";
export * from "./rng";
export * from "./time-bins";
