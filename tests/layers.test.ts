// The library's folders are layers: a module imports only from its own folder or from a lower
// layer (lib/src/index.ts lists them, lowest first). This test reads every import in lib/src.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const SRC = join(__dirname, "..", "lib", "src");

/** Layer of each folder; folders of one rank may not import each other. */
const RANK: Record<string, number> = {
  core: 0, math: 1, spikes: 2, neuron: 3, network: 3, theory: 4, pynn: 4, analysis: 5, experiments: 6,
  charts: 7, display: 7, report: 8, tutorial: 9,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []);
}

function folderOf(file: string): string {
  const rel = relative(SRC, file);
  return rel.includes(sep) ? rel.split(sep)[0] : "";
}

/** Every (importing file, imported folder) pair of relative imports inside lib/src. */
function imports(): { file: string; from: string; to: string }[] {
  return sourceFiles(SRC).flatMap((file) => {
    const text = readFileSync(file, "utf8");
    return [...text.matchAll(/(?:from\s+|import\()"(\.{1,2}\/[^"]+)"/g)].map((m) => ({
      file: relative(SRC, file), from: folderOf(file), to: folderOf(resolve(dirname(file), m[1])),
    }));
  });
}

describe("library layers", () => {
  const all = imports();

  test("every module lives in a known domain folder (only index.ts at the top)", () => {
    const loose = sourceFiles(SRC).filter((f) => folderOf(f) === "" && relative(SRC, f) !== "index.ts");
    const unknown = sourceFiles(SRC).map(folderOf).filter((d) => d !== "" && !(d in RANK));
    expect(loose).toEqual([]);
    expect([...new Set(unknown)]).toEqual([]);
  });

  test("a folder imports only from itself or from a lower layer", () => {
    const upward = all
      .filter((i) => i.from !== "" && i.to !== i.from && !(RANK[i.to] < RANK[i.from]))
      .map((i) => `${i.file} imports ${i.to}/ (layer ${RANK[i.to]} >= ${RANK[i.from]})`);
    expect(upward).toEqual([]);
  });

  test("the check sees real imports (the graph is not empty and reaches across folders)", () => {
    expect(all.length).toBeGreaterThan(50);
    expect(all.some((i) => i.from === "network" && i.to === "core")).toBe(true);
  });
});
