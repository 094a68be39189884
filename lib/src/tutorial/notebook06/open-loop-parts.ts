import type { TheoryRow } from "../../experiments/theory-table";
import type { CorrelationEffect } from "../../experiments/input-correlations";
import { closedLoopShift, type ClosedLoopShift } from "../../theory/closed-loop-shift";
import { correlatedTransfer, type CorrelatedTransfer } from "../../theory/correlated-mean-field";
import { invalid } from "../../core/validate";
import { fixed, signed, signedWithError } from "../../report/format";
import { markdownTable, md, type ReportPart } from "../../report/markdown";
import { check, type Verdict, Z_THRESHOLD } from "../../report/verdict";

/**
 * Notebook 06: what is left of simulation − theory at a point of the table, named part by part.
 * The theory with input spectra and cross-covariance is run open loop at the network's measured
 * rates (correlatedTransfer with the row's inputs) and set against test neurons driven by the
 * network's own trains (correlationEffect): its trains' own spectra against test neurons on
 * shifted trains (each train's structure, no correlation between trains), its cross part against
 * real − shifted (the correlations between trains, the one ingredient the shift removes). Each
 * open-loop error becomes a shift of the self-consistent rates through the row's Jacobian
 * (closedLoopShift, linear response); what is left once both are taken off is compared with zero
 * in between-seed SE (simulation and both measurements combined).
 */

/** A pair of values [E, I] with their standard errors. */
export interface PairWithSE {
  /** Values [E, I]. */
  mean: [number, number];
  /** Standard errors [E, I], in the units of `mean`. */
  se: [number, number];
}

/** Result of {@link openLoopParts}: all rates in Hz, pairs [E, I]. */
export interface OpenLoopParts {
  /** The point. */
  K: number;
  /** External rate of the point (Hz). */
  rX: number;
  /** The network's rates over the test neurons' windows, at which the theory is run open loop. */
  rates: [number, number];
  /** The theory open loop: trains' own spectra only, and with the cross part. */
  theory: CorrelatedTransfer;
  /** Test neurons on shifted trains − the theory's own-spectra rate (SE of the test neurons). */
  ownError: PairWithSE;
  /** The cross part open loop, in the theory (with − own) and measured (real − shifted, paired SE). */
  cross: { theory: [number, number]; measured: PairWithSE };
  /** The closed-loop images of the two open-loop errors (own spectra; measured − theory cross part). */
  images: { own: ClosedLoopShift; cross: ClosedLoopShift };
  /** Simulation − theory, with the simulation's between-seed SE. */
  miss: PairWithSE;
  /** What is left: miss − both images, with the SE of the simulation and of both images combined. */
  left: PairWithSE;
}

const pairOf = (f: (a: 0 | 1) => number): [number, number] => [f(0), f(1)];

/**
 * The open-loop parts of one point (module header).
 * Cost: one correlatedTransfer (four modulated chain solves, 0.1-0.3 s of CPU).
 * @param row the table's row at the point (theoryTable).
 * @param xc test neurons on the network's trains at the same point (correlationEffect).
 * @returns the theory open loop, its two errors, their closed-loop images and what is left.
 * @throws ParameterError when xc was not measured at the row's K and r_X.
 */
export function openLoopParts(row: TheoryRow, xc: CorrelationEffect): OpenLoopParts {
  if (xc.params.K !== row.K || xc.params.rX !== row.rX) {
    invalid("openLoopParts", "xc", `measured at K = ${xc.params.K}, r_X = ${xc.params.rX} Hz`, `a measurement at the row's K = ${row.K}, r_X = ${row.rX} Hz`);
  }
  const pops = [xc.E, xc.I];
  const rates = pairOf((a) => pops[a].network.mean);
  const theory = correlatedTransfer({ K: row.K, rX: row.rX }, rates, row.correlated.inputs);
  const ownError = { mean: pairOf((a) => pops[a].shifted.mean - theory.own[a]), se: pairOf((a) => pops[a].shifted.se) };
  const crossTheory = pairOf((a) => theory.withCross[a] - theory.own[a]);
  const measured = { mean: pairOf((a) => pops[a].difference.mean), se: pairOf((a) => pops[a].difference.se) };
  const own = closedLoopShift(row.renewal.jacobian, { mean: ownError.mean, covariance: [[ownError.se[0] ** 2, 0], [0, ownError.se[1] ** 2]] });
  const cross = closedLoopShift(row.renewal.jacobian, { mean: pairOf((a) => measured.mean[a] - crossTheory[a]), covariance: xc.openLoop.covariance });
  const sim = [row.sim.E, row.sim.I];
  const miss = { mean: pairOf((a) => sim[a].mean - [row.correlated.rE, row.correlated.rI][a]), se: pairOf((a) => sim[a].se) };
  const left = {
    mean: pairOf((a) => miss.mean[a] - own.dr[a] - cross.dr[a]),
    se: pairOf((a) => Math.sqrt(miss.se[a] ** 2 + own.covariance[a][a] + cross.covariance[a][a])),
  };
  return { K: row.K, rX: row.rX, rates, theory, ownError, cross: { theory: crossTheory, measured }, images: { own, cross }, miss, left };
}

