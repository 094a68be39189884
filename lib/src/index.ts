/**
 * ei-balance: the asynchronous irregular state in a balanced E/I network of leaky
 * integrate-and-fire neurons. Units throughout: seconds (s) and hertz (Hz).
 */
export * from "./validate";
export * from "./rng";
export * from "./spike-trains";
export * from "./poisson";
export * from "./histogram";
export * from "./distributions";
export * from "./display";
export * from "./charts";
export * from "./error-function";
export * from "./statistics";
export * from "./lif";
export * from "./membrane-moments";
export * from "./trace-moments";
export * from "./spike-stats";
export * from "./root-finding";
export * from "./single-neuron";
export * from "./weight-search";
export * from "./network-params";
export * from "./connectivity";
export * from "./balanced-rates";
export * from "./network";
export * from "./rate-sweep";
export * from "./quadrature";
export * from "./siegert";
export * from "./mean-field";
export * from "./population-activity";
export * from "./synchrony";
export * from "./spike-count-correlations";
export * from "./synchronous-state";
