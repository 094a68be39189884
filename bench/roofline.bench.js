#!/usr/bin/env node
// Roofline-style statement: for each case, the run's synaptic events and neuron
// updates, the nanoseconds per event and per update per thread, the bytes per synapse, and the
// floor of the same operations on this machine: kernel.wat's scatter-add (deliver) over the
// case's own stored target stream, every row once per pass, and its leak-and-threshold (step)
// over N neurons, each timed alone in a loop (CPU time, one thread, caches warm). The run's floor
// is events x (ns per event alone) + updates x (ns per update alone); the distance is the loop's CPU
// time (simulationCpuSeconds: all threads) over that floor, and its wall time over the floor divided by the threads.
// Cases: default (N = 1000, K = 100, 2 s), N = 10^4, K = 10^3 (1 s, 1 and 2 threads); with the
// argument `large` also N = 10^5, K = 10^3 (1 s, 2 threads: about 1.4 GB and a minute).
// Writes bench/results/roofline.json. Usage: npm run bench -- roofline [large]
"use strict";
const { buildConnectivity, simulateNetwork } = require("ei-balance");
const { kernelModuleOnce, instantiate, PAGE_BYTES } = require("../lib/dist/network/wasm");
const { benchContext, writeResult } = require("./context");
const { cpuMs, loadLine, median } = require("./measure");
const { benchOptions } = require("./options");

/**
 * Median CPU ns per unit of `fn` (which does `units` units of work), over `reps` timed passes after one untimed.
 * @param {() => void} fn
 * @param {number} units
 * @param {number} reps
 */
function nsPer(fn, units, reps) {
  fn();
  const per = [];
  for (let r = 0; r < reps; r++) {
    const c0 = cpuMs();
    fn();
    per.push(((cpuMs() - c0) * 1e6) / units);
  }
  return median(per);
}

/**
 * Floors of the connectivity's deliveries and of the step, from the kernel alone over scratch pages grown in its memory.
 * @param {import("ei-balance").Connectivity} conn
 */
function floors(conn) {
  const { N, layout, memory } = conn;
  const k = instantiate(kernelModuleOnce(), memory);
  const at = memory.grow(Math.ceil((4 * N + 24 * N) / PAGE_BYTES) + 1) * PAGE_BYTES;
  const list = new Uint32Array(memory.buffer, at, N);
  for (let j = 0; j < N; j++) list[j] = j;
  const acc = at + 4 * N;
  const V = new Float64Array(memory.buffer, acc + 8 * N, N);
  for (let i = 0; i < N; i++) V[i] = (i % 997) / 1000; // below the threshold: no spikes
  const deliver = layout.gaps ? k.deliver : k.deliver16;
  let events = 0;
  const pass = () => {
    events = 0;
    for (let u = 0; u < 6 * layout.parts; u++) {
      const part = u % layout.parts;
      events += deliver(at, N, layout.offsetsAt[u], layout.targetsAt[u], acc + 8 * layout.partStart[part], 1e-9);
    }
  };
  pass();
  const perEvent = nsPer(pass, events, 5);
  const steps = Math.max(1, Math.round(2e7 / N));
  const perUpdate = nsPer(() => {
    for (let s = 0; s < steps; s++) k.step(acc + 8 * N, acc + 16 * N, N, 0.995, 1, at, 0);
  }, steps * N, 5);
  return { nsPerEvent: perEvent, nsPerUpdate: perUpdate, eventsPerPass: events };
}

/**
 * One case: its connectivity's floors, then `runs` runs on each number of threads against them.
 * @param {{ label: string, N: number, K: number, duration: number, threads: number[], runs: number }} c
 */
function runCase({ label, N, K, duration, threads, runs }) {
  const conn = buildConnectivity({ N, K, seed: 1 });
  const floor = floors(conn);
  const rows = threads.map((t) => {
    /** @type {number[]} */
    const wall = [];
    /** @type {number[]} */
    const cpu = [];
    /** @type {import("ei-balance").NetworkRun | undefined} */
    let run;
    for (let r = 0; r < runs; r++) {
      run = simulateNetwork({ params: { N, K, duration }, seed: 1, connectivity: conn, threads: t });
      cpu.push(run.simulationCpuSeconds);
      wall.push(run.simulationSeconds);
    }
    if (run === undefined) throw new Error(`runCase: runs must be at least 1, got ${runs}`);
    const updates = 2 * N * (run.nBins - 1);
    const floorSeconds = (run.synapticEvents * floor.nsPerEvent + updates * floor.nsPerUpdate) / 1e9;
    const w = median(wall);
    const c = median(cpu);
    const row = {
      threads: run.threads, events: run.synapticEvents, updates, wallSeconds: w, cpuSeconds: c,
      nsPerEventPerThread: (w * run.threads * 1e9) / run.synapticEvents, nsPerUpdatePerThread: (w * run.threads * 1e9) / updates,
      floorSeconds, cpuOverFloor: c / floorSeconds, wallOverFloor: (w * run.threads) / floorSeconds,
    };
    console.log(`  ${run.threads} thread(s): ${row.events.toExponential(2)} events, ${updates.toExponential(2)} updates; loop ${(w * 1e3).toFixed(1)} ms wall ` +
      `(${wall.map((x) => (x * 1e3).toFixed(0)).join(", ")}), ${(c * 1e3).toFixed(1)} ms CPU (all threads); all-in per thread ` +
      `${row.nsPerEventPerThread.toFixed(2)} ns/event or ${row.nsPerUpdatePerThread.toFixed(2)} ns/update; floor ${(floorSeconds * 1e3).toFixed(1)} ms of one thread's work: ` +
      `CPU ${row.cpuOverFloor.toFixed(2)}x, wall x threads ${row.wallOverFloor.toFixed(2)}x the floor`);
    return row;
  });
  return { label, N, K, duration, bytesPerSynapse: conn.bytesPerSynapse, floor, rows };
}

const large = benchOptions("roofline.bench", [], { plain: [{ name: "case", choices: ["large"] }] }).plain("case") === "large";
console.log(loadLine());
const context = benchContext(`npm run bench -- roofline${large ? " large" : ""}`,
  "Floors: the kernel's own loops alone (CPU time, one thread). Runs: loop wall and CPU time (medians; CPU of all threads); the machine is shared (load averages before and after).");
const CASES = [
  { label: "default", N: 1000, K: 100, duration: 2, threads: [1], runs: 5 },
  { label: "N = 10^4, K = 10^3", N: 10000, K: 1000, duration: 1, threads: [1, 2], runs: 3 },
  ...(large ? [{ label: "N = 10^5, K = 10^3", N: 100000, K: 1000, duration: 1, threads: [2], runs: 1 }] : []),
];
const cases = CASES.map((c) => {
  console.log(`${c.label}: N=${c.N} K=${c.K} T=${c.duration} s`);
  const r = runCase(c);
  console.log(`  ${r.bytesPerSynapse.toFixed(3)} bytes/synapse; floors alone: scatter-add ${r.floor.nsPerEvent.toFixed(3)} ns/event ` +
    `(the stored target stream, ${r.floor.eventsPerPass.toExponential(2)} events a pass), leak-and-threshold ${r.floor.nsPerUpdate.toFixed(3)} ns/update`);
  if (global.gc) global.gc();
  return r;
});
console.log(loadLine());
console.log(`wrote ${writeResult(large ? "roofline-large" : "roofline", context, { cases })}`);
