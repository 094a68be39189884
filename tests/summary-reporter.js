// Prints each test file's wall time (slowest first; also written to reports/test-times.json),
// then the run's closing line in the plain form CI reads: "N passed, M failed[, K skipped]".
const { mkdirSync, writeFileSync } = require("node:fs");
const { join, relative } = require("node:path");

/** @implements {Pick<import("@jest/reporters").Reporter, "onRunComplete">} */
class SummaryReporter {
  /** @param {import("@jest/types").Config.GlobalConfig} globalConfig */
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  /**
   * @param {Set<import("@jest/test-result").TestContext>} _contexts
   * @param {import("@jest/test-result").AggregatedResult} results
   */
  onRunComplete(_contexts, results) {
    const files = results.testResults
      .map((r) => ({ file: relative(this.rootDir, r.testFilePath), seconds: (r.perfStats.end - r.perfStats.start) / 1000, failed: r.numFailingTests + (r.testExecError ? 1 : 0) }))
      .sort((a, b) => b.seconds - a.seconds);
    const wall = (Date.now() - results.startTime) / 1000;
    if (files.length > 0) {
      const lines = files.map((f) => `  ${f.seconds.toFixed(1).padStart(7)} s  ${f.file}${f.failed ? " (failed)" : ""}`);
      process.stdout.write(`\nTest files by wall time (run: ${wall.toFixed(0)} s):\n${lines.join("\n")}\n`);
      try {
        mkdirSync(join(this.rootDir, "reports"), { recursive: true });
        writeFileSync(join(this.rootDir, "reports", "test-times.json"), JSON.stringify({ wallSeconds: wall, files }, null, 1) + "\n");
      } catch {
        // the times are a convenience; the summary line below is what CI reads
      }
    }
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(`\n${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}\n`);
  }
}
module.exports = SummaryReporter;