/** The verdicts of one point (see {@link openLoopPartsVerdicts}). */
export interface OpenLoopPartsVerdicts {
  /** The theory's own spectra within 2 SE of the test neurons on shifted trains, both populations. */
  own: Verdict;
  /** The theory's cross part smaller in size than the measured one, by more than 3 SE, both populations. */
  crossShort: Verdict;
  /** What is left within 2 SE of zero, both populations. */
  left: Verdict;
}

/**
 * The verdicts of one point: `own` (the trains' own spectra agree open loop within 2 SE),
 * `crossShort` (|theory's cross part| < |measured| by more than Z_THRESHOLD SE, for E and I) and
 * `left` (simulation − theory − both closed-loop images within 2 SE of zero), each with its numbers.
 * @param p the open-loop parts of the point.
 * @returns the three verdicts, ids ending in K and r_X.
 */
export function openLoopPartsVerdicts(p: OpenLoopParts): OpenLoopPartsVerdicts {
  const at = `K${p.K}-rX${p.rX}`;
  const zOwn = pairOf((a) => p.ownError.mean[a] / p.ownError.se[a]);
  const m = p.cross.measured;
  const zShort = pairOf((a) => (Math.abs(m.mean[a]) - Math.abs(p.cross.theory[a])) / m.se[a]);
  const zLeft = pairOf((a) => p.left.mean[a] / p.left.se[a]);
  return {
    own: check({ id: `own-spectra-open-loop-${at}`, holds: zOwn.every((z) => Math.abs(z) <= 2), yes: "agree within 2 SE", no: "do not agree within 2 SE",
      values: { "E (Hz)": p.ownError.mean[0], "I (Hz)": p.ownError.mean[1], "z E": zOwn[0], "z I": zOwn[1] } }),
    crossShort: check({ id: `cross-part-short-open-loop-${at}`, holds: zShort.every((z) => z > Z_THRESHOLD),
      yes: "smaller in size than the measured one, by more than 3 SE", no: "not smaller in size than the measured one by more than 3 SE",
      values: { "theory E (Hz)": p.cross.theory[0], "measured E (Hz)": m.mean[0], "theory I (Hz)": p.cross.theory[1], "measured I (Hz)": m.mean[1], "z E": zShort[0], "z I": zShort[1] } }),
    left: check({ id: `left-after-open-loop-parts-${at}`, holds: zLeft.every((z) => Math.abs(z) <= 2), yes: "within 2 SE of zero", no: "not within 2 SE of zero",
      values: { "left E (Hz)": p.left.mean[0], "left I (Hz)": p.left.mean[1], "z E": zLeft[0], "z I": zLeft[1], "cross image I (Hz)": p.images.cross.dr[1] } }),
  };
}

const pm = (x: number, se: number) => signedWithError(x, se, 2);
const pair = (x: readonly number[]) => `${signed(x[0], 2)}, ${signed(x[1], 2)}`;

/** One table row per point and population. */
function partsRows(p: OpenLoopParts): string[][] {
  return [0, 1].map((a) => [
    `${p.K}`, `${p.rX}`, a === 0 ? "E" : "I", pm(p.miss.mean[a], p.miss.se[a]), pm(p.ownError.mean[a], p.ownError.se[a]),
    `${signed(p.cross.theory[a], 2)} / ${pm(p.cross.measured.mean[a], p.cross.measured.se[a])}`,
    pm(p.images.own.dr[a], p.images.own.se[a]), pm(p.images.cross.dr[a], p.images.cross.se[a]),
    `${pm(p.left.mean[a], p.left.se[a])} (${signed(p.left.mean[a] / p.left.se[a], 1)} SE)`,
  ]);
}

/**
 * The open-loop parts of several points as a table, with one sentence of verdicts per point.
 * @param parts the points' open-loop parts.
 * @param verdicts their verdicts, in the same order.
 * @returns the report part.
 * @throws ParameterError when the two arrays differ in length.
 */
export function openLoopPartsReport(parts: readonly OpenLoopParts[], verdicts: readonly OpenLoopPartsVerdicts[]): ReportPart {
  if (verdicts.length !== parts.length) invalid("openLoopPartsReport", "verdicts", verdicts.length, `one per point (${parts.length})`);
  const table = markdownTable(
    ["K", "r_X (Hz)", "neuron", "simulation − theory", "own spectra: shifted test neurons − theory (open loop)", "cross part: theory / measured (open loop)",
      "closed-loop image: own spectra", "closed-loop image: cross part", "left"],
    parts.flatMap(partsRows),
  );
  const lines = parts.map((p, q) => {
    const v = verdicts[q];
    const ratio = pairOf((a) => p.cross.theory[a] / p.cross.measured.mean[a]);
    return md`* $K = ${p.K}$, $r_X = ${p.rX}$ Hz, simulation − theory ${pair(p.miss.mean)} Hz: the theory's own spectra ${v.own} with the test neurons on shifted trains (closed-loop image ${pair(p.images.own.dr)} Hz); its cross part is ${v.crossShort} (theory / measured ${fixed(ratio[0], 2)}, ${fixed(ratio[1], 2)}; closed-loop image ${pair(p.images.cross.dr)} Hz); what is left, ${pair(p.left.mean)} Hz, is ${v.left}.`;
  });
  return md`${table}

(Hz, ± one between-seed SE; test neurons at the network's rates; closed-loop images through the Jacobian of the per-bin theory, $\delta r = -\mathcal J^{-1}\,\delta\phi$.)

${lines}`;
}
