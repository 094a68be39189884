import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { buildConnectivity as buildInThread } from "../lib/src/network/connectivity";
import type * as Network from "../lib/src/network";

// The threads of the build and of the simulation run compiled code (their worker scripts are
// lib/dist/network/*-worker.js), so this file drives the built library (`npm test` builds it
// first) and compares it with the one-thread code of lib/src, which ts-jest runs in this thread.
const dist = join(__dirname, "..", "lib", "dist", "network");
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built library, loaded only where it exists
const built = existsSync(join(dist, "simulation-worker.js")) ? (require(dist) as typeof Network) : undefined;
const describeBuilt = built ? describe : describe.skip;

const hash = (...arrays: (Uint32Array | Uint16Array | Float64Array)[]): string => {
  const h = createHash("sha1");
  for (const a of arrays) h.update(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  return h.digest("hex");
};
const posts = ["E", "I"] as const;
const pres = ["E", "I", "X"] as const;

describeBuilt("threads", () => {
  const lib = built as typeof Network;
  // N K >= 2^21: two parts per block (threads possible); N = 70000 > 65536 also tests 32-bit targets across parts
  const sizes = [
    { N: 3000, K: 700 },
    { N: 70000, K: 31 },
  ];

  const cache = new Map<string, Network.Connectivity>();
  const connectivity = (N: number, K: number, seed: number): Network.Connectivity => {
    const key = `${N} ${K} ${seed}`;
    if (!cache.has(key)) cache.set(key, lib.buildConnectivity({ N, K, seed }));
    return cache.get(key) as Network.Connectivity;
  };

  test.each(sizes)("the connectivity built with a worker thread is the one-thread connectivity, bit for bit (N = $N, K = $K)", ({ N, K }) => {
    for (const seed of [1, 2]) {
      const threaded = connectivity(N, K, seed);
      const single = buildInThread({ N, K, seed });
      expect(threaded.parts).toBeGreaterThan(1);
      // the build says how the units were shared (on a busy machine the worker may start after the caller built them all)
      const units = 6 * threaded.parts;
      const { threads, reason } = threaded.build;
      expect(reason).toMatch(new RegExp(`^(a worker thread built [1-9]\\d* of ${units} units|the worker thread started after the calling thread had built all ${units} units)$`));
      expect(threads).toBe(reason.startsWith("a worker") ? 2 : 1);
      for (const a of posts) {
        for (const b of pres) {
          expect(hash(threaded.block(a, b).targets)).toBe(hash(single.block(a, b).targets));
          expect(hash(threaded.block(a, b).offsets)).toBe(hash(single.block(a, b).offsets));
        }
      }
    }
  });

  test.each(sizes)("two threads give the spikes and every V of one thread, bit for bit, over several seeds (N = $N, K = $K)", ({ N, K }) => {
    // V of every neuron in every bin: a change in the order of the additions shows in its last bits
    const all = Array.from({ length: Math.min(N, 3000) }, (_, i) => i);
    for (const seed of [1, 2, 3]) {
      const conn = connectivity(N, K, seed);
      const options = { params: { N, K, duration: 0.05 }, seed, connectivity: conn, initialV: "uniform" as const, recordV: { E: all, I: all } };
      const one = lib.simulateNetwork({ ...options, threads: 1 });
      const two = lib.simulateNetwork({ ...options, threads: 2 });
      expect([one.threads, two.threads]).toEqual([1, 2]);
      expect(one.E.bins.length).toBeGreaterThan(0);
      for (const pop of posts) {
        expect(hash(two[pop].bins)).toBe(hash(one[pop].bins));
        expect(hash(two[pop].offsets)).toBe(hash(one[pop].offsets));
      }
      expect(hash(...two.v!.E!.traces, ...two.v!.I!.traces)).toBe(hash(...one.v!.E!.traces, ...one.v!.I!.traces));
      expect(two.synapticEvents).toBe(one.synapticEvents);
    }
  });

  test("a small network runs on one thread by default, a large one on at most its parts, one per core", () => {
    expect(lib.simulateNetwork({ params: { N: 200, K: 20, duration: 0.01 }, seed: 1 }).threads).toBe(1);
    expect(lib.simulateNetwork({ params: { N: 200, K: 20, duration: 0.01 }, seed: 1, threads: 2 }).threads).toBe(1);
    const conn = connectivity(3000, 700, 1);
    const run = lib.simulateNetwork({ params: { N: 3000, K: 700, duration: 0.01 }, seed: 1, connectivity: conn });
    // one per core, kept or dropped to one thread by the measurement of the run's start, which the result explains
    expect([1, Math.min(conn.parts, availableParallelism())]).toContain(run.threads);
    expect(run.threadReason).toMatch(availableParallelism() > 1 ? /took .* ms wall on \d+ threads for .* ms of work/ : /one core/);
    const capped = lib.simulateNetwork({ params: { N: 3000, K: 700, duration: 0.01 }, seed: 1, connectivity: conn, threads: 8 });
    expect(capped.threads).toBe(conn.parts);
    expect(capped.threadReason).toBe(`requested 8, at most the connectivity's ${conn.parts} part(s)`);
  });

  (availableParallelism() > 1 ? test : test.skip)("a run that drops to one thread after its measured start gives the spikes of the one-thread run, bit for bit", () => {
    // the verdict forced at bin 40 (its rule compares times, which a test cannot control): the drop itself is what is tested
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built library's internal module
    const { ThreadTrial } = require(join(dist, "threads.js")) as { ThreadTrial: { prototype: { verdict: (k: number) => unknown } } };
    const verdict = ThreadTrial.prototype.verdict;
    ThreadTrial.prototype.verdict = function (this: { decided: boolean }, k: number) {
      if (k < 40 || this.decided) return undefined;
      this.decided = true;
      return { dropToOne: true, reason: "forced at bin 40" };
    };
    try {
      for (const seed of [1, 2]) {
        const conn = connectivity(3000, 700, seed);
        const options = { params: { N: 3000, K: 700, duration: 0.02 }, seed, connectivity: conn, initialV: "uniform" as const };
        const dropped = lib.simulateNetwork(options);
        const one = lib.simulateNetwork({ ...options, threads: 1 });
        expect(dropped.threads).toBe(1);
        expect(dropped.threadReason).toMatch(/forced at bin 40$/);
        for (const pop of posts) {
          expect(hash(dropped[pop].bins)).toBe(hash(one[pop].bins));
          expect(hash(dropped[pop].offsets)).toBe(hash(one[pop].offsets));
        }
        expect(dropped.synapticEvents).toBe(one.synapticEvents);
      }
    } finally {
      ThreadTrial.prototype.verdict = verdict;
    }
  });
});
