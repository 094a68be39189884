// Command-line options shared by the scripts: `--name value` pairs, read with parseArgs, numbers
// checked (a script stops with a message naming the option and the value, never runs on NaN).
"use strict";
const { parseArgs } = require("node:util");

/**
 * The options of a script.
 * @typedef {object} ScriptOptions
 * @property {(name: string) => string | undefined} string the option's text, or undefined when not given
 * @property {(name: string, fallback: number) => number} number the option as a finite number, or the fallback
 * @property {(name: string) => number | undefined} optionalNumber the option as a finite number, or undefined
 */

/**
 * Parses `--name value` options; an unknown option or a missing value stops the script.
 * @param {string} script the script's name, for messages
 * @param {readonly string[]} names the accepted option names
 * @param {string[]} [argv] the arguments (default: this process's)
 * @returns {ScriptOptions}
 */
function scriptOptions(script, names, argv = process.argv.slice(2)) {
  const { values } = parseArgs({ args: argv, options: Object.fromEntries(names.map((n) => [n, { type: "string" }])) });
  /** @type {Record<string, string | undefined>} */
  const given = /** @type {Record<string, string | undefined>} */ (values);
  /** @param {string} name */
  const optionalNumber = (name) => {
    const text = given[name];
    if (text === undefined) return undefined;
    const x = Number(text);
    if (text.trim() === "" || !Number.isFinite(x)) throw new Error(`${script}: --${name} must be a number, got ${JSON.stringify(text)}`);
    return x;
  };
  return {
    string: (name) => given[name],
    number: (name, fallback) => optionalNumber(name) ?? fallback,
    optionalNumber,
  };
}

/**
 * Runs a script's main function, printing an error's message (not its stack) and exiting with 1.
 * @param {() => void} main
 */
function runScript(main) {
  try {
    main();
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}

module.exports = { scriptOptions, runScript };
