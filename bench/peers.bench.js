#!/usr/bin/env node
// Side by side with the peers: the default network (N = 1000, K = 100, r_X = 10 Hz,
// 2 s) in our simulator, in a hand-written NumPy loop and in Brian2 (Cython runtime and C++
// standalone), from bench/peers/peer_network.py: same model, same connectivity statistics (K
// distinct partners from each of E, I and X), seeds 1 .. R. Every run is a cold process; the
// implementations run in turn within each round (interleaved, so a change of the machine's load
// hits them alike); the time compared is the simulation loop alone (ours: simulationSeconds and
// simulationCpuSeconds; NumPy: its loop; Brian2: its own run timer, without code generation and
// compilation), on the clock the peer reports: wall time, except Brian2's C++ standalone, whose
// timer is std::clock(), the process CPU time, which is compared with ours. Each
// Brian2 mode first runs once uncounted (it compiles, minutes the first time; later runs reuse
// the compiled code). The check: each peer's E and I rates after 0.2 s (stored with their spike
// counts) agree with ours within 4 standard errors of the seed-to-seed spread (twoSampleDifference).
// A peer that is not installed is skipped with a line that says so (Debian: apt-get install
// python3-numpy python3-brian g++). Writes bench/results/peers.json and prints the README's table.
// Usage: npm run bench -- peers [--rounds 5] [--N 1000] [--K 100] [--rX 10] [--duration 2] [--only ours,numpy,cython,cpp]
"use strict";
const { spawnSync } = require("node:child_process");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { runScript, UsageError } = require("../scripts/args");
const { benchContext, writeResult } = require("./context");
const { loadLine, median } = require("./measure");
const { benchOptions } = require("./options");
const { twoSampleDifference } = require("ei-balance");

const SCRIPT = join(__dirname, "peers", "peer_network.py");
const TRANSIENT = 0.2;
/** @typedef {"ours" | "numpy" | "cython" | "cpp"} Impl */
/** @type {Record<Impl, string>} */
const LABEL = { ours: "ei-balance (this project)", numpy: "NumPy (hand-written loop)", cython: "Brian2, Cython runtime", cpp: "Brian2, C++ standalone" };
const IMPLS = /** @type {Impl[]} */ (Object.keys(LABEL));

/**
 * The network and the rounds to run, and the implementations to run them in.
 * @typedef {{ rounds: number, N: number, K: number, rX: number, duration: number, only: Impl[] }} PeersOptions
 */

/**
 * The bench's options (a bad one stops it, exit status 2); at least 2 rounds: the rate check needs a seed-to-seed spread.
 * @returns {PeersOptions}
 */
function options() {
  const opt = benchOptions("peers.bench", ["rounds", "N", "K", "rX", "duration", "only"]);
  const only = (opt.string("only") ?? IMPLS.join(",")).split(",");
  const unknown = only.filter((k) => !Object.hasOwn(LABEL, k));
  if (unknown.length > 0) throw new UsageError(`peers.bench: --only must list some of ${IMPLS.join(",")}, got ${unknown.join(",")}`);
  return {
    rounds: opt.count("rounds", 5, 2), N: opt.number("N", 1000), K: opt.number("K", 100), rX: opt.number("rX", 10),
    duration: opt.number("duration", 2), only: /** @type {Impl[]} */ (only),
  };
}

/**
 * A Python with NumPy (and whether it has Brian2, Cython and a C++ compiler), or the reasons a peer is skipped.
 * @returns {{ python: string | undefined, skipped: Partial<Record<Impl, string>> }}
 */
function findPeers() {
  /** @param {string} python @param {string} code */
  const has = (python, code) => spawnSync(python, ["-c", code], { stdio: "ignore", timeout: 60_000 }).status === 0;
  const python = [process.env.PEERS_PYTHON, "/usr/bin/python3", "python3"].find((p) => p && has(p, "import numpy"));
  /** @type {Partial<Record<Impl, string>>} */
  const skipped = {};
  if (!python) {
    for (const k of /** @type {const} */ (["numpy", "cython", "cpp"])) skipped[k] = "no Python with NumPy (set PEERS_PYTHON, or apt-get install python3-numpy)";
    return { python, skipped };
  }
  const brian = has(python, "import importlib.util as u, sys; sys.exit(0 if u.find_spec('brian2') else 1)");
  if (!brian) skipped.cython = skipped.cpp = "Brian2 is not installed for " + python + " (apt-get install python3-brian, or pip install brian2)";
  else if (!has(python, "import Cython")) skipped.cython = "Cython is not installed (apt-get install cython3)";
  if (brian && spawnSync("g++", ["--version"], { stdio: "ignore" }).status !== 0) skipped.cpp = "no C++ compiler (apt-get install g++)";
  return { python, skipped };
}

