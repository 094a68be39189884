/**
 * PyNN: the E/I/X network exported as a PyNN script (NEST with MPI on a cluster, Brian2 here),
 * run in a child process, and its spikes read back into SpikeTrains.
 * May import: core, math, spikes, neuron, network.
 */
export * from "./translate";
export * from "./script";
export * from "./python";
export * from "./run";
export * from "./read-run";
