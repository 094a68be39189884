// Deterministic tests of the exact discrete transfer: lattices, the chain's bookkeeping, and
// cases whose answer is known exactly.
import { binomialCounts, combineJumps, groupJumps, jumpDistribution, latticeUnit } from "../lib/src/theory/input-jumps";
import { EulerChain } from "../lib/src/theory/euler-chain";
import { firstPassage } from "../lib/src/theory/first-passage";
import { eulerChainRate } from "../lib/src/theory/discrete-transfer";
import { effectiveFano, renewalDensity } from "../lib/src/theory/renewal-statistics";
import { overdispersedCounts } from "../lib/src/theory/overdispersed-counts";
import { newton2d, Newton2dError } from "../lib/src/math/newton-2d";
import { binomialPmf } from "../lib/src/math/distributions";

const network = (K: number, rE: number, rI: number, rX: number) => {
  const s = Math.sqrt(K);
  return [
    { count: K, weight: 1 / s, rate: rE },
    { count: K, weight: -2.5 / s, rate: rI },
    { count: K, weight: 2 / s, rate: rX },
  ];
};

describe("input jumps on a lattice", () => {
  test("the SPEC's weights J_ab / sqrt(K) lie on the lattice 0.5 / sqrt(K)", () => {
    expect(latticeUnit([0.1, -0.25, 0.2])).toBeCloseTo(0.05, 15);
    expect(latticeUnit([1 / Math.sqrt(1000), -2.5 / Math.sqrt(1000), 2 / Math.sqrt(1000)])).toBeCloseTo(0.5 / Math.sqrt(1000), 15);
    expect(() => latticeUnit([1, Math.SQRT2])).toThrow(/latticeUnit: the weights/);
  });

  test("the jump distribution sums to 1 and has the mean sum_g n_g p_g w_g and the binomial variance", () => {
    const groups = network(100, 30, 20, 10);
    const d = jumpDistribution(groups);
    let s = 0;
    let m = 0;
    let m2 = 0;
    d.pmf.forEach((q, k) => {
      const x = (d.offset + k) * d.unit;
      s += q;
      m += q * x;
      m2 += q * x * x;
    });
    const mean = groups.reduce((a, g) => a + g.count * g.rate * 1e-4 * g.weight, 0);
    const variance = groups.reduce((a, g) => a + g.count * g.rate * 1e-4 * (1 - g.rate * 1e-4) * g.weight ** 2, 0);
    expect(s).toBeCloseTo(1, 14);
    expect(m).toBeCloseTo(mean, 12);
    expect(m2 - m * m).toBeCloseTo(variance, 12);
    expect(combineJumps(groupJumps(groups)).pmf).toEqual(d.pmf);
  });

  test("a weight off the lattice of an explicit unit throws naming the group", () => {
    expect(() => groupJumps([{ count: 1, weight: 0.3, rate: 10 }], { unit: 0.2 })).toThrow(/groupJumps: groups\[0\]\.weight/);
  });
});

