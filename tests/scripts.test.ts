// The table scripts: shared option parsing (scripts/args.js) refuses bad values before any run,
// and their tables come from the report API.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { correlationEffectTable, closedLoopTable } from "../lib/src/tutorial/notebook06/correlation-effect-table";
import type { CorrelationEffect } from "../lib/src/experiments/input-correlations";

const SCRIPTS = join(__dirname, "..", "scripts");

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
    expect(run("input-correlations.js", ["--K", "abc"])).toEqual({ status: 1, stderr: 'input-correlations: --K must be a number, got "abc"\n' });
    expect(run("theory-table.js", ["--seeds", ""])).toEqual({ status: 1, stderr: 'theory-table: --seeds must be a number, got ""\n' });
  });

  test("an unknown option or value is refused", () => {
    expect(run("input-correlations.js", ["--external", "poisson"]).stderr).toMatch(/--external must be network or bernoulli, got poisson/);
    expect(run("theory-table.js", ["--seed", "3"]).stderr).toMatch(/Unknown option '--seed'/);
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

  test("without feedback (Jacobian of phi(r) - r equal to -1) the closed loop is the open loop", () => {
    const text = closedLoopTable(effect, [{ name: "no feedback", jacobian: [[-1, 0], [0, -1]] }]).markdown;
    expect(text.split("\n")[2]).toBe("| no feedback: -1.000, 0.000; 0.000, -1.000 | -1.400 ± 0.010 | -1.200 ± 0.010 |");
  });
});
