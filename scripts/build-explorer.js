#!/usr/bin/env node
// Builds the explorer: the library's simulation and theory code from lib/src bundled by
// esbuild (TypeScript in, the WebAssembly kernel inlined as the base64 the build step generates)
// into a Web Worker, the page's code around it, and its styles, all inlined into ONE HTML file that
// opens from disk: lib/dist/explorer.html (`npm run build:explorer`; `npm run build` runs it too).
// The notebook display (explorerBundle in lib/src/display/explorer.ts) reads the part of that file
// between its markers (the page's body carries data-eib-page: only there the URL carries the
// settings). The explorer's host element records its build, the SHA-256 of its script
// (data-eib-build): the export keeps a notebook's explorer script when it matches, so that the
// exported page runs the explorer the notebook ran, whatever the library has become since.
// Prints the file's size.
"use strict";
const { createHash } = require("node:crypto");
const { mkdirSync, readFileSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const esbuild = require("esbuild");

const ROOT = join(__dirname, "..");
const SRC = join(ROOT, "explorer", "src");
/** The built page and the notebook output's fragment. */
const OUT = join(ROOT, "lib", "dist", "explorer.html");
const CELL = join(ROOT, "lib", "dist", "explorer-cell.html");

/**
 * Node's modules the library imports, served by browser stand-ins.
 * @type {import("esbuild").Plugin}
 */
const nodeShims = {
  name: "node-shims",
  setup(build) {
    build.onResolve({ filter: /^node:/ }, () => ({ path: join(SRC, "shims", "node.ts") }));
  },
};

/**
 * Bundles one entry point into minified JavaScript text.
 * @param {string} entry a file of explorer/src
 * @param {Record<string, string>} [define] esbuild's replacements of global names
 * @returns {Promise<string>}
 */
async function bundle(entry, define = {}) {
  const out = await esbuild.build({
    entryPoints: [join(SRC, entry)], bundle: true, write: false, minify: true, format: "iife", target: "es2022",
    platform: "browser", plugins: [nodeShims], inject: [join(SRC, "shims", "buffer.ts")], legalComments: "none",
    define: { __dirname: JSON.stringify("/"), ...define },
    loader: { ".css": "text" },
  });
  return out.outputFiles[0].text.replace(/<\/(script)/gi, "<\\/$1");
}

/**
 * The explorer's host element (with its build, and a note for where scripts do not run) and the
 * inlined code.
 * @param {string} app the page's script
 * @returns {string}
 */
function fragment(app) {
  const build = createHash("sha256").update(app).digest("hex");
  return [
    `<div class="eib-explorer" data-eib-build="${build}"><p class="eib-note">The network explorer runs in the browser but needs JavaScript: trust the notebook (JupyterLab: File ▸ Trust Notebook) or open lib/dist/explorer.html (<code>npm run explore</code>).</p>`,
    `<script>${app}</script></div>`,
  ].join("");
}

/**
 * The page around the explorer.
 * @param {string} host the explorer's fragment
 * @returns {string}
 */
function page(host) {
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark"><title>Balanced E/I network explorer</title>',
    "<style>body{margin:0;padding:12px;font-family:system-ui,sans-serif}@media (prefers-color-scheme: dark){body{background:#111418;color:#e6e6e6}}</style>",
    `</head><body data-eib-page>${host}</body></html>`,
  ].join("");
}

async function main() {
  const worker = await bundle("worker.ts");
  const app = await bundle("page.ts", { __EXPLORER_WORKER__: JSON.stringify(worker) });
  mkdirSync(join(ROOT, "lib", "dist"), { recursive: true });
  writeFileSync(CELL, fragment(app));
  writeFileSync(OUT, page(fragment(app)));
  const kib = (/** @type {string} */ file) => `${(readFileSync(file).length / 1024).toFixed(1)} KiB`;
  console.log(`build-explorer: wrote ${OUT} (${kib(OUT)}; its worker ${(worker.length / 1024).toFixed(1)} KiB) and ${CELL} (${kib(CELL)})`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
