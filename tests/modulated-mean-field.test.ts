// The self-consistent input-spectra theory: the telegraph fit reproduces the summed trains'
// excess autocovariance at both decays, the solution is a fixed point of the open-loop transfer,
// the renewal transfer converges to Fano factors above 1, and bad input is refused.
import { fitModulation, modulatedTransfer, solveModulatedMeanField } from "../lib/src/theory/modulated-mean-field";
import { renewalTransfer } from "../lib/src/theory/renewal-mean-field";
import { resolveDiscreteParams } from "../lib/src/theory/discrete-mean-field";
import { eulerChainRate } from "../lib/src/theory/discrete-transfer";

const p = resolveDiscreteParams("test", { K: 100, rX: 10 });
const am = 1 - p.dt / p.tau;

describe("fitModulation", () => {
  test("the telegraph's autocovariance transform D^2 z rho / (1 - z rho) equals T_a(z) at z = a and a^2", () => {
    const out = [{ rate: 29, excess: [0.3, 0.2] as [number, number] }, { rate: 20, excess: [0.25, 0.16] as [number, number] }];
    for (const a of [0, 1] as const) {
      const mod = fitModulation(p, a, out);
      const rho = 1 - 2 * mod.switchProb;
      const D = [0, 1].reduce((s, b) => s + (p.J[a][b] / Math.sqrt(p.K)) * p.K * out[b].rate * p.dt * mod.delta[b], 0);
      [am, am * am].forEach((z, k) => {
        const T = [0, 1].reduce((s, b) => s + out[b].rate * p.dt * p.J[a][b] ** 2 * out[b].excess[k], 0);
        expect((D * D * z * rho) / (1 - z * rho)).toBeCloseTo(T, 12);
      });
      // each population's rate moves in the direction that moves V the same way
      expect(Math.sign(mod.delta[0])).toBe(1);
      expect(Math.sign(mod.delta[1])).toBe(-1);
    }
  });

  test("no excess power (or a negative one) gives no modulation", () => {
    const none = fitModulation(p, 0, [{ rate: 29, excess: [-0.1, -0.05] }, { rate: 20, excess: [-0.1, -0.05] }]);
    expect(none).toEqual({ switchProb: 0.5, delta: [0, 0] });
  });
});

describe("solveModulatedMeanField and modulatedTransfer", () => {
  // a coarse grid (2 points per lattice unit) keeps this quick; the fixed point is that grid's own
  const options = { subdivisions: 2 };
  const sol = solveModulatedMeanField({ K: 100, rX: 10 }, options);

  test("the solution is a fixed point of the open-loop transfer with self-consistent spectra", () => {
    const open = modulatedTransfer({ K: 100, rX: 10 }, [sol.rE, sol.rI], options);
    expect(open.rates[0] / sol.rE - 1).toBeCloseTo(0, 5);
    expect(open.rates[1] / sol.rI - 1).toBeCloseTo(0, 5);
    expect(open.modulation[0].switchProb / sol.modulation[0].switchProb - 1).toBeCloseTo(0, 2);
  });

  test("the output trains are burstier than Poisson (F > 1) and the rates move from the Poisson-input ones", () => {
    expect(sol.fano[0]).toBeGreaterThan(1.2);
    expect(sol.fano[1]).toBeGreaterThan(1.1);
    expect(sol.rE).toBeLessThan(sol.poisson.rE);
    expect(sol.rI).toBeGreaterThan(sol.poisson.rI);
  });

  test("option warm: from a solution of the same equations it stays there; from the plain one, the network's fixed point in fewer iterations", () => {
    const again = solveModulatedMeanField({ K: 100, rX: 10 }, { ...options, poisson: sol.poisson, warm: sol });
    expect(again.rE / sol.rE - 1).toBeCloseTo(0, 5);
    expect(again.rI / sol.rI - 1).toBeCloseTo(0, 5);
    expect(again.iterations).toBeLessThan(sol.iterations);
    const cold = solveModulatedMeanField({ K: 100, rX: 10 }, { ...options, poisson: sol.poisson, network: 1000 });
    const warm = solveModulatedMeanField({ K: 100, rX: 10 }, { ...options, poisson: sol.poisson, network: 1000, warm: sol });
    expect(warm.rE / cold.rE - 1).toBeCloseTo(0, 5);
    expect(warm.rI / cold.rI - 1).toBeCloseTo(0, 5);
    expect(warm.iterations).toBeLessThan(cold.iterations);
  });

  test("bad options and rates are refused with the function and parameter named", () => {
    expect(() => solveModulatedMeanField({ K: 100 }, { warm: { rE: 29, rI: 20 } as never })).toThrow(/solveModulatedMeanField: options.warm/);
    expect(() => modulatedTransfer({ K: 100 }, [29, 20], { warm: sol })).toThrow(/modulatedTransfer: options.warm/);
    expect(() => solveModulatedMeanField({ K: 100 }, { spectrum: "white" as never })).toThrow(/solveModulatedMeanField: spectrum/);
    expect(() => solveModulatedMeanField({ K: 100 }, { tol: 0 })).toThrow(/solveModulatedMeanField: tol/);
    expect(() => modulatedTransfer({ K: 100 }, [29, -1])).toThrow(/modulatedTransfer: rates\[1\]/);
    expect(() => modulatedTransfer({ K: 100 }, [29] as never)).toThrow(/modulatedTransfer: rates/);
  });
});

describe("renewalTransfer", () => {
  test("its self-consistent Fano factors exceed 1 and raise the rate above the Poisson-input chain's", () => {
    const r = renewalTransfer({ K: 100, rX: 10 }, [29.25, 20.29], { subdivisions: 2 });
    const poisson = eulerChainRate([{ count: 100, weight: 0.1, rate: 29.25 }, { count: 100, weight: -0.25, rate: 20.29 }, { count: 100, weight: 0.2, rate: 10 }], { subdivisions: 2 });
    expect(r.fano[0]).toBeGreaterThan(1.2);
    expect(r.rates[0]).toBeGreaterThan(poisson.rate);
    expect(() => renewalTransfer({ K: 100 }, [0, 20])).toThrow(/renewalTransfer: rates\[0\]/);
  });
});
