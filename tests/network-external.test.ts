import { ln } from "../lib/src/core/log";
import { Rng } from "../lib/src/core/rng";
import { ExternalSpikes } from "../lib/src/network/external";
import { newSamplerInstance } from "../lib/src/network/wasm";

/** A pseudo-random stream of doubles in (0, 1) (a fixed linear congruential generator). */
function* uniforms(n: number): Generator<number> {
  let s = 123456789;
  for (let i = 0; i < n; i++) {
    s = (s * 48271) % 2147483647;
    yield s / 2147483647;
  }
}

/** The X spikes of bins [c0, c1) as the JavaScript draw of earlier versions made them: Rng.geometric gaps, neuron by neuron, then sorted by bin. */
function referenceChunks(N: number, p: number, nBins: number, seed: string): { list: number[]; binOff: number[] }[] {
  const rng = new Rng(seed);
  const next = Array.from({ length: N }, () => rng.geometric(p) - 1);
  const chunks = [];
  for (let c0 = 0; c0 < nBins; c0 += ExternalSpikes.chunk) {
    const c1 = Math.min(nBins, c0 + ExternalSpikes.chunk);
    const byBin: number[][] = Array.from({ length: c1 - c0 }, () => []);
    for (let j = 0; j < N; j++) {
      for (; next[j] < c1; next[j] += rng.geometric(p)) byBin[next[j] - c0].push(j);
    }
    const binOff = [0];
    for (const b of byBin) binOff.push(binOff[binOff.length - 1] + b.length);
    chunks.push({ list: byBin.flat(), binOff });
  }
  return chunks;
}

describe("the X population drawn in WebAssembly (sampler.wat)", () => {
  test("its ln is core/log's ln bit for bit: special values, (0, 1), near 1, subnormals, large arguments", () => {
    const wasmLn = newSamplerInstance(4096).exports.ln;
    for (const x of [0, -0, -1, Infinity, 1, 2, 10, Math.E, Number.MIN_VALUE, Number.MAX_VALUE, 1 - 2 ** -53, 1 + 2 ** -52]) {
      expect(Object.is(wasmLn(x), ln(x))).toBe(true);
    }
    expect(wasmLn(NaN)).toBeNaN();
    let differ = 0;
    for (const u of uniforms(100_000)) {
      for (const x of [u, 1 - u * 1e-3, u * 1e-310, u * 1e300]) if (!Object.is(wasmLn(x), ln(x))) differ++;
    }
    expect(differ).toBe(0);
  });

  test.each([
    { N: 50, p: 0.001, nBins: 3000 },
    { N: 7, p: 0.3, nBins: 2500 },
    { N: 3, p: 1, nBins: 1100 },
    { N: 4, p: 0, nBins: 1500 },
    { N: 200, p: 0.02, nBins: 1024 },
  ])("the spikes of Rng.geometric's stream, chunk by chunk (N $N, p $p, $nBins bins)", ({ N, p, nBins }) => {
    const seed = `x-${N}-${p}`;
    const ref = referenceChunks(N, p, nBins, seed);
    // a reserve of 0.01 pairs per expected spike makes the pairs overflow and grow the memory
    for (const reserve of [1.25, 0.01]) {
      const x = new ExternalSpikes(N, p, nBins, seed, true, reserve);
      for (const chunk of ref) {
        x.advance();
        expect(Array.from(x.list)).toEqual(chunk.list);
        expect(Array.from(x.binOff.subarray(0, chunk.binOff.length))).toEqual(chunk.binOff);
      }
      expect(x.recCount).toBe(ref.reduce((n, c) => n + c.list.length, 0));
    }
  });
});
