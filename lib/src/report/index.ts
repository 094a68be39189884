/**
 * Report: what notebooks print again and again (comparison and parameter tables, verdicts), as Markdown plus a machine-readable verdict.
 * May import every folder below it (it renders through display/); nothing imports it.
 */
export * from "./format";
export * from "./verdict";
export * from "./markdown";
export * from "./tables";
export * from "./show-report";
