/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  // Transpile only (fast); the type check is `tsc -p . --noEmit`, run by `npm test` first.
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  reporters: ["default", "<rootDir>/tests/summary-reporter.js"],
};
