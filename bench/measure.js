// Shared by the network benches: CPU time of the process (every thread), peak RSS, load average.
"use strict";
const os = require("node:os");

/** CPU time of the process so far, all threads (ms). */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};

/** Peak resident set size so far (MB). */
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

/**
 * The median of `a` (the upper one of the middle two for an even length).
 * @param {readonly number[]} a
 */
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];

/** One line on the machine's load: wall times are only meaningful when the load is below the core count. */
function loadLine() {
  const [l1, l5] = os.loadavg();
  return `load average ${l1.toFixed(2)} (1 min), ${l5.toFixed(2)} (5 min) on ${os.cpus().length} CPUs: ` +
    "on a shared machine wall times stretch with the load; CPU times (all threads) do not";
}

/**
 * Wall and CPU time (ms) of fn(), with its result.
 * @template T
 * @param {() => T} fn
 * @returns {{ value: T, wall: number, cpu: number }}
 */
function timed(fn) {
  const c0 = cpuMs();
  const t0 = performance.now();
  const value = fn();
  return { value, wall: performance.now() - t0, cpu: cpuMs() - c0 };
}

/**
 * Wall times (ms) of `runs` calls f(0), f(1), ...: their median, minimum and maximum, and the
 * last call's result.
 * @template T
 * @param {(run: number) => T} f
 * @param {number} runs at least 1
 * @returns {{ med: number, min: number, max: number, out: T }}
 */
function timeRuns(f, runs) {
  /** @type {number[]} */
  const times = [];
  /** @type {{ value: T } | undefined} */
  let last;
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    last = { value: f(r) };
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  if (last === undefined) throw new Error(`timeRuns: runs must be at least 1, got ${runs}`);
  times.sort((a, b) => a - b);
  return { med: times[runs >> 1], min: times[0], max: times[runs - 1], out: last.value };
}

/**
 * Cost of the first write to fresh memory (µs per 4 KiB page): the kernel (and, in a virtual
 * machine, the host) must back each page. A build writes every byte of the connectivity once, so
 * this is a floor under its time that no algorithm removes: measured 14-16 µs per page on this
 * project's 2-core Firecracker VMs (about 0.3 µs on bare metal).
 */
function firstTouchMicrosPerPage(mb = 64) {
  const t0 = performance.now();
  const a = new Uint8Array(mb * 2 ** 20);
  for (let i = 0; i < a.length; i += 4096) a[i] = 1;
  return ((performance.now() - t0) * 1e3) / (a.length / 4096);
}

/**
 * One line on the first-touch cost of `bytes` of fresh memory on this machine.
 * @param {number} bytes
 */
function firstTouchLine(bytes) {
  const us = firstTouchMicrosPerPage();
  return `  first touch of fresh memory on this machine: ${us.toFixed(2)} µs per 4 KiB page, so writing ${(bytes / 1e9).toFixed(2)} GB ` +
    `costs ${((us * bytes) / 4096 / 1e6).toFixed(2)} s of CPU before any sampling (a floor under the build time)`;
}

module.exports = { cpuMs, peakRssMb, median, loadLine, timed, timeRuns, firstTouchLine };
