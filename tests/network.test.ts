import { balancedRates } from "../lib/src/theory/balanced-rates";
import { buildConnectivity, Population, TargetPopulation } from "../lib/src/network/connectivity";
import { simulateNetwork } from "../lib/src/network/simulate";
import { meanRates } from "../lib/src/network/rates";
import { defaultNetworkParams, networkParams } from "../lib/src/network/params";
import seedrandom from "seedrandom";
import { layoutBuilder, PartBuilder } from "../lib/src/network/connectivity-blocks";
import { connectivityLayout, partBytesBound, usesGaps } from "../lib/src/network/connectivity-layout";
import { buildClaimed, buildWithWorker, FAILED, newRelay, reportOutcome } from "../lib/src/network/connectivity-relay";
import { Connectivity } from "../lib/src/network/connectivity";
import { newMemory } from "../lib/src/network/wasm";

const posts: TargetPopulation[] = ["E", "I"];
const pres: Population[] = ["E", "I", "X"];

describe("network parameters", () => {
  test("the defaults are the model's (docs/MODEL.md)", () => {
    const p = networkParams();
    expect(p).toEqual(defaultNetworkParams);
    expect(p.J).toEqual([[1, -2.5], [1, -2]]);
    expect(p.JX).toEqual([2, 1]);
    expect([p.N, p.K, p.tau, p.vTh, p.dt, p.rX]).toEqual([1000, 100, 0.02, 1, 1e-4, 10]);
  });

  test("invalid parameters are rejected with the parameter, the value and what is allowed", () => {
    expect(() => networkParams({ N: 50, K: 100 })).toThrow("networkParams: K must be an integer >= 1 and <= 50, got 100");
    expect(() => networkParams({ N: 10.5 })).toThrow("networkParams: N must be an integer");
    expect(() => networkParams({ dt: 0.02 })).toThrow(/networkParams: dt must be .* < 0.02 .* got 0.02/);
    expect(() => networkParams({ rX: 20000 })).toThrow(/networkParams: rX \* dt must be <= 1/);
    expect(() => networkParams({ J: [[1, -2.5]] as never })).toThrow(/networkParams: J must be a 2x2 array/);
    expect(() => networkParams({ J: [[1, -2.5, 3], [1, -2]] as never })).toThrow(/J\[0\] \(\[J_EE, J_EI\]\) must be an array of 2 numbers/);
    expect(() => networkParams({ J: [[1, 2.5], [1, -2]] })).toThrow(/J\[0\]\[1\] \(J_EI\) must be a finite number <= 0 .* got 2.5/);
    expect(() => networkParams({ J: [[-1, -2.5], [1, -2]] })).toThrow(/J\[0\]\[0\] \(J_EE\) must be a finite number >= 0 .* got -1/);
    expect(() => networkParams({ JX: [2, -1] })).toThrow(/JX\[1\] \(J_IX\) must be a finite number >= 0/);
    expect(() => networkParams({ tau: NaN })).toThrow(/networkParams: tau must be a finite number > 0 \(s\), got NaN/);
    expect(() => networkParams({ duration: 0.00015 })).toThrow(/whole number of bins/);
    expect(() => networkParams({ n: 3 } as never)).toThrow(/each key must be one of/);
  });
});

