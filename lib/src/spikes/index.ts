/**
 * Spikes: compact spike-train storage and discretised Poisson spike trains (tutorial task 2).
 * May import: core, math.
 */
export * from "./spike-trains";
export * from "./poisson";
export * from "./read-spikes";
