/**
 * The firing rate of a leaky integrate-and-fire neuron driven by Gaussian white noise: the
 * Siegert / first-passage-time formula, evaluated without overflow over the whole (mu, sigma) plane.
 *
 * Convention for sigma (used throughout this library's mean-field theory): the membrane potential
 * between spikes follows the Ornstein-Uhlenbeck process
 *
 *     dV = (mu - V) / tau dt + sigma sqrt(2 / tau) dW(t),
 *
 * so that without threshold V is Gaussian with stationary mean mu and variance sigma^2 (sigma is the
 * standard deviation of the free membrane potential, the same sigma as in tutorial tasks 4.1 and 5.1).
 * Brunel (2000) writes tau dV/dt = -V + mu + sigma_B sqrt(tau) xi(t), whose free variance is
 * sigma_B^2 / 2: sigma_B = sqrt(2) sigma, and his integration limits (V - mu) / sigma_B are the
 * (V - mu) / (sqrt(2) sigma) used here.
 */
import { erf, erfcx } from "../math/error-function";
import { integrate } from "../math/quadrature";
import { Rng } from "../core/rng";
import { binCount } from "../core/time-bins";
import { checkBudget, formatCount, type LimitOptions, resolveLimits } from "../core/limits";
import { type RunControl, runControl, type RunControlOptions } from "../core/run-control";
import { checkNumber, checkResult, checkSeed, invalid } from "../core/validate";

const SQRT_PI = Math.sqrt(Math.PI);
// Local references: in a vm context (jest, notebook kernels) every lookup of the global `Math`
// costs ~150 ns, ten times the cost of the arithmetic in the simulation loop.
const { exp, log, sqrt } = Math;
/** Quadrature tolerance: |K15 - G7| overestimates the error of K15 by orders of magnitude. */
const QUAD = { relTol: 1e-10 };

/** Neuron parameters shared by the rate formulas. */
export interface LifRateOptions {
  /** Membrane time constant tau (s), default 0.02. */
  tau?: number;
  /** Threshold V_th (units of V), default 1. */
  vTh?: number;
  /** Reset potential V_r < V_th, default 0. */
  vReset?: number;
  /** Absolute refractory period (s), default 0 (the model's neurons have none). */
  tRef?: number;
}

function checkNeuron(where: string, options: LifRateOptions): Required<LifRateOptions> {
  const { tau = 0.02, vTh = 1, vReset = 0, tRef = 0 } = options;
  checkNumber(where, "tau", tau, { min: 0, minInclusive: false, unit: "s" });
  checkNumber(where, "vTh", vTh);
  checkNumber(where, "vReset", vReset, { max: vTh, maxInclusive: false });
  checkNumber(where, "tRef", tRef, { min: 0, unit: "s" });
  return { tau, vTh, vReset, tRef };
}

/**
 * The firing rate of a LIF neuron with a constant input and no noise: V relaxes towards mu, and
 * when mu > V_th it reaches threshold after T = tau ln((mu - V_r) / (mu - V_th)), so
 *
 *     r = 1 / (t_ref + tau ln((mu - V_r) / (mu - V_th)))   for mu > V_th,   r = 0 otherwise.
 *
 * This is the sigma -> 0 limit of {@link siegertRate}.
 * @param mu asymptotic potential (units of V): tau times the constant input.
 * @param options neuron parameters (tau in s).
 * @returns the rate (Hz).
 * @throws ParameterError for a non-finite mu, bad neuron parameters, or a rate past double precision.
 */
export function lifDeterministicRate(mu: number, options: LifRateOptions = {}): number {
  const where = "lifDeterministicRate";
  checkNumber(where, "mu", mu);
  const { tau, vTh, vReset, tRef } = checkNeuron(where, options);
  return checkResult(where, "the rate", deterministicRate(mu, tau, vTh, vReset, tRef), `mu = ${mu}, tau = ${tau} s, tRef = ${tRef} s`);
}

function deterministicRate(mu: number, tau: number, vTh: number, vReset: number, tRef: number): number {
  if (mu <= vTh) return 0;
  // ln((mu - V_r) / (mu - V_th)) = log1p((V_th - V_r) / (mu - V_th)), accurate for mu >> V_th
  return 1 / (tRef + tau * Math.log1p((vTh - vReset) / (mu - vTh)));
}

