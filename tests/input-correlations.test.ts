import { correlationEffect } from "../lib/src/experiments/input-correlations";
import { simulateTestNeurons, type PresynapticGroup, type TestNeuronOptions } from "../lib/src/neuron/test-neurons";
import { simulateLif } from "../lib/src/neuron/lif";
import { closedLoopShift } from "../lib/src/theory/closed-loop-shift";
import { poissonTrains } from "../lib/src/spikes/poisson";
import { SpikeTrains } from "../lib/src/spikes/spike-trains";
import { Rng } from "../lib/src/core/rng";
import { summarize } from "../lib/src/math/statistics";
import { studentTCritical } from "../lib/src/math/student-t";
import { ParameterError } from "../lib/src/core/validate";

const dt = 1e-4;

/** K copies of one train: perfectly synchronous trains. */
function copies(train: SpikeTrains, K: number): SpikeTrains {
  const b = train.spikeBins(0);
  const bins = new Uint32Array(K * b.length);
  for (let j = 0; j < K; j++) bins.set(b, j * b.length);
  return new SpikeTrains(K, train.nBins, train.dt, Uint32Array.from({ length: K + 1 }, (_, j) => j * b.length), bins);
}

function randomShifts(seed: number, n: number, span: number): Uint32Array {
  const rng = new Rng(seed);
  return Uint32Array.from({ length: n }, () => rng.int(span));
}

/** Options of one random case: 1-3 groups, shifts or not, Bernoulli or not, odd and even M, k = 0 allowed. */
function randomCase(c: number): TestNeuronOptions {
  const r = new Rng(`case ${c}`);
  const nBins = 300 + r.int(1500);
  const M = 1 + r.int(9);
  const from = r.int(2) * r.int(40) * dt;
  const span = nBins - Math.round(from / dt);
  const groups = Array.from({ length: 1 + r.int(3) }, (_, q): PresynapticGroup => {
    const n = 1 + r.int(30);
    const trains = poissonTrains({ n, rate: 5 + 60 * r.uniform(), duration: nBins * dt, dt, seed: `case ${c} group ${q}` });
    const k = r.int(10);
    const g = { trains, perNeuron: k, partners: Uint32Array.from({ length: M * k }, () => r.int(n)), weights: Float64Array.from({ length: M }, () => 0.4 * r.uniform() - 0.1) };
    return r.uniform() < 0.5 ? g : { ...g, shifts: Uint32Array.from({ length: n }, () => r.int(span)) };
  });
  const vTh = 0.5 + 0.5 * r.uniform();
  return {
    neurons: M, groups, start: from, transient: r.int(50) * dt, tau: 0.005 + 0.03 * r.uniform(), vTh, recordSpikes: true,
    bernoulli: r.uniform() < 0.5 ? undefined : { perNeuron: r.int(20), rate: 60 * r.uniform(), weights: Float64Array.from({ length: M }, () => 0.2 * r.uniform()), seed: c },
    initialV: r.uniform() < 0.5 ? undefined : Float64Array.from({ length: M }, () => 0.99 * vTh * r.uniform()),
  };
}

/** Per window bin, the inputs of each neuron from the Bernoulli slots (t M + m) K + q, one in 1/p by geometric gaps. */
function bernoulliCounts(b: NonNullable<TestNeuronOptions["bernoulli"]>, M: number, span: number): Uint32Array {
  const counts = new Uint32Array(span * M);
  const rng = new Rng(b.seed);
  const p = b.rate * dt;
  if (b.perNeuron === 0) return counts;
  for (let s = rng.geometric(p) - 1; s < span * M * b.perNeuron; s += rng.geometric(p)) counts[Math.floor(s / b.perNeuron)]++;
  return counts;
}

/**
 * The test neurons one at a time, straight from the definition (module header of test-neurons.ts):
 * per bin, each group's spiking trains in increasing index, each once per synapse from it, then
 * the Bernoulli spikes; V = V a + I, reset above vTh; the free membrane without reset.
 */