describe("EulerChain", () => {
  test("one step conserves mass: kept + spiking mass = mass before", () => {
    const chain = new EulerChain(groupJumps(network(100, 30, 20, 10)), { tau: 0.02, dt: 1e-4, vTh: 1, subdivisions: 4, vMin: -5 });
    const p = new Float64Array(chain.n);
    for (let i = 0; i < chain.n; i++) p[i] = Math.exp(-(((i - chain.i0) * chain.h - 0.3) ** 2) / 0.2);
    const total = p.reduce((a, b) => a + b, 0);
    const out = new Float64Array(chain.n);
    const spike = chain.step(p, out);
    expect(spike).toBeGreaterThan(0);
    expect(out.reduce((a, b) => a + b, 0) + spike).toBeCloseTo(total, 12);
  });

  test("the stationary density sums to 1", () => {
    const r = eulerChainRate(network(100, 30, 20, 10), { subdivisions: 2 });
    expect(r.density.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(r.isi.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-12);
  });

  test("without leak (tau -> infinity) V stays on the lattice and the rate does not depend on the grid", () => {
    const groups = network(100, 30, 20, 10);
    const rates = [1, 2, 4].map((m) => eulerChainRate(groups, { tau: 1e6, subdivisions: m, vMin: -15 }).rate);
    expect(rates[1]).toBeCloseTo(rates[0], 5);
    expect(rates[2]).toBeCloseTo(rates[0], 5);
  });
});

describe("eulerChainRate: exact answers", () => {
  test("no input gives rate 0", () => {
    expect(eulerChainRate([{ count: 100, weight: 0.1, rate: 0 }]).rate).toBe(0);
  });

  test("input that can never lift V above threshold (J_max tau / dt <= V_th) gives rate 0 and no mean ISI (null)", () => {
    expect(eulerChainRate([{ count: 1, weight: 0.005, rate: 1e4 }]).rate).toBe(0);
    expect(eulerChainRate([{ count: 1, weight: 0.005, rate: 1e4 }]).meanIsi).toBeNull();
    expect(eulerChainRate([{ count: 100, weight: -0.1, rate: 10 }]).rate).toBe(0);
  });

  test("a jump of w in every bin fires first when w (1 - a^k) / (1 - a) > V_th: a clock", () => {
    // w = 0.01, a = 0.995: 2 (1 - 0.995^k) > 1 first at k = 139 bins
    const k = Math.ceil(Math.log(0.5) / Math.log(0.995));
    const r = eulerChainRate([{ count: 1, weight: 0.01, rate: 1e4 }], { subdivisions: 16 });
    expect(k).toBe(139);
    expect(r.meanIsi! / 1e-4).toBeCloseTo(k, 0);
  });

  test("a jump above threshold in every bin fires in every bin (1/dt)", () => {
    expect(eulerChainRate([{ count: 1, weight: 1.5, rate: 1e4 }]).rate).toBeCloseTo(1e4, 6);
  });

  test("bad options throw naming the function and the parameter", () => {
    expect(() => eulerChainRate(network(100, 30, 20, 10), { dt: 0.03 })).toThrow(/eulerChainRate: dt/);
    expect(() => eulerChainRate(network(100, 30, 20, 10), { subdivisions: 0 })).toThrow(/EulerChain: subdivisions/);
    expect(() => eulerChainRate([{ count: 1, weight: 0.1, rate: 2e4 }])).toThrow(/rate \* dt must be <= 1/);
  });
});

describe("renewal statistics", () => {
  const geometric = (p: number, N: number) => ({ isi: Float64Array.from({ length: N + 1 }, (_, n) => (n === 0 ? 0 : p * (1 - p) ** (n - 1))), tailRatio: 1 - p });

  test("a Bernoulli train (geometric ISIs) has renewal density p at every lag and effective Fano factor 1", () => {
    const d = geometric(0.003, 500);
    const m = renewalDensity(d, 2000);
    for (const L of [1, 10, 499, 500, 501, 2000]) expect(m[L]).toBeCloseTo(0.003, 12);
    expect(effectiveFano(d, 0.995)).toBeCloseTo(1, 9);
  });

  test("a clock (every ISI n0 bins) has F = 1 - (2 / (1 - p)) (p a / (1 - a) - a^n0 / (1 - a^n0)) < 1", () => {
    // m(L) = 1 at multiples of n0, else 0; p = 1 / n0
    const [n0, a] = [300, 0.995];
    const isi = new Float64Array(n0 + 1);
    isi[n0] = 1;
    const p = 1 / n0;
    const exact = 1 + (2 / (1 - p)) * (a ** n0 / (1 - a ** n0) - (p * a) / (1 - a));
    expect(effectiveFano({ isi, tailRatio: 0 }, a)).toBeCloseTo(exact, 9);
    expect(exact).toBeCloseTo(0.2425, 4);
  });

  test("bursts (many short ISIs) make F > 1", () => {
    const isi = new Float64Array(2001);
    isi[20] = 0.5;
    isi[2000] = 0.5;
    expect(effectiveFano({ isi, tailRatio: 0 }, 0.995)).toBeGreaterThan(1.3);
  });
});

describe("overdispersedCounts", () => {
  test("mean n p and variance F n p (1 - p); F = 1 gives the binomial law", () => {
    const [n, p, F] = [100, 0.003, 1.4];
    const c = overdispersedCounts(n, p, F);
    let s = 0;
    let m = 0;
    let m2 = 0;
    c.forEach((q, k) => {
      s += q;
      m += k * q;
      m2 += k * k * q;
    });
    expect(s).toBeCloseTo(1, 12);
    expect(m).toBeCloseTo(n * p, 12);
    expect(m2 - m * m).toBeCloseTo(F * n * p * (1 - p), 10);
    expect(overdispersedCounts(n, p, 1)).toEqual(binomialCounts(n, p));
  });
});

describe("count laws are cut where their tail is below 1e-15", () => {
  // Regression: the cut used to wait for 1 - (running sum) < 1e-15, which rounding can prevent
  // (at K >= 400 every law ran to all K + 1 counts, and the chains to 1401 jump taps) or bring
  // early (K = 4000: a tail of 3e-12 dropped).
  const tailBeyond = (pmf: (c: number) => number, from: number, n: number) => {
    let t = 0;
    for (let c = from; c <= n; c++) t += pmf(c);
    return t;
  };
  test.each([100, 400, 1000, 4000])("binomial, K = %i inputs at 30 Hz per 0.1 ms bin", (n) => {
    const p = 30e-4;
    const c = binomialCounts(n, p);
    expect(c.length).toBeLessThan(n * p + 12 * Math.sqrt(n * p) + 12);
    expect(tailBeyond((k) => binomialPmf(n, p, k), c.length, n)).toBeLessThan(1e-15);
  });
  test.each([400, 1000])("beta-binomial with F = 1.6, K = %i", (n) => {
    const c = overdispersedCounts(n, 30e-4, 1.6);
    expect(c.length).toBeLessThan(n / 4);
    expect(c.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10); // each term through logGamma(K + 1): ~1e-12 relative
  });
});

describe("newton2d", () => {
  test("solves a linear system in one step and a nonlinear one to tolerance", () => {
    const lin = newton2d((x) => [2 * x[0] + x[1] - 5, x[0] - x[1] - 1], [0, 0]);
    expect(lin.x[0]).toBeCloseTo(2, 9);
    expect(lin.x[1]).toBeCloseTo(1, 9);
    const non = newton2d((x) => [x[0] * x[0] - 4, x[0] * x[1] - 6], [1, 1]);
    expect(non.x[0]).toBeCloseTo(2, 8);
    expect(non.x[1]).toBeCloseTo(3, 8);
  });

  test("a map without a root in x >= 0 throws", () => {
    expect(() => newton2d((x) => [x[0] + 1, x[1] + 1], [1, 1])).toThrow(/newton2d: no convergence/);
  });

  test("a failure is a Newton2dError that says where it stopped, after how many steps and why", () => {
    const fail = (run: () => unknown) => {
      try {
        run();
      } catch (e) {
        return e;
      }
      throw new Error("no error thrown");
    };
    // F = x + 1: one step from [1, 1] reaches the bound [0, 0] (|F| = 1), where no step decreases |F|
    const stalled = fail(() => newton2d((x) => [x[0] + 1, x[1] + 1], [1, 1]));
    expect(stalled).toBeInstanceOf(Newton2dError);
    expect(stalled).toMatchObject({ reason: "stalled", x: [0, 0], residual: 1, iterations: 2 });
    const cut = fail(() => newton2d((x) => [x[0] * x[0] - 4, x[0] * x[1] - 6], [1, 1], { maxIterations: 1 }));
    expect(cut).toMatchObject({ reason: "maxIterations", iterations: 1 });
    expect((cut as Newton2dError).residual).toBeGreaterThan(1e-9);
  });
});

describe("firstPassage", () => {
  test("the ISI distribution's mass and the mean agree: sum f(n) -> 1, mean = sum S(n)", () => {
    const chain = new EulerChain(groupJumps(network(100, 30, 20, 10)), { tau: 0.02, dt: 1e-4, vTh: 1, subdivisions: 2, vMin: -6 });
    const r = firstPassage(chain);
    const mass = r.isi.reduce((a, b) => a + b, 0);
    const tailMass = r.survival;
    expect(mass + tailMass).toBeCloseTo(1, 10);
    let mean = 0;
    r.isi.forEach((f, n) => (mean += n * f));
    const N = r.isi.length - 1;
    // tail: the surviving mass S(N) leaves geometrically with ratio rho: mean extra N + 1 / (1 - rho)
    mean += tailMass * (N + 1 / (1 - r.tailRatio));
    expect(mean / r.meanBins!).toBeCloseTo(1, 6);
  });
});
