// Jest's order of test files (failed first, then the slowest by the last run's times, else the
// largest files), with two changes: the "notebooks" project's files come last, since they wait
// for the notebooks executed in the background (tests/notebook-run.js) and the other files run
// meanwhile; and without times from a last run (a fresh clone, as in CI), the "integration"
// project's files come first, since they are the slow ones.
const Sequencer = require("@jest/test-sequencer").default;

/** @typedef {import("@jest/test-result").Test} Test */

/** @param {Test} test */
const project = (test) => test.context.config.displayName?.name;

/**
 * 0: run first, 1: in Jest's order, 2: run last.
 * @param {Test} test
 */
function rank(test) {
  if (project(test) === "notebooks") return 2;
  return project(test) === "integration" && test.duration == null ? 0 : 1;
}

class Sequence extends Sequencer {
  /** @param {Test[]} tests */
  async sort(tests) {
    const sorted = await super.sort(tests);
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}
module.exports = Sequence;
