// The memory of a run computed from the layout (networkMemory), against what buildConnectivity
// allocates; the committed bench results and the tables notebook 08 shows from them.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildConnectivity } from "../lib/src/network/connectivity";
import { largestNetwork, networkCost, networkMemory } from "../lib/src/experiments/network-cost";
import { type NetworkCostBench, benchLabel, networkCostRows, parseBenchResult } from "../lib/src/tutorial/notebook08/bench-results";
import { engineRateRows } from "../lib/src/tutorial/notebook08/engine-rates";
import { translationRows } from "../lib/src/pynn/translation-table";
import { pynnParameters } from "../lib/src/pynn/translate";
import { findPyNN } from "../lib/src/pynn/python";

const dir = mkdtempSync(join(tmpdir(), "network-cost-"));

describe("networkMemory", () => {
  test.each([[200, 20], [3000, 800], [3000, 20], [70000, 3]])("at N = %i, K = %i equals the WebAssembly memory buildConnectivity allocates, the connectivity stored once", (N, K) => {
    const m = networkMemory(N, K);
    const c = buildConnectivity({ N, K, seed: 1 });
    expect(m.memoryBytes).toBe(c.memory.buffer.byteLength);
    expect(m.parts).toBe(c.parts);
    expect(m.storage).toBe(c.layout.gaps ? "byte gaps" : "u16");
  });

  test("the connectivity's bytes: exact for u16 targets, the expectation for byte gaps, within 5 standard errors over seeds", () => {
    expect(networkMemory(3000, 20).connectivityBytes).toBe(buildConnectivity({ N: 3000, K: 20, seed: 1 }).bytes);
    // N / K = 10: a gap above 255 has probability 0.9^255 = 2e-12, so no zero byte
    expect(networkMemory(3000, 300).connectivityBytes).toBeCloseTo(buildConnectivity({ N: 3000, K: 300, seed: 1 }).bytes, 3);
    // N / K = 32: zero bytes for about 3e-4 of the synapses; each target's count of them (a
    // near-geometric count of ratio x = (1 - K / N)^255) has variance x / (1 - x)^2 at most, and
    // the rows are nearly independent
    const N = 3200;
    const K = 100;
    const m = networkMemory(N, K);
    const x = (1 - K / N) ** 255;
    const se = Math.sqrt((m.synapses * x) / (1 - x) ** 2);
    for (const seed of [1, 2, 3]) expect(Math.abs(buildConnectivity({ N, K, seed }).bytes - m.connectivityBytes)).toBeLessThan(5 * se);
    expect(m.connectivityBytes - m.synapses - 6 * 4 * (N + 1)).toBeGreaterThan(400); // expected zero bytes: about 580
  });

  test("takes 2 bytes per synapse plus the row pointers where the targets are u16 (N > 32 K), also beyond N = 65536", () => {
    const m = networkMemory(1000000, 1000);
    const rowPointers = (6 * m.parts * 4 * 1000001) / m.synapses;
    expect(m.storage).toBe("u16");
    expect(m.bytesPerSynapse).toBe(2 + rowPointers);
    expect(networkMemory(100000, 1000).storage).toBe("u16");
    expect(networkMemory(10000, 1000).storage).toBe("byte gaps");
    expect(networkMemory(100000, 1000).fits).toBe(true);
    expect(networkMemory(1000000, 10000).fits).toBe(false);
    expect(() => networkMemory(10, 20)).toThrow(/networkMemory: K must be/);
  });

  test("largestNetwork is the last N that fits in the given bytes", () => {
    const n = largestNetwork(1000, 2e9);
    expect(networkMemory(n, 1000).memoryBytes).toBeLessThanOrEqual(2e9);
    expect(networkMemory(n + 1, 1000).memoryBytes).toBeGreaterThan(2e9);
    expect(largestNetwork(1000, 1000)).toBe(0);
  });

  test("networkCost adds measured times to the bytes of networkMemory", () => {
    const [c] = networkCost([{ N: 200, K: 20 }], { duration: 0.05, seed: 1 });
    expect(c.memoryBytes).toBe(networkMemory(200, 20).memoryBytes);
    expect(c.secondsPerSimulatedSecond).toBeGreaterThan(0);
    expect(() => networkCost([], { seed: 1 })).toThrow(/networkCost: sizes must be a non-empty array/);
  });
});

