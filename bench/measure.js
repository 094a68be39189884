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

const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];

/** One line on the machine's load: wall times are only meaningful when the load is below the core count. */
function loadLine() {
  const [l1, l5] = os.loadavg();
  return `load average ${l1.toFixed(2)} (1 min), ${l5.toFixed(2)} (5 min) on ${os.cpus().length} CPUs: ` +
    "on a shared machine wall times stretch with the load; CPU times (all threads) do not";
}

/** Wall and CPU time (ms) of fn(), with its result. */
function timed(fn) {
  const c0 = cpuMs();
  const t0 = performance.now();
  const value = fn();
  return { value, wall: performance.now() - t0, cpu: cpuMs() - c0 };
}

module.exports = { cpuMs, peakRssMb, median, loadLine, timed };
