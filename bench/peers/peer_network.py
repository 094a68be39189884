#!/usr/bin/env python3
"""The default E/I/X network (docs/TASKS.md task 5) in a peer simulator, for bench/peers.bench.js.

Same model and connectivity statistics as ei-balance's simulateNetwork: E, I and X populations of
N neurons; every E and I neuron has K distinct presynaptic partners drawn from each of E, I and X;
weights J_ab / sqrt(K); Euler rule V(k) = V(k-1) (1 - dt/tau) + (input of the spikes of bin k-1),
a spike when V > V_th, then V = 0; V(0) = 0; X neurons spike with probability rX dt per bin.
The random streams differ from ei-balance's (so the spikes differ; the rates agree).

Usage: peer_network.py numpy|cython|cpp [--N 1000] [--K 100] [--rX 10] [--duration 2] [--seed 1]
       [--dir DIR (Brian2 C++ standalone build folder, reused between runs)]
Prints one JSON line: loopSeconds (the simulation loop alone: for Brian2 its own run timer) and
loopClock, the clock it was read on: "wall", or "cpu" (process CPU time) for Brian2's C++
standalone, whose timer without OpenMP is std::clock(); loopCpuSeconds for NumPy (process CPU
time of its loop); buildSeconds, spikes (E and I, after the transient), rates (Hz, after the
transient), version.
"""
import argparse
import json
import time

import numpy as np

TAU, VTH, DT, TRANSIENT = 0.02, 1.0, 1e-4, 0.2
J = [[1.0, -2.5], [1.0, -2.0]]
JX = [2.0, 1.0]


def partners(rng, N, K):
    """Presynaptic partners: row j holds the K distinct sources of post neuron j."""
    return np.array([rng.choice(N, K, replace=False) for _ in range(N)], dtype=np.int64)


def weights(K):
    """w[a][b]: the weight of a synapse from population b (E, I, X) onto a (E, I)."""
    s = np.sqrt(K)
    return [[J[a][0] / s, J[a][1] / s, JX[a] / s] for a in range(2)]


def by_source(pre, N):
    """Targets grouped by presynaptic neuron (CSR): offsets (N + 1) and targets."""
    K = pre.shape[1]
    flat = pre.ravel()
    order = np.argsort(flat, kind="stable")
    post = np.repeat(np.arange(N), K)[order]
    offsets = np.zeros(N + 1, dtype=np.int64)
    offsets[1:] = np.cumsum(np.bincount(flat, minlength=N))
    return offsets, post


def run_numpy(args):
    """A hand-written vectorized NumPy loop, event-driven: bincount of the spiking sources' targets."""
    N, K = args.N, args.K
    t0 = time.perf_counter()
    rng = np.random.default_rng(args.seed)
    csr = [[by_source(partners(rng, N, K), N) for b in range(3)] for a in range(2)]
    w = weights(K)
    build = time.perf_counter() - t0
    n_bins = int(round(args.duration / DT))
    decay, p = 1 - DT / TAU, args.rX * DT
    V = [np.zeros(N), np.zeros(N)]
    none = np.empty(0, dtype=np.int64)
    last = [none, none, np.flatnonzero(rng.random(N) < p)]  # the X spikes of bin 0
    counts = np.zeros(2, dtype=np.int64)
    first = int(round(TRANSIENT / DT))
    t0, c0 = time.perf_counter(), time.process_time()
    for k in range(1, n_bins):
        for a in range(2):
            acc = np.zeros(N)
            for b in range(3):
                s = last[b]
                if s.size == 0:
                    continue
                off, tg = csr[a][b]
                idx = np.concatenate([tg[off[i]:off[i + 1]] for i in s]) if s.size > 1 else tg[off[s[0]]:off[s[0] + 1]]
                acc += w[a][b] * np.bincount(idx, minlength=N)
            V[a] = V[a] * decay + acc
        spikes = [np.flatnonzero(V[a] > VTH) for a in range(2)]
        for a in range(2):
            V[a][spikes[a]] = 0.0
            if k >= first:
                counts[a] += spikes[a].size
        last = [spikes[0], spikes[1], np.flatnonzero(rng.random(N) < p)]
    loop, cpu = time.perf_counter() - t0, time.process_time() - c0
    return build, {"loopSeconds": loop, "loopClock": "wall", "loopCpuSeconds": cpu}, counts, "numpy " + np.__version__


def run_brian2(args, target):
    """Brian2 with the same rule: the synapses act before the threshold test of the next step."""
    import brian2 as b2
    t0 = time.perf_counter()
    if target == "cpp":
        b2.set_device("cpp_standalone", directory=args.dir, build_on_run=False)
    else:
        b2.prefs.codegen.target = "cython"
    b2.prefs.core.default_float_dtype = np.float64
    b2.seed(args.seed)
    b2.defaultclock.dt = DT * b2.second
    N, K = args.N, args.K
    rng = np.random.default_rng(args.seed)
    # Euler on dv/dt = -v / tau: v <- v - dt v / tau, the leak of the rule (rounded differently)
    eqs = f"dv/dt = -v / ({TAU!r} * second) : 1"
    groups = [b2.NeuronGroup(N, eqs, threshold=f"v > {VTH!r}", reset="v = 0", method="euler", name=f"pop{a}") for a in range(2)]
    X = b2.PoissonGroup(N, args.rX * b2.Hz)
    w = weights(K)
    syn = []
    for a in range(2):
        for b, src in enumerate([groups[0], groups[1], X]):
            S = b2.Synapses(src, groups[a], on_pre=f"v_post += {w[a][b]!r}")
            pre = partners(rng, N, K)
            S.connect(i=pre.ravel(), j=np.repeat(np.arange(N), K))
            S.pre.when = "before_thresholds"  # spikes of step k - 1 delivered in step k, after the leak
            syn.append(S)
    mons = [b2.SpikeMonitor(g) for g in groups]
    net = b2.Network(groups, X, syn, mons)
    n_bins = int(round(args.duration / DT))
    build = time.perf_counter() - t0
    net.run((n_bins - 1) * DT * b2.second)
    if target == "cpp":
        b2.device.build(directory=args.dir, compile=True, run=True, debug=False)
    # Brian2's own run timer: wall time in the runtime (Cython) mode, std::clock() (process CPU time) in C++ standalone
    loop = {"loopSeconds": b2.get_device()._last_run_time, "loopClock": "cpu" if target == "cpp" else "wall"}
    counts = np.array([int(np.sum(m.t[:] >= (TRANSIENT - DT / 2) * b2.second)) for m in mons])
    return build, loop, counts, "brian2 " + b2.__version__


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("impl", choices=["numpy", "cython", "cpp"])
    ap.add_argument("--N", type=int, default=1000)
    ap.add_argument("--K", type=int, default=100)
    ap.add_argument("--rX", type=float, default=10.0)
    ap.add_argument("--duration", type=float, default=2.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dir", default="brian2-standalone")
    args = ap.parse_args()
    build, loop, counts, version = run_numpy(args) if args.impl == "numpy" else run_brian2(args, args.impl)
    seconds = args.duration - TRANSIENT
    print(json.dumps({"impl": args.impl, **loop, "buildSeconds": build, "spikes": {"E": int(counts[0]), "I": int(counts[1])},
                      "rates": {"E": counts[0] / (args.N * seconds), "I": counts[1] / (args.N * seconds)}, "version": version}))


if __name__ == "__main__":
    main()