describe("bench results", () => {
  const bench: NetworkCostBench = {
    command: "npm run bench -- network-cost", date: "2026-11-30T18:00:00.000Z", commit: "0123456789abcdef",
    machine: { cpus: 2, cpuModel: "cpu", totalMemoryBytes: 2 ** 34, loadBefore: 20, loadAfter: 21 }, note: "Shared CPU.", duration: 0.1,
    sizes: [{ ...networkMemory(1000, 100), buildSeconds: 0.1, buildCpuSeconds: 0.05, secondsPerSimulatedSecond: 0.4, cpuSecondsPerSimulatedSecond: 0.3, eventsPerSimulatedSecond: 1e8, peakResidentBytes: 2 ** 27 }],
  };

  test("a bench file reads back, and its label says when, where and under what load it was measured", () => {
    const read = parseBenchResult<NetworkCostBench>(JSON.stringify(bench), "ok.json");
    expect(read.sizes[0].N).toBe(1000);
    expect(benchLabel(read)).toMatch(/^measured by `npm run bench -- network-cost` on 2026-11-30 \(commit 01234567\), not by this run: 2 CPUs .*16\.0 GiB, load average 20\.0 before and 21\.0 after\. Shared CPU\.$/);
  });

  test("an unreadable or incomplete bench file throws, naming the file and what is wrong", () => {
    expect(() => parseBenchResult("", "missing.json")).toThrow(/parseBenchResult: missing\.json cannot be read as JSON/);
    expect(() => parseBenchResult(JSON.stringify({ ...bench, commit: undefined }), "bad.json")).toThrow(/bad\.json lacks the string field "commit"/);
  });

  test("the cost table shows measured sizes with their times and the others as not measured or refused", () => {
    const t = networkCostRows([{ N: 1000, K: 100 }, { N: 1000000, K: 10000 }], bench);
    expect(t.rows[0]).toHaveLength(t.header.length);
    expect(t.rows[0][4]).toBe("byte gaps");
    expect(t.rows[0].slice(8)).toEqual(["0.125", "0.1 / 0.1", "0.4 / 0.3"]);
    expect(t.rows[1][4]).toBe("u16");
    expect(t.rows[1][7]).toMatch(/refused \(> 4 GiB\)/);
    expect(t.rows[1][8]).toBe("not measured");
  });
});

describe("notebook 08's rows", () => {
  test("the translation table shows the leak factor of both integrations equal", () => {
    const t = translationRows(pynnParameters({ seed: 1 }));
    expect(t.rows[1][2]).toMatch(/e\^\(-dt\/tau'\) = 0\.995000, 1 - dt\/tau = 0\.995000/);
    expect(t.rows[5][1]).toBe("20000 bins");
  });

  test("engine rate rows use the SE of one value against n seeds, s sqrt(1 + 1/n)", () => {
    const rate = (perSeed: number[]) => ({ perSeed, mean: 2, sd: 1, sem: 0.5 });
    const ours = { rX: 10, E: rate([1, 2, 3, 2]), I: rate([1, 2, 3, 2]) };
    const pop = { mean: 3, sd: 0, cv: 0, silent: 0 };
    const rows = engineRateRows(ours, { from: 0, E: pop, I: pop } as never);
    const s = Math.sqrt(2 / 3);
    expect(rows[0].se).toBeCloseTo(s * Math.sqrt(1 + 1 / 4), 12);
    expect(rows.map((r) => [r.id, r.simulation, r.theory])).toEqual([["engine-rate-E", 3, 2], ["engine-rate-I", 3, 2]]);
  });
});

describe("findPyNN", () => {
  test("with PYNN_PYTHON set, looks only there: a Python without PyNN gives no interpreter and the install hint", () => {
    const saved = process.env.PYNN_PYTHON;
    const bare = join(dir, "python-without-pynn");
    writeFileSync(bare, "#!/bin/sh\nexec /usr/bin/python3 -I -S \"$@\"\n", { mode: 0o755 });
    process.env.PYNN_PYTHON = bare;
    try {
      const found = findPyNN("brian2");
      expect(found.python).toBeNull();
      expect(found.hint).toMatch(/pip install pyNN brian2/);
    } finally {
      if (saved === undefined) delete process.env.PYNN_PYTHON;
      else process.env.PYNN_PYTHON = saved;
    }
  });
});

describe("the committed bench results", () => {
  test("bench/results/network-cost.json and pynn.json parse with their context", () => {
    for (const name of ["network-cost", "pynn"]) {
      const file = join(__dirname, "..", "bench", "results", `${name}.json`);
      expect(parseBenchResult(readFileSync(file, "utf8"), `${name}.json`).commit).toMatch(/^[0-9a-f]{7,40}$/);
    }
  });
});
