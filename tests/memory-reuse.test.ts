import { createHash } from "node:crypto";
import { buildConnectivity, type Connectivity } from "../lib/src/network/connectivity";
import { simulateNetwork } from "../lib/src/network/simulate";
import { recycleMemory, reuseMemories } from "../lib/src/network/wasm";

// A thread that keeps memories (the run pool's runners) builds into the memory of the previous
// connectivity and of the previous build's scratch: the networks and runs must be those built in
// fresh memory, bit for bit, whatever the sizes that came before.
const hash = (c: Connectivity): string => {
  const h = createHash("sha1");
  for (const a of ["E", "I"] as const) {
    for (const b of ["E", "I", "X"] as const) {
      const { offsets, targets } = c.block(a, b);
      h.update(Buffer.from(offsets.buffer)).update(Buffer.from(targets.buffer, targets.byteOffset, targets.byteLength));
    }
  }
  return h.digest("hex");
};

test("connectivities and runs built in kept memory are those built in fresh memory", () => {
  // byte gaps (N <= 32 K), u16 targets, two parts per block; larger, then smaller, then equal sizes
  const cases = [
    { N: 400, K: 40, seed: 1 }, { N: 200, K: 20, seed: 2 }, { N: 200, K: 20, seed: 3 },
    { N: 3000, K: 30, seed: 4 }, { N: 3000, K: 700, seed: 5 }, { N: 1000, K: 100, seed: 6 },
  ];
  const fresh = cases.map((c) => hash(buildConnectivity({ ...c, threads: 1 })));
  const run = (conn?: Connectivity) => simulateNetwork({ params: { N: 200, K: 20, duration: 0.2 }, seed: 7, initialV: "uniform", threads: 1, connectivity: conn });
  const freshRun = run();
  reuseMemories();
  let previous: Connectivity | undefined;
  let reused = 0;
  cases.forEach((c, q) => {
    if (previous) recycleMemory(previous.memory);
    const conn = buildConnectivity({ ...c, threads: 1 });
    if (previous && conn.memory === previous.memory) reused++;
    expect(hash(conn)).toBe(fresh[q]);
    previous = conn;
  });
  expect(reused).toBeGreaterThanOrEqual(3);
  recycleMemory(previous!.memory);
  const again = run();
  expect(again.connectivity.memory).toBe(previous!.memory);
  expect(again.E.bins).toEqual(freshRun.E.bins);
  expect(again.I.offsets).toEqual(freshRun.I.offsets);
});
