// Headless Chromium for the exports (PDF, typeset math) and the browser tests: the system's
// Chromium (Debian package `chromium`), driven by playwright-core through executablePath.
// playwright's own browser download is not used (it cannot be fetched on these machines).
"use strict";
const { existsSync } = require("node:fs");

/** Flags that let Debian's chromium run headless as root in a container. */
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Where Chromium may be: $CHROMIUM_PATH, then the usual Linux locations. */
function chromiumCandidates() {
  return [
    process.env.CHROMIUM_PATH,
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
  ].filter(Boolean);
}

/** The path of a Chromium executable, or null when there is none. */
function findChromium() {
  return chromiumCandidates().find((p) => p !== undefined && existsSync(p)) ?? null;
}

/** The instruction printed when Chromium is missing. */
const CHROMIUM_HINT =
  "Chromium was not found: on Debian/Ubuntu `apt-get install chromium` (npm run setup does it as root), " +
  "or point CHROMIUM_PATH at a Chromium or Chrome executable.";

/**
 * Launches headless Chromium (a fresh temporary profile each time: playwright's default).
 * @throws Error with {@link CHROMIUM_HINT} when there is no Chromium
 */
async function launchChromium() {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(CHROMIUM_HINT);
  const { chromium } = require("playwright-core");
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

module.exports = { CHROMIUM_ARGS, CHROMIUM_HINT, findChromium, launchChromium };
