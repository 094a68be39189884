// The scripts' shared option parsing (scripts/args.js) refuses a bad command line before any run
// (exit status 2, one line naming the option and the value), and the table scripts' tables come
// from the report API and match the rows they write with --json.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixed, withError } from "../lib/src/report/format";
import { correlationEffectTable, closedLoopTable } from "../lib/src/tutorial/notebook06/correlation-effect-table";
import { theoryTableReport, BEST_THEORY } from "../lib/src/tutorial";
import type { CorrelationEffect } from "../lib/src/experiments/input-correlations";
import type { TheoryRow, TheoryVerdict } from "../lib/src/experiments/theory-table";

const SCRIPTS = join(__dirname, "..", "scripts");

interface ScriptOptions {
  string(name: string): string | undefined;
  number(name: string, fallback: number): number;
  optionalNumber(name: string): number | undefined;
  flag(name: string): boolean;
  positionals: string[];
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { scriptOptions, UsageError } = require("../scripts/args") as {
  scriptOptions: (script: string, names: readonly string[], spec?: { flags?: readonly string[]; positionals?: boolean; argv?: string[] }) => ScriptOptions;
  UsageError: new (message: string) => Error;
};

/** The stderr and exit status of a script run with `args`. */
function run(script: string, args: string[]): { status: number; stderr: string } {
  try {
    execFileSync(process.execPath, [join(SCRIPTS, script), ...args], { stdio: "pipe", encoding: "utf8" });
    return { status: 0, stderr: "" };
  } catch (e) {
    const err = e as { status: number; stderr: string };
    return { status: err.status, stderr: err.stderr };
  }
}

describe("script options", () => {
  test("a value that is not a number stops the script with a message naming the option", () => {
    expect(run("input-correlations.js", ["--K", "abc"])).toEqual({ status: 2, stderr: 'input-correlations: --K must be a number, got "abc"\n' });
    expect(run("theory-table.js", ["--seeds", ""])).toEqual({ status: 2, stderr: 'theory-table: --seeds must be a number, got ""\n' });
    expect(run("export-pynn.js", ["--N", "1e3x"])).toEqual({ status: 2, stderr: 'export:pynn: --N must be a number, got "1e3x"\n' });
  });

  test("an unknown option or value is refused, naming the options there are", () => {
    expect(run("input-correlations.js", ["--external", "poisson"]).stderr).toMatch(/--external must be network or bernoulli, got poisson/);
    expect(run("theory-table.js", ["--seed", "3"])).toEqual({ status: 2, stderr: "theory-table: Unknown option '--seed' (options: --seeds, --json, --points)\n" });
    expect(run("run-notebooks.js", ["--kernel", "python"])).toEqual({ status: 2, stderr: "notebooks: --kernel must be tslab (the default) or deno, got python\n" });
  });

  test("switches, plain arguments and values are read as given", () => {
    const argv = ["03", "--out", "x", "--no-pdf", "05", "--n", "-2.5"];
    const opt = scriptOptions("s", ["out", "n", "k"], { flags: ["no-pdf", "hand-in"], positionals: true, argv });
    expect([opt.string("out"), opt.number("n", 0), opt.optionalNumber("k"), opt.number("k", 7)]).toEqual(["x", -2.5, undefined, 7]);
    expect([opt.flag("no-pdf"), opt.flag("hand-in"), opt.positionals]).toEqual([true, false, ["03", "05"]]);
  });

  test("a missing value, a value that is another option, or a plain argument where none is taken is a usage error", () => {
    const parse = (argv: string[], positionals = false) => () => scriptOptions("s", ["out"], { flags: ["no-pdf"], positionals, argv });
    expect(parse(["--out"])).toThrow(new UsageError("s: --out needs a value, got nothing"));
    expect(parse(["--out", "--no-pdf"])).toThrow(new UsageError('s: --out needs a value, got "--no-pdf"'));
    expect(parse(["03"])).toThrow(UsageError);
    expect(parse(["03"], true)().positionals).toEqual(["03"]);
  });
});

describe("the correlation tables", () => {
  const s = (mean: number) => ({ mean, se: 0.01, perSeed: [mean] });
  const population = { network: s(29), real: s(29.1), shifted: s(30.5), difference: s(-1.4), realMinusNetwork: s(0.1), freeMean: s(0), freeVariance: { real: s(2.4), shifted: s(2.6) } };
  const openLoop = { mean: [-1.4, -1.2], covariance: [[1e-4, 0], [0, 1e-4]] };
  const effect = { E: population, I: population, openLoop } as unknown as CorrelationEffect;

  test("one row per population with mean ± SE", () => {
    const lines = correlationEffectTable(effect).markdown.split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[2]).toBe("| E | 29.000 ± 0.010 | 29.100 ± 0.010 | 30.500 ± 0.010 | -1.400 ± 0.010 | 0.100 ± 0.010 | 2.400 ± 0.010 | 2.600 ± 0.010 |");
  });

  test("input-correlations.js prints the report-API tables of the run it writes with --json", () => {
    const dir = mkdtempSync(join(tmpdir(), "input-correlations-"));
    try {
      const args = ["--K", "20", "--seeds", "2", "--neurons", "20", "--duration", "0.7", "--json", join(dir, "run.json")];
      const out = execFileSync(process.execPath, [join(SCRIPTS, "input-correlations.js"), ...args], { stdio: "pipe", encoding: "utf8" });
      const { effect: run, renewal } = JSON.parse(readFileSync(join(dir, "run.json"), "utf8")) as { effect: CorrelationEffect; renewal: { rE: number; rI: number; jacobian: number[][]; poissonJacobian: number[][] } };
      expect(out).toContain(correlationEffectTable(run).markdown);
      expect(out).toContain(closedLoopTable(run, [{ name: "Poisson-input", jacobian: renewal.poissonJacobian }, { name: "renewal", jacobian: renewal.jacobian }]).markdown);
      expect(out).toContain(`| E | ${fixed(renewal.rE, 3)} | ${withError(run.E.network.mean - renewal.rE, run.E.network.se, 3)} |`);
      expect(out).not.toMatch(/NaN|undefined/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test("without feedback (Jacobian of phi(r) - r equal to -1) the closed loop is the open loop", () => {
    const text = closedLoopTable(effect, [{ name: "no feedback", jacobian: [[-1, 0], [0, -1]] }]).markdown;
    expect(text.split("\n")[2]).toBe("| no feedback: -1.000, 0.000; 0.000, -1.000 | -1.400 ± 0.010 | -1.200 ± 0.010 |");
  });
});

describe("theory-table.js", () => {
  test("--points refuses an item that is not two numbers K:rX", () => {
    expect(run("theory-table.js", ["--points", "25:10,25"])).toEqual({ status: 2, stderr: 'theory-table: --points must be K:rX pairs separated by commas (25:10,100:10), got "25"\n' });
    expect(run("theory-table.js", ["--points", "25:ten"])).toEqual({ status: 2, stderr: 'theory-table: --points must be a number, got "ten"\n' });
  });

  /** A theory's cell: its deviations from the simulation in % (E, I), ✓ when both lie within 2 SE. */
  const deviation = (v: TheoryVerdict) => `${v.relative.map((x) => `${x >= 0 ? "+" : ""}${fixed(100 * x, 1)}`).join(", ")}${v.withinTwoSE ? " ✓" : ""}`;
  const cells = (line: string) => line.replace(/^\|\s*|\s*\|$/g, "").split(/\s*\|\s*/);

  test("prints one row per point (K, r_X, usable runs, simulated rates, one column per theory, within 1 %), the rows it writes with --json", () => {
    const dir = mkdtempSync(join(tmpdir(), "theory-table-"));
    try {
      const points = [{ K: 25, rX: 10 }, { K: 25, rX: 20 }];
      const args = ["--points", points.map((p) => `${p.K}:${p.rX}`).join(","), "--seeds", "2", "--json", join(dir, "rows.json")];
      const out = execFileSync(process.execPath, [join(SCRIPTS, "theory-table.js"), ...args], { stdio: "pipe", encoding: "utf8" });
      const rows = JSON.parse(readFileSync(join(dir, "rows.json"), "utf8")) as TheoryRow[];
      expect(rows.map((r) => ({ K: r.K, rX: r.rX, usable: r.sim.usable }))).toEqual(points.map((p) => ({ ...p, usable: 2 })));
      expect(out).toBe(theoryTableReport(rows).markdown + "\n");
      const [header, rule, ...lines] = out.trimEnd().split("\n").map(cells);
      expect(header.slice(0, 5)).toEqual(["K", "r_X (Hz)", "runs", "sim r_E (Hz)", "sim r_I (Hz)"]);
      expect(header[header.length - 1]).toBe("within 1 %");
      expect(header.filter((h) => h.endsWith(": E, I (%)"))).toHaveLength(Object.keys(rows[0].verdicts).length);
      expect(rule).toHaveLength(header.length);
      expect(lines).toHaveLength(points.length);
      lines.forEach((line, i) => {
        const r = rows[i];
        const runs = r.sim.runs > r.sim.usable ? `${r.sim.usable} of ${r.sim.runs}` : String(r.sim.runs);
        expect(line.slice(0, 5)).toEqual([String(r.K), String(r.rX), runs, withError(r.sim.E.mean, r.sim.E.se, 2), withError(r.sim.I.mean, r.sim.I.se, 2)]);
        expect(line.slice(5, -1).sort()).toEqual(Object.values(r.verdicts).map(deviation).sort());
        expect(line[line.length - 1]).toBe(r.verdicts[BEST_THEORY].withinOnePercent ? "yes" : "no");
      });
      expect(out).not.toMatch(/NaN|undefined|Infinity/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
