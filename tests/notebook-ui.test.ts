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
 */
import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { CHROMIUM_HINT, ROOT, chartSvgs, findChromium, launchChromium, notebookFacts, notebookNames } from "./browser-helpers";

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

describe("Classic Notebook: every notebook runs through the web UI with the tslab kernel", () => {
  test.each(notebooks)("%s: Cell > Run All, no cell shows an error, every chart renders as SVG", async (name) => {
    const facts = notebookFacts(name);
    const page = await browser!.newPage({ viewport: { width: 1200, height: 900 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    try {
      await page.goto(api(`/notebooks/${name}.ipynb`), { waitUntil: "load" });
      await until(
        page,
        "window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()",
        120_000,
        `${name}: notebook loaded and kernel connected`,
      );
      expect(await page.evaluate(() => (window as unknown as { Jupyter: { notebook: { kernel: { name: string } } } }).Jupyter.notebook.kernel.name)).toBe("tslab");
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
      expect(await page.$$(".output_svg")).toHaveLength(0);
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
      const problems = await page.$$eval(".output_stderr, .output_error", (els) => els.map((e) => (e.textContent ?? "").trim().slice(0, 500)));
      expect(problems).toEqual([]);
      const svgs = await chartSvgs(page, ".output_svg");
      expect(svgs.length).toBe(facts.charts.length);
      svgs.forEach((s, k) => {
        expect({ chart: k + 1, width: s.width > 50, height: s.height > 50, visible: s.visible, marks: s.marks > 0 }).toEqual({
          chart: k + 1,
          width: true,
          height: true,
          visible: true,
          marks: true,
        });
      });
      expect(pageErrors).toEqual([]);
    } finally {
      // shut this notebook's kernel down before the next one starts
      await page.evaluate(() => (window as unknown as { Jupyter?: { notebook?: { session?: { delete: () => void } } } }).Jupyter?.notebook?.session?.delete()).catch(() => undefined);
      await page.close();
    }
  }, 960_000);
});
