// The benches' command line, read by the scripts' parser (scripts/args.js): `--name value`
// options, switches, and plain arguments in a fixed order (a word among some choices, a number or
// a whole count); a bad command line stops the bench with one line naming the argument and the
// value (exit status 2), before any work. bench/run-all.js passes a bench what follows its name,
// without a leading `--` (`npm run bench -- notebooks -- 06`).
"use strict";
const { scriptOptions, checkedNumber, fail, UsageError } = require("../scripts/args");

/**
 * One plain argument, in its place: a word among `choices`, else a number (a whole number of at
 * least `min` when `min` is given).
 * @typedef {object} PlainSpec
 * @property {string} name what it is, for messages (`duration`)
 * @property {readonly string[]} [choices] the words allowed
 * @property {number} [min] the least whole number allowed
 */

/**
 * What a bench accepts besides its `--name value` options.
 * @typedef {object} BenchSpec
 * @property {readonly string[]} [flags] switches without a value
 * @property {readonly PlainSpec[]} [plain] its plain arguments in order (none by default)
 * @property {boolean} [anyPlain] any plain arguments, unchecked (the notebooks' name filters)
 * @property {string[]} [argv] the arguments (default: this process's)
 */

/**
 * A bench's options: those of {@link scriptOptions}, the plain arguments by name (as given, or as
 * a number; undefined when not given), a whole count and a list of numbers.
 * @typedef {import("../scripts/args").ScriptOptions & {
 *   plain: (name: string) => string | undefined,
 *   plainNumber: (name: string) => number | undefined,
 *   count: (name: string, fallback: number, min?: number) => number,
 *   numbers: (name: string, fallback: readonly number[]) => number[],
 * }} BenchOptions
 */

/**
 * The number `x` if it is whole and at least `min`.
 * @param {string} bench
 * @param {string} what the argument, for messages
 * @param {number} x
 * @param {number} min
 * @returns {number}
 * @throws {UsageError} otherwise
 */
function whole(bench, what, x, min) {
  if (!Number.isInteger(x) || x < min) throw new UsageError(`${bench}: ${what} must be a whole number of at least ${min}, got ${x}`);
  return x;
}

/**
 * The plain arguments checked against their specs, by name (numbers checked, kept as text).
 * @param {string} bench
 * @param {readonly string[]} given
 * @param {readonly PlainSpec[]} specs
 * @returns {Map<string, string>}
 * @throws {UsageError} for an argument too many, a word not among the choices or a bad number
 */
function plainArguments(bench, given, specs) {
  if (given.length > specs.length) {
    const names = specs.map((p) => p.name).join(", ");
    throw new UsageError(`${bench}: takes at most ${specs.length} plain arguments (${names}), got ${given.map((a) => JSON.stringify(a)).join(" ")}`);
  }
  /** @type {Map<string, string>} */
  const out = new Map();
  given.forEach((text, i) => {
    const { name, choices, min } = specs[i];
    if (choices && !choices.includes(text)) throw new UsageError(`${bench}: ${name} must be ${choices.join(" or ")}, got ${JSON.stringify(text)}`);
    if (!choices) {
      const x = checkedNumber(bench, name, text);
      if (min !== undefined) whole(bench, name, x, min);
    }
    out.set(name, text);
  });
  return out;
}

/**
 * Reads a bench's command line; a bad one (an unknown option, a missing value, a plain argument
 * too many, a word or number not allowed) prints one line and exits with status 2, now or when
 * the option is read.
 * @param {string} bench the bench's name, for messages (`large.bench`)
 * @param {readonly string[]} names the accepted `--name value` options
 * @param {BenchSpec} [spec]
 * @returns {BenchOptions}
 */
function benchOptions(bench, names, spec = {}) {
  try {
    const { flags, plain: specs = [], anyPlain = false, argv } = spec;
    const opt = scriptOptions(bench, names, { flags, positionals: anyPlain || specs.length > 0, argv });
    const plain = anyPlain ? new Map() : plainArguments(bench, opt.positionals, specs);
    /** @param {string} name */
    const plainNumber = (name) => {
      const text = plain.get(name);
      return text === undefined ? undefined : Number(text);
    };
    /** @param {string} name @param {number} fallback @param {number} [min] */
    const count = (name, fallback, min = 1) => guard(() => whole(bench, `--${name}`, opt.number(name, fallback), min));
    /** @param {string} name @param {readonly number[]} fallback */
    const numbers = (name, fallback) => guard(() => {
      const text = opt.string(name);
      return text === undefined ? [...fallback] : text.split(",").map((t) => checkedNumber(bench, `--${name}`, t));
    });
    /** @param {string} name @param {number} fallback */
    const number = (name, fallback) => guard(() => opt.number(name, fallback));
    /** @param {string} name */
    const optionalNumber = (name) => guard(() => opt.optionalNumber(name));
    return { ...opt, number, optionalNumber, plain: (name) => plain.get(name), plainNumber, count, numbers };
  } catch (e) {
    return fail(e);
  }
}

/**
 * The value of `read()`; a usage error it throws stops the bench (exit status 2).
 * @template T
 * @param {() => T} read
 * @returns {T}
 */
function guard(read) {
  try {
    return read();
  } catch (e) {
    return fail(e);
  }
}

module.exports = { benchOptions };
