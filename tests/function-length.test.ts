// Functions stay small: no function, method or arrow function in lib/src is longer than 60 lines
// (the project's standard: one job each, readable in one screen).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import * as ts from "typescript";

const SRC = join(__dirname, "..", "lib", "src");
const MAX_LINES = 60;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []);
}

/** "file:line name (n lines)" for every function body in the file longer than maxLines. */
function longFunctions(file: string, text: string, maxLines: number): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const first = sf.getLineAndCharacterOfPosition(node.getStart()).line;
      const last = sf.getLineAndCharacterOfPosition(node.end).line;
      const name = node.name ? node.name.getText(sf) : "(anonymous)";
      if (last - first + 1 > maxLines) found.push(`${relative(SRC, file)}:${first + 1} ${name} (${last - first + 1} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe("function length", () => {
  test(`no function in lib/src is longer than ${MAX_LINES} lines`, () => {
    const long = sourceFiles(SRC).flatMap((f) => longFunctions(f, readFileSync(f, "utf8"), MAX_LINES));
    expect(long).toEqual([]);
  });

  test("the check measures real functions (a 61-line function is reported, a 60-line one is not)", () => {
    const body = (n: number) => `function f() {\n${"  x++;\n".repeat(n - 2)}}\n`;
    expect(longFunctions(join(SRC, "x.ts"), body(61), MAX_LINES)).toEqual(["x.ts:1 f (61 lines)"]);
    expect(longFunctions(join(SRC, "x.ts"), body(60), MAX_LINES)).toEqual([]);
  });
});
