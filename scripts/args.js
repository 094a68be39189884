// Command-line options shared by the scripts: `--name value` pairs, `--flag` switches and (where a
// script takes them) plain arguments, read with parseArgs; a bad command line stops the script
// with one line naming the option and the value (exit status 2), before any work, and numbers are
// checked (a script never runs on NaN).
"use strict";
const { parseArgs } = require("node:util");

/** A bad command line: runScript prints its message and exits with status 2. */
class UsageError extends Error {}

/**
 * What a script accepts besides its `--name value` options.
 * @typedef {object} OptionSpec
 * @property {readonly string[]} [flags] switches without a value (`--no-pdf`)
 * @property {boolean} [positionals] whether plain arguments (not starting with `--`) are accepted
 * @property {string[]} [argv] the arguments (default: this process's)
 */

/**
 * The options of a script.
 * @typedef {object} ScriptOptions
 * @property {(name: string) => string | undefined} string the option's text, or undefined when not given
 * @property {(name: string, fallback: number) => number} number the option as a finite number, or the fallback
 * @property {(name: string) => number | undefined} optionalNumber the option as a finite number, or undefined
 * @property {(name: string) => boolean} flag whether the switch was given
 * @property {string[]} positionals the plain arguments, in order
 */

/**
 * The arguments with each `--name value` of a string option joined into `--name=value`, so that a
 * value may start with a dash (`--rX -5` reaches the script's own check); refuses a `--name` that
 * is last or followed by another option.
 * @param {string} script
 * @param {readonly string[]} names
 * @param {readonly string[]} argv
 * @returns {string[]}
 */
function joinValues(script, names, argv) {
  /** @type {string[]} */
  const out = [];
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === "--") {
      out.push(...argv.slice(k));
      break;
    }
    if (!a.startsWith("--") || !names.includes(a.slice(2))) {
      out.push(a);
      continue;
    }
    const value = argv[++k];
    if (value === undefined || value.startsWith("--")) {
      throw new UsageError(`${script}: ${a} needs a value, got ${value === undefined ? "nothing" : JSON.stringify(value)}`);
    }
    out.push(`${a}=${value}`);
  }
  return out;
}

/**
 * Parses a script's command line; an unknown option, a missing value or an unexpected plain
 * argument stops the script (a {@link UsageError}).
 * @param {string} script the script's name, for messages
 * @param {readonly string[]} names the accepted `--name value` options
 * @param {OptionSpec} [spec] switches, plain arguments and the arguments to read
 * @returns {ScriptOptions}
 * @throws {UsageError} for a bad command line
 */
function scriptOptions(script, names, spec = {}) {
  const { flags = [], positionals: allowPositionals = false, argv = process.argv.slice(2) } = spec;
  const args = joinValues(script, names, argv);
  /** @type {Record<string, { type: "string" | "boolean" }>} */
  const options = {};
  for (const n of names) options[n] = { type: "string" };
  for (const n of flags) options[n] = { type: "boolean" };
  /** @type {{ values: Record<string, string | boolean | undefined>, positionals: string[] }} */
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals, strict: true });
  } catch (e) {
    const known = [...names, ...flags].map((n) => `--${n}`).join(", ");
    throw new UsageError(`${script}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)} (options: ${known || "none"})`);
  }
  const given = parsed.values;
  /** @param {string} name */
  const text = (name) => {
    const v = given[name];
    return typeof v === "string" ? v : undefined;
  };
  /** @param {string} name */
  const optionalNumber = (name) => {
    const t = text(name);
    return t === undefined ? undefined : checkedNumber(script, `--${name}`, t);
  };
  return {
    string: text,
    number: (name, fallback) => optionalNumber(name) ?? fallback,
    optionalNumber,
    flag: (name) => given[name] === true,
    positionals: parsed.positionals,
  };
}

/**
 * The text of an argument as a finite number.
 * @param {string} script the script's name, for messages
 * @param {string} what the argument, for messages (`--K`, `duration`)
 * @param {string} text
 * @returns {number}
 * @throws {UsageError} when the text is empty or not a finite number
 */
function checkedNumber(script, what, text) {
  const x = Number(text);
  if (text.trim() === "" || !Number.isFinite(x)) throw new UsageError(`${script}: ${what} must be a number, got ${JSON.stringify(text)}`);
  return x;
}

/**
 * Stops a script that failed: prints the error's message (not its stack) and exits with 2 for a
 * {@link UsageError}, else 1.
 * @param {unknown} e
 * @returns {never}
 */
function fail(e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(e instanceof UsageError ? 2 : 1);
}

/**
 * Runs a script's main function (sync or async): an error prints its message (not its stack) and
 * exits with 2 for a {@link UsageError}, else 1; a number returned is the exit status (the process
 * exits then, even with handles open); otherwise the process ends when its work does.
 * @param {() => void | number | Promise<void | number>} main
 */
function runScript(main) {
  Promise.resolve()
    .then(main)
    .then(
      (status) => {
        if (typeof status === "number") process.exit(status);
      },
      fail,
    );
}

module.exports = { scriptOptions, runScript, UsageError, checkedNumber, fail };
