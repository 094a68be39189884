/**
 * ei-balance: the asynchronous irregular state in a balanced E/I network of leaky
 * integrate-and-fire neurons. Units throughout: seconds (s) and hertz (Hz).
 *
 * The folders are layers, lowest first; a folder imports only from folders above it in this list
 * (tests/layers.test.ts enforces it). Each is also an entry point of its own: `ei-balance/network`.
 */
export * from "./core";
export * from "./math";
export * from "./spikes";
export * from "./neuron";
export * from "./network";
export * from "./theory";
export * from "./pynn";
export * from "./analysis";
export * from "./experiments";
export * from "./charts";
export * from "./display";
export * from "./report";

// Where the balanced state holds (notebook 08, docs/TASKS.md): the balance conditions, the state
// classifier, the map of states over the inhibitory couplings and its phase diagram.
export { balanceConditions, type BalanceConditions, type BalanceConditionsInput, type PredictedState } from "./theory";
export {
  classifyState, stateThresholds, NETWORK_STATES, DEFAULT_STATE_THRESHOLDS,
  type NetworkState, type StateThresholds, type StateClassification,
} from "./analysis";
export { balanceMap, type BalanceMapOptions, type BalanceMap, type BalanceMapPoint, type BalanceMapExample } from "./experiments";
export { phaseDiagramChart, type PhaseDiagramOptions } from "./charts";
