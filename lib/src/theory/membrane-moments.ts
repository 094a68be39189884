import { checkNumber, checkResult, invalid, ParameterError, within } from "../core/validate";

/**
 * Theory of the free membrane potential (no spike-and-reset) of one LIF neuron driven by groups
 * of independent Poisson inputs (tutorial tasks 4.1-4.3 and 5.1): stationary mean and variance in
 * continuous time and, exactly, for the forward-Euler recursion with Bernoulli inputs.
 *
 * Set-up. Group g has n_g independent Poisson inputs of rate r_g (Hz), each spike making V jump by
 * J_g. Continuous time: dV/dt = -V/tau + h(t), h(t) = sum_g J_g sum_{j in g} S_j(t), with
 * <h> = sum_g n_g J_g r_g and Cov[h(t), h(t')] = sum_g n_g J_g^2 r_g delta(t - t') (shot noise).
 * V(t) = int_0^inf e^{-s/tau} h(t - s) ds (Campbell's theorem) gives
 *
 *     mu      = tau * sum_g n_g J_g r_g
 *     sigma^2 = (tau / 2) * sum_g n_g J_g^2 r_g          (int e^{-2s/tau} ds = tau/2)
 *
 * Discrete time (what `simulateLif` computes). With a = 1 - dt/tau and p_g = r_g dt,
 * V(k) = a V(k-1) + I(k-1), where I(j) = sum_g J_g B_g(j), B_g(j) ~ Binomial(n_g, p_g) the number
 * of group-g spikes in bin j, independent across bins. I(k-1) is independent of V(k-1) (which only
 * depends on the bins before k-1), so at stationarity E V = a E V + E I and Var V = a^2 Var V + Var I:
 *
 *     mu_d      = E I / (1 - a)   = (tau/dt) sum_g n_g p_g J_g = tau sum_g n_g J_g r_g  (= mu exactly)
 *     sigma_d^2 = Var I / (1 - a^2) = sum_g n_g p_g (1 - p_g) J_g^2 / ((dt/tau) (2 - dt/tau))
 *               = sigma^2 * (1 - r dt) / (1 - dt/(2 tau))        (the last form for one common rate r)
 *
 * so the two differ by terms of order r dt and dt/tau (0.1% and 0.25% at the default parameters).
 * From V(0) = 0 the Euler moments approach these as E V(k) = mu_d (1 - a^k) and
 * Var V(k) = sigma_d^2 (1 - a^{2k}) (see {@link eulerTransientMoments}).
 */

/** A group of identical, independent Poisson inputs. */
export interface InputGroup {
  /** Number of inputs n_g, a non-negative integer. */
  count: number;
  /** Jump of V per input spike J_g (dimensionless; negative for inhibition). */
  weight: number;
  /** Firing rate of each input r_g (Hz), >= 0. */
  rate: number;
}

/** Stationary mean and variance of V. */
export interface Moments {
  /** Mean of V (units of V, i.e. of V_th). */
  mean: number;
  /** Variance of V. */
  variance: number;
  /** Standard deviation, sqrt(variance). */
  sd: number;
}

/** Continuous-time and exact discrete-time (Euler) moments; see {@link membraneMoments}. */
export interface MembraneMoments {
  /** Continuous time: mu = tau sum n J r, sigma^2 = (tau/2) sum n J^2 r. */
  continuous: Moments;
  /** Euler recursion with Bernoulli inputs (what the simulation follows). */
  discrete: Moments;
}

/** Parameters of {@link membraneMoments}. */
export interface MembraneMomentsOptions {
  /** The input groups (see {@link excitatoryInputs}, {@link balancedInputs}). */
  groups: InputGroup[];
  /** Membrane time constant tau (s). Default 0.02 (the model's default). */
  tau?: number;
  /** Bin width dt (s), < tau, with rate * dt <= 1 in every group. Default 1e-4 (the model's default). */
  dt?: number;
}

/**
 * Checks input groups: an array of { count (integer >= 0), weight (finite), rate (Hz, >= 0) } with
 * rate * dt <= 1 (Bernoulli inputs).
 * @param where name of the calling function, for the error message.
 * @param groups the groups to check.
 * @param dt bin width (s).
 * @returns the groups.
 * @throws Error naming the offending group and field.
 */
