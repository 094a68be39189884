// Compares the outputs of a notebook executed on Deno's kernel with the committed notebook
// (executed by tslab), cell by cell: every chart (all its MIME types), every Markdown output and
// every text must match. Two differences between the kernels are accepted, and listed apart:
//  - the value of a cell's last expression is an execute_result under Deno (Deno.inspect, with
//    ANSI colours, strings quoted) but stdout under tslab (console.log of the value): accepted
//    when its text, without colours and quotes, is what tslab printed;
//  - numbers that differ only in their last digits (relative difference <= 1e-12): Deno's V8
//    and Node's compute Math.exp, Math.log, Math.pow, ... differently in the last bit for a few
//    per cent of arguments, which moves e.g. a log-axis tick by 3e-14 px in an SVG. The SVG's
//    clip-path ids (`clip-<hash of the SVG>-n`, lib/src/display/render.ts) then differ too, so
//    SVGs are compared with that hash blanked out.
"use strict";

/** @typedef {{ difference: string, rounding: string[][] }} Comparison */
/** @typedef {{ kind: string, name?: string, text?: string, data?: Record<string, any>, fromResult?: boolean }} Output */

// eslint-disable-next-line no-control-regex -- ANSI colour codes start with ESC
const ANSI = /\x1b\[[0-9;]*m/g;
const QUOTED = /^(["'`])([\s\S]*)\1$/;
const NUMBER = /(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)/i;
const ROUNDING = 1e-12;
const SVG_ID_HASH = /\bclip-[0-9a-f]{10}-/g;

/**
 * The text console.log prints for a value, from Deno's inspect form of it (colours and string quotes removed).
 * @param {string} inspected
 */
function plainValue(inspected) {
  const text = inspected.replace(ANSI, "");
  const quoted = QUOTED.exec(text);
  if (!quoted) return text;
  return quoted[2].replace(/\\(["'`\\])/g, "$1").replace(/\\n/g, "\n").replace(/\\t/g, "\t");
}

/** @param {string | string[] | undefined} text */
const joined = (text) => (Array.isArray(text) ? text.join("") : (text ?? ""));
/** @param {number} x @param {number} y */
const closeNumbers = (x, y) => Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) <= ROUNDING * Math.max(Math.abs(x), Math.abs(y));

/**
 * Where two strings first differ, with a little context from each.
 * @param {string} a @param {string} b
 */
function textDifference(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  /** @param {string} s */
  const excerpt = (s) => JSON.stringify(s.slice(Math.max(0, i - 30), i + 40));
  return `differs at character ${i} (lengths ${a.length} and ${b.length}): tslab ${excerpt(a)}, Deno ${excerpt(b)}`;
}

/**
 * Compares two texts. Returns `difference` (a description, or "" when they match) and `rounding`:
 * the pairs of numbers in them that differ only in their last digits.
 * @param {string} a @param {string} b
 * @returns {Comparison}
 */
function compareText(a, b) {
  if (a === b) return { difference: "", rounding: [] };
  const [ta, tb] = [a.split(NUMBER), b.split(NUMBER)]; // text, number, text, number, ..., text
  /** @type {Comparison} */
  const different = { difference: textDifference(a, b), rounding: [] };
  if (ta.length !== tb.length) return different;
  /** @type {string[][]} */
  const rounding = [];
  for (let k = 0; k < ta.length; k++) {
    if (ta[k] === tb[k]) continue;
    if (k % 2 === 0 || !closeNumbers(Number(ta[k]), Number(tb[k]))) return different;
    rounding.push([ta[k], tb[k]]);
  }
  return { difference: "", rounding };
}

/**
 * Compares two JSON values like compareText, naming the path of the first difference.
 * @param {any} a @param {any} b @param {string} [path]
 * @returns {Comparison}
 */
function compareJson(a, b, path = "$") {
  if (typeof a === "string" && typeof b === "string") {
    const r = compareText(a, b);
    return r.difference ? { difference: `${path} ${r.difference}`, rounding: [] } : r;
  }
  if (typeof a === "number" && typeof b === "number") {
    if (a === b) return { difference: "", rounding: [] };
    return closeNumbers(a, b) ? { difference: "", rounding: [[String(a), String(b)]] } : { difference: `${path}: tslab ${a}, Deno ${b}`, rounding: [] };
  }
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return a === b ? { difference: "", rounding: [] } : { difference: `${path}: tslab ${JSON.stringify(a)?.slice(0, 60)}, Deno ${JSON.stringify(b)?.slice(0, 60)}`, rounding: [] };
  }
  /** @type {string[][]} */
  const rounding = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const r = compareJson(a[key], b[key], `${path}.${key}`);
    if (r.difference) return r;
    rounding.push(...r.rounding);
  }
  return { difference: "", rounding };
}

/**
 * A cell's outputs in a form both kernels share: consecutive stream outputs of one name merged
 * (kernels split stdout differently), an execute_result turned into the stdout text tslab would
 * print (marked `fromResult`), display_data and errors kept.
 * @param {any} cell a code cell of a notebook (parsed JSON)
 * @returns {Output[]}
 */
function normalOutputs(cell) {
  /** @type {Output[]} */
  const items = [];
  for (const o of cell.outputs ?? []) {
    /** @type {Output} */
    let item;
    if (o.output_type === "stream") item = { kind: "stream", name: o.name, text: joined(o.text) };
    else if (o.output_type === "execute_result") {
      item = { kind: "stream", name: "stdout", text: plainValue(joined(o.data?.["text/plain"])) + "\n", fromResult: true };
    } else if (o.output_type === "display_data") item = { kind: "display", data: o.data ?? {} };
    else item = { kind: o.output_type, text: `${o.ename ?? ""}: ${o.evalue ?? ""}` };
    const last = items[items.length - 1];
    if (item.kind === "stream" && last?.kind === "stream" && last.name === item.name) {
      last.text = (last.text ?? "") + item.text;
      last.fromResult = last.fromResult || item.fromResult;
    } else items.push(item);
  }
  return items;
}

/** @param {Output | undefined} item */
const describe = (item) => (!item ? "nothing" : item.kind === "display" ? `a display of ${Object.keys(item.data ?? {}).sort().join(", ")}` : `${item.kind} ${item.name ?? ""}`.trim());

/**
 * Compares one output under tslab (`a`) and Deno (`b`): differences and roundings, one line each.
 * @param {Output | undefined} a @param {Output | undefined} b
 * @returns {{ differences: string[], rounding: string[] }}
 */
function compareOutput(a, b) {
  if (!a || !b || a.kind !== b.kind || a.name !== b.name) return { differences: [`tslab has ${describe(a)}, Deno ${describe(b)}`], rounding: [] };
  if (a.kind !== "display") {
    const r = compareText(a.text ?? "", b.text ?? "");
    return { differences: r.difference ? [`${describe(a)} ${r.difference}`] : [], rounding: r.rounding.length ? [`${describe(a)}: ${roundingNote(r.rounding)}`] : [] };
  }
  /** @type {{ differences: string[], rounding: string[] }} */
  const result = { differences: [], rounding: [] };
  const [da, db] = [a.data ?? {}, b.data ?? {}];
  for (const mime of [...new Set([...Object.keys(da), ...Object.keys(db)])].sort()) {
    const [x, y] = [da[mime], db[mime]];
    if (x === undefined || y === undefined) result.differences.push(`${mime} only under ${x === undefined ? "Deno" : "tslab"}`);
    else {
      /** @param {string | string[]} value */
      const text = (value) => (mime === "image/svg+xml" ? joined(value).replace(SVG_ID_HASH, "clip-#-") : joined(value));
      const r = typeof x === "object" && !Array.isArray(x) ? compareJson(x, y) : compareText(text(x), text(y));
      if (r.difference) result.differences.push(`${mime} ${r.difference}`);
      if (r.rounding.length) result.rounding.push(`${mime}: ${roundingNote(r.rounding)}`);
    }
  }
  return result;
}

/** @param {string[][]} pairs */
function roundingNote(pairs) {
  return `${pairs.length} number${pairs.length > 1 ? "s differ" : " differs"} in the last digits (e.g. tslab ${pairs[0][0]}, Deno ${pairs[0][1]})`;
}

/**
 * Compares the code cells' outputs of `executed` (a notebook run on Deno's kernel) with those of
 * `committed` (the same notebook as committed, run by tslab).
 *
 * @param {any} committed the committed notebook (parsed JSON)
 * @param {any} executed the notebook executed on Deno's kernel (parsed JSON)
 * @returns `differences`: one line per mismatch, naming the cell ("cell 3 of 7 (nb01-06)"), the
 *   output and what differs; `accepted`: one line per accepted difference (see the file's header)
 */
function compareNotebookOutputs(committed, executed) {
  /** @param {any} nb @returns {any[]} */
  const code = (nb) => nb.cells.filter((/** @type {any} */ c) => c.cell_type === "code");
  const [expected, actual] = [code(committed), code(executed)];
  if (expected.length !== actual.length) {
    return { differences: [`${expected.length} code cells committed, ${actual.length} executed`], accepted: [] };
  }
  /** @type {string[]} */
  const differences = [];
  /** @type {string[]} */
  const accepted = [];
  expected.forEach((cell, k) => {
    const where = `cell ${k + 1} of ${expected.length} (${cell.id ?? "no id"})`;
    const [before, after] = [normalOutputs(cell), normalOutputs(actual[k])];
    for (let n = 0; n < Math.max(before.length, after.length); n++) {
      const r = compareOutput(before[n], after[n]);
      differences.push(...r.differences.map((line) => `${where}, output ${n + 1}: ${line}`));
      accepted.push(...r.rounding.map((line) => `${where}, output ${n + 1}: ${line}`));
      if (r.differences.length === 0 && after[n]?.fromResult) {
        accepted.push(`${where}, output ${n + 1}: the last expression's value is an execute_result under Deno, stdout under tslab (same text)`);
      }
    }
  });
  return { differences, accepted };
}

module.exports = { compareNotebookOutputs, plainValue };
