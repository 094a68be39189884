// The discrete LIF chain solved in one linear solve (chainOccupancy: GMRES with a two-grid
// preconditioner) against iterating the same chain bin by bin, against closed forms (a Bernoulli
// output train), and the Fano factor from the ISI generating function against the one from the
// ISI distribution.
import { groupJumps } from "../lib/src/theory/input-jumps";
import { EulerChain } from "../lib/src/theory/euler-chain";
import { firstPassage } from "../lib/src/theory/first-passage";
import { chainOccupancy } from "../lib/src/theory/chain-occupancy";
import { eulerChainFano, eulerChainRate } from "../lib/src/theory/discrete-transfer";
import { effectiveFano, renewalFano } from "../lib/src/theory/renewal-statistics";
import { populationInputs, resolveDiscreteParams } from "../lib/src/theory/discrete-mean-field";

/** The inputs of an E neuron of the model's network at K (weights J_Eb / sqrt(K) = 1, -2.5, 2 over sqrt(K); rates in Hz). */
const network = (K: number, rE: number, rI: number, rX: number) => populationInputs(resolveDiscreteParams("test", { K, rX }), 0, rE, rI);
const grid = (subdivisions: number, vMin = -6) => ({ tau: 0.02, dt: 1e-4, vTh: 1, subdivisions, vMin });
const maxAbs = (a: Float64Array, b: Float64Array) => a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);

/** sum_{n < bins} z^n A^n e and sum_{n >= 1} z^n f(n), iterating the chain bin by bin. */
function iterate(chain: EulerChain, z: number, bins: number) {
  let p = new Float64Array(chain.n);
  let next = new Float64Array(chain.n);
  p[chain.i0] = 1;
  const y = new Float64Array(chain.n);
  let zn = 1;
  let generating = 0;
  for (let k = 0; k < bins; k++) {
    for (let i = 0; i < chain.n; i++) y[i] += zn * p[i];
    const spike = chain.step(p, next);
    zn *= z;
    generating += zn * spike;
    [p, next] = [next, p];
  }
  return { y, generating };
}

describe("chainOccupancy against the bin-by-bin iteration", () => {
  test.each([1, 2, 16])("m = %i: the mean ISI and the occupancy of every grid point agree with firstPassage to 1e-10", (m) => {
    const chain = new EulerChain(groupJumps(network(100, 30, 20, 10)), grid(m));
    const solved = chainOccupancy(chain);
    const iterated = firstPassage(chain, { tol: 1e-13 });
    expect(Math.abs(solved.total / iterated.meanBins! - 1)).toBeLessThan(1e-10);
    const occupancy = iterated.density.map((d) => d * iterated.meanBins!);
    expect(maxAbs(solved.occupancy, occupancy)).toBeLessThan(1e-10 * Math.max(...occupancy));
  });

  test("z < 1: (I - z A)^{-1} e and F(z) = 1 - (1 - z) 1^T y equal the sums over bins", () => {
    const chain = new EulerChain(groupJumps(network(100, 30, 20, 10)), grid(4));
    for (const z of [0.5, 0.9, 0.99]) {
      const bins = Math.ceil(Math.log(1e-17) / Math.log(z));
      const { y, generating } = iterate(chain, z, bins);
      const solved = chainOccupancy(chain, { z });
      expect(maxAbs(solved.occupancy, y)).toBeLessThan(1e-11 * Math.max(...y));
      expect(Math.abs(1 - (1 - z) * solved.total - generating)).toBeLessThan(1e-11);
    }
  });

  test("bad options throw naming the parameter", () => {
    const chain = new EulerChain(groupJumps(network(100, 30, 20, 10)), grid(1));
    expect(() => chainOccupancy(chain, { z: 0 })).toThrow(/chainOccupancy: z must be a finite number > 0 and <= 1/);
    expect(() => chainOccupancy(chain, { tol: 1 })).toThrow(/chainOccupancy: tol must be/);
  });
});

describe("EulerChain.band", () => {
  test("with the full width it is I - z A entry by entry (A from the step); narrower, the entries near the diagonal", () => {
    const chain = new EulerChain(groupJumps(network(100, 30, 20, 10)), grid(2, -3));
    const n = chain.n;
    const full = chain.band(n - 1, 0.9);
    const narrow = chain.band(5, 0.9);
    const p = new Float64Array(n);
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      p.fill(0);
      p[j] = 1;
      chain.step(p, out);
      for (let t = 0; t < n; t++) {
        const want = (t === j ? 1 : 0) - 0.9 * out[t];
        expect(Math.abs(full.entries[t * (2 * n - 1) + j - t + n - 1] - want)).toBeLessThan(1e-15);
        if (Math.abs(t - j) <= 5) expect(Math.abs(narrow.entries[t * 11 + j - t + 5] - want)).toBeLessThan(1e-15);
      }
    }
  });
});

