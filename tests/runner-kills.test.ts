/**
 * Kill trials of the main job's processes: `run-notebooks.js` killed by SIGKILL at
 * start-up, while its Python runner is still importing Jupyter's modules, leaves no runner and no
 * kernel behind and never rewrites the notebook (the runner arms its parent-death signal and checks
 * its parent before the imports); the export killed by SIGKILL while it converts leaves no
 * temporary folder (scripts/owned-temp-dir.js). Kills in the middle of a cell:
 * tests/notebook-runner.test.ts ("run-notebooks.js killed by its PID").
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..");
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** PIDs of the processes whose working folder or command line is in `dir`. */
function processesIn(dir: string): number[] {
  return readdirSync("/proc").filter((p) => /^\d+$/.test(p)).map(Number).filter((pid) => {
    try {
      return readlinkSync(`/proc/${pid}/cwd`).startsWith(dir) || readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(dir);
    } catch {
      return false; // gone, or not ours to read
    }
  });
}

/** The PID of a child process of `pid` whose command line contains `text`, or null. */
function childWith(pid: number, text: string): number | null {
  const out = spawnSync("ps", ["-o", "pid=,args=", "--ppid", String(pid)], { encoding: "utf8" }).stdout;
  const line = out.split("\n").find((l) => l.includes(text));
  return line ? Number(line.trim().split(/\s+/)[0]) : null;
}

const NOTEBOOK = JSON.stringify({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } },
  cells: [{ cell_type: "code", id: "c0", metadata: {}, source: 'console.log("ran")', outputs: [], execution_count: null }],
});

describe("run-notebooks.js killed by SIGKILL at start-up", () => {
  // delays after the Python runner appeared: inside its imports (about 1-3 s on a busy machine)
  test.each([0, 300, 1000])("%i ms after the runner started: no orphan runs on, the notebook is not rewritten", async (delay) => {
    const dir = mkdtempSync(join(tmpdir(), "runner-startup-kill-"));
    const path = join(dir, "quick.ipynb");
    writeFileSync(path, NOTEBOOK);
    const parent = spawn(process.execPath, [join(ROOT, "scripts", "run-notebooks.js"), path], { stdio: "ignore" });
    let python: number | null = null;
    for (let t = 0; t < 400 && python === null; t++) {
      python = childWith(parent.pid!, "execute_notebooks.py");
      if (python === null) await sleep(25);
    }
    expect(python).not.toBeNull();
    await sleep(delay);
    parent.kill("SIGKILL");
    // long enough for an orphan to finish its imports, start the kernel, run the cell and write
    await sleep(15_000);
    const left = processesIn(dir);
    for (const pid of left) process.kill(pid, "SIGKILL");
    expect(left).toEqual([]);
    expect(readFileSync(path, "utf8")).toBe(NOTEBOOK);
    expect(readdirSync(dir)).toEqual(["quick.ipynb"]);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});

describe("the export killed by SIGKILL", () => {
  test("while it converts, its temporary folder is removed", async () => {
    // the export gets a temporary root of its own (TMPDIR, which Node, Python and Chromium honour):
    // whatever it or its children leave there is theirs, whatever else runs on the machine
    const tmp = mkdtempSync(join(tmpdir(), "export-kill-tmp-"));
    const out = mkdtempSync(join(tmpdir(), "export-kill-out-"));
    const exporter = spawn(process.execPath, [join(ROOT, "scripts", "export.js"), "01", "--out", out], { stdio: "ignore", env: { ...process.env, TMPDIR: tmp } });
    let made: string[] = [];
    for (let t = 0; t < 600 && made.length === 0; t++) {
      made = readdirSync(tmp).filter((f) => f.startsWith("export-"));
      if (made.length === 0) await sleep(50);
    }
    expect(made).toHaveLength(1);
    await sleep(1500); // inside the conversion (nbconvert, or Chromium for the PDF)
    exporter.kill("SIGKILL");
    await sleep(2000);
    expect(existsSync(join(tmp, made[0]))).toBe(false);
    expect(readdirSync(tmp)).toEqual([]);
    rmSync(tmp, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }, 60_000);
});
