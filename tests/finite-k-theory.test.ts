// Network rates at K = 100 against the finite-K theories, with between-seed standard errors
// (20 independent networks of 2 s per r_X, initial V uniform, first 0.2 s dropped). These are the
// claims notebook 06 makes: the simulated rates sit below the balanced limit, the exact discrete
// transfer predicts them within 2.5 %, and closer than the diffusion (Siegert) mean field; with
// self-consistent input spectra within 1 % at these two points, while per-bin overdispersed
// (renewal) inputs do not bring r_I closer than Poisson inputs.
import { asynchronousRates } from "../lib/src/experiments/asynchronous-rates";
import { balancedRates } from "../lib/src/theory/balanced-rates";
import { solveMeanField } from "../lib/src/theory/mean-field";
import { solveRenewalMeanField } from "../lib/src/theory/renewal-mean-field";
import { solveModulatedMeanField } from "../lib/src/theory/modulated-mean-field";

const seeds = Array.from({ length: 20 }, (_, i) => i + 1);

describe.each([10, 20])("network at K = 100, r_X = %d Hz", (rX) => {
  const sim = asynchronousRates({ params: { rX, duration: 2 }, seeds });
  const ren = solveRenewalMeanField({ rX });
  const disc = ren.poisson;
  const spec = solveModulatedMeanField({ rX }, { poisson: disc });
  const mf = solveMeanField({ rX });
  const bal = balancedRates({ rX });

  test("every run is asynchronous after the transient", () => {
    expect(sim.usable).toBe(seeds.length);
  });

  test("the simulated E rate is below the balanced limit 3 r_X by more than 4 standard errors", () => {
    expect(bal.rE - sim.E.mean).toBeGreaterThan(4 * sim.E.se);
  });

  test("the exact discrete transfer predicts r_E and r_I within 2.5 % (plus 4 standard errors)", () => {
    expect(Math.abs(disc.rE - sim.E.mean)).toBeLessThan(0.025 * sim.E.mean + 4 * sim.E.se);
    expect(Math.abs(disc.rI - sim.I.mean)).toBeLessThan(0.025 * sim.I.mean + 4 * sim.I.se);
  });

  test("self-consistent input spectra predict r_E and r_I within 1 % (plus 3 standard errors)", () => {
    expect(Math.abs(spec.rE - sim.E.mean)).toBeLessThan(0.01 * sim.E.mean + 3 * sim.E.se);
    expect(Math.abs(spec.rI - sim.I.mean)).toBeLessThan(0.01 * sim.I.mean + 3 * sim.I.se);
  });

  test("per-bin overdispersed (renewal) inputs do not bring r_I closer to the simulation than Poisson inputs (by 2 SE)", () => {
    // at r_X = 10 Hz they put it 1.4 % further off, at 20 Hz about as far (+1.4 % against -1.3 %)
    expect(Math.abs(ren.rI - sim.I.mean) - Math.abs(disc.rI - sim.I.mean)).toBeGreaterThan(-2 * sim.I.se);
  });

  test("the exact discrete transfer is closer to the simulated r_E than the diffusion mean field", () => {
    expect(Math.abs(mf.rE - sim.E.mean) - Math.abs(disc.rE - sim.E.mean)).toBeGreaterThan(2 * sim.E.se);
  });
});
