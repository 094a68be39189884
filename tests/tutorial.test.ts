// The tutorial layer's notebook helpers (lib/src/tutorial): what they compute from a small run.
import { poissonTrains } from "../lib/src/spikes/poisson";
import { chiSquareTest } from "../lib/src/math/goodness-of-fit";
import { binomialPmf } from "../lib/src/math/distributions";
import { check } from "../lib/src/report/verdict";
import { coincidenceRate } from "../lib/src/theory/coincidence";
import { replayInputs } from "../lib/src/analysis/input-replay";
import { simulateSingleNeuron } from "../lib/src/experiments/single-neuron";
import { simulateNetwork } from "../lib/src/network/simulate";
import { countComparison, countLaws, chiSquareSentence } from "../lib/src/tutorial/poisson-spike-trains";
import { firingWindowLine, lateFirings, replayReport, singleInputChart, stepDeviation } from "../lib/src/tutorial/lif-single-input";
import { engineRasters, exportRouteReport, readBackLine } from "../lib/src/tutorial/notebook08/reports";
import { continuousZ, diffusionAt, largestAbs, momentsByK, kTable } from "../lib/src/tutorial/lif-many-inputs";
import { balancedGroups, poissonDistances, runIrregularity } from "../lib/src/tutorial/lif-excitation-inhibition";
import { siegertRate } from "../lib/src/theory/siegert";
import { networkParams } from "../lib/src/network/params";
import { balancedRates } from "../lib/src/theory/balanced-rates";
import { balanceTable, burstReduction, compareSweep, firstPeak, rateDifference } from "../lib/src/tutorial/full-network";
import { batchMeans, summarize } from "../lib/src/math/statistics";
import { balanceConditions } from "../lib/src/theory/balance-conditions";
import { remainderLeft, scoreSentence } from "../lib/src/tutorial/notebook06/section-reports";
import { meanFieldError } from "../lib/src/tutorial/notebook06/async-rates-report";

describe("notebook 01", () => {
  const x = poissonTrains({ n: 200, rate: 10, duration: 1, dt: 1e-3, seed: 3 });

  test("the count table compares mean, variance, Fano factor and rate with the binomial law", () => {
    const table = countComparison(x, 10);
    expect(table.verdicts[0].record.id).toBe("mean-count");
    expect(table.markdown).toMatch(/\| mean count per neuron \| .* \| 10\.000 \|/);
    expect(table.markdown).toMatch(/\| Fano factor \(variance \/ mean\) \| .* \| 0\.990 \|/);
  });

  test("the law curves hold N P(n = k) for k = 0..40", () => {
    const [binomial, poisson] = countLaws(x, 10);
    expect(binomial.x).toHaveLength(41);
    expect(binomial.y[10]).toBeCloseTo(200 * binomialPmf(1000, 0.01, 10), 12);
    expect(Array.from(poisson.y).reduce((s, v) => s + v, 0)).toBeCloseTo(200, 6);
  });

  test("the chi-square sentence states the statistic, the degrees of freedom and the verdict", () => {
    const fit = chiSquareTest(x.counts(), (k) => binomialPmf(1000, 0.01, k), { kMax: 60 });
    const v = check({ id: "fit", holds: fit.consistent, yes: "fits", no: "does not fit" });
    expect(chiSquareSentence(fit, v).markdown).toBe(
      `χ² = ${fit.statistic.toFixed(1)} with ${fit.dof} degrees of freedom (expected ${fit.dof} ± ${Math.sqrt(2 * fit.dof).toFixed(1)}): **${fit.consistent ? "fits" : "does not fit"}**.`);
  });
});

describe("notebook 02", () => {
  const dt = 1e-4;
  const theory = coincidenceRate({ rate: 10, w: 0.9, vTh: 1, dt: dt, tau: 0.02 });
  const run = simulateSingleNeuron({ groups: [{ count: 1, weight: 0.9, rate: 10 }], duration: 2, dt: dt, tau: 0.02, vTh: 1, seed: 1, recordV: true });
  const rp = replayInputs(run.inputs[0].bins, run.spikes.bins, run.spikes.nBins, { a: theory.a, w: 0.9, vTh: 1, M: theory.M });

  test("the firing window line brackets the threshold", () => {
    expect(firingWindowLine(theory, 0.9, dt)).toMatch(/^M = 438 bins = 43\.8 ms; w a\^M \+ w = 1\.000\d+ > 1 >= w a\^\(M\+1\) \+ w = 0\.999\d+$/);
  });

  test("the replay table has a row per input and the sentence counts the inputs", () => {
    const [table, checks, verdict] = replayReport(rp, run.inputs[0].spikeTimes(0), dt, check({ id: "r", holds: true, yes: "ok", no: "no" }));
    expect(table.markdown.split("\n")).toHaveLength(2 + rp.gap.length);
    expect(checks.markdown).toContain(`| inputs where the exact rule and the simulation agree | ${rp.gap.length} of ${rp.gap.length} |`);
    expect(verdict.verdicts.map((v) => v.record.id)).toEqual(["r"]);
  });

  test("the chart stacks V(t) over the spike ticks; the step deviation is the largest |z|", () => {
    expect((singleInputChart(run, 0.9, 10, 1) as { vconcat: unknown[] }).vconcat).toHaveLength(2);
    const byGap = { centres: [1, 2], n: [10, 10], fired: [5, 9], fraction: [0.5, 0.9], se: [0.1, 0.1] };
    expect(stepDeviation(byGap, 0.7, 2)).toBeCloseTo(2, 12);
    const classes = { centres: [1, 2, 3, 4], n: [10, 10, 8, 6], fired: [5, 9, 2, 0], fraction: [0.5, 0.9, 0.25, 0], se: [0.1, 0.1, 0.1, 0.1] };
    expect(lateFirings(classes, 2)).toEqual({ inputs: 14, fired: 2, beyondNextClass: 0 });
  });
});