/**
 * One cold run: its simulation loop's time on the clock the implementation reports (`loopClock`),
 * its build time, spike counts and rates after the transient, and the whole process's wall time.
 * @typedef {{ loopSeconds: number, loopClock: "wall" | "cpu", loopCpuSeconds?: number, buildSeconds: number, threads?: number, version?: string,
 *   spikes: { E: number, I: number }, rates: { E: number, I: number }, wallSeconds: number }} Run
 */

/**
 * One cold run of implementation `impl` with seed `seed`: loop and build seconds, spike counts and rates after the transient.
 * @param {Impl} impl
 * @param {number} seed
 * @param {PeersOptions} o
 * @param {string | undefined} python a Python with NumPy, for the peers
 * @returns {Run}
 */
function runOnce(impl, seed, o, python) {
  const t0 = performance.now();
  let r;
  if (impl === "ours") {
    const code = `const L = require("ei-balance"); const r = L.simulateNetwork({ params: { N: ${o.N}, K: ${o.K}, rX: ${o.rX}, duration: ${o.duration} }, seed: ${seed} });` +
      `const m = L.meanRates(r, { transient: ${TRANSIENT} }); const n = (x) => Math.round(x.mean * ${o.N} * ${o.duration - TRANSIENT});` +
      "process.stdout.write(JSON.stringify({ loopSeconds: r.simulationSeconds, loopClock: 'wall', loopCpuSeconds: r.simulationCpuSeconds, buildSeconds: r.connectivitySeconds, threads: r.threads," +
      " spikes: { E: n(m.E), I: n(m.I) }, rates: { E: m.E.mean, I: m.I.mean } }))";
    r = spawnSync(process.execPath, ["-e", code], { encoding: "utf8" });
  } else {
    const dir = join(tmpdir(), `ei-balance-peers-brian2-cpp-${o.N}-${o.K}`);
    const args = [SCRIPT, impl, "--N", o.N, "--K", o.K, "--rX", o.rX, "--duration", o.duration, "--seed", seed, "--dir", dir].map(String);
    if (python === undefined) throw new Error(`${impl}: no Python with NumPy`);
    r = spawnSync(python, args, { encoding: "utf8", maxBuffer: 1 << 24 });
  }
  if (r.status !== 0) throw new Error(`${impl} (seed ${seed}) failed: ${r.stderr.slice(-2000)}`);
  const lines = r.stdout.trim().split("\n");
  return { ...JSON.parse(lines[lines.length - 1]), wallSeconds: (performance.now() - t0) / 1e3 };
}

/** @param {number[]} a @returns {[number, number]} */
const range = (a) => [Math.min(...a), Math.max(...a)];
/** @param {number} x */
const fmt = (x) => x.toFixed(x < 1 ? 3 : 2);

/**
 * Our loop time on `clock` ("wall" or "cpu").
 * @param {Run} r
 * @param {"wall" | "cpu"} clock
 */
const oursOn = (r, clock) => (clock === "cpu" ? r.loopCpuSeconds ?? NaN : r.loopSeconds);

/** @typedef {{ median: number, range: [number, number] }} Spread */
/**
 * One implementation's rounds summed up.
 * @typedef {{ impl: Impl, label: string, version: string, clock: "wall" | "cpu", loopSeconds: Spread & { all: number[] },
 *   loopCpuSeconds: (Spread & { all: number[] }) | undefined, buildSeconds: number, wallSeconds: number,
 *   spikes: { E: number, I: number }[], rates: { E: number[], I: number[] }, ratioToOurs?: Spread,
 *   rateCheck?: { pop: "E" | "I", difference: number, se: number, z: number, pass: boolean }[] }} Summary
 */

/**
 * Medians and ranges of one implementation's rounds (on its clock), with the ratios to ours on the same clock and the rate check.
 * @param {Impl} impl
 * @param {Run[]} runs
 * @param {Run[] | undefined} ours our runs, round by round (undefined when ours did not run)
 * @returns {Summary}
 */
function summarize(impl, runs, ours) {
  const loops = runs.map((r) => r.loopSeconds);
  const clock = runs[0].loopClock;
  const cpus = runs.flatMap((r) => (r.loopCpuSeconds === undefined ? [] : [r.loopCpuSeconds]));
  /** @type {Summary} */
  const s = { impl, label: LABEL[impl], version: runs[0].version ?? "", clock, loopSeconds: { median: median(loops), range: range(loops), all: loops },
    loopCpuSeconds: cpus.length ? { median: median(cpus), range: range(cpus), all: cpus } : undefined,
    buildSeconds: median(runs.map((r) => r.buildSeconds)), wallSeconds: median(runs.map((r) => r.wallSeconds)),
    spikes: runs.map((r) => r.spikes), rates: { E: runs.map((r) => r.rates.E), I: runs.map((r) => r.rates.I) } };
  if (impl !== "ours" && ours) {
    const ratios = runs.map((r, i) => r.loopSeconds / oursOn(ours[i], clock));
    s.ratioToOurs = { median: median(ratios), range: range(ratios) };
    s.rateCheck = /** @type {const} */ (["E", "I"]).map((pop) => {
      const d = twoSampleDifference(ours.map((r) => r.rates[pop]), s.rates[pop]);
      return { pop, difference: d.difference, se: d.se, z: d.z, pass: Math.abs(d.z) < 4 };
    });
  }
  return s;
}

