// Jest's order of test files (failed first, then the slowest), except that the "notebooks"
// project's files come last: they wait for the notebooks executed in the background
// (tests/notebook-run.js), and the other files run meanwhile.
const Sequencer = require("@jest/test-sequencer").default;

const waitsForNotebooks = (test) => test.context.config.displayName?.name === "notebooks";

class NotebooksLast extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    return [...sorted.filter((t) => !waitsForNotebooks(t)), ...sorted.filter(waitsForNotebooks)];
  }
}
module.exports = NotebooksLast;