describe("notebook 08", () => {
  test("the export route: sizes within 4 GiB, the benchmark's times and their ratios, and the verdict", () => {
    const machine = { cpus: 2, cpuModel: "cpu", totalMemoryBytes: 2 ** 34, loadBefore: 1, loadAfter: 1 };
    const py = { command: "npm run bench -- pynn", date: "2026-11-30T00:00:00Z", commit: "0123456789", machine: machine, note: "Shared.",
      duration: 2, ours: { wholeSeconds: 4, loopSeconds: 0.5 }, brian2: { wholeSeconds: 40, loopSeconds: 20, versions: "v" } };
    const parts = exportRouteReport(py, check({ id: "f", holds: true, yes: "ours", no: "theirs" }));
    expect(parts[2].markdown.split("\n")[3]).toBe("| Brian2 (v, numpy) | 20.0 | 40.0 | 40 | 10.0 |");
    expect(parts[3].markdown).toBe("Simulation loops on one machine, ours against Brian2's numpy target (its compiled targets not measured): **ours**.");
  });

  test("without Brian2 the notebook says so and draws our raster alone", () => {
    expect(readBackLine(null, "pip install pyNN")).toBe("PyNN/Brian2 are not installed, so this notebook skips the engine's run. pip install pyNN");
    const run = simulateNetwork({ params: { N: 100, K: 10, duration: 0.8 }, seed: 1 });
    expect((engineRasters(run, null) as { hconcat: unknown[] }).hconcat).toHaveLength(1);
  });
});

describe("notebook 03", () => {
  const setup = { rX: 10, tau: 0.02, dt: 1e-4, vTh: 1 };

  test("largestAbs, continuousZ and the diffusion rate at w", () => {
    expect(largestAbs([-3, 2, 1])).toBe(3);
    const row = { sim: { variance: 1.1, varianceSE: 0.05 }, theory: { continuous: { variance: 1 } } };
    expect(continuousZ([row as never])[0]).toBeCloseTo(2, 12);
    const { rate, sigma } = diffusionAt(4, 100, setup);
    expect(sigma).toBeCloseTo(4 * Math.sqrt(0.2 / 200), 14);
    expect(rate).toBe(siegertRate({ mu: 0.8, sigma: sigma, tau: 0.02, vTh: 1, vReset: 0 }));
  });

  test("momentsByK runs one free trace per K and the table has a row per K", () => {
    const rows = momentsByK([4, 16], 1, setup, 0.1, 10, "test");
    expect(rows.map((r) => r.K)).toEqual([4, 16]);
    expect(rows[1].theory.continuous.variance).toBeCloseTo(rows[0].theory.continuous.variance / 4, 14);
    expect(kTable(rows).markdown.split("\n")).toHaveLength(4);
  });
});

describe("notebook 04", () => {
  test("the balanced groups carry +w/sqrt(K) and -w/sqrt(K)", () => {
    const groups = balancedGroups(100, 10)(2);
    expect(groups.map((g) => g.weight)).toEqual([0.2, -0.2]);
  });

  test("a Poisson train's irregularity sits near 1 and the distances are measured from 1", () => {
    const x = poissonTrains({ n: 1, rate: 10, duration: 200, dt: 1e-4, seed: 5 });
    const s = runIrregularity(x);
    expect(Math.abs(s.fano.fano - 1) / s.fano.se).toBeLessThan(4);
    const d = poissonDistances(s, s);
    expect(d.dB).toBe(d.dE);
    expect(d.zF).toBeCloseTo((s.fano.fano - 1) / s.fano.se, 14);
  });
});

