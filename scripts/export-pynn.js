#!/usr/bin/env node
// Writes the E/I/X network as a standalone PyNN script plus a JSON of its parameters.
// Usage: npm run export:pynn -- [--N 1000] [--K 100] [--rX 10] [--duration 2] [--tau 0.02]
//          [--dt 0.0001] [--vTh 1] [--seed 1] [--initialV zero|uniform] [--record N]
//          [--mv-per-unit 20] [--out runs/pynn]
// Units as in the library: seconds and hertz. Then it prints the run command with the Python that
// has PyNN and Brian2 (findPyNN: $PYNN_PYTHON, Debian's /usr/bin/python3, the python3 on PATH), or
// says how to install them.
"use strict";
const { exportPyNN, findPyNN, pynnParameters } = require("ei-balance");
const { scriptOptions, runScript, UsageError } = require("./args");

/** The network parameters given on the command line, by their names in the library. */
const PARAMS = /** @type {const} */ (["N", "K", "rX", "duration", "tau", "dt", "vTh"]);

/**
 * The export's options from the command line (see the header); the library checks their values.
 * @param {string[]} argv
 * @returns {Parameters<typeof exportPyNN>[0]}
 */
function commandLine(argv) {
  const opt = scriptOptions("export:pynn", [...PARAMS, "seed", "record", "initialV", "mv-per-unit", "out"], { argv });
  /** @type {Partial<import("ei-balance").NetworkParams>} */
  const params = Object.fromEntries(PARAMS.map((name) => [name, opt.optionalNumber(name)]).filter(([, x]) => x !== undefined));
  const initialV = opt.string("initialV");
  if (initialV !== undefined && initialV !== "zero" && initialV !== "uniform") throw new UsageError(`export:pynn: --initialV must be zero or uniform, got ${initialV}`);
  return {
    params, seed: opt.number("seed", 1), record: opt.optionalNumber("record"), initialV, millivoltsPerUnit: opt.optionalNumber("mv-per-unit"),
    out: opt.string("out") ?? "runs/pynn",
  };
}

runScript(() => {
  const options = commandLine(process.argv.slice(2));
  const files = exportPyNN(options);
  const p = pynnParameters(options).pynn;
  console.log(`wrote ${files.script}\n      ${files.params}`);
  console.log(`N = ${p.N}, K = ${p.K}, T = ${p.duration_ms} ms, dt = ${p.dt_ms} ms, tau' = ${p.tau_m_ms.toFixed(4)} ms, ` +
    `V_th = ${p.v_thresh_mV} mV, ${(6 * p.N * p.K).toExponential(2)} synapses`);
  const brian = findPyNN("brian2");
  if (brian.python) console.log(`run:  ${brian.python} ${files.script} --simulator brian2        (PyNN + Brian2)`);
  else console.log(`run:  <python> ${files.script} --simulator brian2        (${brian.hint})`);
  const nest = findPyNN("nest").python;
  console.log(`      mpirun -np 16 ${nest ?? "<python with PyNN and NEST>"} ${files.script} --simulator nest   (PyNN + NEST with MPI)`);
});
