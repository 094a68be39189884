/**
 * The export (scripts/export.js) against bad notebooks: a corrupt, an empty and an invalid
 * notebook in a batch are each named in one line while the good notebook is still exported, and
 * the export fails (so is a notebook whose chart spec cannot be drawn); an output carrying a script or an inline event handler is exported inert (and
 * the browser that prints the PDF runs with JavaScript off), but for the network explorer's, kept
 * as the notebook ran it when intact, whichever build it is; `--out` without a value is refused.
 * Needs Chromium (`apt-get install chromium`).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHROMIUM_HINT, ROOT, findChromium } from "./browser-helpers";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { exportNotebooks } = require("../scripts/export") as {
  exportNotebooks: (o: { notebooks?: string[]; out?: string; pdf?: boolean; log?: (s: string) => void }) => Promise<string[]>;
};

/** A notebook of code cells with these outputs (and sources: default "1 + 1"). */
function notebook(outputs: Record<string, unknown>[], ...more: { source: string; outputs: Record<string, unknown>[] }[]): string {
  const cells = [{ source: "1 + 1", outputs }, ...more].map((c, k) => ({ cell_type: "code", id: `c${k}`, metadata: {}, execution_count: null, ...c }));
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } },
    cells,
  });
}

const HOSTILE_HTML =
  '<b id="kept">bold &amp; kept</b><img src="missing.png" onerror="document.title=\'HACKED\'">' +
  '<script>document.body.setAttribute("data-hacked", "HACKED")</script><a href="javascript:alert(1)">link</a>';
const HOSTILE_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="document.title=\'HACKED\'"><script>alert(1)</script><rect width="5" height="5"/></svg>';

describe("export of a batch with bad notebooks", () => {
  const dir = mkdtempSync(join(tmpdir(), "export-bad-"));
  const out = join(dir, "out");
  const log: string[] = [];
  let error: Error | null = null;

  beforeAll(async () => {
    if (!findChromium()) throw new Error(CHROMIUM_HINT);
    writeFileSync(join(dir, "a-good.ipynb"), notebook([{ output_type: "stream", name: "stdout", text: "2\n" }]));
    writeFileSync(join(dir, "b-corrupt.ipynb"), '{"cells": [');
    writeFileSync(join(dir, "c-empty.ipynb"), "");
    writeFileSync(join(dir, "d-invalid.ipynb"), JSON.stringify({ nbformat: 4, nbformat_minor: 5, cells: [{ cell_type: "bogus" }] }));
    const hostile = [
      { output_type: "display_data", data: { "text/html": HOSTILE_HTML, "text/plain": "html" }, metadata: {} },
      { output_type: "display_data", data: { "image/svg+xml": HOSTILE_SVG, "text/plain": "svg" }, metadata: {} },
    ];
    writeFileSync(join(dir, "e-hostile.ipynb"), notebook(hostile));
    const notebooks = ["a-good", "b-corrupt", "c-empty", "d-invalid", "e-hostile"].map((n) => join(dir, `${n}.ipynb`));
    await exportNotebooks({ notebooks, out, log: (s) => log.push(s) }).catch((e: Error) => (error = e));
  }, 180_000);

  test("each bad notebook is named with its problem in one line, the good ones are still exported, and the export fails", () => {
    expect(error).not.toBeNull();
    const lines = error!.message.split("\n");
    expect(lines[0]).toBe("3 notebook(s) not exported:");
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^ {2}b-corrupt\.ipynb: not a notebook \(invalid JSON\)/),
      "  c-empty.ipynb: the file is empty, not a notebook",
      expect.stringMatching(/^ {2}d-invalid\.ipynb: invalid notebook: /),
    ]);
    for (const name of ["a-good", "e-hostile"]) {
      expect(existsSync(join(out, `${name}.html`))).toBe(true);
      expect(existsSync(join(out, `${name}.pdf`))).toBe(true);
    }
    expect(existsSync(join(out, "b-corrupt.html"))).toBe(false);
  });

  test("an HTML or SVG output with a script, an event handler or a javascript: link is exported inert", () => {
    const html = readFileSync(join(out, "e-hostile.html"), "utf8");
    expect(html).toContain('<b id="kept">bold &amp; kept</b>');
    expect(html).not.toMatch(/HACKED|onerror|onload|javascript:|alert\(/);
    expect(html).not.toMatch(/<script/i);
  });
});