function reference(o: TestNeuronOptions): { counts: number[]; spikes: number[][]; freeMean: number[]; inputMean: number[] } {
  const { nBins } = o.groups[0].trains;
  const k0 = Math.round((o.start ?? 0) / dt);
  const span = nBins - k0;
  const w0 = Math.max(1, Math.round((o.transient ?? 0) / dt));
  const a = 1 - dt / (o.tau ?? 0.02);
  const spiking = o.groups.map((g) => {
    const at: number[][] = Array.from({ length: span }, () => []);
    for (let j = 0; j < g.trains.n; j++) {
      for (const b of g.trains.spikeBins(j)) if (b >= k0) at[(b - k0 + (g.shifts?.[j] ?? 0)) % span].push(j);
    }
    return at.map((js) => js.sort((x, y) => x - y));
  });
  const bern = o.bernoulli === undefined ? undefined : bernoulliCounts(o.bernoulli, o.neurons, span);
  const out = { counts: [] as number[], spikes: [] as number[][], freeMean: [] as number[], inputMean: [] as number[] };
  for (let m = 0; m < o.neurons; m++) {
    let v = o.initialV?.[m] ?? 0, u = v, count = 0, i1 = 0, u1 = 0;
    const spikes: number[] = [];
    for (let t = 0; t + 1 < span; t++) {
      let x = 0;
      o.groups.forEach((g, q) => {
        const mine = g.partners.subarray(m * g.perNeuron, (m + 1) * g.perNeuron);
        for (const j of spiking[q][t]) for (const partner of mine) if (partner === j) x += g.weights[m];
      });
      for (let e = 0; bern !== undefined && e < bern[t * o.neurons + m]; e++) x += o.bernoulli!.weights[m];
      v = v * a + x;
      u = u * a + x;
      if (v > (o.vTh ?? 1)) {
        v = 0;
        spikes.push(t + 1);
        if (t + 1 >= w0) count++;
      }
      if (t + 1 >= w0) {
        i1 += x;
        u1 += u;
      }
    }
    out.counts.push(count);
    out.spikes.push(spikes);
    out.freeMean.push(u1 / (span - w0));
    out.inputMean.push(i1 / (span - w0));
  }
  return out;
}