/** The integral of erfcx over [a, b], 0 <= a < b; above x = 1 in the variable ln x (x erfcx(x) -> 1/sqrt(pi)). */
function erfcxIntegral(a: number, b: number): number {
  let s = 0;
  if (a < 1) s += integrate(erfcx, a, Math.min(b, 1), QUAD);
  if (b > 1) {
    const lo = Math.max(a, 1);
    // x = lo e^t, t from 0 to ln(b / lo) = log1p((b - lo) / lo): no rounding of ln(b) - ln(lo)
    s += integrate((t) => {
      const x = lo * Math.exp(t);
      return x * erfcx(x);
    }, 0, Math.log1p((b - lo) / lo), QUAD);
  }
  return s;
}

/**
 * The integral of exp(u^2 - B^2) (1 + erf u) over [A, B], 0 <= A < B (the part of the Siegert
 * integral above u = 0, scaled by exp(-B^2)). The integrand is at most 2 and decays like
 * exp(-2 B (B - u)) below B, so the range below B - 50 / B contributes less than e^-50 of it.
 */
function scaledPositiveIntegral(A: number, B: number): number {
  const lo = Math.max(A, B - 50 / B);
  return integrate((u) => Math.exp((u - B) * (u + B)) * (1 + erf(u)), lo, B, QUAD);
}

/** Parameters of {@link siegertRate}. */
export interface SiegertOptions extends LifRateOptions {
  /** Mean of the free membrane potential mu (units of V): tau times the mean input. */
  mu: number;
  /** Standard deviation of the free membrane potential sigma (units of V), >= 0 (see the convention above). */
  sigma: number;
}

/**
 * The stationary firing rate of a LIF neuron whose membrane potential obeys
 * dV = (mu - V) / tau dt + sigma sqrt(2 / tau) dW, with threshold V_th, reset V_r and refractory
 * period t_ref: the inverse of the mean first-passage time from V_r to V_th (Siegert 1951;
 * Ricciardi 1977; Amit & Brunel 1997; Brunel 2000, eq. 21),
 *
 *     1 / r = t_ref + tau sqrt(pi) * integral from y_r to y_th of exp(u^2) (1 + erf u) du,
 *     y_th = (V_th - mu) / (sqrt(2) sigma),   y_r = (V_r - mu) / (sqrt(2) sigma),
 *
 * sigma being the standard deviation of the free membrane potential (Brunel's sigma is sqrt(2) times
 * ours; see the module header).
 *
 * Evaluation: exp(u^2) (1 + erf u) = erfcx(-u). The part of the range below u = 0 is the integral of
 * erfcx(x) over x = -u (at most 1, integrated in ln x above x = 1, so that a long range of strong
 * suprathreshold drive costs no more than a short one); the part above 0 is computed as
 * exp(y_th^2) times the integral of exp(u^2 - y_th^2) (1 + erf u), and the rate as
 * exp(-y_th^2 - ln(...)) when exp(y_th^2) would overflow, so strongly subthreshold input gives a rate
 * that underflows to 0 rather than NaN. sigma = 0 (or so small that y overflows) gives the
 * deterministic rate {@link lifDeterministicRate}. Relative accuracy about 1e-11.
 *
 * Limits: sigma -> 0 with mu > V_th gives 1 / (t_ref + tau ln((mu - V_r) / (mu - V_th)));
 * far below threshold (y_th -> infinity), r ~ y_th exp(-y_th^2) / (tau sqrt(pi)) -> 0.
 *
 * @param options mu and sigma (units of V), tau (s, default 0.02), vTh (default 1), vReset
 *   (default 0), tRef (s, default 0).
 * @returns the firing rate (Hz), finite and >= 0.
 * @throws ParameterError for non-finite mu, sigma < 0, tau <= 0, vReset >= vTh or tRef < 0, or a
 *   rate past double precision (e.g. tau = 1e-320 s with tRef = 0).
 */
export function siegertRate(options: SiegertOptions): number {
  const where = "siegertRate";
  const { mu, sigma } = options;
  checkNumber(where, "mu", mu);
  checkNumber(where, "sigma", sigma, { min: 0 });
  const { tau, vTh, vReset, tRef } = checkNeuron(where, options);
  return checkResult(where, "the rate", siegertOf(mu, sigma, tau, vTh, vReset, tRef), `mu = ${mu}, sigma = ${sigma}, tau = ${tau} s, tRef = ${tRef} s`);
}

