// Type-checks the notebooks' code with `deno check`. tslab type-checks every cell before running
// it and fails the cell on a type error; Deno's kernel runs cells without checking them. So the
// Deno runner first writes the code cells of each notebook, in order, as one TypeScript module
// (reports/deno/<name>.ts: a notebook's cells share their top-level declarations like a module's
// statements) and checks those with the project's deno and deno.json; each error is reported
// with its notebook, cell and line.
"use strict";
const { spawnSync } = require("node:child_process");
const { readFileSync, writeFileSync } = require("node:fs");
const { basename, resolve } = require("node:path");

/**
 * The code cells of the notebook at `path` as one module: its source and, per cell, where it
 * starts (line numbers from 1), so that a line of the module maps back to a cell.
 * @param {string} path
 * @returns {{ source: string, starts: { id?: string, start: number }[] }}
 */
function notebookModule(path) {
  /** @type {{ cell_type: string, id?: string, source: string | string[] }[]} */
  const cells = JSON.parse(readFileSync(path, "utf8")).cells.filter((/** @type {{ cell_type: string }} */ c) => c.cell_type === "code");
  /** @type {string[]} */
  const lines = [];
  const starts = cells.map((cell) => {
    const start = lines.length + 1;
    lines.push(...(Array.isArray(cell.source) ? cell.source.join("") : cell.source).split("\n"));
    return { id: cell.id, start };
  });
  return { source: lines.join("\n") + "\n", starts };
}

/**
 * "cell 3 of 7 (id), line 2" for line `line` of a notebook's module.
 * @param {{ id?: string, start: number }[]} starts @param {number} line
 */
function cellLine(starts, line) {
  let k = starts.length - 1;
  while (k > 0 && starts[k].start > line) k--;
  return `cell ${k + 1} of ${starts.length} (${starts[k].id ?? "no id"}), line ${line - starts[k].start + 1}`;
}

// deno check's form, without colours: "TS2322 [ERROR]: message\n<code>\n<marker>\n    at file:///…/x.ts:3:7"
const DIAGNOSTIC = /(TS\d+) \[ERROR\]: ([^\n]*)\n[\s\S]*?at file:\/\/(\S+?):(\d+):\d+/g;

/**
 * Type-checks the code of each notebook in `paths` with `deno check` (binary `deno`, run in
 * `root`, whose deno.json applies), writing the modules into `outDir`.
 *
 * @returns the type errors, one line each: "01-x.ipynb, cell 3 of 7 (nb01-06), line 2: TS2322 …";
 *   deno's whole output as one entry if it failed without a type error it could be mapped from
 * @param {string} deno the deno binary @param {string} root the checkout
 * @param {readonly string[]} paths the notebooks @param {string} outDir where the modules go
 */
function denoCheckNotebooks(deno, root, paths, outDir) {
  const modules = new Map();
  for (const path of paths) {
    const file = resolve(outDir, basename(path).replace(/\.ipynb$/, ".ts"));
    const module = notebookModule(path);
    writeFileSync(file, module.source);
    modules.set(file, { notebook: basename(path), starts: module.starts });
  }
  const r = spawnSync(deno, ["check", "--quiet", ...modules.keys()], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  if (r.status === 0) return [];
  const errors = [...`${r.stdout}\n${r.stderr}`.matchAll(DIAGNOSTIC)].map(([, code, message, file, line]) => {
    const module = modules.get(file);
    return module ? `${module.notebook}, ${cellLine(module.starts, Number(line))}: ${code} ${message}` : `${file}:${line}: ${code} ${message}`;
  });
  return errors.length > 0 ? errors : [`deno check failed (exit ${r.status ?? r.signal}):\n${r.stderr}`];
}

module.exports = { denoCheckNotebooks, notebookModule };
