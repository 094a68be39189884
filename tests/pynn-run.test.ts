// runPyNN and readPyNNRun with stand-in scripts (standard-library Python only), so the process
// handling and the read-back are tested without PyNN.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runPyNN } from "../lib/src/pynn/run";
import { readPyNNRun } from "../lib/src/pynn/read-run";

const dir = mkdtempSync(join(tmpdir(), "pynn-run-"));
const script = (name: string, body: string) => {
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
};
const spikeFile = (pop: string, rows: string[], end = "# end\n") =>
  ["# ei-balance spikes: 1", `# population: ${pop}`, "# neurons: 2", "# recorded: 2", "# dt_ms: 0.1", "# duration_ms: 1",
    "# simulator: stand-in", "# seed: 5", `# spikes: ${rows.length}`, ...rows].join("\n") + "\n" + end;

describe("runPyNN", () => {
  test("reports the script's progress lines in seconds and resolves with the output folder", async () => {
    const s = script("ok.py", 'import sys\nprint("progress 500 1000", flush=True)\nprint("progress 1000 1000", flush=True)\n');
    const seen: number[][] = [];
    const r = await runPyNN({ script: s, seed: 5, python: "python3", onProgress: (d, t) => seen.push([d, t]) });
    expect(seen).toEqual([[0.5, 1], [1, 1]]);
    expect(r.dir).toBe(join(dir, "brian2-seed5"));
    expect(r.wallSeconds).toBeGreaterThan(0);
  }, 60_000);

  test("a failing script rejects with its command and its last error lines", async () => {
    const s = script("fail.py", 'import sys\nsys.exit("the engine says no")\n');
    await expect(runPyNN({ script: s, python: "python3" })).rejects.toThrow(/runPyNN: python3 .*fail\.py --simulator brian2 .*failed \(exit 1\):\nthe engine says no/);
  }, 60_000);

  test("bad options throw before anything runs", async () => {
    await expect(runPyNN({ script: join(dir, "missing.py") })).rejects.toThrow(/runPyNN: script must be the path of an exported script/);
    const s = script("x.py", "");
    await expect(runPyNN({ script: s, simulator: "nestle" as "nest" })).rejects.toThrow(/simulator must be "nest", "brian2" or "neuron"/);
    await expect(runPyNN({ script: s, seed: -1, python: "python3" })).rejects.toThrow(/seed must be an integer >= 0/);
  }, 60_000);
});

describe("readPyNNRun", () => {
  test("reads run.json and the E and I spike files into SpikeTrains", () => {
    const out = join(dir, "run-ok");
    mkdirSync(out);
    writeFileSync(join(out, "run.json"), JSON.stringify({ simulator: "brian2", versions: "v", seed: 5, processes: 1, files: { E: "e.txt", I: "i.txt" }, seconds: { setup: 1, build: 2, simulate: 3, write: 4 } }));
    writeFileSync(join(out, "e.txt"), spikeFile("E", ["1 0.2", "0 0.5"]));
    writeFileSync(join(out, "i.txt"), spikeFile("I", []));
    const run = readPyNNRun(out);
    expect(run.E.totalSpikes).toBe(2);
    expect(Array.from(run.E.spikeBins(1))).toEqual([2]);
    expect(run.I.totalSpikes).toBe(0);
    expect(run.seconds.simulate).toBe(3);
  });

  test("a missing report or a truncated spike file is named in the error", () => {
    const out = join(dir, "run-bad");
    mkdirSync(out);
    expect(() => readPyNNRun(out)).toThrow(/run-bad\/run\.json is missing: did the script finish\?/);
    writeFileSync(join(out, "run.json"), "{ not json");
    expect(() => readPyNNRun(out)).toThrow(/run\.json is not valid JSON/);
    writeFileSync(join(out, "run.json"), JSON.stringify({ files: { E: "e.txt", I: "i.txt" } }));
    writeFileSync(join(out, "e.txt"), spikeFile("E", ["1 0.2"]));
    writeFileSync(join(out, "i.txt"), spikeFile("I", ["1 0.2"], ""));
    expect(() => readPyNNRun(out)).toThrow(/run\.json: "seed" must be an integer, got undefined/);
    writeFileSync(join(out, "run.json"), JSON.stringify({ seed: 5, files: { E: "e.txt", I: "i.txt" } }));
    expect(() => readPyNNRun(out)).toThrow(/readSpikes: .*i\.txt: truncated/);
    writeFileSync(join(out, "i.txt"), spikeFile("I", ["1 0.2"]).replace(/# dt_ms: \S+/, "# dt_ms: 0.05"));
    expect(() => readPyNNRun(out)).toThrow(/readPyNNRun: .*run-bad: the spike files of E and I are on different time grids/);
  });
});
