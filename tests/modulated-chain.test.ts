// The chain of the Euler neuron with hidden-state (telegraph) modulated input: it must reduce to
// the single chain where the modulation does nothing, equal the chain of the mixed per-bin law when
// the state is drawn afresh every bin, and give the rate of a direct simulation of the same neuron
// (within the simulation's batch-means standard error) when the state is slow.
import { EulerChain } from "../lib/src/theory/euler-chain";
import { chainOccupancy } from "../lib/src/theory/chain-occupancy";
import { binomialCounts, groupJumps, LatticeDistribution } from "../lib/src/theory/input-jumps";
import { defaultVMin, eulerChainFano, eulerChainRate } from "../lib/src/theory/discrete-transfer";
import { intervalTransform, mixedSolve, modulatedSolve, renewalTransform, restartDistribution, ModulatedChain } from "../lib/src/theory/modulated-chain";
import { InputGroup } from "../lib/src/theory/membrane-moments";
import { AndersonMixer } from "../lib/src/math/anderson";
import { Rng } from "../lib/src/core/rng";

const dt = 1e-4;
const tau = 0.02;
const K = 25;
const s = Math.sqrt(K);
// an E neuron of the network at K = 25: weights J_Eb / sqrt(K), rates near the balanced ones
const inputs = (rE: number, rI: number): InputGroup[] => [
  { count: K, weight: 1 / s, rate: rE },
  { count: K, weight: -2.5 / s, rate: rI },
  { count: K, weight: 2 / s, rate: 10 },
];
const grid = { tau, dt, vTh: 1, subdivisions: 8, vMin: defaultVMin(inputs(29, 20), tau, dt, 1) };
const chainOf = (rE: number, rI: number) => new EulerChain(groupJumps(inputs(rE, rI), { dt }), grid);
const modulated = (delta: [number, number], q: number): ModulatedChain => ({
  chains: [chainOf(29 * (1 + delta[0]), 20 * (1 + delta[1])), chainOf(29 * (1 - delta[0]), 20 * (1 - delta[1]))],
  switchProb: q,
});
const rateOf = (mc: ModulatedChain) => {
  const one = modulatedSolve(mc, 1, new Map());
  const pi = restartDistribution(one.next);
  return 1 / (dt * (pi[0] * one.total[0] + pi[1] * one.total[1]));
};

describe("modulatedSolve", () => {
  test("without modulation it is the single chain, for any switching probability", () => {
    const single = chainOccupancy(chainOf(29, 20));
    for (const q of [0.5, 0.01, 1e-4]) {
      const one = modulatedSolve(modulated([0, 0], q), 1, new Map());
      expect(one.total[0]).toBeCloseTo(single.total, 6);
      expect(one.total[1]).toBeCloseTo(single.total, 6);
      expect(one.next[0][0] + one.next[0][1]).toBeCloseTo(1, 9);
    }
  });

  test("without modulation both transforms of the output give the renewal train's effective Fano factor", () => {
    const am = 1 - dt / tau;
    const transfer = eulerChainRate(inputs(29, 20), { ...grid });
    const F = eulerChainFano(transfer, am);
    const mc = modulated([0, 0], 0.01);
    const pi = restartDistribution(modulatedSolve(mc, 1, new Map()).next);
    const next = modulatedSolve(mc, am, new Map()).next;
    const p = transfer.rate * dt;
    for (const M of [renewalTransform(pi, next), intervalTransform(pi, next)]) {
      expect(1 + (2 * (M - (p * am) / (1 - am))) / (1 - p)).toBeCloseTo(F, 6);
    }
  });

  test("one solve from the stationary mixture of the restart states gives the interval transform of the two solves", () => {
    const am = 1 - dt / tau;
    const mc = modulated([0.15, -0.15], 0.002);
    const pi = restartDistribution(modulatedSolve(mc, 1, new Map()).next);
    const both = modulatedSolve(mc, am, new Map());
    const mixed = mixedSolve(mc, am, new Map(), pi);
    const G = mixed.next[0] + mixed.next[1];
    expect(G / (1 - G)).toBeCloseTo(intervalTransform(pi, both.next), 8);
    expect(mixed.total).toBeCloseTo(pi[0] * both.total[0] + pi[1] * both.total[1], 6);
  });

  test("a state drawn afresh every bin (q = 1/2) is the chain of the mixed per-bin law", () => {
    // only the E inputs modulated, so the mixture is one group's count law
    const mix = (a: Float64Array, b: Float64Array) => Float64Array.from({ length: Math.max(a.length, b.length) }, (_, c) => 0.5 * ((a[c] ?? 0) + (b[c] ?? 0)));
    const counts = [mix(binomialCounts(K, 29 * 1.3 * dt), binomialCounts(K, 29 * 0.7 * dt)), binomialCounts(K, 20 * dt), binomialCounts(K, 10 * dt)];
    const mixed = eulerChainRate(inputs(29, 20), { ...grid, counts });
    const mc: ModulatedChain = { chains: [chainOf(29 * 1.3, 20), chainOf(29 * 0.7, 20)], switchProb: 0.5 };
    expect(rateOf(mc)).toBeCloseTo(mixed.rate, 6);
  });

  test("a slow modulation gives the rate of a direct simulation of the same neuron (within 3.5 batch SE)", () => {
    const mc = modulated([0.15, -0.15], 0.002);
    const theory = rateOf(mc);
    const sim = simulateModulated(mc.chains.map((c) => c.parts), 0.002, 200, 20, 7);
    expect(Math.abs(theory - sim.rate)).toBeLessThan(3.5 * sim.se);
    // and the modulation matters here: the unmodulated chain is many SE away
    expect(Math.abs(rateOf(modulated([0, 0], 0.002)) - sim.rate)).toBeGreaterThan(5 * sim.se);
  });
});

