// The WebAssembly loop of the Euler chain's step must give the JavaScript sum bit for bit (the
// chain's results do not depend on where its step runs), for even and odd ranges.
import { addFourTaps, stageBuffers } from "../lib/src/theory/chain-taps";
import { Rng } from "../lib/src/core/rng";

describe("addFourTaps", () => {
  test("equals ((w0 a + w1 b) + w2 c) + w3 d added to the landing point, bit for bit", () => {
    const rng = new Rng(3);
    const size = 301;
    const { a: dst, b: src } = stageBuffers(size);
    for (let i = 0; i < size; i++) {
      src[i] = rng.uniform();
      dst[i] = rng.uniform();
    }
    const taps = Int32Array.of(-7, 0, 12, 40);
    const weights = Float64Array.of(0.1, 0.35, 0.3, 0.25);
    for (const [x0, x1] of [[40, 294], [41, 294], [50, 51], [60, 60]]) {
      const want = Float64Array.from(dst);
      for (let x = x0; x < x1; x++) want[x] += weights[0] * src[x - taps[0]] + weights[1] * src[x - taps[1]] + weights[2] * src[x - taps[2]] + weights[3] * src[x - taps[3]];
      addFourTaps(dst, src, x0, x1, taps, weights, 0);
      expect(Array.from(dst.subarray(0, size))).toEqual(Array.from(want.subarray(0, size)));
    }
  });

  test("a larger request gives larger buffers", () => {
    const small = stageBuffers(10);
    const large = stageBuffers(4 * small.a.length + 1);
    expect(large.a.length).toBeGreaterThanOrEqual(4 * small.a.length + 1);
    expect(large.b.length).toBe(large.a.length);
  });
});
