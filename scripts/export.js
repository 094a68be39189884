#!/usr/bin/env node
// Hand-in exports: for each notebook in notebooks/ (as committed, with its outputs; nothing is
// executed), a standalone HTML file and a PDF in reports/, named like the notebook.
//
//   npm run export                     every notebook -> reports/NN-name.html, reports/NN-name.pdf
//   npm run export -- 03 05            only notebooks whose names contain "03" or "05"
//   npm run export -- --hand-in        report style (code cells hidden) -> reports/hand-in/
//   npm run export -- --paper Letter   paper size of the PDF (A4 by default)
//   npm run export -- --no-pdf         HTML only
//   npm run export -- --out DIR        another folder than reports/ (hand-in: DIR/hand-in/)
//
// Steps: every chart output (stored as its Vega-Lite spec and a PNG) gets the SVG that vega
// renders from its spec, in a copy of the notebook (the library's renderSvg: `npm run build`
// first); nbconvert writes HTML from that copy (scripts/notebook_html.py: charts as inline SVG,
// sharp on paper and with selectable text, no CDN scripts); headless Chromium opens it; the LaTeX of its Markdown is typeset to
// inline SVG by MathJax 3 (mathjax-full, in Node); every script is dropped except the network
// explorer's own output in notebook 05 when intact (its script matches the build it records; any
// build: the one the notebook ran), which runs in the reader's browser (the file needs no
// network, and JavaScript only for the explorer), print CSS added (page breaks never cut an output in half), and
// Chromium prints the PDF.
// Without Chromium the HTML carries MathJax inline instead (typeset when opened) and no PDF is
// written.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (the DOM types: for the functions that run inside the page, through playwright's evaluate)
/* global document */
"use strict";
const { createHash } = require("node:crypto");
const { spawnSync } = require("node:child_process");
const { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } = require("node:fs");
const { basename, join, resolve } = require("node:path");
const { pathToFileURL } = require("node:url");
const { ROOT, requireJupyterPython } = require("./jupyter-env");
const { CHROMIUM_HINT, findChromium, launchChromium } = require("./browser");
const { ownedTempDir } = require("./owned-temp-dir");
/** @typedef {import("playwright-core").Page} Page */
/** @typedef {import("playwright-core").BrowserContext} BrowserContext */
/** @typedef {import("mathjax-full/js/adaptors/lite/Element.js").LiteElement} LiteElement */
/** @typedef {import("mathjax-full/js/core/MmlTree/MmlNode.js").MmlNode} MmlNode */
const { scriptOptions, runScript, UsageError } = require("./args");

/** The network explorer's notebook output as built now (npm run build:explorer). */
const EXPLORER_CELL = join(ROOT, "lib", "dist", "explorer-cell.html");
const MATHJAX_FILE = require.resolve("mathjax-full/es5/tex-svg-full.js");

/** MathJax 3 in the browser (the fallback without Chromium), configured like Jupyter's. */
const MATHJAX_CONFIG = `window.MathJax = {
  tex: { inlineMath: [["$", "$"], ["\\\\(", "\\\\)"]], displayMath: [["$$", "$$"], ["\\\\[", "\\\\]"]],
         processEscapes: true, processEnvironments: true },
  svg: { fontCache: "local" },
  options: { ignoreHtmlClass: "tex2jax_ignore|jp-RenderedSVG|jp-RenderedImage" },
  startup: { typeset: true }
};`;

/** Screen and print styles added to every export. */
const EXPORT_CSS = `
/* added by scripts/export.js */
.jp-RenderedSVG svg, .jp-RenderedImage img { max-width: 100%; height: auto; }
@media print {
  body { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .jp-OutputArea-child, .jp-RenderedSVG, .jp-RenderedImage, .jp-RenderedMarkdown table,
  mjx-container[display="true"], .jp-InputArea { break-inside: avoid; page-break-inside: avoid; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  .jp-Cell { padding-top: 2px; padding-bottom: 2px; }
  .jp-InputArea pre, .jp-OutputArea pre { white-space: pre-wrap; overflow-wrap: anywhere; }
}
`;

const PAPERS = ["A4", "A3", "A5", "Letter", "Legal"];

