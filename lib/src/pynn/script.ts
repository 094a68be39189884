import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { PyNNExportOptions, PyNNTranslation, pynnParameters } from "./translate";
import { invalid, ParameterError, within } from "../core/validate";

/** The script's template: a runnable PyNN script with the model's defaults (docs/MODEL.md) (lib/python/). */
export const pynnTemplatePath = join(__dirname, "..", "..", "python", "pynn_network.py");

const BEGIN = "# --- parameters (written by ei-balance's exportPyNN) ---";
const END = "# --- end of parameters ---";

/** A value as a Python literal, spaced as Python prints it (numbers, strings, arrays and plain objects). */
function py(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(py).join(", ")}]`;
  if (value !== null && typeof value === "object") return `{${Object.entries(value).map(([k, v]) => `${py(k)}: ${py(v)}`).join(", ")}}`;
  return JSON.stringify(value);
}

function parameterBlock(t: PyNNTranslation): string {
  const m = t.model;
  const p = t.pynn;
  const model = { N: m.N, K: m.K, tau_s: m.tau, vTh: m.vTh, dt_s: m.dt, duration_s: m.duration, rX_Hz: m.rX, J: m.J, JX: m.JX, initialV: p.initial_v };
  const line = (key: keyof typeof p, comment = "") => `    ${py(key)}: ${py(p[key])},${comment ? `  # ${comment}` : ""}`;
  return [
    BEGIN,
    `MODEL = ${py(model)}  # ei-balance's parameters: seconds, hertz, dimensionless V and weights`,
    `MV_PER_UNIT = ${py(t.millivoltsPerUnit)}  # mV per unit of ei-balance's V: V_th = ${m.vTh} is ${p.v_thresh_mV} mV above rest`,
    "PYNN = {  # the same network in PyNN's units (ms, mV, nF, nA, Hz)",
    line("N"), line("K"), line("dt_ms"),
    line("run_ms", "T - dt: ei-balance's T/dt bins hold T/dt - 1 steps"),
    line("duration_ms"),
    line("tau_m_ms", "tau' = -dt / ln(1 - dt/tau)"),
    line("v_thresh_mV"), line("v_reset_mV"), line("v_rest_mV"), line("tau_refrac_ms"), line("cm_nF"), line("i_offset_nA"),
    line("delay_ms"), line("rate_X_Hz"),
    line("weights_mV", "J_ab / sqrt(K) * MV_PER_UNIT"),
    line("initial_v", '"zero" or "uniform" in [0, v_thresh)'),
    line("record", "neurons recorded per population (the first ones)"),
    line("seed"),
    "}",
    END,
  ].join("\n");
}

/**
 * The standalone PyNN script of the E/I/X network with the given parameters: the template
 * `lib/python/pynn_network.py` (which documents the model, the mapping, its limits and the MPI
 * distribution) with its parameter block replaced by the translation of {@link pynnParameters}.
 * Run it with `python3 pynn_network.py --simulator nest|brian2|neuron [--seed S] [--out DIR]`.
 * @param options model parameters, seed, initial V, recording and voltage scale
 * @returns the script's text
 * @throws ParameterError for invalid options (see {@link pynnParameters}); Error when the
 *   template is missing its parameter block.
 */
export function pynnScript(options: PyNNExportOptions): string {
  const template = readFileSync(pynnTemplatePath, "utf8");
  const a = template.indexOf(BEGIN);
  const b = template.indexOf(END);
  if (a < 0 || b < a) throw new Error(`pynnScript: ${pynnTemplatePath} has no parameter block`);
  return template.slice(0, a) + parameterBlock(within("pynnScript", "options", () => pynnParameters(options))) + template.slice(b + END.length);
}

/** Options of {@link exportPyNN}: what {@link pynnScript} takes, and where to write. */
export interface PyNNExportFiles extends PyNNExportOptions {
  /** Output folder, created if needed. */
  out: string;
}

/** The files written by {@link exportPyNN} (absolute paths). */
export interface PyNNExport {
  /** The folder. */
  dir: string;
  /** The PyNN script, `pynn_network.py`. */
  script: string;
  /** The parameters as JSON, `params.json`: the model, the seed, the scale and the PyNN values. */
  params: string;
}

/**
 * Writes the PyNN script of the network ({@link pynnScript}) and a JSON of its parameters into
 * `out`. Running the script writes its spikes into `<out>/<simulator>-seed<seed>/`, which
 * `readPyNNRun` reads back.
 * @param options model parameters, seed, initial V, recording, voltage scale and the folder
 * @returns the paths written
 * @throws ParameterError for invalid options or an empty `out`, and naming `out` when its folder
 *   cannot be made (a part of the path is a file, no permission, /proc) or a file cannot be written.
 */
export function exportPyNN(options: PyNNExportFiles): PyNNExport {
  if (options === null || typeof options !== "object") invalid("exportPyNN", "options", options, "an object");
  if (typeof options.out !== "string" || options.out === "") invalid("exportPyNN", "out", options.out, "a folder path");
  const script = within("exportPyNN", "options", () => pynnScript(options));
  const t = within("exportPyNN", "options", () => pynnParameters(options));
  const dir = resolve(options.out);
  const fail = (what: string, e?: unknown): never => {
    throw new ParameterError(`exportPyNN: out = ${JSON.stringify(options.out)}: ${what}${e ? ` (${(e as Error).message})` : ""}`);
  };
  makeFolder(dir, fail);
  const files = { dir, script: join(dir, "pynn_network.py"), params: join(dir, "params.json") };
  const json = { generatedBy: "ei-balance exportPyNN", model: t.model, seed: t.pynn.seed, millivoltsPerUnit: t.millivoltsPerUnit, pynn: t.pynn };
  for (const [file, text, mode] of [[files.script, script, 0o755], [files.params, JSON.stringify(json, null, 2) + "\n", 0o644]] as const) {
    try {
      writeFileSync(file, text, { mode });
    } catch (e) {
      fail(`cannot write ${file}`, e);
    }
  }
  return files;
}

/**
 * Creates the folder `dir` and its missing parents one at a time (Node's recursive mkdirSync
 * never returns for some paths under /proc); `fail` names what went wrong: a parent or `dir`
 * that is a file, or a folder that cannot be created (permissions, a read-only file system).
 */
function makeFolder(dir: string, fail: (what: string, e?: unknown) => never): void {
  const missing: string[] = [];
  let at = dir;
  while (!existsSync(at) && dirname(at) !== at) {
    missing.unshift(at);
    at = dirname(at);
  }
  if (!statSync(at).isDirectory()) fail(`${at} is a file, not a folder`);
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (e) {
      fail(`cannot create the folder ${folder}`, e);
    }
  }
}
