#!/usr/bin/env node
// The network explorer: the size of the built page and of notebook 05's explorer
// output, and the redraw time in headless Chromium at the tutorial's values (from the change of a
// control to the drawn charts: the run in the Web Worker, the transfer and the drawing), over
// changes of the seed (the same work each time). Usage: npm run bench -- explorer [redraws]
"use strict";
const { execFileSync } = require("node:child_process");
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const { pathToFileURL } = require("node:url");
const { launchChromium } = require("../scripts/browser");
const { runScript } = require("../scripts/args");
const { loadLine, median } = require("./measure");
const { benchOptions } = require("./options");

const ROOT = join(__dirname, "..");
const PAGE = join(ROOT, "lib", "dist", "explorer.html");
const CELL = join(ROOT, "lib", "dist", "explorer-cell.html");
const NOTEBOOK = join(ROOT, "notebooks", "05-full-network.ipynb");

/** @param {number} bytes */
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes)`;
/** @param {number[]} a */
const range = (a) => `${Math.min(...a).toFixed(0)}-${Math.max(...a).toFixed(0)}`;

/** @typedef {{ cell_type: string, outputs?: { data?: Record<string, string | string[]> }[] }} NotebookCell */

/** @param {string | string[] | undefined} html an output's text/html, one string or its lines */
const hasExplorer = (html) => (Array.isArray(html) ? html.join("") : html ?? "").includes("eib-explorer");

/** The size of notebook 05's explorer output as stored (JSON of its outputs), or null when it has none. */
function notebookOutputBytes() {
  /** @type {{ cells: NotebookCell[] }} */
  const nb = JSON.parse(readFileSync(NOTEBOOK, "utf8"));
  const cell = nb.cells.find((c) => c.cell_type === "code" && (c.outputs ?? []).some((o) => hasExplorer(o.data?.["text/html"])));
  return cell ? Buffer.byteLength(JSON.stringify(cell.outputs)) : null;
}

/**
 * Changes the seed, waits for the drawn charts, returns the page's timings (ms).
 * @param {import("playwright-core").Page} page
 * @param {number} seed
 */
async function redraw(page, seed) {
  const done = await page.$eval(".eib-explorer", (h) => Number(h.dataset.done ?? 0));
  await page.fill(".eib-explorer input[name=seed]", String(seed));
  await page.press(".eib-explorer input[name=seed]", "Enter");
  await page.waitForFunction((n) => Number(/** @type {HTMLElement} */ (globalThis.document.querySelector(".eib-explorer")).dataset.done) > n, done);
  return page.$eval(".eib-explorer", (h) => ({
    total: Number(h.dataset.redrawMs), draw: Number(h.dataset.drawMs),
    worker: /** @type {HTMLElement & { explorer: { result: { seconds: number } } }} */ (h).explorer.result.seconds * 1e3,
  }));
}

async function main() {
  const redraws = benchOptions("explorer.bench", [], { plain: [{ name: "redraws", min: 1 }] }).plainNumber("redraws") ?? 21;
  execFileSync(process.execPath, [join(ROOT, "scripts", "build-explorer.js")], { stdio: "inherit" });
  console.log(`explorer page (lib/dist/explorer.html): ${kib(readFileSync(PAGE).length)}`);
  console.log(`notebook fragment (lib/dist/explorer-cell.html): ${kib(readFileSync(CELL).length)}`);
  const stored = notebookOutputBytes();
  console.log(`notebook 05's explorer output as stored: ${stored === null ? "none (execute the notebook)" : kib(stored)}`);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(PAGE).href);
    await page.waitForSelector(".eib-explorer[data-done]");
    const first = await page.$eval(".eib-explorer", (h) => Number(h.dataset.redrawMs));
    console.log(`first draw after loading (cold worker): ${first.toFixed(0)} ms`);
    /** @type {{ total: number, draw: number, worker: number }[]} */
    const runs = [];
    for (let k = 0; k < redraws; k++) runs.push(await redraw(page, 2 + (k % 2)));
    /** @param {"total" | "draw" | "worker"} key */
    const col = (key) => runs.map((r) => r[key]);
    console.log(`redraw at the tutorial's values, change to drawn charts, ${redraws} changes of the seed: median ${median(col("total")).toFixed(0)} ms (range ${range(col("total"))})`);
    console.log(`  of which the run in the worker (connectivity + simulation): median ${median(col("worker")).toFixed(0)} ms (range ${range(col("worker"))}); drawing: median ${median(col("draw")).toFixed(1)} ms`);
  } finally {
    await browser.close();
  }
  console.log(loadLine());
}

runScript(main);