describe("simulateTestNeurons", () => {
  test("on random inputs its spikes, counts and means are bit-identical to the neurons simulated one at a time from the definition", () => {
    let spikes = 0;
    for (let c = 0; c < 40; c++) {
      const o = randomCase(c);
      const r = simulateTestNeurons(o);
      const ref = reference(o);
      spikes += r.spikes!.totalSpikes;
      expect(Array.from(r.counts)).toEqual(ref.counts);
      expect(Array.from({ length: o.neurons }, (_, m) => Array.from(r.spikes!.spikeBins(m)))).toEqual(ref.spikes);
      expect(Array.from(r.freeMean)).toEqual(ref.freeMean);
      expect(Array.from(r.inputMean)).toEqual(ref.inputMean);
    }
    expect(spikes).toBeGreaterThan(500);
  });


  test("one test neuron spikes in exactly the bins of simulateLif on the same inputs, and its free-membrane moments are those of the unreset trace", () => {
    const x = poissonTrains({ n: 40, rate: 20, duration: 1, dt, seed: 4 });
    const w = Float64Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? -0.04 : 0.07 + 0.001 * i));
    const groups: PresynapticGroup[] = Array.from({ length: 40 }, (_, i) => ({ trains: x, perNeuron: 1, partners: Uint32Array.of(i), weights: Float64Array.of(w[i]) }));
    const r = simulateTestNeurons({ neurons: 1, groups, recordSpikes: true });
    const ref = simulateLif(x, w);
    expect(r.spikes?.bins).toEqual(ref.spikes.bins);
    expect(r.counts[0]).toBe(ref.spikes.totalSpikes);
    expect(ref.spikes.totalSpikes).toBeGreaterThan(5);
    const free = simulateLif(x, w, { reset: false, recordV: true }).v as Float64Array;
    const s = summarize(free.subarray(1));
    expect(r.bins).toBe(x.nBins - 1);
    expect(r.freeMean[0]).toBeCloseTo(s.mean, 12);
    expect(r.freeVariance[0]).toBeCloseTo((s.variance * (s.n - 1)) / s.n, 12);
  });

  test("with independent Poisson trains, shifting each train leaves the mean rate unchanged within the between-seed SE", () => {
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    const M = 40, K = 40, n = 120, span = 10000;
    const diffs = seeds.map((seed) => {
      const trains = poissonTrains({ n, rate: 25, duration: span * dt, dt, seed });
      const rng = new Rng(seed + 100);
      const partners = new Uint32Array(M * K);
      for (let m = 0; m < M; m++) rng.sampleWithoutReplacement(n, partners.subarray(m * K, (m + 1) * K));
      const g = { trains, perNeuron: K, partners, weights: new Float64Array(M).fill(0.2) };
      const common = { neurons: M, transient: 0.05, bernoulli: { perNeuron: 20, rate: 10, weights: new Float64Array(M).fill(-0.2), seed } };
      const real = simulateTestNeurons({ ...common, groups: [g] });
      const shifted = simulateTestNeurons({ ...common, groups: [{ ...g, shifts: randomShifts(seed, n, span) }] });
      expect(shifted.counts).not.toEqual(real.counts);
      const rate = (c: Uint32Array) => c.reduce((a, b) => a + b, 0) / (M * real.bins * dt);
      expect(rate(real.counts)).toBeGreaterThan(5);
      return rate(real.counts) - rate(shifted.counts);
    });
    const s = summarize(diffs);
    expect(Math.abs(s.mean)).toBeLessThan(studentTCritical(seeds.length - 1) * s.se);
  });

  test("with perfectly synchronous trains every input event fires the neuron, and the shift divides the input variance by K and silences it", () => {
    const K = 50, w = 0.05, M = 4; // K w = 2.5 > V_th: a synchronous event always fires; shifted: mean 0.5, SD 0.11
    const one = poissonTrains({ n: 1, rate: 10, duration: 10, dt, seed: 9 });
    const trains = copies(one, K);
    const partners = Uint32Array.from({ length: M * K }, (_, s) => s % K);
    const g = { trains, perNeuron: K, partners, weights: new Float64Array(M).fill(w) };
    const real = simulateTestNeurons({ neurons: M, groups: [g] });
    const shifted = simulateTestNeurons({ neurons: M, groups: [{ ...g, shifts: randomShifts(3, K, trains.nBins) }] });
    const events = one.spikeBins(0).filter((b) => b < trains.nBins - 1).length; // an event in the last bin acts after the run
    for (let m = 0; m < M; m++) {
      expect(real.counts[m]).toBe(events);
      expect(shifted.counts[m]).toBeLessThan(events / 10);
      // cross terms of the shifted copies: about sqrt(2 K^2 c^2 / n) coincidences against K c, a 0.5 % effect; 5 % allowed
      expect(real.inputVariance[m] / shifted.inputVariance[m] / K).toBeCloseTo(1, 1);
      expect(real.freeVariance[m]).toBeGreaterThan(shifted.freeVariance[m] * K * 0.9);
    }
  });

  test("the same Bernoulli seed gives the same spikes, bit for bit, and another seed other spikes", () => {
    const x = poissonTrains({ n: 30, rate: 20, duration: 0.5, dt, seed: 2 });
    const g = { trains: x, perNeuron: 10, partners: Uint32Array.from({ length: 50 }, (_, s) => (7 * s) % 30), weights: new Float64Array(5).fill(0.3) };
    const run = (seed: number) => simulateTestNeurons({ neurons: 5, groups: [g], bernoulli: { perNeuron: 30, rate: 15, weights: new Float64Array(5).fill(0.3), seed } });
    expect(run(1)).toEqual(run(1));
    expect(run(1).inputMean).not.toEqual(run(2).inputMean);
  });

  test("bad input throws a ParameterError naming the parameter", () => {
    const x = poissonTrains({ n: 10, rate: 20, duration: 0.2, dt, seed: 1 });
    const g = { trains: x, perNeuron: 2, partners: Uint32Array.of(0, 1, 2, 3), weights: Float64Array.of(0.1, 0.1) };
    const bad = (over: object, pattern: RegExp) => {
      const call = () => simulateTestNeurons({ neurons: 2, groups: [g], ...over });
      expect(call).toThrow(ParameterError);
      expect(call).toThrow(pattern);
    };
    bad({ neurons: 0 }, /simulateTestNeurons: neurons must be an integer >= 1/);
    bad({ groups: [{ ...g, partners: Uint32Array.of(0, 1, 2, 10) }] }, /groups\[0\]\.partners\[3\] must be an integer in \[0, 10\)/);
    bad({ groups: [{ ...g, weights: Float64Array.of(0.1) }] }, /groups\[0\]\.weights must have length 2/);
    bad({ groups: [{ ...g, shifts: new Uint32Array(10).fill(2000) }] }, /groups\[0\]\.shifts\[0\] must be an integer in \[0, 2000\)/);
    bad({ start: 0.00005 }, /start must be a whole number of bins/);
    bad({ initialV: Float64Array.of(0, 1) }, /initialV\[1\] must be a finite number < 1 \(below vTh\)/);
    bad({ bernoulli: { perNeuron: 1, rate: 2e4, weights: Float64Array.of(1, 1), seed: 1 } }, /bernoulli\.rate/);
    bad({ recordSpikes: 1 }, /simulateTestNeurons: recordSpikes must be a boolean/);
    bad({ maxBytes: 100 }, /simulateTestNeurons: 2 test neurons over 2000 bins .* would need about .*, above the memory limit of 100 B/);
  });
});