/**
 * What to export.
 * @typedef {object} ExportOptions
 * @property {string[]} [filters] export the notebooks in notebooks/ whose names contain one of these (all when none)
 * @property {string[]} [notebooks] paths of the notebooks to export, instead of those in notebooks/ matching filters
 * @property {boolean} [handIn] report style (code cells hidden), into OUT/hand-in/
 * @property {boolean} [pdf] print a PDF beside each HTML file (default true)
 * @property {string} [paper] paper size of the PDF (default A4)
 * @property {string} [out] the folder written (default reports/)
 * @property {(s: string) => void} [log] progress lines (default console.log)
 */
/** @typedef {Required<Omit<ExportOptions, "notebooks">> & Pick<ExportOptions, "notebooks">} ResolvedOptions */

/**
 * The export's command line (see the header).
 * @param {string[]} argv
 * @returns {ExportOptions}
 * @throws {UsageError} for a bad command line
 */
function commandLine(argv) {
  const opt = scriptOptions("export", ["paper", "out"], { flags: ["hand-in", "no-pdf"], positionals: true, argv });
  const paperText = opt.string("paper") ?? "A4";
  const paper = PAPERS.find((p) => p.toLowerCase() === paperText.toLowerCase());
  if (!paper) throw new UsageError(`export: --paper must be one of ${PAPERS.join(", ")}, got ${paperText}`);
  const out = opt.string("out");
  if (out === "") throw new UsageError('export: --out needs a value, got ""');
  return { filters: opt.positionals, handIn: opt.flag("hand-in"), pdf: !opt.flag("no-pdf"), paper, out: resolve(out ?? join(ROOT, "reports")) };
}

/**
 * Notebook paths in notebooks/ whose names contain one of the filters (all when none), in order.
 * @param {readonly string[]} filters
 * @returns {string[]}
 */
function selectNotebooks(filters) {
  const dir = join(ROOT, "notebooks");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb") && (filters.length === 0 || filters.some((s) => f.includes(s))))
    .sort()
    .map((f) => join(dir, f));
}

const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";

/** The explorer's host element, which records its build: the SHA-256 of its script (scripts/build-explorer.js). */
const EXPLORER_HOST = /^<div class="eib-explorer" data-eib-build="([0-9a-f]{64})">/;

/** The build of lib/dist/explorer-cell.html (the SHA-256 of its script), or null when it is not built. */
function currentExplorerBuild() {
  if (!existsSync(EXPLORER_CELL)) return null;
  const html = readFileSync(EXPLORER_CELL, "utf8");
  const script = /<script>([\s\S]*)<\/script><\/div>$/.exec(html);
  return script ? createHash("sha256").update(script[1]).digest("hex") : null;
}

/**
 * The builds the network explorers among these outputs record. The export keeps an explorer's
 * script when its output is intact (notebook_html.py checks the recorded build against the
 * script), whichever build it is: the exported explorer is the one the notebook ran.
 * @param {readonly { data?: Record<string, unknown> }[]} outputs
 * @returns {string[]}
 */
function explorerBuilds(outputs) {
  return outputs.flatMap((o) => {
    const html = o?.data?.["text/html"];
    const text = Array.isArray(html) ? html.join("") : html;
    const host = typeof text === "string" ? EXPLORER_HOST.exec(text) : null;
    return host ? [host[1]] : [];
  });
}

/** The library's headless SVG renderer of Vega-Lite specs (lib/dist, made by `npm run build`). */
function loadRenderSvg() {
  try {
    return require("ei-balance/display").renderSvg;
  } catch (e) {
    throw new Error(`export: the library is not built (${String(e instanceof Error ? e.message : e).split("\n")[0]}): run npm run build`, { cause: e });
  }
}

/**
 * Copies of the notebooks, written to `dir`, in which every chart output (its Vega-Lite spec and
 * a PNG) also carries the SVG that vega renders from the spec: the notebooks store each chart
 * once plus one static fallback, while the exports draw charts as vector graphics. A file that is
 * not a notebook is passed on as it is (notebook_html.py names its problem); a notebook with a
 * spec that cannot be rendered is named in `failures` and left out. `explorers` names each
 * notebook whose network explorer is another build than lib/dist's ({@link explorerBuilds}).
 * @param {readonly string[]} notebooks
 * @param {string} dir
 * @returns {Promise<{ paths: string[], failures: string[], explorers: string[] }>}
 */
