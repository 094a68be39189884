// The exported PyNN script run by a real engine (Brian2 through PyNN, numpy code generation),
// its spikes read back and its population rates compared with ours, seed against seed.
// Needs PyNN and Brian2 for /usr/bin/python3 (npm run setup installs Debian's python3-pynn and
// python3-brian as root), or PYNN_PYTHON. Without them the test is skipped with a warning, unless
// REQUIRE_PYNN=1 (CI), where their absence fails it.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportPyNN } from "../lib/src/pynn/script";
import { findPyNN } from "../lib/src/pynn/python";
import { runPyNN } from "../lib/src/pynn/run";
import { readPyNNRun } from "../lib/src/pynn/read-run";
import { meanRates } from "../lib/src/network/rates";
import { networkRateSweep } from "../lib/src/experiments/rate-sweep";
import { twoSampleDifference } from "../lib/src/math/two-sample";

const BRIAN2_SEEDS = [1, 2, 3, 4];
const OUR_SEEDS = Array.from({ length: 20 }, (_, k) => 100 + k);
const TRANSIENT = 0.2; // s dropped before counting
const { python, hint } = findPyNN("brian2");
if (!python && process.env.REQUIRE_PYNN === "1") throw new Error(hint);
if (!python) console.warn(`skipping the Brian2 comparison: ${hint}`);
const maybe = python ? describe : describe.skip;

/** Runs the script for every seed, two processes at a time (the machine has 2 cores). */
async function brian2Rates(script: string): Promise<{ E: number[]; I: number[]; spikes: number }> {
  const E: number[] = [];
  const I: number[] = [];
  let spikes = 0;
  for (let q = 0; q < BRIAN2_SEEDS.length; q += 2) {
    const runs = await Promise.all(BRIAN2_SEEDS.slice(q, q + 2).map((seed) => runPyNN({ script, seed, simulator: "brian2", codegen: "numpy", timeoutSeconds: 1200 })));
    for (const r of runs) {
      const run = readPyNNRun(r.dir);
      const m = meanRates(run, { transient: TRANSIENT });
      E.push(m.E.mean);
      I.push(m.I.mean);
      spikes += run.E.totalSpikes + run.I.totalSpikes;
    }
  }
  return { E, I, spikes };
}

maybe("the default network through PyNN and Brian2", () => {
  test("gives the population rates of our simulator within 4 standard errors (pooled seed-to-seed spread of both)", async () => {
    const { script } = exportPyNN({ seed: 1, out: mkdtempSync(join(tmpdir(), "pynn-brian2-")) });
    const theirs = await brian2Rates(script);
    const ours = networkRateSweep({ rX: [10], seeds: OUR_SEEDS, transient: TRANSIENT })[0];
    expect(theirs.spikes).toBeGreaterThan(0);
    for (const pop of ["E", "I"] as const) {
      const d = twoSampleDifference(ours[pop].perSeed, theirs[pop]);
      console.log(
        `${pop}: ours ${ours[pop].mean.toFixed(2)} +- ${ours[pop].sem.toFixed(2)} Hz (${OUR_SEEDS.length} seeds), ` +
          `Brian2 ${(ours[pop].mean + d.difference).toFixed(2)} Hz (${BRIAN2_SEEDS.length} seeds: ${theirs[pop].map((r) => r.toFixed(2)).join(", ")}); ` +
          `residual model difference ${d.difference.toFixed(2)} +- ${d.se.toFixed(2)} Hz (z = ${d.z.toFixed(2)})`,
      );
      expect(Math.abs(d.z)).toBeLessThan(4);
    }
  }, 1_800_000);
});
