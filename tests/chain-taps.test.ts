// The WebAssembly stage of the Euler chain's step must give the sum of its former JavaScript loop
// bit for bit (the chain's results do not depend on where its step runs): taps in fours where all
// four read inside, each alone at the edges and for the last fewer than four.
import { applyStage, stageBuffers } from "../lib/src/theory/chain-taps";
import { Rng } from "../lib/src/core/rng";

/** The former JavaScript loop of one stage (euler-chain.ts before the WebAssembly). */
function referenceStage(dst: Float64Array, src: Float64Array, taps: Int32Array, weights: Float64Array, [from, to, lo, hi]: number[]): void {
  for (let q = 0; q < taps.length; q += 4) {
    const count = Math.min(4, taps.length - q);
    const start = (k: number) => Math.max(from, lo + taps[q + k]);
    const stop = (k: number) => Math.min(to, hi + taps[q + k]);
    let x0 = from;
    let x1 = to;
    for (let k = 0; k < count; k++) {
      x0 = Math.max(x0, start(k));
      x1 = Math.min(x1, stop(k));
    }
    if (count < 4 || x0 >= x1) {
      x0 = x1 = to;
    } else {
      const [D0, D1, D2, D3] = [taps[q], taps[q + 1], taps[q + 2], taps[q + 3]];
      const [w0, w1, w2, w3] = [weights[q], weights[q + 1], weights[q + 2], weights[q + 3]];
      for (let x = x0; x < x1; x++) dst[x] += w0 * src[x - D0] + w1 * src[x - D1] + w2 * src[x - D2] + w3 * src[x - D3];
    }
    for (let k = 0; k < count; k++) {
      const D = taps[q + k];
      const w = weights[q + k];
      for (let x = start(k); x < Math.min(x0, stop(k)); x++) dst[x] += w * src[x - D];
      for (let x = Math.max(x1, start(k)); x < stop(k); x++) dst[x] += w * src[x - D];
    }
  }
}

describe("applyStage", () => {
  test("equals the JavaScript stage bit for bit, for even and odd ranges and 1 to 11 taps", () => {
    const rng = new Rng(3);
    const size = 401;
    const { a: src, b: dst } = stageBuffers(size, 16);
    for (let i = 0; i < size; i++) src[i] = rng.uniform();
    for (const count of [1, 3, 4, 7, 11]) {
      for (const range of [[80, 340, 60, 330], [81, 340, 60, 331], [100, 101, 60, 330]]) {
        const taps = Int32Array.from({ length: count }, (_, k) => -20 + 9 * k);
        const weights = Float64Array.from({ length: count }, () => rng.uniform());
        for (let i = 0; i < size; i++) dst[i] = rng.uniform();
        const want = Float64Array.from(dst.subarray(0, size));
        referenceStage(want, src, taps, weights, range);
        applyStage(dst, src, taps, weights, [range[0], range[1], range[2], range[3]]);
        expect(Array.from(dst.subarray(0, size))).toEqual(Array.from(want));
      }
    }
  });

  test("a larger request gives larger buffers", () => {
    const small = stageBuffers(10, 4);
    const large = stageBuffers(4 * small.a.length + 1, 4);
    expect(large.a.length).toBeGreaterThanOrEqual(4 * small.a.length + 1);
    expect(large.b.length).toBe(large.a.length);
  });
});
