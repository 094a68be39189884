/**
 * A Jupyter server for the browser tests: this checkout's JupyterLab (scripts/jupyter-env.js)
 * on 127.0.0.1, a random free port and a random token, with this checkout's tslab kernel, its own
 * settings and workspaces folders (so a user's JupyterLab settings never leak in), started in its
 * own process group and stopped with it (kernels first, through the API).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const jupyterEnvJs = require("../scripts/jupyter-env") as {
  LAB: string[];
  requireJupyterWithKernel: (modules?: string[]) => string;
  jupyterEnv: () => NodeJS.ProcessEnv;
};

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
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": { fetchNews: "false", checkForUpdates: false },
  };
  for (const [file, value] of Object.entries(settings)) {
    const path = join(dir, file);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, JSON.stringify(value));
  }
}

/** Waits until the server answers /api/status (or exits, or `timeoutMs` passes). */
async function waitForServer(server: ChildProcess, url: (p: string) => string, log: () => string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (server.exitCode !== null) throw new Error(`JupyterLab exited (${server.exitCode}):\n${log()}`);
    try {
      if ((await fetch(url("/api/status"))).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`JupyterLab did not answer within ${timeoutMs / 1000} s:\n${log()}`);
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
 * Starts JupyterLab serving `dir` (its settings in `dir`/.lab-settings) and waits until it answers.
 * @throws Error with the server's log when it exits or does not answer within 90 s
 */
export async function startJupyterLab(dir: string): Promise<JupyterServer> {
  const python = jupyterEnvJs.requireJupyterWithKernel(jupyterEnvJs.LAB);
  const token = randomBytes(16).toString("hex");
  const port = await freePort();
  const settingsDir = join(dir, ".lab-settings");
  writeSettings(settingsDir);
  const args = [
    "-m",
    "jupyterlab",
    "--no-browser",
    "--ip=127.0.0.1",
    `--port=${port}`,
    "--port-retries=0",
    `--IdentityProvider.token=${token}`,
    `--ServerApp.root_dir=${dir}`,
    ...(process.getuid && process.getuid() === 0 ? ["--allow-root"] : []),
  ];
  const env = { ...jupyterEnvJs.jupyterEnv(), JUPYTERLAB_SETTINGS_DIR: settingsDir, JUPYTERLAB_WORKSPACES_DIR: join(dir, ".lab-workspaces") };
  // detached: the server leads its own process group, which stop() signals as a whole
  const server = spawn(python, args, { cwd: dir, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  server.stdout!.on("data", (d: Buffer) => (text += d.toString()));
  server.stderr!.on("data", (d: Buffer) => (text += d.toString()));
  const url = (path: string) => `http://127.0.0.1:${port}${path}${path.includes("?") ? "&" : "?"}token=${token}`;
  const log = () => text;
  try {
    await waitForServer(server, url, log, 90_000);
  } catch (e) {
    await stopServer(server, url);
    throw e;
  }
  return { url, log, shutdownKernels: () => shutdownKernels(url), stop: () => stopServer(server, url) };
}
