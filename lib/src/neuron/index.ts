/**
 * Neuron: the Euler-discretised leaky integrate-and-fire neuron driven by spike trains (tasks 3-5).
 * May import: core, math, spikes.
 */
export * from "./lif";
