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
// explorer's own output in notebook 05, which runs in the reader's browser (the file needs no
// network, and JavaScript only for the explorer), print CSS added (page breaks never cut an output in half), and
// Chromium prints the PDF.
// Without Chromium the HTML carries MathJax inline instead (typeset when opened) and no PDF is
// written.
"use strict";
const { spawnSync } = require("node:child_process");
const { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } = require("node:fs");
const { basename, join, resolve } = require("node:path");
const { pathToFileURL } = require("node:url");
const { ROOT, requireJupyterPython } = require("./jupyter-env");
const { CHROMIUM_HINT, findChromium, launchChromium } = require("./browser");
const { ownedTempDir } = require("./owned-temp-dir");

/** The network explorer's notebook output (npm run build:explorer): the one output whose script an export keeps. */
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

function usage(message) {
  console.error(`${message}\nUsage: npm run export [-- FILTER...] [--hand-in] [--no-pdf] [--paper A4|Letter|...] [--out DIR]`);
  process.exit(2);
}

/** The value after an option such as --out; refused when missing or another option. */
function optionValue(argv, k, option) {
  const value = argv[k];
  if (value === undefined || value === "" || value.startsWith("--")) usage(`export: ${option} needs a value, got ${value === undefined ? "nothing" : JSON.stringify(value)}`);
  return value;
}

function parseArgs(argv) {
  const opts = { filters: [], handIn: false, pdf: true, paper: "A4", out: join(ROOT, "reports") };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === "--hand-in") opts.handIn = true;
    else if (a === "--no-pdf") opts.pdf = false;
    else if (a === "--paper") opts.paper = optionValue(argv, ++k, a);
    else if (a === "--out") opts.out = resolve(optionValue(argv, ++k, a));
    else if (a.startsWith("--")) usage(`export: unknown option ${a}`);
    else opts.filters.push(a);
  }
  const paper = PAPERS.find((p) => p.toLowerCase() === String(opts.paper).toLowerCase());
  if (!paper) usage(`export: --paper must be one of ${PAPERS.join(", ")}, got ${opts.paper}`);
  opts.paper = paper;
  return opts;
}

/** Notebook paths in notebooks/ whose names contain one of the filters (all when none), in order. */
function selectNotebooks(filters) {
  const dir = join(ROOT, "notebooks");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb") && (filters.length === 0 || filters.some((s) => f.includes(s))))
    .sort()
    .map((f) => join(dir, f));
}

const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";

/** The library's headless SVG renderer of Vega-Lite specs (lib/dist, made by `npm run build`). */
function loadRenderSvg() {
  try {
    return require("ei-balance/display").renderSvg;
  } catch (e) {
    throw new Error(`export: the library is not built (${e.message.split("\n")[0]}): run npm run build`, { cause: e });
  }
}

/**
 * Copies of the notebooks, written to `dir`, in which every chart output (its Vega-Lite spec and
 * a PNG) also carries the SVG that vega renders from the spec: the notebooks store each chart
 * once plus one static fallback, while the exports draw charts as vector graphics. A file that is
 * not a notebook is passed on as it is (notebook_html.py names its problem); a notebook with a
 * spec that cannot be rendered is named in `failures` and left out.
 * @returns {Promise<{ paths: string[], failures: string[] }>}
 */
async function withChartSvgs(notebooks, dir) {
  const renderSvg = loadRenderSvg();
  const paths = [];
  const failures = [];
  for (const nb of notebooks) {
    let parsed = null;
    try {
      parsed = JSON.parse(readFileSync(nb, "utf8"));
    } catch {
      // not JSON: reported by notebook_html.py
    }
    if (!Array.isArray(parsed?.cells)) {
      paths.push(nb);
      continue;
    }
    const outputs = parsed.cells.flatMap((c) => (Array.isArray(c?.outputs) ? c.outputs : []));
    const charts = outputs.filter((o) => o?.data?.[VEGA_LITE_MIME] && !o.data["image/svg+xml"]);
    try {
      for (const o of charts) o.data["image/svg+xml"] = await renderSvg(o.data[VEGA_LITE_MIME]);
    } catch (e) {
      failures.push(`${basename(nb)}: a chart cannot be drawn from its Vega-Lite spec: ${e.message}`);
      continue;
    }
    paths.push(join(dir, basename(nb)));
    writeFileSync(paths[paths.length - 1], JSON.stringify(parsed));
  }
  return { paths, failures };
}

/**
 * nbconvert's HTML for each notebook, written to the folder `tmp`. A notebook that cannot be
 * converted (corrupt, empty, invalid) is reported by notebook_html.py in one line naming it; the
 * others are still converted.
 * @returns {{ converted: string[], failures: string[] }} the notebooks converted and one line per
 *   notebook that failed.
 */
function convertToHtml(notebooks, handIn, tmp) {
  const python = requireJupyterPython();
  const allow = existsSync(EXPLORER_CELL) ? ["--allow-html", EXPLORER_CELL] : [];
  const args = [join(__dirname, "notebook_html.py"), "--out", tmp, ...(handIn ? ["--hand-in"] : []), ...allow, ...notebooks];
  const r = spawnSync(python, args, { cwd: ROOT, encoding: "utf8" });
  const converted = notebooks.filter((nb) => existsSync(join(tmp, `${basename(nb, ".ipynb")}.html`)));
  const failures = r.stderr.split("\n").filter((l) => l.trim());
  if (r.status !== 0 && failures.length === 0) failures.push(`nbconvert failed (exit status ${r.status ?? r.signal})`);
  return { converted, failures };
}