function siegertOf(mu: number, sigma: number, tau: number, vTh: number, vReset: number, tRef: number): number {
  const scale = Math.SQRT2 * sigma;
  const yTh = (vTh - mu) / scale;
  const yR = (vReset - mu) / scale;
  if (sigma === 0 || !Number.isFinite(yTh) || !Number.isFinite(yR) || yTh - yR === Infinity) {
    return deterministicRate(mu, tau, vTh, vReset, tRef);
  }
  // below u = 0: integral of erfcx(-u) du = integral of erfcx(x) dx over x in [max(-yTh, 0), -yR]
  const negative = yR < 0 ? erfcxIntegral(Math.max(-yTh, 0), -yR) : 0;
  if (yTh <= 0) return 1 / (tRef + tau * SQRT_PI * negative);
  const B = yTh;
  // exp(-B^2) / (tau sqrt(pi) / B) underflows to 0 for B > 28.5: the rate is 0 in double precision
  if (B > 28.5) return 0;
  const scaled = scaledPositiveIntegral(Math.max(yR, 0), B);
  const B2 = B * B;
  if (B2 < 600) return 1 / (tRef + tau * SQRT_PI * (negative + Math.exp(B2) * scaled));
  return Math.exp(-B2 - Math.log(tau * SQRT_PI * scaled + (tRef + tau * SQRT_PI * negative) * Math.exp(-B2)));
}

/** Parameters of {@link simulateLifGaussian}. */
export interface LifGaussianOptions extends LifRateOptions, LimitOptions, RunControlOptions {
  /** Mean of the free membrane potential (units of V). */
  mu: number;
  /** Standard deviation of the free membrane potential (units of V), >= 0. */
  sigma: number;
  /** Duration (s), > 0, a whole number of steps. */
  duration: number;
  /** Time step (s), default 1e-4. */
  dt?: number;
  /** Initial potential, default vReset. */
  v0?: number;
  /**
   * Whether to detect threshold crossings between grid points (default true): after a step from
   * V_0 to V_1, both below V_th, the neuron still fires with the Brownian-bridge crossing probability
   * exp(-2 (V_th - V_0)(V_th - V_1) / s^2), s^2 = sigma^2 (1 - exp(-2 dt / tau)) the step variance.
   * Without it the rate is underestimated by a relative O(sqrt(dt / tau)).
   */
  bridge?: boolean;
  /** Seed of the noise. */
  seed: number | string;
  /** Called every 2^20 steps with the simulated time done and the duration (s). */
  onProgress?: (doneSeconds: number, totalSeconds: number) => void;
}

/** Result of {@link simulateLifGaussian}. */
export interface LifGaussianResult {
  /** Spike times (s), at the end of the step in which threshold was crossed. */
  spikeTimes: Float64Array;
  /** Number of spikes divided by the duration (Hz). */
  rate: number;
  /** Duration simulated (s). */
  duration: number;
}

/** Steps between two progress reports of {@link simulateLifGaussian}. */
const PROGRESS_STEPS = 1 << 20;

/** {@link LifGaussianOptions} validated once, with every default filled in. */
interface ResolvedGaussian extends Required<LifRateOptions> {
  mu: number;
  sigma: number;
  dt: number;
  duration: number;
  nSteps: number;
  v0: number;
  bridge: boolean;
  seed: number | string;
  run: RunControl;
}

function resolveGaussian(where: string, options: LifGaussianOptions): ResolvedGaussian {
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object { mu, sigma, duration, seed, ... }");
  const { mu, sigma, duration, dt = 1e-4, bridge = true, seed } = options;
  checkNumber(where, "mu", mu);
  checkNumber(where, "sigma", sigma, { min: 0 });
  const neuron = checkNeuron(where, options);
  const v0 = options.v0 ?? neuron.vReset;
  checkNumber(where, "v0", v0);
  checkSeed(where, seed);
  checkNumber(where, "duration", duration, { min: 0, minInclusive: false, unit: "s" });
  checkNumber(where, "dt", dt, { min: 0, minInclusive: false, unit: "s" });
  // a time step (a Gaussian draw, the bridge test, the Euler step) costs about 6 steps: 63 ns a
  // step measured on the 2-core machine against about 10 ns a step; 1e5 s at dt = 1e-4 s (63 s) is refused
  const steps = 6 * (duration / dt);
  checkBudget(where, resolveLimits(where, options), { what: `${formatCount(duration / dt)} time steps of one neuron`, steps });
  const nSteps = binCount(where, duration, dt);
  if (typeof bridge !== "boolean") invalid(where, "bridge", bridge, "a boolean");
  const run = runControl(where, options, duration, "s of simulated time");
  return { ...neuron, mu, sigma, dt, duration, nSteps, v0, bridge, seed, run };
}