export function checkInputGroups(where: string, groups: unknown, dt: number): InputGroup[] {
  if (!Array.isArray(groups)) return invalid(where, "groups", groups, "an array of { count, weight, rate }");
  groups.forEach((g: InputGroup, i) => {
    if (g === null || typeof g !== "object") invalid(where, `groups[${i}]`, g, "an object { count, weight, rate }");
    checkNumber(where, `groups[${i}].count`, g.count, { integer: true, min: 0 });
    checkNumber(where, `groups[${i}].weight`, g.weight);
    checkNumber(where, `groups[${i}].rate`, g.rate, { min: 0, unit: "Hz" });
    if (g.rate * dt > 1) {
      throw new ParameterError(`${where}: groups[${i}].rate * dt must be <= 1 (Bernoulli inputs), got ${g.rate} Hz * ${dt} s = ${g.rate * dt}`);
    }
  });
  return groups as InputGroup[];
}

function checkTauDt(where: string, tau: number, dt: number): void {
  checkNumber(where, "tau", tau, { min: 0, minInclusive: false, unit: "s" });
  checkNumber(where, "dt", dt, { min: 0, minInclusive: false, unit: "s" });
  if (!(dt < tau)) {
    throw new ParameterError(`${where}: dt must be < tau (leak factor 1 - dt/tau > 0), got dt = ${dt} s, tau = ${tau} s`);
  }
}

function moments(mean: number, variance: number): Moments {
  return { mean, variance, sd: Math.sqrt(variance) };
}

/**
 * Stationary mean and variance of the free membrane potential (no reset) driven by independent
 * Poisson input groups, in continuous time and exactly for the Euler recursion (formulas in this
 * module's header):
 *
 *     continuous:  mu = tau sum_g n_g J_g r_g,   sigma^2 = (tau/2) sum_g n_g J_g^2 r_g
 *     discrete:    mu_d = mu,   sigma_d^2 = sum_g n_g p_g (1 - p_g) J_g^2 / (1 - a^2),
 *                  a = 1 - dt/tau, p_g = r_g dt
 *
 * @example
 * // task 4.1: K = 100 inputs of weight w/K at 10 Hz, w = 1
 * membraneMoments({ groups: excitatoryInputs({ K: 100, w: 1, rate: 10 }) }).continuous; // mu 0.2, sigma^2 0.001
 * @param options groups, tau (s, default 0.02), dt (s, default 1e-4).
 * @returns `{ continuous, discrete }`, each `{ mean, variance, sd }`.
 * @throws ParameterError for a negative or non-integer count, a non-finite weight, a negative rate,
 *   rate * dt > 1, tau <= 0, dt <= 0 or dt >= tau, or moments past double precision (weights of 1e200).
 */
export function membraneMoments(options: MembraneMomentsOptions): MembraneMoments {
  const where = "membraneMoments";
  if (options === null || typeof options !== "object") invalid(where, "options", options, "an object");
  const { tau = 0.02, dt = 1e-4 } = options;
  checkTauDt(where, tau, dt);
  const groups = checkInputGroups(where, options.groups, dt);
  const a = 1 - dt / tau;
  let m = 0;
  let s2c = 0;
  let s2d = 0;
  for (const g of groups) {
    const p = g.rate * dt;
    m += g.count * g.weight * g.rate;
    s2c += g.count * g.weight * g.weight * g.rate;
    s2d += g.count * p * (1 - p) * g.weight * g.weight;
  }
  const shown = `weights ${groups.map((g) => g.weight).join(", ")}, counts ${groups.map((g) => g.count).join(", ")}`;
  checkResult(where, "the mean input", m, shown);
  checkResult(where, "the input variance", s2c, shown);
  return {
    continuous: moments(tau * m, (tau / 2) * s2c),
    discrete: moments(tau * m, s2d / (1 - a * a)),
  };
}

/**
 * Mean and variance of the Euler recursion at bin k, starting from V(0) = 0 (no reset):
 * E V(k) = mu_d (1 - a^k), Var V(k) = sigma_d^2 (1 - a^{2k}), a = 1 - dt/tau. Tells how long a
 * transient to drop: after time t the mean is short of mu by the fraction ~ e^{-t/tau}
 * (e^{-5} = 0.7% after 100 ms at tau = 20 ms).
 * @param options groups, tau (s, default 0.02), dt (s, default 1e-4).
 * @param k bin index, a non-negative integer.
 * @returns `{ mean, variance, sd }` at bin k.
 * @throws Error as {@link membraneMoments}, or when k is not a non-negative integer.
 */
