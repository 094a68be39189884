export * from "./kernel";
export * from "./render";
export * from "./show";
export * from "./progress";
export * from "./compact-svg";
