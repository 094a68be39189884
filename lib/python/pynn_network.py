#!/usr/bin/env python3
"""
The balanced E/I/X network of ei-balance, described in PyNN
============================================================

Three populations of N neurons: excitatory E and inhibitory I leaky integrate-and-fire neurons
and external Poisson neurons X at rate r_X. Every E and I neuron receives K connections from
each of E, I and X (K distinct partners per source population, drawn at random; a neuron may
be its own partner, as in ei-balance). A connection from b onto a changes the membrane
potential of its target by J_ab / sqrt(K) one time step after the presynaptic spike (delta
synapses). When V exceeds the threshold the neuron spikes and V is reset to 0.

Run it (PyNN 0.10 or later, and one simulator):

    python3 pynn_network.py --simulator brian2                  # Brian2: tested by ei-balance
    mpirun -np 16 python3 pynn_network.py --simulator nest      # NEST with MPI: NOT run by ei-balance
    python3 pynn_network.py --simulator neuron                  # exits: PyNN has no IF_curr_delta for NEURON

Install: `pip install pyNN brian2` (Debian: apt-get install python3-pynn python3-brian); NEST
from its own packages or `pip install nest-simulator`, built with MPI for clusters.

Parallel runs (NEST): PyNN starts NEST in every MPI process; NEST places the neurons of each
population on the processes (virtual processes) round robin, every process creates the
incoming connections of its own neurons and simulates them, and spikes are exchanged between
processes every minimum delay (here one time step dt). Each Poisson source is a NEST
poisson_generator followed by a parrot neuron, so every target of one X neuron sees the same
spike train. The recorded spikes are gathered on process 0, which alone writes the files. The
connections are drawn by NEST's own "fixed_indegree" rule (K distinct partners, autapses
allowed): PyNN 0.10's FixedNumberPreConnector draws them in Python, one permutation of N per
neuron, far too slow for N = 10^5 or more; the draw then depends on the number of virtual
processes (statistically the same network, not the same one).

How this maps ei-balance's model, and where it cannot (ei-balance's forward Euler rule is
V(k) = V(k-1) (1 - dt/tau) + input(k), then "spike if V(k) > V_th, and V(k) = 0"):

  * Units. PyNN uses ms, mV and nA; ei-balance's V is dimensionless with V_th = 1. One unit of
    V is MV_PER_UNIT mV (below): V_th = vTh * MV_PER_UNIT mV, resting and reset potential 0 mV,
    and an IF_curr_delta weight (in mV) of J_ab / sqrt(K) * MV_PER_UNIT. cm = 1 nF and
    i_offset = 0 play no role (no current flows).
  * Leak. The simulators integrate dV/dt = -V/tau' exactly, V <- V exp(-dt/tau') per step. With
    tau' = -dt / ln(1 - dt/tau) one step's decay equals ei-balance's Euler factor 1 - dt/tau.
  * Refractory period: tau_refrac = 0 (none), accepted by Brian2 and by NEST's iaf_psc_delta.
  * Threshold: Brian2 tests v > v_thresh (as ei-balance); NEST's iaf_psc_delta tests
    V >= V_th (they differ only when V lands exactly on the threshold).
  * Order within a step. ei-balance and NEST (iaf_psc_delta) add the input that arrives in a
    step before the threshold test, so with delay dt a spike in step k moves its targets in
    step k + 1. Brian2 (through PyNN) delivers synaptic input after the threshold test of the
    step, so a spike in step k is first seen by the threshold test of step k + 2, after one
    leak step (an effective delay of 2 dt, the input scaled by 1 - dt/tau), and an input that
    arrives in a step where its target fires is lost in the reset.
  * External input. ei-balance's X neurons spike in each step with probability r_X dt
    (Bernoulli bins); Brian2's PoissonGroup does exactly that; NEST's poisson_generator draws a
    Poisson number of spikes per step (two or more with probability ~(r_X dt)^2 / 2).
  * Initial V: 0, or uniform in [0, V_th) ("uniform"); the random numbers differ from
    ei-balance's (and so do the connectivity and the X spikes: same laws, other draws).
  * Time stamps. ei-balance puts a spike in bin k when V(k) crosses, after k steps: the end of
    step k, which is NEST's time stamp. Brian2 stamps a spike with the start of its step; the
    files below add dt to Brian2's times, so that time / dt is ei-balance's bin in both cases.
    The run lasts T - dt (the steps 1 .. T/dt - 1 of ei-balance's T/dt bins).

Output, in --out (default: <this script's folder>/<simulator>-seed<seed>/):
  spikes_E.txt, spikes_I.txt  one line "neuron time_ms" per spike of the recorded neurons (the
                              first `record` of each population), in time order, between a
                              header of "# key: value" lines and a last line "# end"; read
                              them back with ei-balance's readSpikes or readPyNNRun
  run.json                    simulator, versions, seed, processes and wall times
Progress goes to standard output as lines "progress <simulated ms> <total ms>".
"""
import argparse
import json
import os
import sys
import time

