// Notebook 06's "what is left, part by part": the theory's open loop at the network's rates against
// test neurons, its two errors (own spectra against shifted trains, cross part against real −
// shifted), their closed-loop images through the row's Jacobian and what is left, with the
// verdicts and the report carrying the numbers they are built from; and the explanation at K = 25
// with 20 other networks than the notebook's (seeds 21-40: cross part short by 6.2, 5.8 SE; left 0.8 SE).
import type { TheoryRow } from "../lib/src/experiments/theory-table";
import { closedLoopShift } from "../lib/src/theory/closed-loop-shift";
import { correlatedTransfer, solveCorrelatedMeanField } from "../lib/src/theory/correlated-mean-field";
import { openLoopParts, openLoopPartsReport, openLoopPartsVerdicts, type OpenLoopParts } from "../lib/src/tutorial/notebook06/open-loop-parts";
import { ParameterError } from "../lib/src/core/validate";
import { asynchronousRates } from "../lib/src/experiments/asynchronous-rates";
import { correlationEffect, type CorrelationEffect } from "../lib/src/experiments/input-correlations";
import { solveRenewalMeanField } from "../lib/src/theory/renewal-mean-field";

const jacobian = [[3.4, -9.9], [4.2, -8.4]];

describe("openLoopParts", () => {
  // the inputs' statistics of the theory at K = 100, r_X = 10 Hz (coarse grid: only their arithmetic is tested here)
  const inputs = solveCorrelatedMeanField({ K: 100, rX: 10 }, 1000, { subdivisions: 4 }).inputs;
  const row = {
    K: 100, rX: 10, sim: { E: { mean: 29.25, se: 0.07 }, I: { mean: 20.29, se: 0.05 } },
    correlated: { rE: 29.24, rI: 20.32, inputs }, renewal: { jacobian },
  } as unknown as TheoryRow;
  const pop = (network: number, shifted: number, se: number, diff: number, dse: number) => ({ network: { mean: network }, shifted: { mean: shifted, se }, difference: { mean: diff, se: dse } });
  const cov = [[0.01, 0.002], [0.002, 0.0081]];
  const xc = { params: { K: 100, rX: 10 }, E: pop(29.25, 30.66, 0.11, -1.46, 0.1), I: pop(20.29, 21.6, 0.1, -1.25, 0.09), openLoop: { mean: [-1.46, -1.25], covariance: cov } } as unknown as CorrelationEffect;

  test("the theory runs open loop at the network's rates; its errors' images and what is left add up to simulation − theory", () => {
    const p = openLoopParts(row, xc);
    const tr = correlatedTransfer({ K: 100, rX: 10 }, [29.25, 20.29], inputs);
    expect(p.theory).toEqual(tr);
    expect(p.ownError.mean).toEqual([30.66 - tr.own[0], 21.6 - tr.own[1]]);
    expect(p.ownError.se).toEqual([0.11, 0.1]);
    expect(p.cross.theory).toEqual([tr.withCross[0] - tr.own[0], tr.withCross[1] - tr.own[1]]);
    const own = closedLoopShift(jacobian, { mean: p.ownError.mean, covariance: [[0.11 ** 2, 0], [0, 0.1 ** 2]] });
    const cross = closedLoopShift(jacobian, { mean: [-1.46 - p.cross.theory[0], -1.25 - p.cross.theory[1]], covariance: cov });
    expect(p.images.own.dr).toEqual(own.dr);
    expect(p.images.cross.dr).toEqual(cross.dr);
    expect(p.miss.mean[1]).toBeCloseTo(20.29 - 20.32, 12);
    for (const a of [0, 1]) {
      expect(p.left.mean[a] + p.images.own.dr[a] + p.images.cross.dr[a]).toBeCloseTo(p.miss.mean[a], 12);
      expect(p.left.se[a]).toBeCloseTo(Math.sqrt(p.miss.se[a] ** 2 + own.covariance[a][a] + cross.covariance[a][a]), 12);
    }
  });

  test("a measurement at another point is refused, naming xc and both points", () => {
    const other = { ...xc, params: { K: 50, rX: 10 } } as unknown as CorrelationEffect;
    expect(() => openLoopParts(row, other)).toThrow(ParameterError);
    expect(() => openLoopParts(row, other)).toThrow(/openLoopParts: xc must be a measurement at the row's K = 100, r_X = 10 Hz, got .*K = 50/);
  });
});

describe("the verdicts and the report of the open-loop parts", () => {
  const shift = (dr: number[], se: number[]) => ({ dr, se, covariance: [[se[0] ** 2, 0], [0, se[1] ** 2]], response: [[1, 0], [0, 1]] });
  const parts = (ownErr: number[], crossTheory: number[], left: number[]): OpenLoopParts => ({
    K: 25, rX: 10, rates: [28.7, 20.1], theory: { own: [29.9, 21.1], withCross: [29.3, 20.5] },
    ownError: { mean: [ownErr[0], ownErr[1]], se: [0.16, 0.15] },
    cross: { theory: [crossTheory[0], crossTheory[1]], measured: { mean: [-1.21, -1.15], se: [0.11, 0.09] } },
    images: { own: shift([0, 0.02], [0.22, 0.09]), cross: shift([-0.01, -0.13], [0.05, 0.03]) } as unknown as OpenLoopParts["images"],
    miss: { mean: [-0.09, -0.16], se: [0.13, 0.08] }, left: { mean: [left[0], left[1]], se: [0.26, 0.12] },
  });

  test("own within 2 SE, cross part short by more than 3 SE, what is left within 2 SE: each with its numbers and the point in its id", () => {
    const v = openLoopPartsVerdicts(parts([0.09, 0.09], [-0.6, -0.56], [-0.08, -0.05]));
    expect([v.own.holds, v.crossShort.holds, v.left.holds]).toEqual([true, true, true]);
    expect(v.crossShort.record.id).toBe("cross-part-short-open-loop-K25-rX10");
    // I: (|-1.15| - |-0.56|) / 0.09 = 6.56 SE short
    expect(v.crossShort.record.values?.["z I"]).toBeCloseTo(0.59 / 0.09, 3);
    expect(v.left.record.values?.["cross image I (Hz)"]).toBe(-0.13);
    // own spectra 2.1 SE off, cross part 2.9 SE short for E, what is left 2.5 SE for I: each verdict fails
    const off = openLoopPartsVerdicts(parts([0.336, 0.09], [-0.89, -0.56], [-0.08, -0.3]));
    expect([off.own.holds, off.crossShort.holds, off.left.holds]).toEqual([false, false, false]);
  });

  test("the report has one table row per point and population and one sentence per point, with the numbers", () => {
    const p = parts([0.09, 0.09], [-0.6, -0.56], [-0.08, -0.05]);
    const text = openLoopPartsReport([p], [openLoopPartsVerdicts(p)]).markdown;
    expect(text).toContain("| 25 | 10 | I | -0.16 ± 0.08 | +0.09 ± 0.15 | -0.56 / -1.15 ± 0.09 | +0.02 ± 0.09 | -0.13 ± 0.03 | -0.05 ± 0.12 (-0.4 SE) |");
    expect(text).toContain("simulation − theory -0.09, -0.16 Hz");
    expect(text).toContain("theory / measured 0.50, 0.49; closed-loop image -0.01, -0.13 Hz");
    expect(() => openLoopPartsReport([p], [])).toThrow(/verdicts/);
  });
});

describe("what is left at K = 25, r_X = 10 Hz with other seeds (21-40) than notebook 06's", () => {
  // the same measurement as the notebook's, at the table's settings (N = 10 K, 2 s runs, initial V
  // uniform, asynchronous window), 20 other networks: the explanation must not rest on one seed set
  test("the cross part is short by more than 3 SE, and what is left after both images lies within 3 SE of zero", () => {
    const seeds = Array.from({ length: 20 }, (_, q) => q + 21);
    const params = { K: 25, N: 250, rX: 10, duration: 2 };
    const sim = asynchronousRates({ params, seeds });
    const cor = solveCorrelatedMeanField({ K: 25, rX: 10 }, 250);
    const ren = solveRenewalMeanField({ K: 25, rX: 10 });
    const row = { K: 25, rX: 10, sim, correlated: { rE: cor.rE, rI: cor.rI, inputs: cor.inputs }, renewal: { jacobian: ren.solution.jacobian } } as unknown as TheoryRow;
    const p = openLoopParts(row, correlationEffect({ params, seeds, testNeurons: 500 }));
    const v = openLoopPartsVerdicts(p);
    expect(v.crossShort.holds).toBe(true);
    for (const a of [0, 1]) expect(Math.abs(p.left.mean[a])).toBeLessThan(3 * p.left.se[a]);
  });
});