describe("connectivity", () => {
  const N = 300;
  const K = 40;
  const conn = buildConnectivity({ N, K, seed: 7 });

  test("every E and I neuron has exactly K distinct partners in each of E, I and X, with indices in range", () => {
    for (const a of posts) {
      for (const b of pres) {
        const { offsets, targets } = conn.block(a, b);
        expect(targets).toBeInstanceOf(Uint16Array);
        expect(offsets[N]).toBe(N * K);
        expect(Array.from(conn.inDegrees(a, b)).every((d) => d === K)).toBe(true);
        let outOfRange = 0;
        let notIncreasing = 0;
        for (let j = 0; j < N; j++) {
          for (let q = offsets[j]; q < offsets[j + 1]; q++) {
            if (targets[q] >= N) outOfRange++;
            // strictly increasing rows: no pair (j, i) appears twice, so the K partners are distinct
            if (q > offsets[j] && targets[q] <= targets[q - 1]) notIncreasing++;
          }
        }
        expect([outOfRange, notIncreasing]).toEqual([0, 0]);
      }
    }
  });

  test("out-degrees average K and partners of a neuron agree with the outgoing rows", () => {
    for (const a of posts) {
      for (const b of pres) {
        const out = conn.outDegrees(b, a);
        expect(out.reduce((s, d) => s + d, 0) / N).toBe(K);
        const partners = conn.partnersOf(a, 5, b);
        expect(partners.length).toBe(K);
        for (const j of partners) expect(Array.from(conn.targetsOf(b, j, a))).toContain(5);
      }
    }
    expect(conn.synapses).toBe(6 * N * K);
  });

  /** Bytes of a one-part block stored as byte gaps: per target, one byte plus one zero byte per 255 its gap (from -1 in its row) exceeds. */
  function gapBytes(offsets: Uint32Array, targets: ArrayLike<number>): number {
    let bytes = 0;
    for (let j = 0; j + 1 < offsets.length; j++) {
      for (let q = offsets[j]; q < offsets[j + 1]; q++) bytes += 1 + Math.floor((targets[q] - (q > offsets[j] ? targets[q - 1] : -1) - 1) / 255);
    }
    return bytes;
  }

  test.each([
    { n: 300, k: 40, gaps: true },
    { n: 3200, k: 100, gaps: true }, // N / K = 32: zero bytes for about 3e-4 of the synapses
    { n: 3300, k: 100, gaps: false }, // N / K = 33: u16 indices
  ])("the bytes per synapse are those of the storage (N = $n, K = $k, byte gaps: $gaps)", ({ n, k, gaps }) => {
    const c = buildConnectivity({ N: n, K: k, seed: 4 });
    expect(c.layout.gaps).toBe(gaps);
    let bytes = 0;
    for (const a of posts) for (const b of pres) bytes += gaps ? gapBytes(c.block(a, b).offsets, c.block(a, b).targets) : 2 * n * k;
    expect(c.bytes).toBe(bytes + 6 * 4 * (n + 1));
    expect(c.bytesPerSynapse).toBe(c.bytes / c.synapses);
    if (n === 3200) expect(bytes).toBeGreaterThan(6 * n * k); // it has zero bytes
  });

  test("the same seed gives the same connectivity and another seed a different one", () => {
    const again = buildConnectivity({ N, K, seed: 7 });
    const other = buildConnectivity({ N, K, seed: 8 });
    for (const a of posts) {
      for (const b of pres) {
        expect(again.block(a, b).targets).toEqual(conn.block(a, b).targets);
        expect(again.block(a, b).offsets).toEqual(conn.block(a, b).offsets);
      }
    }
    expect(other.block("E", "E").targets).not.toEqual(conn.block("E", "E").targets);
  });

  test("each partner is drawn uniformly: in-block pair counts match K/N per pair within 5 standard errors", () => {
    // over many neurons, how often presynaptic neuron 0 is a partner: Binomial(N, K/N) per block
    const big = buildConnectivity({ N: 2000, K: 200, seed: 3 });
    const out = big.outDegrees("E", "E");
    let s = 0;
    let ss = 0;
    for (const d of out) {
      s += d;
      ss += d * d;
    }
    const mean = s / out.length;
    const variance = ss / out.length - mean * mean;
    const p = 200 / 2000;
    expect(Math.abs(variance - 2000 * p * (1 - p))).toBeLessThan(5 * 2000 * p * (1 - p) * Math.sqrt(2 / out.length));
  });

  /**
   * The documented draws, in plain JavaScript: blocks (post a, pre b) in the order EE, EI, EX, IE,
   * II, IX, postsynaptic neurons in order, each by Floyd's algorithm with Lemire's uniform
   * integers on the 32-bit outputs of seedrandom.xor4096(`${seed}/connectivity`). Per block, the
   * partners of neuron i, increasing, at [i k, (i + 1) k).
   */
  function referencePartners(n: number, k: number, seed: number): Uint32Array[] {
    const rng = seedrandom.xor4096(`${seed}/connectivity`);
    const uniform = (m: number): number => {
      for (;;) {
        const rm = (rng.int32() >>> 0) * m; // exact: below 2^53
        const t = Math.floor(rm / 2 ** 32);
        if (rm - t * 2 ** 32 >= 2 ** 32 % m) return t;
      }
    };
    const taken = new Uint8Array(n);
    return Array.from({ length: 6 }, () => {
      const rows = new Uint32Array(n * k);
      for (let i = 0; i < n; i++) {
        const row = rows.subarray(i * k, (i + 1) * k);
        for (let j = n - k, q = 0; j < n; j++, q++) {
          const t = uniform(j + 1);
          row[q] = taken[t] ? j : t;
          taken[row[q]] = 1;
        }
        for (const v of row) taken[v] = 0;
        row.sort();
      }
      return rows;
    });
  }

  test.each([
    { n: 300, k: 40, seed: 7 },
    { n: 3000, k: 700, seed: 2 }, // two parts per block
    { n: 3200, k: 100, seed: 3 }, // byte gaps with zero bytes (N / K = 32)
    { n: 3300, k: 100, seed: 3 }, // u16 targets (N / K = 33)
    { n: 70000, k: 3, seed: 5 }, // 32-bit rows in the build, two parts (u16 targets)
  ])("the partners are the documented draws of the seed's stream, bit for bit (N = $n, K = $k)", ({ n, k, seed }) => {
    const built = buildConnectivity({ N: n, K: k, seed });
    const reference = referencePartners(n, k, seed);
    posts.forEach((a, ia) => {
      pres.forEach((b, ib) => {
        // the outgoing rows, turned back into each neuron's partners (increasing, as j increases)
        const partners = new Uint32Array(n * k);
        const filled = new Uint32Array(n);
        const { offsets, targets } = built.block(a, b);
        for (let j = 0; j < n; j++) for (let q = offsets[j]; q < offsets[j + 1]; q++) partners[targets[q] * k + filled[targets[q]]++] = j;
        const ref = reference[ia * 3 + ib];
        let mismatches = 0;
        for (let i = 0; i < n; i++) if (partners.subarray(i * k, (i + 1) * k).some((v, q) => v !== ref[i * k + q])) mismatches++;
        expect(`${a}${b}: ${mismatches} neurons differ`).toBe(`${a}${b}: 0 neurons differ`);
      });
    });
  });

  test("the connectivity says on how many threads it was built, and why", () => {
    expect(buildConnectivity({ N: 1000, K: 100, seed: 1 }).build).toEqual({ threads: 1, reason: "one part per block: one thread" });
    expect(buildConnectivity({ N: 3000, K: 700, seed: 1, threads: 1 }).build).toEqual({ threads: 1, reason: "one thread requested" });
    // ts-jest runs lib/src, beside which there is no compiled worker (tests/network-threads.test.ts builds with one)
    const two = buildConnectivity({ N: 3000, K: 700, seed: 1 }).build;
    expect(two.threads).toBe(1);
    expect(two.reason).toMatch(/^(no compiled worker \(.*connectivity-worker\.js\): one thread|one core)$/);
  });

  test("bad sizes are rejected", () => {
    expect(() => buildConnectivity({ N: 10, K: 11, seed: 1 })).toThrow("buildConnectivity: K must be an integer >= 1 and <= 10, got 11");
  });
});