async function withChartSvgs(notebooks, dir) {
  const renderSvg = loadRenderSvg();
  /** @type {string[]} */
  const paths = [];
  /** @type {string[]} */
  const failures = [];
  /** @type {string[]} */
  const explorers = [];
  const built = currentExplorerBuild();
  for (const nb of notebooks) {
    /** @type {{ cells?: unknown } | null} */
    let parsed = null;
    try {
      parsed = JSON.parse(readFileSync(nb, "utf8"));
    } catch {
      // not JSON: reported by notebook_html.py
    }
    const cells = parsed?.cells;
    if (!Array.isArray(cells)) {
      paths.push(nb);
      continue;
    }
    /** @type {{ data?: Record<string, unknown> }[]} */
    const outputs = cells.flatMap((/** @type {{ outputs?: unknown } | null} */ c) => (c && Array.isArray(c.outputs) ? c.outputs : []));
    try {
      for (const o of outputs) {
        if (o?.data?.[VEGA_LITE_MIME] && !o.data["image/svg+xml"]) o.data["image/svg+xml"] = await renderSvg(/** @type {import("vega-lite").TopLevelSpec} */ (o.data[VEGA_LITE_MIME]));
      }
    } catch (e) {
      failures.push(`${basename(nb)}: a chart cannot be drawn from its Vega-Lite spec: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    if (explorerBuilds(outputs).some((b) => b !== built)) explorers.push(basename(nb, ".ipynb"));
    paths.push(join(dir, basename(nb)));
    writeFileSync(paths[paths.length - 1], JSON.stringify(parsed));
  }
  return { paths, failures, explorers };
}

/**
 * nbconvert's HTML for each notebook, written to the folder `tmp`. A notebook that cannot be
 * converted (corrupt, empty, invalid) is reported by notebook_html.py in one line naming it; the
 * others are still converted.
 * @param {readonly string[]} notebooks
 * @param {boolean} handIn
 * @param {string} tmp
 * @returns {{ converted: string[], failures: string[] }} the notebooks converted and one line per
 *   notebook that failed.
 */
function convertToHtml(notebooks, handIn, tmp) {
  const python = requireJupyterPython();
  const args = [join(__dirname, "notebook_html.py"), "--out", tmp, ...(handIn ? ["--hand-in"] : []), ...notebooks];
  const r = spawnSync(python, args, { cwd: ROOT, encoding: "utf8" });
  const converted = notebooks.filter((nb) => existsSync(join(tmp, `${basename(nb, ".ipynb")}.html`)));
  const failures = r.stderr.split("\n").filter((l) => l.trim());
  if (r.status !== 0 && failures.length === 0) failures.push(`nbconvert failed (exit status ${r.status ?? r.signal})`);
  return { converted, failures };
}

/** MathJax 3 in Node (TeX in, SVG out, liteDOM); about 0.3 s. */
function mathJaxModules() {
  const { mathjax } = require("mathjax-full/js/mathjax.js");
  const { TeX } = require("mathjax-full/js/input/tex.js");
  const { SVG } = require("mathjax-full/js/output/svg.js");
  const { liteAdaptor } = require("mathjax-full/js/adaptors/liteAdaptor.js");
  const { RegisterHTMLHandler } = require("mathjax-full/js/handlers/html.js");
  const { AllPackages } = require("mathjax-full/js/input/tex/AllPackages.js");
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  // Without "noundefined", an unknown macro is a TeX error (merror) that the export reports,
  // instead of red text that nobody notices.
  const packages = AllPackages.filter((p) => p !== "noundefined");
  return { mathjax, TeX, SVG, adaptor, packages };
}

/** @type {ReturnType<typeof mathJaxModules> | null} */
let mathJax = null;

/** MathJax 3 in Node, loaded once ({@link mathJaxModules}). */
function loadMathJax() {
  mathJax ??= mathJaxModules();
  return mathJax;
}

/**
 * Typesets the LaTeX in HTML fragments (Markdown cells and outputs) to inline SVG with MathJax 3
 * in Node, with Jupyter's delimiters: $...$ and \(...\) inline, $$...$$ and \[...\] display.
 * @param {readonly string[]} fragments
 * @returns {{ fragments: string[], css: string, errors: string[] }} the new fragments, MathJax's
 *   style sheet, and the TeX errors.
 */
function typesetFragments(fragments) {
  const { mathjax, TeX, SVG, adaptor, packages } = loadMathJax();
  const body = fragments.map((f, k) => `<div data-export-fragment="${k}">${f}</div>`).join("");
  const doc = mathjax.document(`<html><head></head><body>${body}</body></html>`, {
    InputJax: new TeX({
      packages,
      inlineMath: [["$", "$"], ["\\(", "\\)"]],
      displayMath: [["$$", "$$"], ["\\[", "\\]"]],
      processEscapes: true,
      processEnvironments: true,
    }),
    // local font cache: every formula carries its own glyphs, so formulas survive being cut
    // out of this document and pasted into the page
    OutputJax: new SVG({ fontCache: "local" }),
  });
  doc.render();
  const out = adaptor.childNodes(adaptor.body(doc.document)).map((node) => adaptor.innerHTML(/** @type {LiteElement} */ (node)));
  /** @type {string[]} */
  const errors = [];
  for (const item of doc.math) {
    item.root.walkTree((tree) => {
      const node = /** @type {MmlNode} */ (tree);
      if (node.isKind("merror")) errors.push(`${item.math.trim()}: ${node.attributes.get("data-mjx-error") ?? "error"}`);
    });
  }
  return { fragments: out, css: adaptor.textContent(doc.outputJax.styleSheet(doc)), errors };
}

/**
 * In an open page: typeset the math of every Markdown cell and output to SVG (in Node), then
 * remove every script but the network explorer's and add the export styles.
 * @param {Page} page
 * @returns {Promise<string[]>} the TeX errors
 */
async function typesetAndClean(page) {
  const fragments = await page.evaluate(() => [...document.querySelectorAll(".jp-RenderedMarkdown")].map((e) => e.innerHTML));
  const typeset = typesetFragments(fragments);
  await page.evaluate(
    ({ fragments: html, css }) => {
      const targets = [...document.querySelectorAll(".jp-RenderedMarkdown")];
      targets.forEach((e, k) => {
        e.innerHTML = html[k];
      });
      for (const el of document.querySelectorAll("script:not(.eib-explorer script)")) el.remove();
      const style = document.createElement("style");
      style.textContent = css;
      document.head.appendChild(style);
    },
    { fragments: typeset.fragments, css: typeset.css + EXPORT_CSS },
  );
  return typeset.errors;
}

/**
 * Prints the open page to PDF: paper size, margins, notebook name and page numbers in the footer.
 * @param {Page} page
 * @param {string} path the PDF written
 * @param {string} paper one of {@link PAPERS}
 * @param {string} name the notebook's name
 */
async function printPdf(page, path, paper, name) {
  const esc = name.replace(/[<>&"]/g, "");
  await page.pdf({
    path,
    format: paper,
    printBackground: true,
    margin: { top: "12mm", bottom: "14mm", left: "12mm", right: "12mm" },
    displayHeaderFooter: true,
    headerTemplate: "<span></span>",
    footerTemplate: `<div style="font-size:8px;width:100%;text-align:center;color:#555">${esc} &middot; <span class="pageNumber"></span>/<span class="totalPages"></span></div>`,
  });
}

/**
 * The fallback without Chromium: the nbconvert HTML with MathJax inline (typesets when opened).
 * @param {string} html
 */
function inlineMathJax(html) {
  const scripts = `<script>${MATHJAX_CONFIG}</script>\n<script>${readFileSync(MATHJAX_FILE, "utf8")}</script>\n<style>${EXPORT_CSS}</style>\n`;
  return html.replace("</head>", () => `${scripts}</head>`);
}

/**
 * The fallback without Chromium: every converted notebook as HTML with MathJax inline.
 * @param {readonly string[]} notebooks
 * @param {string} tmp the folder of nbconvert's HTML
 * @param {string} out the folder written
 * @param {ResolvedOptions} opts
 * @returns {string[]} the files written
 */
function writeWithoutChromium(notebooks, tmp, out, opts) {
  opts.log(`export: ${CHROMIUM_HINT}\nexport: writing HTML with MathJax inline, and no PDF.`);
  return notebooks.map((nb) => {
    const name = basename(nb, ".ipynb");
    const target = join(out, `${name}.html`);
    writeFileSync(target, inlineMathJax(readFileSync(join(tmp, `${name}.html`), "utf8")));
    opts.log(`  wrote ${target}`);
    return target;
  });
}

/**
 * One notebook in an open browser context: typeset, clean, write the HTML and print the PDF.
 * @param {BrowserContext} context
 * @param {string} nb the notebook's path
 * @param {string} tmp the folder of nbconvert's HTML
 * @param {string} out the folder written
 * @param {ResolvedOptions} opts
 * @returns {Promise<string[]>} the files written
 */
async function exportInBrowser(context, nb, tmp, out, opts) {
  const name = basename(nb, ".ipynb");
  const t0 = Date.now();
  const page = await context.newPage();
  await page.goto(pathToFileURL(join(tmp, `${name}.html`)).href, { waitUntil: "load" });
  const errors = await typesetAndClean(page);
  for (const e of errors) opts.log(`  ${name}: LaTeX error: ${e}`);
  const written = [join(out, `${name}.html`)];
  writeFileSync(written[0], await page.content()); // the page as it stands, with typeset math
  if (opts.pdf) {
    written.push(join(out, `${name}.pdf`));
    await printPdf(page, written[1], opts.paper, name);
  }
  await page.close();
  opts.log(`  ${name}: wrote ${name}.html${opts.pdf ? `, ${name}.pdf (${opts.paper})` : ""} in ${out} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return written;
}

/**
 * Every converted notebook through headless Chromium, with JavaScript off: no chart of ours needs it.
 * @param {readonly string[]} notebooks
 * @param {string} tmp the folder of nbconvert's HTML
 * @param {string} out the folder written
 * @param {ResolvedOptions} opts
 * @returns {Promise<string[]>} the files written
 */
async function writeWithChromium(notebooks, tmp, out, opts) {
  const browser = await launchChromium();
  try {
    // JavaScript off: an output's script or event handler cannot run while the PDF is printed
    // (the typesetting runs through playwright's evaluate, which still works).
    const context = await browser.newContext({ javaScriptEnabled: false });
    // Nothing may come from the network: an export must read offline.
    await context.route(/^https?:/, (route) => route.abort());
    /** @type {string[]} */
    const written = [];
    for (const nb of notebooks) written.push(...(await exportInBrowser(context, nb, tmp, out, opts)));
    return written;
  } finally {
    await browser.close();
  }
}

/**
 * Exports notebooks to standalone HTML (and PDF). A notebook that cannot be converted is named
 * with its problem in one line; the others are still exported, and then the promise rejects.
 * A notebook whose network explorer is another build than lib/dist's keeps the one it ran, with
 * a note in the log.
 * @param {ExportOptions} [options]
 * @returns {Promise<string[]>} the files written.
 */
async function exportNotebooks(options = {}) {
  /** @type {ResolvedOptions} */
  const opts = { filters: [], handIn: false, pdf: true, paper: "A4", out: join(ROOT, "reports"), log: console.log, ...options };
  const notebooks = opts.notebooks ?? selectNotebooks(opts.filters);
  if (notebooks.length === 0) throw new Error(`No notebook in notebooks/ matches ${opts.filters.join(", ")}`);
  const out = opts.handIn ? join(opts.out, "hand-in") : opts.out;
  mkdirSync(out, { recursive: true });
  const owned = ownedTempDir("export-"); // removed even when this process is killed
  const tmp = owned.path;
  try {
    const copies = join(tmp, "notebooks");
    mkdirSync(copies);
    const prepared = await withChartSvgs(notebooks, copies);
    for (const name of prepared.explorers) {
      opts.log(`  ${name}: its network explorer is an earlier build than lib/dist's (the library changed since the notebook ran): ` +
        "exported as the notebook ran it; execute the notebook again for the current one");
    }
    const { converted, failures } = convertToHtml(prepared.paths, opts.handIn, tmp);
    failures.push(...prepared.failures);
    const written = findChromium() ? await writeWithChromium(converted, tmp, out, opts) : writeWithoutChromium(converted, tmp, out, opts);
    if (failures.length > 0) throw new Error(`${failures.length} notebook(s) not exported:\n${failures.map((f) => `  ${f}`).join("\n")}`);
    return written;
  } finally {
    owned.remove();
  }
}

module.exports = { exportNotebooks };

if (require.main === module) {
  runScript(async () => {
    const opts = commandLine(process.argv.slice(2));
    try {
      await exportNotebooks(opts);
    } catch (e) {
      throw new Error(`export failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    return 0;
  });
}
