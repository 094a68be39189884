// The property layer's worker (tests/property.test.ts starts it): for each probe of
// tests/probes/probe-list.js, calls the exported function with its valid arguments, then with
// one argument (or one field of an object argument, or of an object in such a field) at a time replaced by adversarial values and
// by random values from fast-check (seeded), and writes one line per call for its parent:
// { id, verdict, detail }. The parent watches time and memory and kills this process on a call
// past the bounds ("unbounded"), then starts it again after that call (argv: first call id).
// Messages are lines "@@probe <json>" on stdout, written synchronously. Verdicts: "named" (a ParameterError naming the function called), "finite" (a result whose
// numbers are all finite, and plausible when the probe says what plausible is), "unnamed" (any
// other error, or a ParameterError naming another function), "bareNaN" (NaN or ±Infinity in the
// result), "silent" (a finite result the probe's plausibility check rejects), "brokenProbe" (the
// valid call itself fails: the probe must be fixed).
"use strict";
const fc = require("fast-check");
const { existsSync, readdirSync, writeSync } = require("node:fs");
const { join } = require("node:path");

/**
 * One line to the parent, written synchronously (a call that never returns must not hold it
 * back). stdout is a non-blocking pipe: when it is full, writeSync throws EAGAIN, and the write
 * is retried until the parent has read.
 */
function send(message) {
  const bytes = Buffer.from(`@@probe ${JSON.stringify(message)}\n`);
  for (let at = 0; at < bytes.length; ) {
    try {
      at += writeSync(1, bytes, at);
    } catch (e) {
      if (/** @type {NodeJS.ErrnoException} */ (e).code !== "EAGAIN") throw e;
    }
  }
}

const DIST = join(__dirname, "..", "..", "lib", "dist");
/** Every exported name of the package: the root entry's and each folder entry's (ei-balance/<folder>), the tutorial layer's excepted. */
const lib = Object.assign(
  {},
  ...readdirSync(DIST, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== "tutorial" && existsSync(join(DIST, d.name, "index.js")))
    .map((d) => require(join(DIST, d.name))),
  require(DIST),
);
const probes = require("./probe-list");

/** Values that break careless code: not numbers, non-finite, zero, negative, tiny, huge. */
const ADVERSARIAL = [NaN, Infinity, -Infinity, 0, -0, -1, 0.5, 1, 1e-320, 1e308, 4e8, 2 ** 32, 1e12, undefined, null, "1", [], {}, true];
/** Random values per argument or field (fast-check, seeded: the same calls on every run). */
const RANDOM_PER_SLOT = 6;
const SEED = 24;

/** Every call of a probe: the valid one, then one slot at a time replaced (arguments listed in `keep` excepted). */
function calls(probe) {
  const base = () => (typeof probe.args === "function" ? probe.args(lib) : probe.args);
  const out = [{ label: "valid call", make: base, valid: true }];
  const random = fc.sample(fc.oneof(fc.double(), fc.integer(), fc.anything({ maxDepth: 1 })), { seed: SEED + probe.name.length, numRuns: RANDOM_PER_SLOT });
  const values = [...ADVERSARIAL, ...random];
  base().forEach((arg, p) => {
    if (probe.keep?.includes(p)) return;
    for (const path of slots(arg)) {
      values.forEach((v) => {
        out.push({ label: `args[${p}]${path.map((k) => `.${k}`).join("")} = ${show(v)}`, make: () => replaced(base(), [p, ...path], v), valid: false });
      });
    }
  });
  return out;
}

const plain = (x) => x !== null && typeof x === "object" && Object.getPrototypeOf(x) === Object.prototype;

/** The places to replace in one argument: itself, or each field of a plain object and of its plain-object fields. */
function slots(arg) {
  if (!plain(arg)) return [[]];
  return Object.keys(arg).flatMap((key) => [[key], ...(plain(arg[key]) ? Object.keys(arg[key]).map((sub) => [key, sub]) : [])]);
}

/** `args` with the value at `path` (an argument index, then field names) replaced by `v`. */
function replaced(args, path, v) {
  const [head, ...rest] = path;
  const copy = Array.isArray(args) ? args.slice() : { ...args };
  copy[head] = rest.length === 0 ? v : replaced(copy[head], rest, v);
  return copy;
}

function show(v) {
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  try {
    return JSON.stringify(v)?.slice(0, 40) ?? String(v);
  } catch {
    return String(v);
  }
}

/** The first number in `x` that is not finite (depth <= 4, the first 1e5 elements of an array), or null. */
function nonFinite(x, path = "result", depth = 0, seen = new Set()) {
  if (typeof x === "number") return Number.isFinite(x) ? null : `${path} = ${x}`;
  if (x === null || typeof x !== "object" || depth > 4 || seen.has(x)) return null;
  seen.add(x);
  if (ArrayBuffer.isView(x) && !(x instanceof DataView)) {
    const a = /** @type {Float64Array} */ (x);
    for (let i = 0; i < Math.min(a.length, 1e5); i++) if (typeof a[i] === "number" && !Number.isFinite(a[i])) return `${path}[${i}] = ${a[i]}`;
    return null;
  }
  const keys = Array.isArray(x) ? x.keys() : Object.keys(x);
  let n = 0;
  for (const k of keys) {
    if (n++ > 1e5) break;
    const found = nonFinite(x[k], `${path}.${k}`, depth + 1, seen);
    if (found) return found;
  }
  return null;
}

/** The verdict on one call (an async function's promise is awaited: its rejection counts as a throw). */
async function judge(probe, call) {
  const where = probe.where ?? probe.name;
  let result;
  try {
    const args = call.make();
    result = await (probe.fn ? probe.fn(lib) : lib[probe.name])(...args);
  } catch (thrown) {
    const e = /** @type {any} */ (thrown);
    const message = String(e?.message ?? e).split("\n")[0];
    if (call.valid) return { verdict: "brokenProbe", detail: `the valid call threw ${e?.name ?? typeof e}: ${message}` };
    if (e instanceof lib.ParameterError && (message.startsWith(`${where}:`) || message.startsWith(`${where}.`))) return { verdict: "named", detail: message };
    return { verdict: "unnamed", detail: `${e?.name ?? typeof e}: ${message}` };
  }
  const bad = nonFinite(result);
  if (bad) return { verdict: "bareNaN", detail: bad };
  if (probe.plausible && !probe.plausible(result, call.make())) return { verdict: call.valid ? "brokenProbe" : "silent", detail: "implausible result" };
  return { verdict: "finite", detail: "" };
}

/** Runs every call from id `first` on (the parent starts this process in a scratch folder: probes may write files there). */
async function main(first) {
  let id = 0;
  for (const probe of probes) {
    for (const call of calls(probe)) {
      if (id >= first) {
        send({ id, start: true, probe: probe.name, label: call.label, seconds: probe.seconds ?? 5 });
        const v = await judge(probe, call);
        send({ id, probe: probe.name, label: call.label, ...v });
      }
      id++;
    }
  }
  send({ done: true, total: id });
  // a probed function may leave a worker pool or a timer behind
  process.exit(0);
}

main(Number(process.argv[2] ?? 0));