describe("balanced-state theory", () => {
  test("the default weights give rE = 3 rX and rI = 2 rX", () => {
    for (const rX of [5, 10, 15, 20]) {
      const r = balancedRates({ rX });
      expect(r.rE).toBeCloseTo(3 * rX, 10);
      expect(r.rI).toBeCloseTo(2 * rX, 10);
    }
  });

  test("the solution satisfies J r + JX rX = 0 for several J", () => {
    const cases = [
      { J: [[1, -2], [1, -1.8]] as const, JX: [1, 0.8] as const },
      { J: [[0.5, -3], [2, -4]] as const, JX: [3, 1] as const },
      { J: [[1, -2.5], [1, -2]] as const, JX: [2, 1] as const },
    ];
    for (const { J, JX } of cases) {
      const { rE, rI } = balancedRates({ J, JX, rX: 7 });
      expect(rE).toBeGreaterThan(0);
      expect(rI).toBeGreaterThan(0);
      expect(J[0][0] * rE + J[0][1] * rI + JX[0] * 7).toBeCloseTo(0, 10);
      expect(J[1][0] * rE + J[1][1] * rI + JX[1] * 7).toBeCloseTo(0, 10);
    }
  });

  test("no positive solution and a singular J give clear errors", () => {
    expect(() => balancedRates({ J: [[1, -1], [1, -2]], JX: [1, 1] })).toThrow(
      /balancedRates: no positive balanced solution .* r_E = -1 rX.*J_EX\/J_IX > \|J_EI\|\/\|J_II\| > J_EE\/J_IE/,
    );
    expect(() => balancedRates({ J: [[1, -1], [1, -1]] })).toThrow(/J must be invertible/);
    expect(() => balancedRates({ rX: -1 })).toThrow(/rX must be a finite number >= 0/);
  });
});