/** @param {Summary} s */
function report(s) {
  const ratio = s.ratioToOurs ? `, ${fmt(s.ratioToOurs.median)}x ours (pairs ${fmt(s.ratioToOurs.range[0])}-${fmt(s.ratioToOurs.range[1])})` : "";
  /** @param {"E" | "I"} pop */
  const rate = (pop) => (s.rates[pop].reduce((a, b) => a + b, 0) / s.rates[pop].length).toFixed(2);
  const check = s.rateCheck ? "; rates vs ours: " + s.rateCheck.map((c) => `${c.pop} ${c.difference >= 0 ? "+" : ""}${c.difference.toFixed(2)} +- ${c.se.toFixed(2)} Hz (z ${c.z.toFixed(2)}, ${c.pass ? "pass" : "FAIL"})`).join(", ") : "";
  const cpu = s.loopCpuSeconds && s.clock === "wall" ? `, CPU ${fmt(s.loopCpuSeconds.median)} s (range ${fmt(s.loopCpuSeconds.range[0])}-${fmt(s.loopCpuSeconds.range[1])})` : "";
  console.log(`${s.label}: loop ${fmt(s.loopSeconds.median)} s ${s.clock} (range ${fmt(s.loopSeconds.range[0])}-${fmt(s.loopSeconds.range[1])})${cpu}${ratio}; ` +
    `build ${fmt(s.buildSeconds)} s, whole process ${fmt(s.wallSeconds)} s; rates E ${rate("E")} Hz, I ${rate("I")} Hz${check}`);
}

function main() {
  const o = options();
  const { python, skipped } = findPeers();
  const impls = o.only.filter((k) => {
    if (skipped[k]) console.log(`${LABEL[k]}: skipped, ${skipped[k]}`);
    return !skipped[k];
  });
  console.log(loadLine());
  const context = benchContext(`npm run bench -- peers ${process.argv.slice(2).join(" ")}`.trim(),
    "Cold processes, interleaved rounds (seed r in round r for every implementation), simulation loop only; the machine is shared (load averages before and after).");
  for (const k of impls.filter((i) => i === "cython" || i === "cpp")) {
    const w = runOnce(k, 1000, o, python);
    console.log(`${LABEL[k]}: warm-up run (compiles on first use) ${fmt(w.wallSeconds)} s, not counted`);
  }
  /** @type {Record<Impl, Run[]>} */
  const runs = { ours: [], numpy: [], cython: [], cpp: [] };
  for (let round = 1; round <= o.rounds; round++) {
    for (const k of impls) runs[k].push(runOnce(k, round, o, python));
    console.log(`round ${round}: ` + impls.map((k) => `${k} ${fmt(runs[k][round - 1].loopSeconds)} s`).join(", ") + ` (load ${require("node:os").loadavg()[0].toFixed(1)})`);
  }
  const results = impls.map((k) => summarize(k, runs[k], impls.includes("ours") ? runs.ours : undefined));
  results.forEach(report);
  console.log(loadLine());
  console.log(`\n| implementation | loop wall (s), median [range] | loop CPU (s), median [range] | ratio to ours on the same clock, median [range of pairs] |\n|---|---|---|---|`);
  /** @param {Spread | undefined} x */
  const cell = (x) => (x ? `${fmt(x.median)} [${x.range.map(fmt).join("-")}]` : "-");
  for (const s of results) {
    const ratio = s.ratioToOurs ? `${s.ratioToOurs.median.toFixed(1)}x [${s.ratioToOurs.range.map((x) => x.toFixed(1)).join("-")}] (${s.clock})` : "1";
    const [wall, cpu] = s.clock === "cpu" ? [undefined, s.loopSeconds] : [s.loopSeconds, s.loopCpuSeconds];
    console.log(`| ${s.label} | ${cell(wall)} | ${cell(cpu)} | ${ratio} |`);
  }
  const network = { N: o.N, K: o.K, rX: o.rX, duration: o.duration, transient: TRANSIENT, rounds: o.rounds };
  console.log(`wrote ${writeResult("peers", context, { network, skipped, results })}`);
}

runScript(main);
