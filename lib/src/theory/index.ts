/**
 * Theory: membrane moments, balanced rates, the Siegert rate and the finite-K mean field.
 * May import: core, math, spikes, neuron, network.
 */
export * from "./membrane-moments";
export * from "./balanced-rates";
export * from "./siegert";
export * from "./mean-field";
export * from "./coincidence";
export * from "./rate-stability";