describe("notebook 05", () => {
  test("the balance table at the default weights: det J = 0.5, the ratios 2 > 1.25 > 1, a positive solution, r = (3, 2) r_X", () => {
    const table = balanceTable(networkParams()).toString();
    expect(table).toContain("| 0.5 |");
    expect(table).toContain("| 2, 1.25, 1 |");
    // the verdict with its numbers: det J and the margins of the two inequalities, 2 - 1.25 and 1.25 - 1
    expect(table).toContain("| **yes** (det J = 0.5; upper margin = 0.75; lower margin = 0.25) |");
    expect(table).toContain(String.raw`| 30 Hz $= 3\,r_X$ and 20 Hz $= 2\,r_X$ |`);
  });

  test("the balance table's verdict is no where the upper inequality fails (E silent)", () => {
    const p = networkParams({ JX: [1, 1] });
    expect(balanceConditions({ J: p.J, JX: p.JX, rX: p.rX }).state).toBe("E silent");
    const table = balanceTable(p).toString();
    expect(table).toMatch(/\| \*\*no\*\* \(det J = 0\.5; upper margin = -[0-9.]+; lower margin = 0\.25\) \|/);
    expect(table).toContain("| none: no positive solution |");
  });

  test("the sweep comparison resolves a deviation of 10 SE and not one of 1 SE", () => {
    const rate = (m: number) => ({ perSeed: [m, m], mean: m, sd: 0, sem: 0.1 });
    const sweep = [{ rX: 10, E: rate(31), I: rate(20.1) }];
    const c = compareSweep(sweep, [balancedRates({ rX: 10 })], 3.45);
    expect(c.resolved).toEqual(["$r_E$ (Hz) at $r_X$ = 10 Hz"]);
    expect(c.above).toEqual([10]);
    expect(c.worst).toBeCloseTo(1 / 30, 12);
  });

  test("the first peak is the bin of the first 0.1 s with the most E spikes, counted from the trains", () => {
    const run = simulateNetwork({ params: { N: 200, K: 20, duration: 0.2 }, seed: 1, recordPopulationRate: true });
    const perBin = new Array<number>(1000).fill(0);
    for (const b of run.E.bins) if (b < 1000) perBin[b]++;
    const best = perBin.indexOf(Math.max(...perBin));
    expect(firstPeak(run, 0.1)).toEqual({ neurons: perBin[best], t: best * 1e-4 * 1e3 });
  });

  test("the rate difference of two starts takes each run's SE from 20 batch means of its population rate", () => {
    const params = { N: 200, K: 20, duration: 0.6 };
    const run = simulateNetwork({ params, seed: 1, recordPopulationRate: true });
    const runU = simulateNetwork({ params, seed: 1, initialV: "uniform", recordPopulationRate: true });
    const steady = (r: typeof run) => summarize(batchMeans(r.populationRate!.E.subarray(2000), 20));
    const d = rateDifference(run, runU, 0.2);
    expect(d.dE).toBeCloseTo(steady(run).mean - steady(runU).mean, 10);
    expect(d.seE).toBeCloseTo(Math.hypot(steady(run).se, steady(runU).se), 10);
    expect(d.zDE).toBeCloseTo(d.dE / d.seE, 12);
    expect(rateDifference(run, run, 0.2)).toMatchObject({ dE: 0, zDE: 0, dI: 0, zDI: 0 });
  });

  test("the uniform start reduces the burst but leaves one when its peak is 5 Poisson SDs above the asynchronous level", () => {
    // level = 29 Hz x 1000 neurons x 0.1 ms = 2.9 spikes per bin; 108 >> 2.9 + 5 sqrt(2.9)
    expect(burstReduction({ neurons: 608 }, { neurons: 108 }, 29, 1000, 1e-4)).toMatchObject({ level: expect.closeTo(2.9, 12), reducedNotRemoved: true });
    expect(burstReduction({ neurons: 608 }, { neurons: 9 }, 29, 1000, 1e-4).reducedNotRemoved).toBe(false);
    expect(burstReduction({ neurons: 100 }, { neurons: 108 }, 29, 1000, 1e-4).reducedNotRemoved).toBe(false);
  });
});

describe("notebook 06", () => {
  test("the mean field's error is the larger relative error of E and I", () => {
    const r = { K: 100, n: 20, runs: 20, E: { m: 29, se: 0.1 }, I: { m: 20, se: 0.1 }, mf: { rE: 30, rI: 21 } };
    expect(meanFieldError(r)).toBeCloseTo(0.05, 14);
  });

  test("the remainder left after the closed-loop shift, and the score sentence", () => {
    // simulation − input spectra (without the cross-covariance): 0.07, -0.32 Hz
    const at = { sim: { E: { mean: 29.07 }, I: { mean: 19.68 } }, spectra: { rE: 29, rI: 20 } } as never;
    const left = remainderLeft(at, { dr: [0.01, -0.14], se: [0.02, 0.01] } as never);
    expect(left[0]).toBeCloseTo(0.06, 12);
    expect(left[1]).toBeCloseTo(-0.18, 12);
    expect(scoreSentence({ maxDeviation: 0.02, withinOnePercent: 2, withinTwoSE: 0, rightSign: 9, rows: 9 }).markdown)
      .toBe("up to 2.0% off; within 1% at 2, within 2 SE at 0 and with the right sign of the deviation from the balanced limit at 9 of 9 points");
  });
});