# --- parameters (written by ei-balance's exportPyNN) ---
MODEL = {"N": 1000, "K": 100, "tau_s": 0.02, "vTh": 1, "dt_s": 0.0001, "duration_s": 2, "rX_Hz": 10, "J": [[1, -2.5], [1, -2]], "JX": [2, 1], "initialV": "zero"}  # ei-balance's parameters: seconds, hertz, dimensionless V and weights
MV_PER_UNIT = 20  # mV per unit of ei-balance's V: V_th = 1 is 20 mV above rest
PYNN = {  # the same network in PyNN's units (ms, mV, nF, nA, Hz)
    "N": 1000,
    "K": 100,
    "dt_ms": 0.1,
    "run_ms": 1999.9,  # T - dt: ei-balance's T/dt bins hold T/dt - 1 steps
    "duration_ms": 2000,
    "tau_m_ms": 19.94995822883563,  # tau' = -dt / ln(1 - dt/tau)
    "v_thresh_mV": 20,
    "v_reset_mV": 0,
    "v_rest_mV": 0,
    "tau_refrac_ms": 0,
    "cm_nF": 1,
    "i_offset_nA": 0,
    "delay_ms": 0.1,
    "rate_X_Hz": 10,
    "weights_mV": {"EE": 2, "EI": -5, "EX": 4, "IE": 2, "II": -4, "IX": 2},  # J_ab / sqrt(K) * MV_PER_UNIT
    "initial_v": "zero",  # "zero" or "uniform" in [0, v_thresh)
    "record": 1000,  # neurons recorded per population (the first ones)
    "seed": 1,
}
# --- end of parameters ---

SIMULATORS = ("nest", "brian2", "neuron")


def parse_args(argv):
    """The command line: simulator, seed, output folder and engine options."""
    p = argparse.ArgumentParser(description="The balanced E/I/X network of ei-balance in PyNN.")
    p.add_argument("--simulator", required=True, choices=SIMULATORS, help="PyNN back end")
    p.add_argument("--seed", type=int, default=PYNN["seed"],
                   help="seed: connectivity from 3 seed, initial V from 3 seed + 1, the simulator's own RNG from 3 seed + 2")
    p.add_argument("--out", default=None, help="output folder (default: <script folder>/<simulator>-seed<seed>)")
    p.add_argument("--record", type=int, default=PYNN["record"], help="neurons recorded per population (the first ones)")
    p.add_argument("--codegen", choices=("numpy", "cython"), default="numpy",
                   help="Brian2 only: numpy (no compiler) or cython (compiled once, then cached)")
    p.add_argument("--threads", type=int, default=1, help="NEST only: threads per MPI process")
    p.add_argument("--progress", type=int, default=10, help="number of progress reports (the run is cut in as many pieces)")
    args = p.parse_args(argv)
    if not 0 <= args.seed <= 2 ** 28:
        p.error("--seed must be an integer in [0, 2^28]")
    if not 0 <= args.record <= PYNN["N"]:
        p.error("--record must be in [0, N]")
    if args.progress < 1:
        p.error("--progress must be >= 1")
    return args


def load_simulator(args):
    """Imports pyNN.<simulator> (nothing simulator-specific is imported before this) and sets it up."""
    import importlib
    sim = importlib.import_module("pyNN." + args.simulator)
    engine_seed = 3 * args.seed + 2
    extra = {}
    if args.simulator == "brian2":
        import brian2
        brian2.prefs.codegen.target = args.codegen
        brian2.seed(engine_seed)
    elif args.simulator == "nest":
        extra = {"rng_seed": engine_seed, "threads": args.threads, "spike_precision": "on_grid"}
    dt = PYNN["dt_ms"]
    sim.setup(timestep=dt, min_delay=dt, max_delay=dt, **extra)
    return sim