describe("export of a chart whose stored Vega-Lite spec cannot be drawn", () => {
  test("the notebook is named with vega-lite's message, the others are still exported, and the export fails", async () => {
    if (!findChromium()) throw new Error(CHROMIUM_HINT);
    const dir = mkdtempSync(join(tmpdir(), "export-chart-"));
    const chart = { "application/vnd.vegalite.v5+json": { mark: "nonsense", data: { values: [] } }, "image/png": "iVBORw0KGgo=", "text/plain": "[chart]" };
    writeFileSync(join(dir, "a-good.ipynb"), notebook([{ output_type: "stream", name: "stdout", text: "2\n" }]));
    writeFileSync(join(dir, "b-bad-chart.ipynb"), notebook([{ output_type: "display_data", data: chart, metadata: {} }]));
    const out = join(dir, "out");
    const error = await exportNotebooks({ notebooks: ["a-good", "b-bad-chart"].map((n) => join(dir, `${n}.ipynb`)), out, pdf: false, log: () => {} }).then(() => null, (e: Error) => e);
    expect(error?.message.split("\n")).toEqual(["1 notebook(s) not exported:", expect.stringMatching(/^ {2}b-bad-chart\.ipynb: a chart cannot be drawn from its Vega-Lite spec: renderSvg: invalid Vega-Lite spec: spec\.mark must be one of/)]);
    expect(existsSync(join(out, "a-good.html"))).toBe(true);
    expect(existsSync(join(out, "b-bad-chart.html"))).toBe(false);
  }, 120_000);
});

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** An explorer output shaped as scripts/build-explorer.js writes it, around `script`, recording `build` (default: the script's). */
function explorerOutput(script: string, build = sha256(script)): Record<string, unknown> {
  const html = `<div class="eib-explorer" data-eib-build="${build}"><p class="eib-note">Needs JavaScript: <code>npm run explore</code></p><script>${script}</script></div>`;
  return { output_type: "display_data", data: { "text/html": html, "text/plain": "explorer" }, metadata: {} };
}

describe("export of network explorer outputs", () => {
  const dir = mkdtempSync(join(tmpdir(), "export-explorer-"));
  const log: string[] = [];
  let html = "";

  beforeAll(async () => {
    if (!findChromium()) throw new Error(CHROMIUM_HINT);
    const call = "showExplorer();";
    writeFileSync(join(dir, "explorers.ipynb"), notebook(
      [explorerOutput("window.otherCell = 1")],
      { source: call, outputs: [explorerOutput("window.earlierBuild = 1")] },
      { source: call, outputs: [explorerOutput("window.edited = 1", sha256("window.edited = 2"))] },
    ));
    await exportNotebooks({ notebooks: [join(dir, "explorers.ipynb")], out: join(dir, "out"), pdf: false, log: (s) => log.push(s) });
    html = readFileSync(join(dir, "out", "explorers.html"), "utf8");
  }, 120_000);

  test("an intact explorer keeps its script, as the notebook ran it, though it is not lib/dist's build; the log says so", () => {
    expect(html).toContain("<script>window.earlierBuild = 1</script>");
    expect(log).toContainEqual(expect.stringMatching(/^ {2}explorers: its network explorer is an earlier build than lib\/dist's/));
  });

  test("an explorer whose script is not the build it records, or in a cell that does not call showExplorer, is exported inert", () => {
    expect(html).not.toMatch(/window\.(edited|otherCell)/);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html.match(/class="eib-note"/g)).toHaveLength(3);
  });
});

describe("export's command line", () => {
  test("--out without a value is refused instead of writing into the repository root", () => {
    for (const args of [["--out"], ["--out", "--no-pdf"]]) {
      const r = spawnSync(process.execPath, [join(ROOT, "scripts", "export.js"), ...args], { encoding: "utf8", cwd: ROOT });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^export: --out needs a value, got (nothing|"--no-pdf")/);
    }
  });
});