/** The state of the Ornstein-Uhlenbeck neuron of {@link simulateLifGaussian}, carried from chunk to chunk. */
class OuNeuron {
  private readonly rng: Rng;
  private readonly decay: number;
  private readonly s: number;
  private readonly twoOverS2: number;
  private readonly refSteps: number;
  private times = new Float64Array(1024);
  private n = 0;
  private v: number;
  private hold = 0;
  // standard normals by Marsaglia's polar method, both of each pair used
  private spare = 0;
  private hasSpare = false;

  constructor(private readonly p: ResolvedGaussian) {
    this.rng = new Rng(p.seed);
    this.decay = Math.exp(-p.dt / p.tau);
    this.s = p.sigma * Math.sqrt(-Math.expm1((-2 * p.dt) / p.tau));
    this.twoOverS2 = this.s > 0 ? 2 / (this.s * this.s) : Infinity;
    this.refSteps = Math.round(p.tRef / p.dt);
    this.v = p.v0;
  }

  /** Runs steps k0 .. k1 - 1 (state in locals: property access in the loop costs ~20%). */
  advance(k0: number, k1: number): void {
    const { mu, vTh, vReset, bridge, dt } = this.p;
    const { decay, s, twoOverS2, rng, refSteps } = this;
    let { v, hold, spare, hasSpare } = this;
    for (let k = k0; k < k1; k++) {
      if (hold > 0) {
        hold--;
        continue;
      }
      let z: number;
      if (hasSpare) {
        z = spare;
        hasSpare = false;
      } else {
        let a: number;
        let b: number;
        let q: number;
        do {
          a = 2 * rng.uniform() - 1;
          b = 2 * rng.uniform() - 1;
          q = a * a + b * b;
        } while (q >= 1 || q === 0);
        const f = sqrt((-2 * log(q)) / q);
        z = a * f;
        spare = b * f;
        hasSpare = true;
      }
      const next = mu + (v - mu) * decay + s * z;
      let spike = next > vTh;
      if (!spike && bridge && s > 0) {
        const p = exp(-twoOverS2 * (vTh - v) * (vTh - next));
        spike = p > 1e-300 && rng.uniform() < p;
      }
      if (spike) {
        this.record((k + 1) * dt);
        v = vReset;
        hold = refSteps;
      } else {
        v = next;
      }
    }
    this.v = v;
    this.hold = hold;
    this.spare = spare;
    this.hasSpare = hasSpare;
  }

  private record(t: number): void {
    if (this.n === this.times.length) {
      const grown = new Float64Array(2 * this.n);
      grown.set(this.times);
      this.times = grown;
    }
    this.times[this.n++] = t;
  }

  result(): LifGaussianResult {
    return { spikeTimes: this.times.slice(0, this.n), rate: this.n / this.p.duration, duration: this.p.duration };
  }
}

/**
 * Simulates one LIF neuron driven by Gaussian white noise,
 * dV = (mu - V) / tau dt + sigma sqrt(2 / tau) dW, spike and reset to V_r when V crosses V_th, no
 * refractory period unless tRef > 0 (V held at V_r). The Ornstein-Uhlenbeck step is exact
 * (Gillespie 1996, Phys. Rev. E 54:2084), with normal variates from Marsaglia's polar method:
 *
 *     V(t + dt) = mu + (V(t) - mu) e^(-dt / tau) + sigma sqrt(1 - e^(-2 dt / tau)) N(0, 1),
 *
 * and crossings between grid points are caught with the Brownian-bridge probability (see `bridge`),
 * so the rate converges to {@link siegertRate} with an error O(dt / tau) rather than O(sqrt(dt / tau)).
 * Cost: one time step per dt, counted as 6 steps of the work limit (see `core/limits`; 1e5 s at
 * dt = 1e-4 s, about a minute, is refused); long runs report
 * progress every 2^20 steps and stop when their signal is aborted.
 *
 * @param options mu, sigma (units of V), duration and dt (s), tau (s), vTh, vReset, tRef (s), seed,
 *   onProgress, signal, maxSteps.
 * @returns spike times (s) and the rate (Hz).
 * @throws ParameterError for bad parameters, a duration that is not > 0 and a whole number of
 *   steps, or more steps than the work limit; CancelledError when the signal is aborted.
 */
export function simulateLifGaussian(options: LifGaussianOptions): LifGaussianResult {
  const p = resolveGaussian("simulateLifGaussian", options);
  const neuron = new OuNeuron(p);
  for (let k0 = 0; k0 < p.nSteps; k0 += PROGRESS_STEPS) {
    const k1 = Math.min(p.nSteps, k0 + PROGRESS_STEPS);
    neuron.advance(k0, k1);
    p.run.report(k1 * p.dt);
  }
  return neuron.result();
}
