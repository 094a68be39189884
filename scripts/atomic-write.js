// Writes a file so that a concurrent reader sees either the old or the new contents, never an
// empty or half-written file: the text goes to a temporary file beside it, which is then renamed
// over it (one rename within a folder is atomic on POSIX file systems). Used for the kernel specs,
// which a notebook run, a test and JupyterLab may rewrite and read at the same moment.
"use strict";
const { readFileSync, renameSync, writeFileSync } = require("node:fs");

/**
 * Writes `text` to `file` atomically; leaves the file alone when it already holds `text`.
 * @param {string} file
 * @param {string} text
 */
function writeFileAtomic(file, text) {
  try {
    if (readFileSync(file, "utf8") === text) return;
  } catch {
    // absent or unreadable: write it
  }
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

module.exports = { writeFileAtomic };
