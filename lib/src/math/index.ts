/**
 * Math: special functions, quadrature, root finding, statistics, histograms, distributions and
 * linear solvers (banded LU, GMRES), Anderson acceleration.
 * May import: core.
 */
export * from "./error-function";
export * from "./quadrature";
export * from "./root-finding";
export * from "./statistics";
export * from "./histogram";
export * from "./distributions";
export * from "./goodness-of-fit";
export * from "./student-t";
export * from "./two-sample";
export * from "./newton-2d";
export * from "./band-lu";
export * from "./gmres";
export * from "./anderson";
