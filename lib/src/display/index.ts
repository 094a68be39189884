/**
 * Display: the MIME-bundle display (Vega-Lite + PNG + text) for tslab and Deno, SVG rendering, progress bars,
 * the network explorer as a notebook output.
 * May import: core. Never imports charts/ (it takes any Vega-Lite spec).
 */
export * from "./kernel";
export * from "./render";
export * from "./show";
export * from "./progress";
export * from "./compact-svg";
export * from "./explorer";
