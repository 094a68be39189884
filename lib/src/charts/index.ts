export * from "./base";
export * from "./raster";
export * from "./histogram";
export * from "./xy";
export * from "./trace";
export * from "./ticks";