let mathJax = null;

/** MathJax 3 in Node (TeX in, SVG out, liteDOM), loaded once; about 0.3 s. */
function loadMathJax() {
  if (mathJax) return mathJax;
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
  mathJax = { mathjax, TeX, SVG, adaptor, packages };
  return mathJax;
}

/**
 * Typesets the LaTeX in HTML fragments (Markdown cells and outputs) to inline SVG with MathJax 3
 * in Node, with Jupyter's delimiters: $...$ and \(...\) inline, $$...$$ and \[...\] display.
 * Returns the new fragments, MathJax's style sheet, and the TeX errors.
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
  const out = adaptor.childNodes(adaptor.body(doc.document)).map((node) => adaptor.innerHTML(node));
  const errors = [];
  for (const item of doc.math) {
    const root = item.root;
    root.walkTree((node) => {
      if (node.isKind("merror")) errors.push(`${item.math.trim()}: ${node.attributes.get("data-mjx-error") ?? "error"}`);
    });
  }
  return { fragments: out, css: adaptor.textContent(doc.outputJax.styleSheet(doc)), count: doc.math.length, errors };
}

/**
 * In an open page: typeset the math of every Markdown cell and output to SVG (in Node), then
 * remove every script but the network explorer's and add the export styles. Returns the TeX errors.
 */
async function typesetAndClean(page) {
  const fragments = await page.evaluate(() => [...document.querySelectorAll(".jp-RenderedMarkdown")].map((e) => e.innerHTML));
  const typeset = typesetFragments(fragments);
  await page.evaluate(
    ({ fragments: html, css }) => {
      /* global document */
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

/** The HTML of a page as it stands (with typeset math), as a standalone document. */
async function serialize(page) {
  return page.content();
}

/** Prints the open page to PDF: paper size, margins, notebook name and page numbers in the footer. */
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

/** The fallback without Chromium: the nbconvert HTML with MathJax inline (typesets when opened). */
function inlineMathJax(html) {
  const scripts = `<script>${MATHJAX_CONFIG}</script>\n<script>${readFileSync(MATHJAX_FILE, "utf8")}</script>\n<style>${EXPORT_CSS}</style>\n`;
  return html.replace("</head>", () => `${scripts}</head>`);
}

/** The fallback without Chromium: every converted notebook as HTML with MathJax inline. */
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

/** One notebook in an open browser context: typeset, clean, write the HTML and print the PDF. */
async function exportInBrowser(context, nb, tmp, out, opts) {
  const name = basename(nb, ".ipynb");
  const t0 = Date.now();
  const page = await context.newPage();
  await page.goto(pathToFileURL(join(tmp, `${name}.html`)).href, { waitUntil: "load" });
  const errors = await typesetAndClean(page);
  for (const e of errors) opts.log(`  ${name}: LaTeX error: ${e}`);
  const written = [join(out, `${name}.html`)];
  writeFileSync(written[0], await serialize(page));
  if (opts.pdf) {
    written.push(join(out, `${name}.pdf`));
    await printPdf(page, written[1], opts.paper, name);
  }
  await page.close();
  opts.log(`  ${name}: wrote ${name}.html${opts.pdf ? `, ${name}.pdf (${opts.paper})` : ""} in ${out} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return written;
}

/** Every converted notebook through headless Chromium, with JavaScript off: no chart of ours needs it. */
async function writeWithChromium(notebooks, tmp, out, opts) {
  const browser = await launchChromium();
  try {
    // JavaScript off: an output's script or event handler cannot run while the PDF is printed
    // (the typesetting runs through playwright's evaluate, which still works).
    const context = await browser.newContext({ javaScriptEnabled: false });
    // Nothing may come from the network: an export must read offline.
    await context.route(/^https?:/, (route) => route.abort());
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
 * @param {{ filters?: string[], notebooks?: string[], handIn?: boolean, pdf?: boolean, paper?: string, out?: string, log?: (s: string) => void }} options
 *   notebooks: paths of the notebooks to export, instead of those in notebooks/ matching filters.
 * @returns {Promise<string[]>} the files written.
 */
async function exportNotebooks(options = {}) {
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
    const { converted, failures } = convertToHtml(prepared.paths, opts.handIn, tmp);
    failures.push(...prepared.failures);
    const written = findChromium() ? await writeWithChromium(converted, tmp, out, opts) : writeWithoutChromium(converted, tmp, out, opts);
    if (failures.length > 0) throw new Error(`${failures.length} notebook(s) not exported:\n${failures.map((f) => `  ${f}`).join("\n")}`);
    return written;
  } finally {
    owned.remove();
  }
}

module.exports = { exportNotebooks, selectNotebooks, typesetFragments, EXPORT_CSS };

if (require.main === module) {
  const opts = parseArgs(process.argv.slice(2));
  exportNotebooks(opts).then(
    () => process.exit(0),
    (e) => {
      console.error(`export failed: ${e.message}`);
      process.exit(1);
    },
  );
}
