import { buildConnectivity, Connectivity, Population, TargetPopulation } from "../lib/src/network/connectivity";
import { NetworkParams } from "../lib/src/network/params";
import { NetworkRun, simulateNetwork, SimulationOptions } from "../lib/src/network/simulate";
import { SpikeTrains } from "../lib/src/spikes/spike-trains";

// Pins the optimised simulator to the SPEC's rule, spike for spike: a slow, obviously correct
// per-bin loop over every neuron and every one of its partners, written from the SPEC and the
// documented summation order only, driven by the run's own connectivity, X spikes and V(0).

/** incoming[i] = the partners of neuron i of `post` in `pre`, increasing (read off the outgoing rows). */
function incoming(conn: Connectivity, post: TargetPopulation, pre: Population): number[][] {
  const lists: number[][] = Array.from({ length: conn.N }, () => []);
  const { offsets, targets } = conn.block(post, pre);
  for (let j = 0; j < conn.N; j++) {
    for (let q = offsets[j]; q < offsets[j + 1]; q++) lists[targets[q]].push(j);
  }
  return lists;
}

/** spiked[k][j] for a population's trains. */
function spikeMatrix(trains: SpikeTrains): boolean[][] {
  const m = Array.from({ length: trains.nBins }, () => new Array<boolean>(trains.n).fill(false));
  for (let j = 0; j < trains.n; j++) for (const k of trains.spikeBins(j)) m[k][j] = true;
  return m;
}

/**
 * The SPEC's Euler rule, per bin k >= 1 and neuron i: acc = 0; acc += J_ab / sqrt(K) for every
 * partner that spiked in bin k - 1, E partners then I then X, each in increasing index; then
 * V = V * (1 - dt/tau) + acc; spike and V = 0 if V > vTh. Returns the spike bins of every neuron.
 */
function reference(run: NetworkRun, v0: { E: number[]; I: number[] }): { E: number[][]; I: number[][] } {
  const p: NetworkParams = run.params;
  const conn = run.connectivity;
  const N = p.N;
  const decay = 1 - p.dt / p.tau;
  const sk = Math.sqrt(p.K);
  const posts: TargetPopulation[] = ["E", "I"];
  const pres: Population[] = ["E", "I", "X"];
  const w = { E: [p.J[0][0] / sk, p.J[0][1] / sk, p.JX[0] / sk], I: [p.J[1][0] / sk, p.J[1][1] / sk, p.JX[1] / sk] };
  const partners = { E: pres.map((b) => incoming(conn, "E", b)), I: pres.map((b) => incoming(conn, "I", b)) };
  const spikedX = spikeMatrix(run.X!);
  // E and I are driven by the reference's own spikes: own[a][k][i]
  const own = { E: [new Array<boolean>(N).fill(false)], I: [new Array<boolean>(N).fill(false)] };
  const V = { E: [...v0.E], I: [...v0.I] };
  const out = { E: Array.from({ length: N }, (): number[] => []), I: Array.from({ length: N }, (): number[] => []) };
  for (let k = 1; k < run.nBins; k++) {
    const now = { E: new Array<boolean>(N).fill(false), I: new Array<boolean>(N).fill(false) };
    for (const a of posts) {
      for (let i = 0; i < N; i++) {
        let acc = 0;
        for (let b = 0; b < 3; b++) {
          const before = pres[b] === "X" ? spikedX[k - 1] : own[pres[b] as TargetPopulation][k - 1];
          for (const j of partners[a][b][i]) if (before[j]) acc += w[a][b];
        }
        let v = V[a][i] * decay + acc;
        if (v > p.vTh) {
          now[a][i] = true;
          out[a][i].push(k);
          v = 0;
        }
        V[a][i] = v;
      }
    }
    own.E.push(now.E);
    own.I.push(now.I);
  }
  return out;
}

function check(options: SimulationOptions): number {
  const all = Array.from({ length: options.params!.N! }, (_, i) => i); // every V(0): the reference runs every neuron
  const run = simulateNetwork({ ...options, recordX: true, recordV: { E: all, I: all } });
  const v0 = { E: run.v!.E!.traces.map((t) => t[0]), I: run.v!.I!.traces.map((t) => t[0]) };
  const ref = reference(run, v0);
  let spikes = 0;
  for (const a of ["E", "I"] as const) {
    for (let i = 0; i < 200; i++) {
      expect(Array.from(run[a].spikeBins(i))).toEqual(ref[a][i]);
      spikes += ref[a][i].length;
    }
  }
  return spikes;
}

describe("the simulator against a per-bin reference loop (N = 200, K = 20, 0.3 s)", () => {
  const params = { N: 200, K: 20, duration: 0.3 };

  test.each([1, 2])("V(0) = 0, seed %p: identical spikes", (seed) => {
    expect(check({ params, seed })).toBeGreaterThan(1000);
  });

  test("uniform initial V: identical spikes", () => {
    expect(check({ params, seed: 3, initialV: "uniform" })).toBeGreaterThan(1000);
  });

  test("rX = 20 Hz: identical spikes", () => {
    expect(check({ params: { ...params, rX: 20 }, seed: 4 })).toBeGreaterThan(1000);
  });
});

describe("the simulator against the reference loop in both storages of the targets (0.1 s)", () => {
  test.each([
    { N: 2048, K: 64, storage: "byte gaps with zero bytes (N / K = 32)" },
    { N: 3000, K: 20, storage: "u16 indices (N / K = 150)" },
  ])("N = $N, K = $K, $storage: identical spikes", ({ N, K }) => {
    const connectivity = buildConnectivity({ N, K, seed: 5 });
    expect(connectivity.layout.gaps).toBe(N / K <= 32);
    if (connectivity.layout.gaps) expect(connectivity.bytes).toBeGreaterThan(6 * N * K + 6 * 4 * (N + 1)); // zero bytes among the targets
    expect(check({ params: { N, K, duration: 0.05 }, seed: 5, connectivity })).toBeGreaterThan(100);
  });
});