def cell_type(sim, simulator):
    """IF_curr_delta with ei-balance's threshold, leak (tau'), reset 0 and no refractory period."""
    try:
        return sim.IF_curr_delta(
            tau_m=PYNN["tau_m_ms"], v_rest=PYNN["v_rest_mV"], v_reset=PYNN["v_reset_mV"],
            v_thresh=PYNN["v_thresh_mV"], tau_refrac=PYNN["tau_refrac_ms"], cm=PYNN["cm_nF"],
            i_offset=PYNN["i_offset_nA"])
    except NotImplementedError as e:
        sys.exit("PyNN's %s back end has no IF_curr_delta (%s): use --simulator nest or brian2" % (simulator, e))


def initial_v(seed):
    """Initial membrane potentials of E and I: 0, or uniform in [0, V_th) (E's N values, then I's,
    from one stream; the whole arrays on every MPI process, so the draw does not depend on P)."""
    n = PYNN["N"]
    if PYNN["initial_v"] == "zero":
        return PYNN["v_rest_mV"], PYNN["v_rest_mV"]
    import numpy as np
    v = np.random.RandomState(3 * seed + 1).uniform(0.0, PYNN["v_thresh_mV"], 2 * n)
    return v[:n], v[n:]


def fixed_in_degree(sim, simulator, seed):
    """
    K distinct presynaptic partners per neuron from one source population, self-connections
    allowed: PyNN's FixedNumberPreConnector. Two simulators get a faster connector with the same
    law: NEST draws with its own "fixed_indegree" rule (see the header), and on Brian2 the
    connections PyNN draws are created in one call per projection (PyNN 0.10's Brian2 back end
    creates them one neuron at a time and sets weight and delay one synapse at a time, ~1 ms per
    synapse).
    """
    from pyNN.random import NumpyRNG
    rng = NumpyRNG(seed=3 * seed, parallel_safe=True)
    base = sim.FixedNumberPreConnector
    args = dict(n=PYNN["K"], allow_self_connections=True, with_replacement=False, rng=rng)
    if simulator == "nest":
        return _nest_fixed_in_degree(base)(**args)
    if simulator == "brian2":
        return _brian2_batched(base)(**args)
    return base(**args)


def _nest_fixed_in_degree(base):
    class NestFixedInDegree(base):
        def connect(self, projection):
            ps = projection.synapse_type.parameter_space
            ps.evaluate(simplify=True)
            projection._connect(
                {"rule": "fixed_indegree", "indegree": self.n, "allow_autapses": True, "allow_multapses": False},
                {"synapse_model": projection.nest_synapse_model, "weight": ps["weight"], "delay": ps["delay"]})
    return NestFixedInDegree


def _brian2_batched(base):
    import numpy as np

    class Brian2Batched(base):
        def connect(self, projection):
            pre, post, values = [], [], []

            def collect(pre_indices, post_index, **parameters):
                pre.append(np.asarray(pre_indices))
                post.append(np.full(len(pre_indices), post_index))
                values.append(parameters)
            projection._convergent_connect = collect
            try:
                base.connect(self, projection)
            finally:
                del projection._convergent_connect
            synapses = projection._brian2_synapses[0][0]
            i, j = np.concatenate(pre), np.concatenate(post)
            synapses.connect(i=i, j=j)
            projection._n_connections += i.size
            synapses.weight = values[0]["weight"]  # one weight and one delay per projection
            synapses.delay = values[0]["delay"]
    return Brian2Batched


def build(sim, args):
    """The three populations, the six projections and the spike recording."""
    cell = cell_type(sim, args.simulator)
    n = PYNN["N"]
    vE, vI = initial_v(args.seed)
    E = sim.Population(n, cell, initial_values={"v": vE}, label="E")
    I = sim.Population(n, cell, initial_values={"v": vI}, label="I")
    X = sim.Population(n, sim.SpikeSourcePoisson(rate=PYNN["rate_X_Hz"]), label="X")
    w = PYNN["weights_mV"]
    connector = fixed_in_degree(sim, args.simulator, args.seed)
    for post, name in ((E, "E"), (I, "I")):
        for pre, src, receptor in ((E, "E", "excitatory"), (I, "I", "inhibitory"), (X, "X", "excitatory")):
            synapse = sim.StaticSynapse(weight=w[name + src], delay=PYNN["delay_ms"])
            sim.Projection(pre, post, connector, synapse, receptor_type=receptor, label=src + "->" + name)
    if args.record > 0:
        E[:args.record].record("spikes")
        I[:args.record].record("spikes")
    return E, I


