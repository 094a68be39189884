import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { findPyNN, PyNNSimulator } from "./python";
import { checkNumber, invalid } from "../core/validate";

/** Options of {@link runPyNN}. */
export interface RunPyNNOptions {
  /** Path of the exported script (`pynn_network.py` from `exportPyNN`). */
  script: string;
  /** Back end; default "brian2". */
  simulator?: PyNNSimulator;
  /** Seed, an integer in [0, 2^28]; default the script's. */
  seed?: number;
  /** Output folder; default `<script folder>/<simulator>-seed<seed>`. */
  out?: string;
  /** Brian2 code generation: "numpy" (default, no compiler) or "cython" (compiled once, cached). */
  codegen?: "numpy" | "cython";
  /** Python interpreter; default the one {@link findPyNN} finds. */
  python?: string;
  /** Called with simulated seconds done and the total (s) as the script reports progress. */
  onProgress?: (doneSeconds: number, totalSeconds: number) => void;
  /** Wall-time limit (s), default 600: the process is killed beyond it. */
  timeoutSeconds?: number;
}

/** Result of {@link runPyNN}. */
export interface PyNNRunInfo {
  /** Folder holding `spikes_E.txt`, `spikes_I.txt` and `run.json`. */
  dir: string;
  /** Wall time of the whole Python process (s): start-up, imports, build, simulation, writing. */
  wallSeconds: number;
}

function commandLine(o: RunPyNNOptions, script: string): string[] {
  const args = [script, "--simulator", o.simulator ?? "brian2", "--codegen", o.codegen ?? "numpy"];
  if (o.seed !== undefined) args.push("--seed", String(checkNumber("runPyNN", "seed", o.seed, { integer: true, min: 0, max: 2 ** 28 })));
  if (o.out !== undefined) args.push("--out", resolve(o.out));
  return args;
}

/**
 * Runs an exported PyNN script in a child process (asynchronously, so a notebook can show its
 * progress) and waits for it to finish.
 * @param options the script, simulator, seed, output folder, interpreter, progress callback
 * @returns the output folder (read it with `readPyNNRun`) and the process's wall time (s)
 * @throws ParameterError for a missing script or bad options, or when no Python with PyNN and
 *   the simulator is found (with the install command); the promise rejects with the script's
 *   last error lines when it fails or exceeds the time limit.
 */
export async function runPyNN(options: RunPyNNOptions): Promise<PyNNRunInfo> {
  const where = "runPyNN";
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const script = resolve(String(options.script));
  if (!existsSync(script)) invalid(where, "script", options.script, "the path of an exported script (exportPyNN)");
  const simulator = options.simulator ?? "brian2";
  if (!["nest", "brian2", "neuron"].includes(simulator)) invalid(where, "simulator", simulator, '"nest", "brian2" or "neuron"');
  if (options.codegen !== undefined && options.codegen !== "numpy" && options.codegen !== "cython") invalid(where, "codegen", options.codegen, '"numpy" or "cython"');
  const timeout = checkNumber(where, "timeoutSeconds", options.timeoutSeconds ?? 600, { min: 0, minInclusive: false, unit: "s" });
  const python = options.python ?? findPyNN(simulator).python;
  if (python === null) invalid(where, "python", null, findPyNN(simulator).hint);
  const args = commandLine(options, script);
  const seed = options.seed ?? Number(/"seed": (\d+)/.exec(readFileSync(script, "utf8"))?.[1] ?? 0);
  const dir = options.out !== undefined ? resolve(options.out) : join(dirname(script), `${simulator}-seed${seed}`);
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn(python as string, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    let pending = "";
    child.stderr.on("data", (d: Buffer) => { stderr = (stderr + d.toString()).slice(-20_000); });
    child.stdout.on("data", (d: Buffer) => {
      const lines = (pending + d.toString()).split("\n");
      pending = lines.pop() ?? "";
      for (const l of lines) {
        const m = /^progress (\S+) (\S+)/.exec(l);
        if (m && options.onProgress) options.onProgress(Number(m[1]) / 1e3, Number(m[2]) / 1e3);
      }
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeout * 1e3);
    child.on("error", (e) => { clearTimeout(timer); reject(new Error(`${where}: cannot start ${python}: ${e.message}`)); });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolvePromise({ dir, wallSeconds: (performance.now() - t0) / 1e3 });
      const tail = stderr.split("\n").filter((l) => l.trim() !== "" && !/Warning|^\s+(if not hasattr|obj = getattr)/.test(l)).slice(-12).join("\n");
      reject(new Error(`${where}: ${python} ${args.join(" ")} failed (${signal ? `killed by ${signal}${signal === "SIGKILL" ? `, time limit ${timeout} s` : ""}` : `exit ${code}`}):\n${tail}`));
    });
  });
}
