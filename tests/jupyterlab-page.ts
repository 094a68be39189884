/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Driving a notebook in JupyterLab 4 from headless Chromium (playwright-core), for
 * tests/jupyterlab-ui.test.ts: open it, read what each code cell shows, Restart Kernel and Run
 * All from the menu, wait for the run to end, save. Selectors are JupyterLab 4.6's.
 */
import { readFileSync, statSync } from "node:fs";
import type { Page } from "playwright-core";

/** JupyterLab's Vega renderer draws a chart as a canvas (or an SVG) inside .vega-embed. */
const CHART = ".jp-RenderedVegaLite .vega-embed canvas, .jp-RenderedVegaLite .vega-embed svg.marks";
const STDERR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]';
const INDICATOR = ".jp-Notebook-ExecutionIndicator[data-status]";
/** A progress bar that has not reached its final "label: done" state (scripts: lib/src/display/progress.ts). */
const UNFINISHED_PROGRESS = /\[[#-]{30}\]\s+\d+%/;

/** What one code cell of the open notebook shows. */
export interface CellView {
  /** Its first non-empty source line. */
  line: string;
  /** Its input prompt, e.g. "[3]:". */
  prompt: string;
  /** Charts drawn by JupyterLab's Vega renderer. */
  charts: number;
  /** Text of its stderr outputs and error outputs. */
  errors: string[];
  /** Its plain-text outputs (progress bars among them). */
  texts: string[];
}

/** Waits until `fn` (evaluated in the page) is true, polling every `pollMs`. */
export async function until(page: Page, fn: string, timeoutMs: number, what: string, log: () => string, pollMs = 250): Promise<void> {
  try {
    await page.waitForFunction(fn, undefined, { timeout: timeoutMs, polling: pollMs });
  } catch (e) {
    throw new Error(`${what}: not reached within ${timeoutMs / 1000} s (${(e as Error).message.split("\n")[0]})\n--- server log ---\n${log().slice(-3000)}`, { cause: e });
  }
}

/**
 * Opens `rel` (a path in the server's folder) in a workspace of its own, and waits until its
 * `cells` cells are in the page and the kernel is idle.
 */
export async function openNotebook(page: Page, url: (p: string) => string, rel: string, cells: number, log: () => string): Promise<void> {
  const workspace = `w${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  await page.goto(url(`/lab/workspaces/${workspace}/tree/${rel.split("/").map(encodeURIComponent).join("/")}`), { waitUntil: "load" });
  const all = `document.querySelectorAll(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell").length === ${cells}`;
  await until(page, all, 120_000, `${rel}: notebook open with its ${cells} cells`, log);
  await until(page, `document.querySelector('${INDICATOR}')?.dataset.status === "idle"`, 120_000, `${rel}: kernel idle after opening`, log);
}

/** What every code cell of the open notebook shows, in order. */
export async function codeCells(page: Page): Promise<CellView[]> {
  return page.$$eval(
    ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell",
    (cells, [chart, stderr]) =>
      cells.map((c) => ({
        line: ((c.querySelector(".jp-InputArea-editor")?.textContent ?? "").split("\n").find((l) => l.trim() !== "") ?? "").trim().slice(0, 80),
        prompt: (c.querySelector(".jp-InputPrompt")?.textContent ?? "").trim(),
        charts: c.querySelectorAll(chart).length,
        errors: [...c.querySelectorAll(`${stderr}, .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]`)].map((e) => (e.textContent ?? "").trim().slice(0, 500)),
        texts: [...c.querySelectorAll('.jp-OutputArea-output[data-mime-type="text/plain"]')].map((e) => (e.textContent ?? "").trim()),
      })),
    [CHART, STDERR] as const,
  );
}

/** Clicks a top menu (e.g. "Kernel") and then an item of it, by their labels. */
export async function menu(page: Page, top: string, item: string | RegExp): Promise<void> {
  await page.locator(".lm-MenuBar-itemLabel", { hasText: top }).first().click();
  await page.locator(".lm-Menu-itemLabel", { hasText: item }).first().click();
}

/**
 * Kernel > Restart Kernel and Run All Cells, accepts the dialog, and waits until a cell has been
 * queued or run ("[*]" seen by a MutationObserver), no cell is queued any more and the kernel is
 * idle. A failed cell ends the run early (JupyterLab skips the cells after it).
 */
export async function restartAndRunAll(page: Page, name: string, log: () => string, timeoutMs: number): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __sawRun: boolean };
    w.__sawRun = false;
    const root = document.querySelector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")!;
    new MutationObserver(() => {
      if (!w.__sawRun && [...root.querySelectorAll(".jp-InputPrompt")].some((p) => (p.textContent ?? "").includes("*"))) w.__sawRun = true;
    }).observe(root, { subtree: true, childList: true, characterData: true });
  });
  await menu(page, "Kernel", /^Restart Kernel and Run All Cells/);
  await page.locator(".jp-Dialog .jp-mod-accept").click();
  await until(page, "window.__sawRun === true", 120_000, `${name}: Run All started`, log, 100);
  const done = `[...document.querySelectorAll(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-InputPrompt")].every((p) => !(p.textContent ?? "").includes("*"))
    && document.querySelector('${INDICATOR}')?.dataset.status === "idle"`;
  await until(page, done, timeoutMs, `${name}: every cell run and the kernel idle`, log, 500);
}

/**
 * File > Save Notebook; waits until the file's modification time has moved past `before` (ms)
 * and the file holds a whole notebook (the server may truncate it before writing).
 */
export async function save(page: Page, file: string, before: number, log: () => string): Promise<void> {
  await menu(page, "File", /^Save Notebook$/);
  const end = Date.now() + 30_000;
  const written = () => {
    if (statSync(file).mtimeMs <= before) return false;
    try {
      JSON.parse(readFileSync(file, "utf8"));
      return true;
    } catch {
      return false;
    }
  };
  while (!written()) {
    if (Date.now() > end) throw new Error(`${file}: not saved within 30 s\n--- server log ---\n${log().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Whether a text output shows a progress bar that did not end on "done". */
export function unfinishedProgress(text: string): boolean {
  return UNFINISHED_PROGRESS.test(text);
}
