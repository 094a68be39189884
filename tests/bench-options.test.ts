// The benches read their command lines with bench/options.js (on scripts/args.js): an unknown
// option or a bad value stops a bench before any work, with one line naming it and exit status 2,
// as the scripts do; bench/run-all.js passes a bench what follows its name, without a leading `--`.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const BENCH = join(__dirname, "..", "bench");

interface BenchOptions {
  string(name: string): string | undefined;
  number(name: string, fallback: number): number;
  flag(name: string): boolean;
  positionals: string[];
  plain(name: string): string | undefined;
  plainNumber(name: string): number | undefined;
  count(name: string, fallback: number, min?: number): number;
  numbers(name: string, fallback: readonly number[]): number[];
}
interface PlainSpec {
  name: string;
  choices?: readonly string[];
  min?: number;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { benchOptions } = require("../bench/options") as {
  benchOptions: (bench: string, names: readonly string[], spec?: { flags?: readonly string[]; plain?: readonly PlainSpec[]; anyPlain?: boolean; argv?: string[] }) => BenchOptions;
};

/** The exit status and stderr of `node bench/<file> ...args`. */
function run(file: string, args: string[]): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [join(BENCH, file), ...args], { encoding: "utf8", timeout: 30_000 });
  return { status: r.status, stderr: r.stderr };
}

describe("bench options", () => {
  const benches = readdirSync(BENCH).filter((f) => f.endsWith(".bench.js")).sort();

  test.each(benches)("%s refuses an unknown option before any work (exit status 2, one line)", (file) => {
    const { status, stderr } = run(file, ["--no-such-option", "1"]);
    expect(status).toBe(2);
    expect(stderr).toMatch(new RegExp(`^${file.replace(".js", "").replace(".", "\\.")}: Unknown option '--no-such-option'.*\\(options: .*\\)\\n$`));
  });

  test("a bad value, a word not among the choices or a plain argument too many names the argument and the value", () => {
    expect(run("large.bench.js", ["0.5", "1.5"])).toEqual({ status: 2, stderr: "large.bench: threads must be a whole number of at least 1, got 1.5\n" });
    expect(run("large.bench.js", ["0.5", "2", "3", "4"])).toEqual({ status: 2, stderr: 'large.bench: takes at most 3 plain arguments (duration, threads, builds), got "0.5" "2" "3" "4"\n' });
    expect(run("network.bench.js", ["fast"])).toEqual({ status: 2, stderr: 'network.bench: case must be default or scale or threads, got "fast"\n' });
    expect(run("run-pool.bench.js", ["sizes", "3", "300"])).toEqual({ status: 2, stderr: 'run-pool.bench: K must be 100 or 400 or 1000, got "300"\n' });
    expect(run("threads-load.bench.js", ["--sizes", "10000,1e5x"])).toEqual({ status: 2, stderr: 'threads-load.bench: --sizes must be a number, got "1e5x"\n' });
    expect(run("peers.bench.js", ["--rounds", "1"])).toEqual({ status: 2, stderr: "peers.bench: --rounds must be a whole number of at least 2, got 1\n" });
    expect(run("peers.bench.js", ["--only", "ours,julia"])).toEqual({ status: 2, stderr: "peers.bench: --only must list some of ours,numpy,cython,cpp, got julia\n" });
    expect(run("explorer.bench.js", ["many"])).toEqual({ status: 2, stderr: 'explorer.bench: redraws must be a number, got "many"\n' });
  });

  test("run-all passes what follows `--` to the bench named, and refuses a name that matches no bench", () => {
    const bad = run("run-all.js", ["theory-table", "--", "--seeds", "x"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('theory-table.bench: --seeds must be a number, got "x"\n');
    const none = run("run-all.js", ["no-such-bench"]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^bench: no bench matches "no-such-bench" \(benches: balance-map, .*threads-load\)\n$/);
  });

  test("options, plain arguments in their places and lists are read as given", () => {
    const spec = { plain: [{ name: "duration" }, { name: "threads", min: 1 }, { name: "part", choices: ["a", "b"] }] };
    const opt = benchOptions("b", ["rounds", "sizes"], { ...spec, argv: ["0.25", "--rounds", "4", "2", "b", "--sizes", "10,2e3"] });
    expect([opt.plainNumber("duration"), opt.plainNumber("threads"), opt.plain("part"), opt.count("rounds", 3), opt.numbers("sizes", [1])]).toEqual([0.25, 2, "b", 4, [10, 2000]]);
    const defaults = benchOptions("b", ["rounds", "sizes"], { ...spec, argv: [] });
    expect([defaults.plainNumber("duration"), defaults.plain("part"), defaults.count("rounds", 3), defaults.numbers("sizes", [1, 2])]).toEqual([undefined, undefined, 3, [1, 2]]);
    expect(benchOptions("b", [], { anyPlain: true, argv: ["--", "03", "06"] }).positionals).toEqual(["03", "06"]);
  });
});
