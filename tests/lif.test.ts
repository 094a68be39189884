import { binnedInput, MAX_TRACE_SAMPLES, simulateLif, simulateLifFromDrive } from "../lib/src/neuron/lif";
import { poissonTrains } from "../lib/src/spikes/poisson";
import { simulateSingleNeuron } from "../lib/src/experiments/single-neuron";
import { SpikeTrains } from "../lib/src/spikes/spike-trains";

/** Trains on nBins bins of dt from per-neuron lists of spike bins. */
function trains(rows: number[][], nBins: number, dt: number): SpikeTrains {
  const offsets = new Uint32Array(rows.length + 1);
  rows.forEach((r, i) => (offsets[i + 1] = offsets[i] + r.length));
  return new SpikeTrains(rows.length, nBins, dt, offsets, Uint32Array.from(rows.flat()));
}

/** Bitwise equality of two typed arrays (faster than toEqual on 1e5 elements). */
function sameArrays(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

describe("simulateLif follows the model's forward-Euler rule", () => {
  test("hand-computed steps without reset: each input spike jumps V one bin later, the leak multiplies by 1 - dt/tau", () => {
    const dt = 1e-3;
    const tau = 1e-2;
    const a = 1 - dt / tau;
    // input 0 spikes in bins 0 and 2, input 1 in bins 2 and 3; last bin (5) has a spike with no effect
    const x = trains([[0, 2, 5], [2, 3]], 6, dt);
    const { spikes, v } = simulateLif(x, [0.5, 0.3], { tau, vTh: 1, reset: false, recordV: true });
    // summation order: the bin's input first (in input order), then added to the decayed V
    const V = [0];
    V[1] = V[0] * a + 0.5;
    V[2] = V[1] * a + 0;
    V[3] = V[2] * a + (0.5 + 0.3);
    V[4] = V[3] * a + 0.3;
    V[5] = V[4] * a + 0;
    expect(Array.from(v!)).toEqual(V);
    expect(V[3]).toBeCloseTo(0.45 * 0.9 + 0.8, 14); // 1.205 by hand
    expect(spikes.totalSpikes).toBe(0); // no spiking mechanism without reset, even above threshold
    expect(spikes.n).toBe(1);
    expect(spikes.nBins).toBe(6);
  });

  test("V exactly at the threshold does not spike (strict >), and the next bins go on integrating", () => {
    // a = 1 - 1e-3 / 2e-3 = 0.5 and jumps of 0.5: V = 0, 0.5, 0.75, 0.875 exactly in binary
    const x = trains([[0, 1, 2]], 5, 1e-3);
    const { spikes, v } = simulateLif(x, 0.5, { tau: 2e-3, vTh: 0.75, reset: true, recordV: true });
    expect(Array.from(v!)).toEqual([0, 0.5, 0.75, 0, 0]);
    // V(3) = 0.875 > 0.75: spike in bin 3, reset to 0, then V(4) = 0 * 0.5 + 0 (no input in bin 3)
    expect(Array.from(spikes.spikeBins(0))).toEqual([3]);
  });

  test("V just above the threshold spikes in that bin and is reset to 0 in the same bin", () => {
    const x = trains([[0, 1, 2]], 5, 1e-3);
    const vTh = 0.75 - 2 ** -30;
    const { spikes, v } = simulateLif(x, 0.5, { tau: 2e-3, vTh, reset: true, recordV: true });
    // V(2) = 0.75 > vTh: spike in bin 2, V(2) = 0; V(3) = 0 * 0.5 + 0.5; V(4) = 0.25
    expect(Array.from(v!)).toEqual([0, 0.5, 0, 0.5, 0.25]);
    expect(Array.from(spikes.spikeBins(0))).toEqual([2]);
    expect(Array.from(spikes.spikeTimes(0))).toEqual([2e-3]);
  });

  test("inhibitory (negative) weights push V below 0", () => {
    const x = trains([[0], [1]], 3, 1e-3);
    const { v } = simulateLif(x, [0.25, -0.5], { tau: 2e-3, recordV: true });
    expect(Array.from(v!)).toEqual([0, 0.25, 0.125 - 0.5]);
  });

  test("the block-wise input merge gives the same trace as merging everything first, beyond one block of 65536 bins", () => {
    const x = poissonTrains({ n: 50, rate: 20, duration: 15, dt: 1e-4, seed: "blocks" });
    const w = Float64Array.from({ length: 50 }, (_, i) => (i % 3 === 0 ? -0.02 : 0.03));
    for (const weights of [0.02, w]) {
      const a = simulateLif(x, weights, { recordV: true, vTh: 0.5 });
      const b = simulateLifFromDrive(binnedInput(x, weights), 1e-4, { recordV: true, vTh: 0.5 });
      expect(sameArrays(a.v!, b.v!)).toBe(true);
      expect(sameArrays(a.spikes.bins, b.spikes.bins)).toBe(true);
      expect(a.spikes.totalSpikes).toBeGreaterThan(10);
    }
  });

  test("simulateSingleNeuron reproduces simulateLif on its own input trains, bit for bit", () => {
    const r = simulateSingleNeuron({ groups: [{ count: 100, weight: 0.045, rate: 10 }], duration: 3, seed: 7, recordV: true });
    const s = simulateLif(r.inputs[0], 0.045, { recordV: true });
    expect(sameArrays(r.v!, s.v!)).toBe(true);
    expect(sameArrays(r.spikes.bins, s.spikes.bins)).toBe(true);
    expect(r.inputs[0].n).toBe(100);
  });

  test("the same seed gives identical output, and recordV defaults to off", () => {
    const o = { groups: [{ count: 10, weight: 0.9, rate: 10 }], duration: 2, seed: "s" };
    const a = simulateSingleNeuron(o);
    const b = simulateSingleNeuron(o);
    expect(a.spikes.bins).toEqual(b.spikes.bins);
    expect(a.v).toBeNull();
  });

  test("a single input of weight 0.9 (task 3.1) makes the neuron fire only on closely spaced input pairs", () => {
    const r = simulateSingleNeuron({ groups: [{ count: 1, weight: 0.9, rate: 10 }], duration: 20, seed: 3, recordV: true });
    const inBins = r.inputs[0].spikeBins(0);
    const outBins = r.spikes.spikeBins(0);
    expect(outBins.length).toBeGreaterThan(0);
    // every output spike is one bin after an input spike, and V stays <= vTh when not reset
    const inputSet = new Set(Array.from(inBins, (b) => b + 1));
    for (const b of outBins) expect(inputSet.has(b)).toBe(true);
    expect(r.v!.reduce((m, v) => Math.max(m, v), -Infinity)).toBeLessThanOrEqual(1);
  });
});

describe("simulateLif rejects bad input with a message naming the parameter", () => {
  const x = trains([[0], [1]], 3, 1e-3);
  test.each([
    ["a NaN weight", () => simulateLif(x, NaN), /simulateLif: weights must be a finite number/],
    ["a NaN weight in the array", () => simulateLif(x, [0.1, NaN]), /simulateLif: weights\[1\] must be a finite number/],
    ["a weight array of the wrong length", () => simulateLif(x, [0.1]), /simulateLif: weights must have length 2, got length 1/],
    ["dt >= tau", () => simulateLif(x, 0.1, { tau: 1e-3 }), /simulateLif: dt must be < tau/],
    ["a negative tau", () => simulateLif(x, 0.1, { tau: -0.02 }), /simulateLif: tau must be a finite number > 0/],
    ["a zero threshold", () => simulateLif(x, 0.1, { vTh: 0 }), /simulateLif: vTh must be/],
    ["a non-boolean reset", () => simulateLif(x, 0.1, { reset: 1 as unknown as boolean }), /simulateLif: reset must be a boolean/],
    ["inputs that are not spike trains", () => simulateLif([] as unknown as SpikeTrains, 0.1), /simulateLif: inputs must be a SpikeTrains/],
    ["a NaN dt in simulateLifFromDrive", () => simulateLifFromDrive(new Float64Array(3), NaN), /simulateLifFromDrive: dt must be/],
    ["a bad group rate", () => simulateSingleNeuron({ groups: [{ count: 1, weight: 1, rate: -1 }], duration: 1, seed: 1 }), /simulateSingleNeuron: groups\[0\]\.rate must be/],
    ["a non-integer group count", () => simulateSingleNeuron({ groups: [{ count: 1.5, weight: 1, rate: 1 }], duration: 1, seed: 1 }), /simulateSingleNeuron: groups\[0\]\.count must be an integer/],
    ["dt >= tau in simulateSingleNeuron", () => simulateSingleNeuron({ groups: [], duration: 1, dt: 0.05, seed: 1 }), /simulateSingleNeuron: dt must be < tau/],
  ])("%s", (_name, f, message) => {
    expect(f).toThrow(message);
  });

  test("a V trace above the memory budget is refused before it is allocated", () => {
    const long = new SpikeTrains(0, MAX_TRACE_SAMPLES + 1, 1e-4, new Uint32Array(1), new Uint32Array(0));
    expect(() => simulateLif(long, 0.1, { recordV: true })).toThrow(/recordV would store 10000001 samples, above the budget of 10000000/);
    expect(simulateLif(long, 0.1).spikes.totalSpikes).toBe(0); // without the trace it runs
  });
});