describe("AndersonMixer", () => {
  test("solves a linear fixed point in a few steps where substitution needs hundreds", () => {
    const G = (x: number[]) => [0.95 * x[0] + 0.02 * x[1] + 1, 0.01 * x[0] + 0.97 * x[1] + 2];
    const mixer = new AndersonMixer([1, 1], 3);
    let x = [0, 0];
    let steps = 0;
    for (; steps < 20; steps++) {
      const g = G(x);
      if (Math.hypot(g[0] - x[0], g[1] - x[1]) < 1e-9) break;
      x = mixer.next(x, g);
    }
    expect(steps).toBeLessThan(6);
    expect(G(x)[0]).toBeCloseTo(x[0], 8);
  });

  test("a non-positive scale is refused with its index", () => {
    expect(() => new AndersonMixer([1, 0])).toThrow(/AndersonMixer: scale\[1\]/);
  });
});

/**
 * A direct simulation of the Euler neuron with the telegraph-modulated input of `parts` (per
 * state, the jump law of each group in lattice units): T seconds, the rate and its batch-means SE.
 */
function simulateModulated(parts: (readonly LatticeDistribution[])[], q: number, T: number, batches: number, seed: number) {
  const rng = new Rng(seed);
  const cdfs = parts.map((groups) => groups.map((g) => ({ offset: g.offset, cdf: cumulative(g.pmf) })));
  const unit = parts[0][0].unit;
  const a = 1 - dt / tau;
  const bins = Math.round(T / dt);
  const perBatch = bins / batches;
  const counts = new Array<number>(batches).fill(0);
  let v = 0;
  let state = rng.uniform() < 0.5 ? 0 : 1;
  for (let k = 0; k < bins; k++) {
    let jump = 0;
    for (const g of cdfs[state]) jump += g.offset + sample(g.cdf, rng.uniform());
    v = a * v + jump * unit;
    if (v > 1) {
      v = 0;
      counts[Math.floor(k / perBatch)]++;
    }
    if (rng.uniform() < q) state = 1 - state;
  }
  const rates = counts.map((c) => c / (perBatch * dt));
  const mean = rates.reduce((x, y) => x + y, 0) / batches;
  const variance = rates.reduce((x, r) => x + (r - mean) ** 2, 0) / (batches - 1);
  return { rate: mean, se: Math.sqrt(variance / batches) };
}

function cumulative(pmf: Float64Array): Float64Array {
  let c = 0;
  return pmf.map((p) => (c += p));
}

function sample(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid] < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