def run(sim, args):
    """Runs T - dt in --progress pieces, printing "progress <done ms> <total ms>" after each."""
    total = PYNN["run_ms"]
    steps = int(round(total / PYNN["dt_ms"]))
    done = 0
    for piece in range(1, args.progress + 1):
        target = steps * piece // args.progress
        if target > done:
            sim.run((target - done) * PYNN["dt_ms"])
            done = target
        if sim.rank() == 0:
            print("progress %.6g %.6g" % (done * PYNN["dt_ms"], total), flush=True)


def spike_events(pop, shift_ms):
    """(neuron index, spike time in ms at the end of the step) of every recorded spike, on every process."""
    import numpy as np
    trains = pop.get_data("spikes", gather=True).segments[0].spiketrains
    index, times = [], []
    if getattr(trains, "_spike_time_array", None) is not None:  # Brian2: one array of (cell id, time)
        ids, t = trains.multiplexed
        index.append(pop.id_to_index(np.asarray(ids, dtype=int)))
        times.append(np.asarray(t.rescale("ms").magnitude))
    else:
        for st in trains:
            a = st.annotations
            i = a["source_index"] if "source_index" in a else pop.id_to_index(int(a.get("source_id", a.get("channel_id"))))
            index.append(np.full(len(st), i, dtype=int))
            times.append(np.asarray(st.rescale("ms").magnitude))
    index = np.concatenate(index) if index else np.zeros(0, dtype=int)
    times = np.concatenate(times) + shift_ms if times else np.zeros(0)
    order = np.lexsort((index, times))
    return index[order], times[order]


def write_spikes(path, pop, args, versions):
    """One spike file: a header of "# key: value" lines, "neuron time_ms" lines, and "# end"."""
    import numpy as np
    shift = PYNN["dt_ms"] if args.simulator == "brian2" else 0.0
    index, times = spike_events(pop, shift)
    header = [
        "ei-balance spikes: 1",
        "population: " + pop.label,
        "neurons: %d" % PYNN["N"],
        "recorded: %d" % args.record,
        "dt_ms: %r" % PYNN["dt_ms"],
        "duration_ms: %r" % PYNN["duration_ms"],
        "simulator: %s (%s)" % (args.simulator, versions),
        "seed: %d" % args.seed,
        "spikes: %d" % index.size,
        "columns: neuron (index within the population), time (ms, end of the time step)",
    ]
    with open(path, "w") as f:
        f.write("".join("# %s\n" % h for h in header))
        np.savetxt(f, np.column_stack((index, times)), fmt=["%d", "%.6f"])
        f.write("# end\n")


def versions_of(simulator):
    """PyNN's and the simulator's versions, as text."""
    import pyNN
    text = "PyNN " + pyNN.__version__
    try:
        import importlib
        module = importlib.import_module({"nest": "nest", "brian2": "brian2", "neuron": "neuron"}[simulator])
        text += ", %s %s" % (simulator, getattr(module, "__version__", "?"))
    except Exception:  # the version is informative only
        pass
    return text


def main(argv):
    args = parse_args(argv)
    out = args.out or os.path.join(os.path.dirname(os.path.abspath(__file__)), "%s-seed%d" % (args.simulator, args.seed))
    t0 = time.perf_counter()
    sim = load_simulator(args)
    t1 = time.perf_counter()
    E, I = build(sim, args)
    t2 = time.perf_counter()
    run(sim, args)
    t3 = time.perf_counter()
    versions = versions_of(args.simulator)
    files = {}
    if args.record > 0:
        events = {p.label: p for p in (E, I)}
        if sim.rank() == 0:
            os.makedirs(out, exist_ok=True)
        for label, pop in events.items():
            path = os.path.join(out, "spikes_%s.txt" % label)
            if sim.rank() == 0:
                write_spikes(path, pop, args, versions)
            else:
                spike_events(pop, 0.0)  # every process takes part in the gather
            files[label] = os.path.basename(path)
    t4 = time.perf_counter()
    if sim.rank() == 0:
        report = {
            "simulator": args.simulator, "versions": versions, "seed": args.seed, "codegen": args.codegen,
            "processes": sim.num_processes(), "threads": args.threads, "record": args.record, "files": files,
            "seconds": {"setup": t1 - t0, "build": t2 - t1, "simulate": t3 - t2, "write": t4 - t3},
            "model": MODEL, "pynn": PYNN,
        }
        with open(os.path.join(out, "run.json"), "w") as f:
            json.dump(report, f, indent=2)
        print("wrote %s" % out, flush=True)
    sim.end()


if __name__ == "__main__":
    main(sys.argv[1:])