describe("the effective Fano factor from the ISI generating function", () => {
  test("a neuron that fires whenever its one input spikes (jump 1.5 > V_th) puts out a Bernoulli train: rate r, F = 1", () => {
    const r = eulerChainRate([{ count: 1, weight: 1.5, rate: 30 }]);
    expect(Math.abs(r.rate / 30 - 1)).toBeLessThan(1e-12);
    for (const a of [0.5, 0.9, 0.995]) expect(Math.abs(eulerChainFano(r, a) - 1)).toBeLessThan(1e-10);
  });

  test("renewalFano of a geometric ISI distribution is 1 exactly", () => {
    const [p, a] = [0.003, 0.995];
    expect(renewalFano(1 / p, (p * a) / (1 - (1 - p) * a), a)).toBeCloseTo(1, 12);
    expect(renewalFano(Infinity, 0, a)).toBe(1);
    expect(() => renewalFano(0.5, 0.1, a)).toThrow(/renewalFano: meanBins must be a finite number > 1, got 0.5/);
    // a spike in every bin: both the train and its Bernoulli counterpart add no variance, F is undefined
    expect(() => renewalFano(1, 0.1, a)).toThrow(/renewalFano: meanBins must be a finite number > 1, got 1$/);
  });

  test.each([
    ["a network E neuron at K = 100 (m = 4)", network(100, 30, 20, 10), { subdivisions: 4 }],
    ["mean-driven excitation, a near clock", [{ count: 1, weight: 0.01, rate: 1e4 }], { subdivisions: 16 }],
    ["a network neuron with Richardson extrapolation (the finer chain's F)", network(100, 30, 20, 10), { subdivisions: 2, extrapolate: true }],
  ])("%s: eulerChainFano agrees with effectiveFano of the iterated ISI distribution to 1e-9", (_name, groups, options) => {
    const r = eulerChainRate(groups, options);
    for (const a of [0.9, 0.995]) expect(Math.abs(eulerChainFano(r, a) - effectiveFano(r, a))).toBeLessThan(1e-9);
  });

  test("a neuron that never fires has F = 1; a bad decay throws", () => {
    const silent = eulerChainRate([{ count: 100, weight: 0.1, rate: 0 }]);
    expect(eulerChainFano(silent, 0.995)).toBe(1);
    expect(() => eulerChainFano(silent, 1)).toThrow(/eulerChainFano: decay must be/);
  });
});

describe("eulerChainRate: warm starts and the fallback", () => {
  test("starting from a nearby solve (other rates, other vMin) gives the same rate and density to 1e-10", () => {
    const near = eulerChainRate(network(100, 30, 20, 10), { subdivisions: 16 });
    for (const [groups, vMin] of [[network(100, 30.3, 20.1, 10), undefined], [network(100, 30, 20, 10), -5]] as const) {
      const fresh = eulerChainRate([...groups], { subdivisions: 16, vMin });
      const warm = eulerChainRate([...groups], { subdivisions: 16, vMin, previous: near });
      expect(Math.abs(warm.rate / fresh.rate - 1)).toBeLessThan(1e-10);
      expect(maxAbs(warm.density, fresh.density)).toBeLessThan(1e-10 * Math.max(...fresh.density));
    }
    // a previous result on another grid is ignored
    expect(eulerChainRate(network(100, 30, 20, 10), { subdivisions: 8, previous: near }).rate).toBeCloseTo(eulerChainRate(network(100, 30, 20, 10), { subdivisions: 8 }).rate, 9);
    expect(() => eulerChainRate(network(100, 30, 20, 10), { previous: {} as never })).toThrow(/eulerChainRate: previous must be a result of eulerChainRate/);
  });

  test("a neuron that almost never fires, where the solve cannot converge, gets the bin-by-bin iteration's answer", () => {
    // one input of 0.1 at 20 Hz: V > 1 needs about 11 spikes within tau (p = 0.002 per bin)
    const groups = [{ count: 1, weight: 0.1, rate: 20 }];
    const r = eulerChainRate(groups, { maxBins: 3000 });
    const chain = new EulerChain(groupJumps(groups), r.chain!.grid);
    const iterated = firstPassage(chain, { maxBins: 3000 });
    expect(iterated.meanBins).toBeNull();
    expect(r.meanIsi).toBeNull();
    expect(r.rate).toBe(0);
  });
});