describe("simulation", () => {
  // One neuron per population, K = 1 (every neuron is the partner of every neuron), X spiking in
  // every bin (rX dt = 1): the whole run can be checked by hand.
  const tiny = { N: 1, K: 1, rX: 1e4, duration: 0.002, J: [[0, -0.5], [0.5, 0]] as const, JX: [0.6, 0] as const };

  test("a spike in bin k moves its target by J_ab/sqrt(K) in bin k + 1, and V > vTh resets to 0 in the same bin", () => {
    const run = simulateNetwork({ params: tiny, seed: 1, recordV: { E: [0], I: [0] }, recordInput: { E: [0], I: [0] }, recordX: true });
    const vE = run.v!.E!.traces[0];
    const vI = run.v!.I!.traces[0];
    const d = 1 - 1e-4 / 0.02;
    // X spikes in every bin; its jump 0.6 first arrives in bin 1
    expect(Array.from(run.X!.spikeBins(0)).slice(0, 3)).toEqual([0, 1, 2]);
    expect(vE[0]).toBe(0);
    expect(vE[1]).toBe(0.6);
    // bin 2: 0.6 d + 0.6 = 1.197 > 1: spike and reset in the same bin
    expect(vE[2]).toBe(0);
    expect(Array.from(run.E.spikeBins(0)).slice(0, 3)).toEqual([2, 4, 6]);
    // the E spike of bin 2 reaches I in bin 3, not before
    expect(vI[2]).toBe(0);
    expect(vI[3]).toBe(0.5);
    expect(run.input!.I!.E[0][3]).toBe(0.5);
    expect(vI[4]).toBe(0.5 * d);
    expect(vI[5]).toBe(0.5 * d * d + 0.5);
    // I reaches 0.990 d + 0.5 > 1 in bin 7, and its -0.5 reaches E in bin 8
    expect(Array.from(run.I.spikeBins(0))[0]).toBe(7);
    expect(run.input!.E!.I[0][8]).toBe(-0.5);
    expect(vE[8]).toBe(0.6 * d + (-0.5 + 0.6));
  });

  test("the tiny network follows an independent reference loop of the model's Euler rule", () => {
    const run = simulateNetwork({ params: tiny, seed: 1, recordV: { E: [0], I: [0] } });
    const d = 1 - 1e-4 / 0.02;
    let vE = 0;
    let vI = 0;
    let sE = 0;
    let sI = 0;
    const spikesE: number[] = [];
    const spikesI: number[] = [];
    for (let k = 1; k < run.nBins; k++) {
      const inE = sE * 0 + sI * -0.5 + 0.6; // E, then I, then X (X spikes in every bin)
      const inI = sE * 0.5 + sI * 0 + 0;
      vE = vE * d + inE;
      vI = vI * d + inI;
      sE = vE > 1 ? 1 : 0;
      sI = vI > 1 ? 1 : 0;
      if (sE) {
        vE = 0;
        spikesE.push(k);
      }
      if (sI) {
        vI = 0;
        spikesI.push(k);
      }
      expect(run.v!.E!.traces[0][k]).toBeCloseTo(vE, 14);
      expect(run.v!.I!.traces[0][k]).toBeCloseTo(vI, 14);
    }
    expect(Array.from(run.E.spikeBins(0))).toEqual(spikesE);
    expect(Array.from(run.I.spikeBins(0))).toEqual(spikesI);
  });

  test("recorded inputs split by source add up to the change of V in bins without a spike", () => {
    const run = simulateNetwork({ params: { N: 200, K: 20, duration: 0.2 }, seed: 4, recordV: { E: [3], I: [9] }, recordInput: { E: [3], I: [9] } });
    const d = 1 - 1e-4 / 0.02;
    for (const a of ["E", "I"] as const) {
      const v = run.v![a]!.traces[0];
      const inp = run.input![a]!;
      const spikes = new Set(run[a].spikeBins(a === "E" ? 3 : 9));
      let checked = 0;
      for (let k = 1; k < run.nBins; k++) {
        expect(inp.E[0][k]).toBeGreaterThanOrEqual(0);
        expect(inp.I[0][k]).toBeLessThanOrEqual(0);
        if (spikes.has(k)) continue;
        expect(v[k]).toBeCloseTo(v[k - 1] * d + inp.E[0][k] + inp.I[0][k] + inp.X[0][k], 12);
        checked++;
      }
      expect(checked).toBeGreaterThan(1000);
    }
  });

  test("the same seed gives identical spikes, and population rates count the spikes of each bin", () => {
    const params = { N: 300, K: 30, duration: 0.3 };
    const a = simulateNetwork({ params, seed: "s", recordPopulationRate: true });
    const b = simulateNetwork({ params, seed: "s" });
    const c = simulateNetwork({ params, seed: "s", initialV: "uniform" });
    expect(a.E.bins).toEqual(b.E.bins);
    expect(a.I.offsets).toEqual(b.I.offsets);
    expect(c.E.bins).not.toEqual(a.E.bins);
    const total = a.populationRate!.E.reduce((s, r) => s + r, 0) * 300 * 1e-4;
    expect(total).toBeCloseTo(a.E.totalSpikes, 6);
  });

  test("progress is reported in simulated seconds up to the total", () => {
    const calls: [number, number][] = [];
    simulateNetwork({ params: { N: 100, K: 10, duration: 0.05 }, seed: 1, onProgress: (done, total) => calls.push([done, total]), progressInterval: 0.01 });
    expect(calls.length).toBe(5);
    expect(calls[calls.length - 1]).toEqual([0.05, 0.05]);
    expect(calls.every(([, t]) => t === 0.05)).toBe(true);
  });

  test("bad options are rejected", () => {
    expect(() => simulateNetwork({ seed: 1, params: { K: 2000 } })).toThrow(/K must be an integer >= 1 and <= 1000, got 2000/);
    expect(() => simulateNetwork({ seed: 1, params: { N: 10, K: 2, duration: 0.01 }, recordV: { E: [10] } })).toThrow(/recordV.E\[0\] must be an integer >= 0 and <= 9, got 10/);
    const conn = buildConnectivity({ N: 10, K: 2, seed: 1 });
    expect(() => simulateNetwork({ seed: 1, params: { N: 10, K: 3, duration: 0.01 }, connectivity: conn })).toThrow(/connectivity must be a Connectivity with N = 10 and K = 3/);
    expect(() => simulateNetwork({ seed: 1, params: { N: 10, K: 2, duration: 0.01 }, initialV: "random" as never })).toThrow(/initialV must be "zero" or "uniform"/);
  });

  test("at the defaults the mean rates are within 10% of the balanced prediction (30 and 20 Hz) for several seeds", () => {
    const theory = balancedRates({ rX: 10 });
    for (const seed of [1, 2, 3]) {
      const r = meanRates(simulateNetwork({ seed }), { transient: 0.2 });
      expect(Math.abs(r.E.mean - theory.rE)).toBeLessThan(0.1 * theory.rE);
      expect(Math.abs(r.I.mean - theory.rI)).toBeLessThan(0.1 * theory.rI);
      expect(r.E.n).toBe(1000);
      expect(r.E.sem).toBeGreaterThan(0);
    }
  });
});

