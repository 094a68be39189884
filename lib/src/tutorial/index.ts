/**
 * The tutorial layer: code that exists for one notebook only (one module per notebook, named
 * after it). It may import every folder of the library; nothing in the library imports it.
 * Exported from the package as `ei-balance/tutorial`.
 */
export * from "./where-balance-holds";
