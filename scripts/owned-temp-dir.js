// A temporary folder that does not outlive the process that made it, whatever ends that process
// (an error, Ctrl+C, or SIGKILL, which no handler sees): beside it runs a small detached reaper
// process that removes the folder once its owner is gone, and ends by itself once the owner has
// removed the folder. Used by the exports (scripts/export.js).
"use strict";
const { spawn } = require("node:child_process");
const { mkdtempSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");

/** The reaper: argv = [owner pid, folder]; checks every 300 ms. */
const REAPER = `
const { existsSync, rmSync } = require("node:fs");
const [owner, dir] = [Number(process.argv[1]), process.argv[2]];
const alive = () => { try { process.kill(owner, 0); return true; } catch (e) { return e.code === "EPERM"; } };
setInterval(() => {
  if (!existsSync(dir)) process.exit(0);
  if (!alive()) { rmSync(dir, { recursive: true, force: true }); process.exit(0); }
}, 300);
`;

/**
 * Makes a fresh folder `<tmpdir>/<prefix>XXXXXX` owned by this process (see the header).
 * @param {string} prefix the folder name's start, e.g. "export-"
 * @returns {{ path: string, remove: () => void }} the folder, and its removal (the reaper then ends)
 */
function ownedTempDir(prefix) {
  const path = mkdtempSync(join(tmpdir(), prefix));
  spawn(process.execPath, ["-e", REAPER, String(process.pid), path], { detached: true, stdio: "ignore" }).unref();
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

module.exports = { ownedTempDir };
