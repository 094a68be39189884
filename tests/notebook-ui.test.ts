/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The notebooks in Jupyter's own web UI: Classic Notebook 6 (Debian's jupyter-notebook; JupyterLab
 * is not installable here) is started on 127.0.0.1 with a random free port and a token, with
 * this checkout's tslab kernel; headless Chromium opens each notebook, clears its outputs, runs
 * all cells from the menu (Cell > Run All), waits until every code cell has finished, and checks
 * that no cell shows an error (tslab reports errors as stderr output) and that every chart
 * renders (Classic Notebook shows the SVG of each bundle). The server works on copies of the
 * notebooks in reports/ (nothing is saved back to notebooks/: they are committed with their
 * outputs), and is stopped afterwards, on success and on failure (its whole process group).
 * The same check runs on small fixture notebooks (tests/notebook-fixtures.ts) that it must reject:
 * a cell that throws, a compile error, a chart bundle without SVG, text where a chart was.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { randomBytes } from "node:crypto";
import { basename, isAbsolute, join, relative, sep } from "node:path";
import type { Browser, Page } from "playwright-core";
import { CHROMIUM_HINT, ROOT, VEGA_LITE, chartSvgs, findChromium, launchChromium, notebookFileFacts, notebookNames } from "./browser-helpers";
import { FIXTURES, type FixtureName, reportsFixture, writeFixtureNotebooks } from "./notebook-fixtures";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { requireJupyterWithKernel, jupyterEnv, canImport } = require("../scripts/jupyter-env") as {
  requireJupyterWithKernel: () => string;
  jupyterEnv: () => NodeJS.ProcessEnv;
  canImport: (python: string, modules: string[]) => boolean;
};

const notebooks = notebookNames();
const token = randomBytes(16).toString("hex");
let server: ChildProcess | undefined;
let serverLog = "";
let port = 0;
let dir = "";
let browser: Browser | undefined;
let fixtures: Record<FixtureName, string>;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

const api = (path: string) => `http://127.0.0.1:${port}${path}${path.includes("?") ? "&" : "?"}token=${token}`;

