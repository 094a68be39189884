import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pynnParameters } from "../lib/src/pynn/translate";
import { exportPyNN, pynnScript, pynnTemplatePath } from "../lib/src/pynn/script";

/** The script's PYNN dict and imports, evaluated by Python itself (standard library only). */
function pythonView(script: string): { pynn: Record<string, unknown>; imports: string[] } {
  const code = [
    "import ast, json, sys",
    "src = open(sys.argv[1]).read()",
    "tree = ast.parse(src)",
    "ns = {}",
    "for node in tree.body:",
    "    if isinstance(node, ast.Assign) and node.targets[0].id in ('PYNN', 'MODEL', 'MV_PER_UNIT'):",
    "        exec(compile(ast.Module([node], []), 'x', 'exec'), ns)",
    "imports = [a.name for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names]",
    "print(json.dumps({'pynn': ns['PYNN'], 'imports': imports}))",
  ].join("\n");
  const r = spawnSync("python3", ["-c", code, script], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

describe("PyNN parameter translation", () => {
  const d = pynnParameters({ seed: 1 }).pynn;

  test("tau' makes one exact leak step equal ei-balance's Euler factor: exp(-dt/tau') = 1 - dt/tau", () => {
    expect(Math.exp(-d.dt_ms / d.tau_m_ms)).toBeCloseTo(1 - 0.1 / 20, 15);
    expect(d.tau_m_ms).toBeCloseTo(19.95, 3); // slightly below tau = 20 ms
    const p = pynnParameters({ seed: 1, params: { tau: 0.01, dt: 5e-4, duration: 1 } }).pynn;
    expect(Math.exp(-p.dt_ms / p.tau_m_ms)).toBeCloseTo(1 - 0.5 / 10, 15);
  });

  test("times are in ms: dt, delay = dt, duration, and the run of T - dt (T/dt - 1 steps)", () => {
    expect(d).toMatchObject({ dt_ms: 0.1, delay_ms: 0.1, duration_ms: 2000, tau_refrac_ms: 0, rate_X_Hz: 10 });
    expect(d.run_ms).toBeCloseTo(1999.9, 9);
  });

  test("voltages in mV: one unit of V is 20 mV by default, weights are J_ab / sqrt(K) in those units, inhibition negative", () => {
    expect(d).toMatchObject({ v_thresh_mV: 20, v_reset_mV: 0, v_rest_mV: 0 });
    expect(d.weights_mV).toEqual({ EE: 2, EI: -5, EX: 4, IE: 2, II: -4, IX: 2 }); // (1, -2.5, 2, 1, -2, 1) / sqrt(100) * 20
    const big = pynnParameters({ seed: 1, params: { N: 100000, K: 1000 } }).pynn;
    expect(big.weights_mV.EI).toBeCloseTo((-2.5 / Math.sqrt(1000)) * 20, 14);
  });

  test("the voltage scale changes the numbers, not the model: weight / threshold stays J / (sqrt(K) V_th)", () => {
    const a = pynnParameters({ seed: 1, millivoltsPerUnit: 1 }).pynn;
    const b = pynnParameters({ seed: 1, millivoltsPerUnit: 15, params: { vTh: 2 } }).pynn;
    expect(a.v_thresh_mV).toBe(1);
    expect(a.weights_mV.EX / a.v_thresh_mV).toBeCloseTo(0.2, 15);
    expect(b.weights_mV.EX / b.v_thresh_mV).toBeCloseTo(0.1, 15);
  });

  test("bad options throw ParameterErrors naming the parameter", () => {
    expect(() => pynnParameters({ seed: 1.5 })).toThrow(/pynnParameters: seed must be an integer >= 0 and <= 268435456, got 1.5/);
    expect(() => pynnParameters({ seed: 1, record: 1001 })).toThrow(/record must be an integer >= 0 and <= 1000/);
    expect(() => pynnParameters({ seed: 1, millivoltsPerUnit: 0 })).toThrow(/millivoltsPerUnit must be a finite number > 0/);
    expect(() => pynnParameters({ seed: 1, initialV: "random" as "zero" })).toThrow(/initialV must be "zero" or "uniform"/);
    expect(() => pynnParameters({ seed: 1, params: { K: 2000 } })).toThrow(/networkParams: K must be/);
  });
});

describe("the exported PyNN script", () => {
  test("with the SPEC's defaults it is the template itself (the template runs as it is)", () => {
    expect(pynnScript({ seed: 1 })).toBe(readFileSync(pynnTemplatePath, "utf8"));
  });

  test("Python reads the parameters the library translated, and exportPyNN writes the script and a JSON of them", () => {
    const out = mkdtempSync(join(tmpdir(), "pynn-"));
    const options = { seed: 3, params: { N: 100000, K: 1000, duration: 1 }, initialV: "uniform" as const, record: 500 };
    const files = exportPyNN({ ...options, out });
    const expected = pynnParameters(options).pynn;
    expect(pythonView(files.script).pynn).toEqual(JSON.parse(JSON.stringify(expected)));
    const json = JSON.parse(readFileSync(files.params, "utf8"));
    expect(json.pynn).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(json.model.N).toBe(100000);
  });

  test("a folder that cannot be made or written names out, and never hangs (/proc)", () => {
    const base = mkdtempSync(join(tmpdir(), "pynn-out-"));
    writeFileSync(join(base, "file"), "x");
    expect(() => exportPyNN({ seed: 1, out: join(base, "file") })).toThrow(/^exportPyNN: out = ".*file": .*file is a file, not a folder$/);
    expect(() => exportPyNN({ seed: 1, out: join(base, "file", "sub") })).toThrow(/^exportPyNN: out = ".*sub": .*file is a file, not a folder$/);
    expect(() => exportPyNN({ seed: 1, out: "/proc/1/ei-balance/x" })).toThrow(/^exportPyNN: out = "\/proc\/1\/ei-balance\/x": cannot create the folder \/proc\/1\/ei-balance \(/);
    rmSync(base, { recursive: true, force: true });
  });

  test("at module level it imports only the standard library: the NEST branch loads nothing that is missing elsewhere", () => {
    const { imports } = pythonView(pynnTemplatePath);
    expect(imports.sort()).toEqual(["argparse", "json", "os", "sys", "time"]);
    const help = spawnSync("python3", [pynnTemplatePath, "--help"], { encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--simulator \{nest,brian2,neuron\}/);
    const bad = spawnSync("python3", [pynnTemplatePath, "--simulator", "nest", "--seed", "-1"], { encoding: "utf8" });
    expect(bad.stderr).toMatch(/--seed must be an integer in \[0, 2\^28\]/);
  });
});
