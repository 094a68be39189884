import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseSpikeFile, readSpikes } from "../lib/src/spikes/read-spikes";

const header = (spikes: number, extra: string[] = []) => [
  "# ei-balance spikes: 1", "# population: E", "# neurons: 5", "# recorded: 3", "# dt_ms: 0.1",
  "# duration_ms: 1", "# simulator: brian2 (test)", "# seed: 7", `# spikes: ${spikes}`, ...extra,
  "# columns: neuron (index within the population), time (ms, end of the time step)",
];
const file = (rows: string[], extraHeader: string[] = []) => [...header(rows.length, extraHeader), ...rows, "# end", ""].join("\n");
const good = ["2 0.100000", "0 0.300000", "2 0.300000", "0 0.900000"];

describe("readSpikes", () => {
  test("turns a spike file into SpikeTrains on the dt grid (bin = time / dt) with the header's fields", () => {
    const f = parseSpikeFile(file(good), "spikes_E.txt");
    expect(f).toMatchObject({ population: "E", neurons: 5, recorded: 3, seed: 7, simulator: "brian2 (test)" });
    expect(f.trains.n).toBe(3);
    expect(f.trains.nBins).toBe(10);
    expect(f.trains.dt).toBeCloseTo(1e-4, 15);
    expect(Array.from(f.trains.spikeBins(0))).toEqual([3, 9]);
    expect(Array.from(f.trains.spikeBins(1))).toEqual([]);
    expect(Array.from(f.trains.spikeBins(2))).toEqual([1, 3]);
  });

  test("reads a file from disk, and an empty population (no spikes) is fine", () => {
    const dir = mkdtempSync(join(tmpdir(), "spikes-"));
    writeFileSync(join(dir, "a.txt"), file(good));
    writeFileSync(join(dir, "b.txt"), file([]));
    expect(readSpikes(join(dir, "a.txt")).trains.totalSpikes).toBe(4);
    expect(readSpikes(join(dir, "b.txt")).trains.totalSpikes).toBe(0);
    expect(() => readSpikes(join(dir, "missing.txt"))).toThrow(/readSpikes: .*missing\.txt: cannot be read/);
  });

  const bad: [string, string, RegExp][] = [
    ["a truncated file (no '# end')", file(good).replace("# end\n", "").slice(0, -4), /x\.txt: truncated: the last line must be "# end"/],
    ["a count that differs from the header", file(good).replace("# spikes: 4", "# spikes: 5"), /announces 5 spikes, the file holds 4/],
    ["another kind of file", file(good).replace("# ei-balance spikes: 1", "# something else"), /not an ei-balance spike file/],
    ["a header line missing", file(good).replace("# dt_ms: 0.1\n", ""), /the header has no "dt_ms" line/],
    ["a header value that is not a number", file(good).replace("# neurons: 5", "# neurons: five"), /header "neurons: five" is not an integer/],
    ["a line that is not 'neuron time'", file(["2 0.1", "oops"]), /line 12: expected "neuron time_ms", got "oops"/],
    ["a neuron outside the recorded ones", file(["3 0.1"]), /line 11: neuron 3 is outside the recorded neurons 0 \.\. 2/],
    ["a time off the grid", file(["1 0.15"]), /line 11: time 0.15 ms is not on the grid of dt = 0.1 ms/],
    ["a time beyond the duration", file(["1 1.0"]), /line 11: time 1 ms is outside \[0, 1\) ms/],
    ["spikes out of time order", file(["1 0.5", "2 0.2"]), /line 12: spikes are not in time order/],
    ["two spikes of a neuron in one bin", file(["1 0.5", "1 0.5"]), /line 12: neuron 1 spikes twice/],
  ];
  test("CRLF line endings read like LF; a file on disk is streamed the same way", () => {
    const crlf = file(good).replace(/\n/g, "\r\n");
    expect(Array.from(parseSpikeFile(crlf, "c.txt").trains.spikeBins(2))).toEqual([1, 3]);
    const dir = mkdtempSync(join(tmpdir(), "spikes-"));
    writeFileSync(join(dir, "c.txt"), crlf);
    expect(readSpikes(join(dir, "c.txt")).trains.totalSpikes).toBe(4);
  });

  test("header counts are checked against the file's length and the memory limit before anything is allocated", () => {
    const dir = mkdtempSync(join(tmpdir(), "spikes-"));
    const huge = file([]).replace("# spikes: 0", "# spikes: 1000000000");
    writeFileSync(join(dir, "h.txt"), huge);
    expect(() => readSpikes(join(dir, "h.txt"))).toThrow(/h\.txt: the header announces 1000000000 spikes, but a file of \d+ bytes holds at most \d+ spike lines/);
    const many = file([]).replace("# neurons: 5", "# neurons: 1000000000000").replace("# recorded: 3", "# recorded: 1000000000000");
    writeFileSync(join(dir, "r.txt"), many);
    const t0 = Date.now();
    expect(() => readSpikes(join(dir, "r.txt"))).toThrow(/readSpikes: 0 spikes of 1000000000000 recorded neurons would need about 12 TB, above the memory limit/);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(() => readSpikes(join(dir, "r.txt"), { maxBytes: 1e3 })).toThrow(/above the memory limit of 1 kB/);
  });

  test("a duration that is not a whole number of dt, a line after '# end' and a missing seed are refused", () => {
    expect(() => parseSpikeFile(file(good).replace("# duration_ms: 1", "# duration_ms: 1.05"), "g.txt")).toThrow(/g\.txt: duration_ms 1\.05 is not a whole number of steps of dt_ms 0\.1/);
    expect(() => parseSpikeFile(file(good) + "1 0.5\n", "e.txt")).toThrow(/e\.txt: a line after "# end": "1 0\.5"/);
    expect(() => parseSpikeFile(file(good).replace("# seed: 7\n", ""), "s.txt")).toThrow(/s\.txt: header "seed: " is not an integer/);
  });

  test.each(bad)("rejects %s with an error naming the file and the problem", (_what, text, message) => {
    expect(() => parseSpikeFile(text, "x.txt")).toThrow(message);
    expect(() => parseSpikeFile(text, "x.txt")).toThrow(/^readSpikes: x\.txt: /);
  });
});
