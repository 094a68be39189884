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

const NUMBERS = { N: "N", K: "K", rX: "rX", duration: "duration", tau: "tau", dt: "dt", vTh: "vTh" };

function parse(argv) {
  const o = { params: {}, seed: 1, out: "runs/pynn" };
  for (let q = 0; q < argv.length; q += 2) {
    const key = argv[q].replace(/^--/, "");
    const value = argv[q + 1];
    if (value === undefined) throw new Error(`export:pynn: ${argv[q]} needs a value`);
    if (key in NUMBERS) o.params[NUMBERS[key]] = Number(value);
    else if (key === "seed" || key === "record") o[key] = Number(value);
    else if (key === "mv-per-unit") o.millivoltsPerUnit = Number(value);
    else if (key === "initialV" || key === "out") o[key] = value;
    else throw new Error(`export:pynn: unknown option ${argv[q]} (see the header of scripts/export-pynn.js)`);
  }
  return o;
}

try {
  const options = parse(process.argv.slice(2));
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
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