async function waitForServer(timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (server?.exitCode !== null) throw new Error(`jupyter notebook exited (${server?.exitCode}):\n${serverLog}`);
    try {
      if ((await fetch(api("/api/status"))).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`jupyter notebook did not answer within ${timeoutMs / 1000} s:\n${serverLog}`);
}

/** Stops the server: its kernels through the API, then SIGTERM to its process group (SIGKILL after 10 s). */
async function stopServer(): Promise<void> {
  if (!server || server.exitCode !== null || server.pid === undefined) return;
  try {
    const sessions = (await (await fetch(api("/api/sessions"))).json()) as { id: string }[];
    for (const s of sessions) await fetch(api(`/api/sessions/${s.id}`), { method: "DELETE" });
  } catch {
    // the server may already be gone
  }
  const pid = server.pid;
  const exited = new Promise<void>((r) => server!.once("exit", () => r()));
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    return;
  }
  let timerId: NodeJS.Timeout | undefined;
  const timer = new Promise<"timeout">((r) => {
    timerId = setTimeout(() => r("timeout"), 10_000);
  });
  if ((await Promise.race([exited, timer])) === "timeout") {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  clearTimeout(timerId);
  server.stdout?.destroy();
  server.stderr?.destroy();
}

beforeAll(async () => {
  if (!findChromium()) throw new Error(CHROMIUM_HINT);
  const python = requireJupyterWithKernel();
  if (!canImport(python, ["notebook"])) throw new Error("Classic Notebook is missing: apt-get install jupyter-notebook");
  mkdirSync(join(ROOT, "reports"), { recursive: true });
  // inside the project, so that the notebooks' `import ... from "ei-balance"` resolves as in notebooks/
  dir = mkdtempSync(join(ROOT, "reports", ".notebook-ui-"));
  for (const name of notebooks) copyFileSync(join(ROOT, "notebooks", `${name}.ipynb`), join(dir, `${name}.ipynb`));
  // small notebooks that the check must reject (and one it must pass), in a subfolder
  mkdirSync(join(dir, "fixtures"));
  fixtures = await writeFixtureNotebooks(join(dir, "fixtures"));
  port = await freePort();
  const args = [
    "-m",
    "notebook",
    "--no-browser",
    "--ip=127.0.0.1",
    `--port=${port}`,
    "--port-retries=0",
    `--NotebookApp.token=${token}`,
    `--notebook-dir=${dir}`,
    ...(process.getuid && process.getuid() === 0 ? ["--allow-root"] : []),
  ];
  // detached: the server leads its own process group, which stopServer() signals as a whole
  server = spawn(python, args, { cwd: dir, env: jupyterEnv(), detached: true, stdio: ["ignore", "pipe", "pipe"] });
  server.stdout!.on("data", (d: Buffer) => (serverLog += d.toString()));
  server.stderr!.on("data", (d: Buffer) => (serverLog += d.toString()));
  await waitForServer(60_000);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stopServer();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** Waits until `fn` (evaluated in the page) is true, polling every 500 ms. */
async function until(page: Page, fn: string, timeoutMs: number, what: string): Promise<void> {
  try {
    await page.waitForFunction(fn, undefined, { timeout: timeoutMs, polling: 500 });
  } catch (e) {
    throw new Error(`${what}: not reached within ${timeoutMs / 1000} s (${(e as Error).message.split("\n")[0]})\n--- server log ---\n${serverLog.slice(-3000)}`, {
      cause: e,
    });
  }
}

/**
 * Runs the notebook `file` (a path inside the server's folder) through Classic Notebook's web UI:
 * opens it, checks the kernel is tslab, clears its outputs, Cell > Run All from the menu, waits
 * until every code cell has finished and the kernel is idle. Returns what is wrong (empty when
 * nothing is): error or stderr outputs, charts that did not render as SVG, page errors.
 */
async function checkInClassicNotebook(file: string): Promise<string[]> {
  const rel = relative(dir, file);
  if (rel.startsWith("..") || isAbsolute(rel)) throw new Error(`${file} is not inside the server's folder ${dir}`);
  const name = basename(file, ".ipynb");
  const facts = notebookFileFacts(file);
  const problems: string[] = [];
  const page = await browser!.newPage({ viewport: { width: 1200, height: 900 } });
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  try {
    await page.goto(api(`/notebooks/${rel.split(sep).map(encodeURIComponent).join("/")}`), { waitUntil: "load" });
    await until(
      page,
      "window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()",
      120_000,
      `${name}: notebook loaded and kernel connected`,
    );
    const kernel = await page.evaluate(() => (window as unknown as { Jupyter: { notebook: { kernel: { name: string } } } }).Jupyter.notebook.kernel.name);
    if (kernel !== "tslab") problems.push(`kernel ${kernel}, not tslab`);
    await page.evaluate(() => {
      type NB = {
        set_autosave_interval: (ms: number) => void;
        clear_all_output: () => void;
        events: { on: (e: string, f: () => void) => void };
      };
      const w = window as unknown as { Jupyter: { notebook: NB }; __finished: number };
      w.Jupyter.notebook.set_autosave_interval(0); // never save: the notebooks are committed with their outputs
      w.Jupyter.notebook.clear_all_output(); // the outputs checked below are the ones this run makes
      w.__finished = 0;
      w.Jupyter.notebook.events.on("finished_execute.CodeCell", () => {
        w.__finished += 1;
      });
    });
    const stale = (await page.$$(".output_svg")).length;
    if (stale > 0) problems.push(`${stale} SVG outputs left after clearing the outputs`);
    // Cell > Run All, through the menu
    await page.click("#celllink");
    await page.click("#run_all_cells");
    await until(
      page,
      `window.__finished >= ${facts.codeCells} && document.querySelectorAll(".code_cell.running").length === 0`,
      900_000,
      `${name}: all ${facts.codeCells} code cells finished`,
    );
    await until(page, "document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null", 60_000, `${name}: kernel idle`);
    // per code cell (numbered like the runner's "cell n of N"): its error/stderr outputs, the MIME
    // types of its display outputs as received from the kernel, and the charts drawn as SVG
    const cells = await page.evaluate((vegaLite) => {
      type Cell = { cell_type: string; get_text: () => string; element: ArrayLike<HTMLElement>; output_area: { outputs: { output_type: string; data?: Record<string, unknown> }[] } };
      const w = window as unknown as { Jupyter: { notebook: { get_cells: () => Cell[] } } };
      return w.Jupyter.notebook
        .get_cells()
        .filter((c) => c.cell_type === "code")
        .map((c) => ({
          line: c.get_text().split("\n").find((l) => l.trim() !== "") ?? "",
          errors: [...c.element[0].querySelectorAll(".output_stderr, .output_error")].map((e) => (e.textContent ?? "").trim().slice(0, 500)),
          chartBundles: c.output_area.outputs
            .filter((o) => o.data && (vegaLite in o.data || "image/svg+xml" in o.data))
            .map((o) => Object.keys(o.data!).sort().join(", ")),
          svgs: c.element[0].querySelectorAll(".output_svg svg.marks").length,
        }));
    }, VEGA_LITE);
    cells.forEach((c, k) => {
      const where = `cell ${k + 1} of ${cells.length} (${c.line.trim().slice(0, 80)})`;
      problems.push(...c.errors.map((e) => `${where}: error output: ${e}`));
      // a chart bundle that Classic Notebook did not draw as SVG (e.g. a bundle without image/svg+xml)
      if (c.svgs < c.chartBundles.length) problems.push(`${where}: ${c.chartBundles.length - c.svgs} chart outputs not drawn as SVG (MIME types: ${c.chartBundles.join(" | ")})`);
      const stored = facts.charts.filter((s) => s.cell === k + 1).length;
      if (c.svgs !== stored) problems.push(`${where}: ${c.svgs} charts drawn as SVG, ${stored} stored in the notebook`);
    });
    const svgs = await chartSvgs(page, ".output_svg");
    if (svgs.length !== facts.charts.length) problems.push(`${svgs.length} charts rendered as SVG, ${facts.charts.length} stored in the notebook`);
    svgs.forEach((s, k) => {
      const bad = [s.width > 50 ? "" : `width ${s.width}`, s.height > 50 ? "" : `height ${s.height}`, s.visible ? "" : "hidden", s.marks > 0 ? "" : "no marks"].filter(Boolean);
      if (bad.length > 0) problems.push(`chart ${k + 1}: ${bad.join(", ")}`);
    });
    problems.push(...pageErrors.map((e) => `page error: ${e}`));
  } finally {
    // shut this notebook's kernel down before the next one starts
    await page.evaluate(() => (window as unknown as { Jupyter?: { notebook?: { session?: { delete: () => void } } } }).Jupyter?.notebook?.session?.delete()).catch(() => undefined);
    await page.close();
  }
  return problems;
}

describe("Classic Notebook: every notebook runs through the web UI with the tslab kernel", () => {
  test.each(notebooks)("%s: Cell > Run All, no cell shows an error, every chart renders as SVG", async (name) => {
    expect(await checkInClassicNotebook(join(dir, `${name}.ipynb`))).toEqual([]);
  }, 960_000);
});

describe("Classic Notebook check: fails on the failures it is meant to catch", () => {
  test.each(Object.keys(FIXTURES) as FixtureName[])("%s", async (fixture) => {
    const problems = await checkInClassicNotebook(fixtures[fixture]);
    expect({ fixture, expected: FIXTURES[fixture], problems, reported: reportsFixture(fixture, problems) }).toEqual({
      fixture,
      expected: FIXTURES[fixture],
      problems,
      reported: true,
    });
  }, 180_000);
});
