// Three projects (`npm test` runs them all; `npm run test:unit` only "unit"):
//  - unit: the library's functions on small inputs; the quick check.
//  - integration: tests that drive the outside programs (Jupyter, Chromium, Deno, PyNN with
//    Brian2) and the checks of the model against theory that simulate many networks or neurons.
//  - notebooks: the tests that read the notebooks executed once per run (tests/notebook-run.js,
//    its globalSetup, starts that run in the background when one of them is selected); they run
//    after the others (tests/sequencer.js), so that the other tests run while the notebooks execute.
const { availableParallelism } = require("node:os");

const transform = { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] };
const base = { testEnvironment: "node", rootDir: __dirname, roots: ["<rootDir>/tests"], transform };
const files = (names) => names.map((n) => `<rootDir>/tests/${n}.test.ts`);

const INTEGRATION = [
  "notebook-runner", "runner-kills", "jupyter-kernel-spec", "deno-kernel", // Jupyter, tslab, Deno
  "exports", "exports-robustness", // nbconvert and Chromium
  "explorer", // the network explorer in headless Chromium
  "pynn-brian2", // the exported network run by Brian2 through PyNN
  "finite-k-theory", "discrete-transfer", // network and single-neuron simulations over many seeds against theory
];
const NOTEBOOKS = ["notebooks", "jupyterlab-ui"];

/** @type {import('jest').Config} */
module.exports = {
  // Jest's default, one worker less than the cores, is a single worker on two cores; the tests
  // also wait on kernels, browsers and child processes, and two workers keep both cores busy.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  reporters: ["default", "<rootDir>/tests/summary-reporter.js"],
  testSequencer: "<rootDir>/tests/sequencer.js",
  projects: [
    // Transpile only (fast); the type check is `tsc -p . --noEmit`, run by `npm test` first.
    { ...base, displayName: "unit", testPathIgnorePatterns: [...INTEGRATION, ...NOTEBOOKS].map((n) => `/tests/${n}\\.test\\.ts$`) },
    { ...base, displayName: "integration", testMatch: files(INTEGRATION) },
    { ...base, displayName: "notebooks", testMatch: files(NOTEBOOKS), globalSetup: "<rootDir>/tests/notebook-run.js" },
  ],
};
