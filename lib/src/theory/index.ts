/**
 * Theory: membrane moments, balanced rates, the Siegert rate and the finite-K mean field; the
 * exact transfer of the discrete neuron (a Markov chain of the Euler rule) and the finite-K
 * theories built on it (Poisson inputs; self-consistent renewal input statistics; self-consistent
 * input spectra, with the cross-covariance of a neuron's inputs from linear response).
 * May import: core, math, spikes, neuron, network.
 */
export * from "./membrane-moments";
export * from "./balanced-rates";
export * from "./siegert";
export * from "./mean-field";
export * from "./coincidence";
export * from "./rate-stability";
export * from "./input-jumps";
export * from "./euler-chain";
export * from "./first-passage";
export * from "./chain-preconditioner";
export * from "./chain-occupancy";
export * from "./discrete-transfer";
export * from "./discrete-mean-field";
export * from "./renewal-statistics";
export * from "./overdispersed-counts";
export * from "./renewal-mean-field";
export * from "./modulated-chain";
export * from "./modulated-mean-field";
export * from "./cross-covariance";
export * from "./correlated-mean-field";
export * from "./closed-loop-shift";
export * from "./balance-conditions";
