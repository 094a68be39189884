/**
 * A Jupyter server for the browser tests, started the way a student starts it: `npm run jupyter`
 * (scripts/jupyter.js: this checkout's JupyterLab on 127.0.0.1 with a fresh token and this
 * checkout's tslab kernel), here on a random free port, serving a test folder, with its own
 * settings and workspaces folders (so a user's JupyterLab settings never leak in). The URL is the
 * one the launcher prints. It runs in its own process group, stopped as a whole (kernels first,
 * through the API).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ROOT } = require("../scripts/jupyter-env") as { ROOT: string };

/** A running JupyterLab: its URL builder, its log so far, and how to stop it. */
export interface JupyterServer {
  /** http://127.0.0.1:<port><path> with the token appended. */
  url: (path: string) => string;
  /** Everything the server printed so far. */
  log: () => string;
  /** Shuts every running kernel down (between notebooks). */
  shutdownKernels: () => Promise<void>;
  /** Stops its kernels and its process group (SIGKILL after 10 s). */
  stop: () => Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

/**
 * JupyterLab settings for the tests, written into `dir`: no autosave (the test saves once, at the
 * end), every cell rendered (no windowing, so every chart is in the page), no news or update
 * checks.
 */
function writeSettings(dir: string): void {
  const settings: Record<string, Record<string, unknown>> = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": { autosave: false },
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": { windowingMode: "none" },
  };
  for (const [file, value] of Object.entries(settings)) {
    const path = join(dir, file);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, JSON.stringify(value));
  }
}

/** Waits until the launcher has printed its URL ("Open: http://127.0.0.1:<port>/lab?token=<token>") and the server answers. */
async function waitForServer(server: ChildProcess, log: () => string, timeoutMs: number): Promise<(p: string) => string> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (server.exitCode !== null) throw new Error(`npm run jupyter exited (${server.exitCode}):\n${log()}`);
    const m = /Open: (http:\/\/127\.0\.0\.1:\d+)\/lab\?token=([0-9a-f]+)/.exec(log());
    if (m) {
      const url = (path: string) => `${m[1]}${path}${path.includes("?") ? "&" : "?"}token=${m[2]}`;
      try {
        if ((await fetch(url("/api/status"))).ok && /Jupyter Server .* is running at/.test(log())) return url;
      } catch {
        // not listening yet
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`npm run jupyter did not answer within ${timeoutMs / 1000} s:\n${log()}`);
}

/** Deletes every session (and so its kernel) through the API. */
async function shutdownKernels(url: (p: string) => string): Promise<void> {
  try {
    const sessions = (await (await fetch(url("/api/sessions"))).json()) as { id: string }[];
    for (const s of sessions) await fetch(url(`/api/sessions/${s.id}`), { method: "DELETE" });
  } catch {
    // the server may already be gone
  }
}

/** Stops the server: its kernels through the API, then SIGTERM to its process group (SIGKILL after 10 s). */
async function stopServer(server: ChildProcess, url: (p: string) => string): Promise<void> {
  if (server.exitCode !== null || server.pid === undefined) return;
  await shutdownKernels(url);
  const pid = server.pid;
  const exited = new Promise<void>((r) => server.once("exit", () => r()));
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

/**
 * Starts JupyterLab through `npm run jupyter` serving `dir` (its settings in `dir`/.lab-settings)
 * and waits until it answers at the URL the launcher printed.
 * @throws Error with the server's log when it exits or does not answer within 90 s
 */
export async function startJupyterLab(dir: string): Promise<JupyterServer> {
  const settingsDir = join(dir, ".lab-settings");
  writeSettings(settingsDir);
  const args = [join(ROOT, "scripts", "jupyter.js"), "--no-browser", `--port=${await freePort()}`, `--ServerApp.root_dir=${dir}`];
  const env = { ...process.env, JUPYTERLAB_SETTINGS_DIR: settingsDir, JUPYTERLAB_WORKSPACES_DIR: join(dir, ".lab-workspaces") };
  // detached: the launcher and JupyterLab form their own process group, which stop() signals as a whole
  const server = spawn(process.execPath, args, { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  server.stdout!.on("data", (d: Buffer) => (text += d.toString()));
  server.stderr!.on("data", (d: Buffer) => (text += d.toString()));
  const log = () => text;
  let url: (p: string) => string;
  try {
    url = await waitForServer(server, log, 90_000);
  } catch (e) {
    await stopServer(server, () => "http://127.0.0.1:1/");
    throw e;
  }
  return { url, log, shutdownKernels: () => shutdownKernels(url), stop: () => stopServer(server, url) };
}