describe("sizes and inputs that cannot run", () => {
  test("a connectivity far above the memory limit is refused before anything is allocated, with the estimate, the limit, how to raise it and the export", () => {
    const before = process.memoryUsage().rss;
    expect(() => buildConnectivity({ N: 1e6, K: 1000, seed: 1 })).toThrow(
      /^buildConnectivity: the connectivity of N = 1000000, K = 1000 \(6\.00e\+9 synapses.*would need about 13\.7 GB, above the memory limit of 2 GB; pass maxBytes: 1\.4e10 \(or set EI_BALANCE_MAX_BYTES=1\.4e10\) to allow it; .*npm run export:pynn/,
    );
    expect(process.memoryUsage().rss - before).toBeLessThan(50e6);
    expect(() => buildConnectivity({ N: 2 ** 21, K: 2 ** 21, seed: 1 })).toThrow(/buildConnectivity: the connectivity of N = 2097152, K = 2097152 \(2\.64e\+13 synapses, about 1 byte each, at most 1\.00, .* would need about 27\.5 TB/);
    // raised past the limit of one WebAssembly memory: the message names N K
    expect(() => buildConnectivity({ N: 2 ** 21, K: 2 ** 21, seed: 1, maxBytes: 1e15 })).toThrow(/buildConnectivity: 6 N K \(synapses\) must be such that the connectivity fits in one WebAssembly memory of 4 GiB/);
  });

  test("a run too long for memory is refused naming its duration, and a simulation through the environment limit too", () => {
    expect(() => simulateNetwork({ seed: 1, params: { duration: 1e6 } })).toThrow(/^simulateNetwork: params: networkParams: duration \/ dt must be at most 4294967295 bins/);
    expect(() => simulateNetwork({ seed: 1, params: { duration: 2e5 } })).toThrow(/^simulateNetwork: a run of duration = 200000 s \(2\.00e\+9 bins of dt = 0\.0001 s\) with N = 1000: spike lists, bin offsets and recordings would need about 17\.1 GB, above the memory limit of 2 GB; pass maxBytes: 1\.8e10/);
    expect(() => simulateNetwork({ seed: 1, params: { N: 100000, K: 1000 }, maxBytes: 1e9 })).toThrow(/^simulateNetwork: the connectivity of N = 100000, K = 1000 .* above the memory limit of 1 GB/);
    expect(() => simulateNetwork({ seed: 1, threads: 0 })).toThrow("simulateNetwork: threads must be an integer >= 1 and <= 64, got 0");
  });

  test("meanRates names what is wrong with its argument", () => {
    expect(() => meanRates({} as never)).toThrow("meanRates: run.E must be the SpikeTrains of a NetworkRun (pass the result of simulateNetwork), got undefined");
    expect(() => meanRates(null as never)).toThrow(/meanRates: run must be a NetworkRun/);
  });

  test("a J without a positive balanced solution, or a singular J, is simulated with a warning in the result, printed once", () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const params = { N: 100, K: 10, duration: 0.01 };
      const singular = [[1, -1], [1, -1]] as const;
      const a = simulateNetwork({ seed: 1, params: { ...params, J: singular } });
      const b = simulateNetwork({ seed: 2, params: { ...params, J: singular } });
      expect(a.warnings).toEqual([expect.stringMatching(/^J is singular \(det J = J_EE J_II - J_EI J_IE = 0\) for J = \[\[1, -1\], \[1, -1\]\]/)]);
      expect(b.warnings).toEqual(a.warnings);
      const unbalanced = simulateNetwork({ seed: 1, params: { ...params, J: [[2, -1], [1, -2]] } });
      expect(unbalanced.warnings).toEqual([expect.stringMatching(/^no positive balanced solution for J = \[\[2, -1\], \[1, -2\]\], JX = \[2, 1\] \(J r \+ JX rX = 0 gives r_E = -1 rX/)]);
      expect(simulateNetwork({ seed: 1, params }).warnings).toEqual([]);
      expect(warn.mock.calls.map((c) => c[0])).toEqual([`simulateNetwork: ${a.warnings[0]}`, `simulateNetwork: ${unbalanced.warnings[0]}`]);
    } finally {
      warn.mockRestore();
    }
  });
});

describe("connectivity build internals", () => {
  /** The zero bytes ("advance 255") of a part stored as byte gaps. */
  const countZeroBytes = ({ offsets, targets }: { offsets: Uint32Array; targets: Uint8Array }): number =>
    targets.subarray(0, offsets[offsets.length - 1]).filter((d) => d === 0).length;

  test.each([
    { K: 20, storage: "u16 targets" },
    { K: 2200, storage: "byte gaps" },
  ])("a part whose bucket overflows is drawn again and sorted directly, with the same result and the same stream after it (K = $K, $storage)", ({ K }) => {
    const N = 70000;
    const posts = 300;
    const g = { X: Int32Array.from({ length: 128 }, (_, k) => Math.imul(k + 1, 0x9e3779b9)), i: 5, w: 17 };
    const parts = (reserve: number) => {
      const builder = new PartBuilder(N, K, posts, g, reserve);
      const built = [0, 1].map(() => {
        const offsets = new Uint32Array(N + 1);
        const targets = new Uint8Array(partBytesBound(N, K, posts));
        builder.build(posts, offsets, targets);
        return { offsets, targets };
      });
      return { built, redrawn: builder.redrawn };
    };
    const normal = parts(1);
    const overflowing = parts(0.1); // every bucket's reserve is well below its entries
    expect([normal.redrawn, overflowing.redrawn]).toEqual([0, 2]);
    expect(overflowing.built).toEqual(normal.built);
    expect(normal.built[0].offsets[N]).toBe(usesGaps(N, K) ? posts * K + countZeroBytes(normal.built[0]) : posts * K);
  });

  test.each([
    { mode: "never", what: "a worker that never starts" },
    { mode: "fails", what: "a worker that builds a unit, claims the next and fails" },
    { mode: "stalls", what: "a worker that claims the first unit and never draws it (the next unit starts from a skip of its draws)" },
  ])("the calling thread completes a build with $what, with the connectivity of the one-thread build", ({ mode }) => {
    const [N, K, seed] = [3000, 700, 9]; // two parts per block: 12 units
    const layout = connectivityLayout(N, K);
    const s = seedrandom.xor4096(`${seed}/connectivity`, { state: true }).state();
    const g = { X: Int32Array.from(s.X), i: s.i, w: s.w };
    const memory = newMemory(layout.totalBytes);
    const caller = layoutBuilder(layout, g);
    const relay = newRelay(6 * layout.parts, caller);
    if (mode === "stalls") {
      Atomics.add(relay.control, 0, 1); // control word 0 is the next unit to claim: unit 0 is claimed, by nobody
      expect(buildClaimed(layout, memory.buffer, relay, caller)).toBe(true);
      reportOutcome(relay, FAILED);
    }
    if (mode === "fails") {
      const worker = layoutBuilder(layout, g);
      let calls = 0;
      const build = worker.build.bind(worker);
      worker.build = (...args) => {
        if (++calls === 2) throw new Error("the worker dies");
        build(...args);
      };
      expect(() => buildClaimed(layout, memory.buffer, relay, worker)).toThrow("the worker dies");
      reportOutcome(relay, FAILED);
    }
    // the worker's units: none (never started), 11 (unit 0 left to the caller), or 1 before it died
    const share = { never: { workerUnits: 0, workerFailed: false }, stalls: { workerUnits: 11, workerFailed: true }, fails: { workerUnits: 1, workerFailed: true } }[mode];
    expect(buildWithWorker(layout, memory.buffer, relay, caller)).toEqual({ units: 12, ...share });
    const built = new Connectivity(layout, memory, { threads: 2, reason: "shared with a stand-in worker" });
    const reference = buildConnectivity({ N, K, seed });
    const bytes = (x: ArrayBufferView) => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
    for (const a of posts) {
      for (const b of pres) {
        const [one, other] = [built.block(a, b), reference.block(a, b)];
        expect(bytes(one.offsets).equals(bytes(other.offsets)) && bytes(one.targets).equals(bytes(other.targets))).toBe(true);
      }
    }
  });
});