describe("correlationEffect", () => {
  const options = { params: { K: 20, duration: 0.8 }, seeds: [1, 2, 3], testNeurons: 30 };

  test("the same seeds give the same result, bit for bit", () => {
    expect(correlationEffect(options)).toEqual(correlationEffect(options));
  });

  test("the differences are paired per seed, and the open-loop effect carries their means and covariance", () => {
    const r = correlationEffect(options);
    expect(r.params.N).toBe(200);
    expect(r.usable).toBe(3);
    for (const p of [r.E, r.I]) {
      expect(p.difference.perSeed).toEqual(p.real.perSeed.map((x, q) => x - p.shifted.perSeed[q]));
      expect(p.realMinusNetwork.perSeed).toEqual(p.real.perSeed.map((x, q) => x - p.network.perSeed[q]));
      expect(p.network.mean).toBeGreaterThan(1);
    }
    expect(r.openLoop.mean).toEqual([r.E.difference.mean, r.I.difference.mean]);
    expect(r.openLoop.covariance[0][0]).toBeCloseTo(r.E.difference.se ** 2, 12);
    expect(r.openLoop.covariance[1][1]).toBeCloseTo(r.I.difference.se ** 2, 12);
  });

  test("with usableWanted it stops once that many runs were usable, with the rates of the same seeds run alone", () => {
    const some = correlationEffect({ ...options, usableWanted: 2 });
    expect([some.usable, some.runs]).toEqual([2, 2]);
    expect(some.E.difference.perSeed).toEqual(correlationEffect({ ...options, seeds: [1, 2] }).E.difference.perSeed);
  });

  test("bad input throws a ParameterError naming the function and the parameter", () => {
    expect(() => correlationEffect({ ...options, usableWanted: 4 })).toThrow(/correlationEffect: usableWanted must be an integer >= 1 and <= 3/);
    expect(() => correlationEffect({ ...options, testNeurons: 0 })).toThrow(/correlationEffect: testNeurons must be an integer >= 1/);
    expect(() => correlationEffect({ ...options, seeds: [] })).toThrow(/correlationEffect: seeds must be a non-empty array/);
    expect(() => correlationEffect({ ...options, external: "poisson" as "network" })).toThrow(/correlationEffect: external must be "bernoulli" or "network"/);
    expect(() => correlationEffect({ ...options, minWindow: 0.6 })).toThrow(/correlationEffect: minWindow must be a finite number > 0 and <= 0.5/);
    expect(() => correlationEffect({ ...options, params: { K: 300, N: 100 } })).toThrow(/networkParams: K must be an integer >= 1 and <= 100/);
    expect(() => correlationEffect({ ...options, testNeurons: 1e6, maxBytes: 1e8 })).toThrow(/correlationEffect: the partners of 2 x 1000000 test neurons .* above the memory limit/);
  });
});

describe("closedLoopShift", () => {
  test("with Jac = -1 the closed loop passes the open-loop change and its errors through", () => {
    const r = closedLoopShift([[-1, 0], [0, -1]], { mean: [0.5, -0.3], covariance: [[0.04, 0.01], [0.01, 0.09]] });
    expect(r.dr).toEqual([0.5, -0.3]);
    expect(r.se[0]).toBeCloseTo(0.2, 14);
    expect(r.se[1]).toBeCloseTo(0.3, 14);
  });

  test("the change solves Jac dr = -dphi, and its covariance is A C A^T", () => {
    const J = [[3.4, -9.9], [4.2, -8.4]];
    const C = [[0.01, 0.008], [0.008, 0.009]];
    const r = closedLoopShift(J, { mean: [-1.46, -1.25], covariance: C });
    expect(J[0][0] * r.dr[0] + J[0][1] * r.dr[1]).toBeCloseTo(1.46, 12);
    expect(J[1][0] * r.dr[0] + J[1][1] * r.dr[1]).toBeCloseTo(1.25, 12);
    const a = r.response[0];
    expect(r.se[0] ** 2).toBeCloseTo(a[0] ** 2 * C[0][0] + 2 * a[0] * a[1] * C[0][1] + a[1] ** 2 * C[1][1], 14);
  });

  test("a singular Jacobian or a malformed effect throws a ParameterError", () => {
    const C = [[0, 0], [0, 0]];
    expect(() => closedLoopShift([[1, 2], [2, 4]], { mean: [1, 1], covariance: C })).toThrow(/closedLoopShift: jacobian must be a non-singular 2x2 matrix/);
    expect(() => closedLoopShift([[1, 0], [0, 1]], { mean: [1, NaN] as [number, number], covariance: C })).toThrow(/closedLoopShift: openLoop.mean/);
    expect(() => closedLoopShift([[1, 0]], { mean: [1, 1], covariance: C })).toThrow(/closedLoopShift: jacobian must be a 2x2 array/);
  });
});
