/**
 * The property layer: every function in tests/probes/probe-list.js is called with
 * its valid arguments, then with each argument (or field of an object argument) replaced in turn
 * by adversarial values (NaN, ±Infinity, 0, -0, -1, 1e-320, 1e308, 4e8, 2^32, 1e12, undefined,
 * null, a string, [], {}, true) and by random values from fast-check (seeded: the same calls on
 * every run), in a child process (tests/probes/probe-child.js) run with the library's limits
 * lowered to 2e8 bytes and 2e8 steps (EI_BALANCE_MAX_BYTES / EI_BALANCE_MAX_STEPS): whatever the
 * input, a call must throw a ParameterError naming the function called, or return a result whose
 * numbers are all finite (and plausible, where the probe says what that means), within 5 s (a
 * probe's `seconds`, for a function that reports progress and can be cancelled) and 1 GB of
 * resident memory. Counts of silent, bare-NaN, unnamed and unbounded results must be 0. A second
 * test checks that every exported function of every entry (tests/probes/exported-functions.js)
 * has a probe or a reasoned exclusion (tests/probes/probe-exclusions.js).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CHILD = join(__dirname, "probes", "probe-child.js");
const TIME_BOUND_MS = 5000;
const MEMORY_BOUND_KB = 1e6;

interface Finding {
  verdict: string;
  probe: string;
  label: string;
  detail: string;
}

/** Resident memory of a process (kB), from /proc; 0 when it is gone. */
function rssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * Runs the probe child from call `first` on; a call past the time or memory bound, or one that
 * kills the process, is "unbounded", and the child starts again after it.
 */
function runProbes(first: number, findings: Finding[], counts: Record<string, number>, cwd: string): Promise<number> {
  const child = spawn(process.execPath, [CHILD, String(first)], {
    cwd,
    stdio: ["ignore", "pipe", "ignore"],
    env: { ...process.env, EI_BALANCE_MAX_BYTES: "2e8", EI_BALANCE_MAX_STEPS: "2e8" },
  });
  const note = (f: Finding) => {
    counts[f.verdict] = (counts[f.verdict] ?? 0) + 1;
    if (f.verdict !== "named" && f.verdict !== "finite") findings.push(f);
  };
  let current: { id: number; probe: string; label: string; at: number; seconds: number } | null = null;
  let total = -1;
  let killed = false;
  let buffer = "";
  child.stdout!.on("data", (d: Buffer) => {
    buffer += d.toString();
    for (let k = buffer.indexOf("\n"); k >= 0; k = buffer.indexOf("\n")) {
      const line = buffer.slice(0, k);
      buffer = buffer.slice(k + 1);
      if (!line.startsWith("@@probe ")) continue;
      const m = JSON.parse(line.slice(8));
      if (m.start) current = { ...m, at: Date.now() };
      else if (m.done) total = m.total;
      else {
        current = null;
        note(m);
      }
    }
  });
  const watch = setInterval(() => {
    if (current === null || killed) return;
    const bound = Math.max(TIME_BOUND_MS, 1000 * current.seconds);
    const over = Date.now() - current.at > bound ? `over ${bound / 1000} s` : rssKb(child.pid!) > MEMORY_BOUND_KB ? `over ${MEMORY_BOUND_KB / 1e6} GB` : null;
    if (over) {
      killed = true;
      note({ verdict: "unbounded", probe: current.probe, label: current.label, detail: over });
      child.kill("SIGKILL");
    }
  }, 50);
  return new Promise((done, fail) => {
    child.on("exit", (code, signal) => {
      clearInterval(watch);
      if (total >= 0) return done(total);
      if (current === null) return fail(new Error(`the probe child ended outside a call (${code ?? signal})`));
      if (!killed) note({ verdict: "unbounded", probe: current.probe, label: current.label, detail: `the process died (${code ?? signal})` });
      runProbes(current.id + 1, findings, counts, cwd).then(done, fail);
    });
  });
}

test("every probed function answers any input with a named ParameterError or a finite, plausible result, within 5 s and 1 GB", async () => {
  const findings: Finding[] = [];
  const counts: Record<string, number> = {};
  // the probes of file readers and writers work in a scratch folder, removed after
  const scratch = mkdtempSync(join(tmpdir(), "ei-balance-probes-"));
  const total = await runProbes(0, findings, counts, scratch).finally(() => rmSync(scratch, { recursive: true, force: true }));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const probes = (require("./probes/probe-list") as unknown[]).length;
  const bad = (v: string) => counts[v] ?? 0;
  console.log(
    `property layer: ${probes} functions, ${total} calls: ${bad("named")} named refusals, ${bad("finite")} finite results; ` +
      `silent ${bad("silent")}, bare NaN ${bad("bareNaN")}, unnamed ${bad("unnamed")}, unbounded ${bad("unbounded")}, broken probes ${bad("brokenProbe")}` +
      findings.slice(0, 30).map((f) => `\n  ${f.verdict}: ${f.probe}, ${f.label}: ${f.detail.slice(0, 200)}`).join(""),
  );
  expect(total).toBeGreaterThan(probes);
  expect(findings).toEqual([]);
}, 600_000);

test("every exported function of every entry has a probe, or a reasoned exclusion in tests/probes/probe-exclusions.js", () => {
  const listed = spawnSync(process.execPath, [join(__dirname, "probes", "exported-functions.js")], { encoding: "utf8" });
  expect(listed.status).toBe(0);
  const byEntry = JSON.parse(listed.stdout) as Record<string, string[]>;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const probed = new Set((require("./probes/probe-list") as { name: string }[]).map((p) => p.name.split(".")[0]));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { functions, entries } = require("./probes/probe-exclusions") as { functions: Record<string, string>; entries: Record<string, string> };
  const uncovered = Object.entries(byEntry).flatMap(([entry, names]) => (entry in entries ? [] : names.filter((n) => !probed.has(n) && !(n in functions)).map((n) => `${entry}: ${n}`)));
  expect(uncovered).toEqual([]);
  // an exclusion names an export that has no probe, with a reason
  const exported = new Set(Object.values(byEntry).flat());
  for (const [name, reason] of Object.entries(functions)) {
    expect([name, exported.has(name) && !probed.has(name)]).toEqual([name, true]);
    expect(reason.length).toBeGreaterThan(20);
  }
  for (const entry of Object.keys(entries)) expect(Object.keys(byEntry)).toContain(entry);
  console.log(`exports: ${exported.size} functions in ${Object.keys(byEntry).length} entries; probed ${[...exported].filter((n) => probed.has(n)).length}, excluded by name ${Object.keys(functions).length}, in excluded entries ${[...new Set(Object.keys(entries).flatMap((e) => byEntry[e]))].filter((n) => !probed.has(n) && !(n in functions)).length}`);
});
