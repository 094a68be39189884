/**
 * Neuron: the Euler-discretised LIF neuron driven by spike trains (tasks 3-5), alone or as open-loop test neurons.
 * May import: core, math, spikes.
 */
export * from "./lif";
export * from "./test-neurons";