export function eulerTransientMoments(options: MembraneMomentsOptions, k: number): Moments {
  const where = "eulerTransientMoments";
  checkNumber(where, "k", k, { integer: true, min: 0 });
  const { discrete } = within(where, "options", () => membraneMoments(options));
  const a = 1 - (options.dt ?? 1e-4) / (options.tau ?? 0.02);
  return moments(discrete.mean * (1 - a ** k), discrete.variance * (1 - a ** (2 * k)));
}

/** Parameters of {@link excitatoryInputs} and {@link balancedInputs}. */
export interface InputSetup {
  /** Number of inputs K (per population for {@link balancedInputs}), a positive integer. */
  K: number;
  /** Coupling strength w, >= 0 (dimensionless). */
  w: number;
  /** Rate of every input (Hz), >= 0. Default 10 (the model's r_X). */
  rate?: number;
}

function checkSetup(where: string, setup: InputSetup): Required<InputSetup> {
  if (setup === null || typeof setup !== "object") invalid(where, "options", setup, "an object { K, w, rate }");
  const { K, w, rate = 10 } = setup;
  checkNumber(where, "K", K, { integer: true, min: 1 });
  checkNumber(where, "w", w, { min: 0 });
  checkNumber(where, "rate", rate, { min: 0, unit: "Hz" });
  return { K, w, rate };
}

/**
 * The input of tutorial task 4: K independent Poisson inputs at rate r, each of weight w/K, as one
 * {@link InputGroup}. Continuous theory: mu = w r tau, sigma^2 = w^2 r tau / (2K).
 * @param setup K (positive integer), w (>= 0), rate (Hz, default 10).
 * @returns `[{ count: K, weight: w / K, rate }]`.
 * @throws Error when K is not a positive integer, w < 0 or rate < 0 (or any is NaN).
 */
export function excitatoryInputs(setup: InputSetup): InputGroup[] {
  const { K, w, rate } = checkSetup("excitatoryInputs", setup);
  return [{ count: K, weight: w / K, rate }];
}

/**
 * The input of tutorial task 5: K excitatory Poisson inputs of weight +w/sqrt(K) and K inhibitory ones
 * of weight -w/sqrt(K), all at rate r, as two {@link InputGroup}s. Continuous theory: mu = 0,
 * sigma^2 = w^2 r tau, independent of K.
 * @param setup K (positive integer), w (>= 0), rate (Hz, default 10).
 * @returns `[{ count: K, weight: w/sqrt(K), rate }, { count: K, weight: -w/sqrt(K), rate }]`.
 * @throws Error when K is not a positive integer, w < 0 or rate < 0 (or any is NaN).
 */
export function balancedInputs(setup: InputSetup): InputGroup[] {
  const { K, w, rate } = checkSetup("balancedInputs", setup);
  const J = w / Math.sqrt(K);
  return [
    { count: K, weight: J, rate },
    { count: K, weight: -J, rate },
  ];
}

/**
 * The coupling w for which the mean free membrane potential of tutorial task 4 (K inputs of weight
 * w/K at rate r) equals the threshold, whatever K: mu = w r tau = V_th gives w = V_th / (r tau)
 * (tutorial task 4.3; = 5 at the defaults). The same holds for the Euler recursion, whose mean is
 * identical.
 * @param options vTh (default 1), rate (Hz, > 0, default 10), tau (s, > 0, default 0.02).
 * @returns w = vTh / (rate * tau).
 * @throws Error when vTh <= 0, rate <= 0 or tau <= 0 (or any is NaN).
 */
export function weightForMeanAtThreshold(options: { vTh?: number; rate?: number; tau?: number } = {}): number {
  const where = "weightForMeanAtThreshold";
  const { vTh = 1, rate = 10, tau = 0.02 } = options;
  checkNumber(where, "vTh", vTh, { min: 0, minInclusive: false });
  checkNumber(where, "rate", rate, { min: 0, minInclusive: false, unit: "Hz" });
  checkNumber(where, "tau", tau, { min: 0, minInclusive: false, unit: "s" });
  return vTh / (rate * tau);
}
