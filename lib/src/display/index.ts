/**
 * Display: the MIME-bundle display (Vega-Lite + PNG + text) for tslab and Deno, SVG rendering, progress bars.
 * May import: core. Never imports charts/ (it takes any Vega-Lite spec).
 */
export * from "./kernel";
export * from "./render";
export * from "./show";
export * from "./progress";
export * from "./compact-svg";
