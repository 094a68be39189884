/**
 * Tutorial: what exists for one notebook only (its set-ups, section reports and composite
 * charts), one module per notebook, named after it. The package entry `ei-balance/tutorial`.
 * May import every folder of the library; nothing in the library imports it (the science stays
 * in the domain folders, tests/layers.test.ts enforces it).
 */
export * from "./poisson-spike-trains";
export * from "./lif-single-input";
export * from "./lif-many-inputs";
export * from "./lif-excitation-inhibition";
export * from "./full-network";
export * from "./beyond-the-balanced-limit";
export * from "./inside-the-balanced-state";
export * from "./beyond-one-machine";
export * from "./where-balance-holds";
