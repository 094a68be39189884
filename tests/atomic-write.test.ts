// scripts/atomic-write.js: the kernel specs are rewritten while Jupyter and other test projects
// read them; a reader must never see an empty or partial file.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writeFileAtomic } = require("../scripts/atomic-write") as { writeFileAtomic: (file: string, text: string) => void };

describe("writeFileAtomic", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "atomic-write-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("writes a new file and replaces an old one by a rename, leaving no temporary file", () => {
    const file = join(dir, "kernel.json");
    writeFileAtomic(file, "first\n");
    const inode = statSync(file).ino;
    writeFileAtomic(file, "second\n");
    expect(readFileSync(file, "utf8")).toBe("second\n");
    expect(statSync(file).ino).not.toBe(inode); // a new file renamed over the old one, not the old one truncated
    expect(readdirSync(dir)).toEqual(["kernel.json"]);
  });

  test("leaves a file that already holds the text untouched", () => {
    const file = join(dir, "kernel.json");
    writeFileSync(file, "same\n");
    utimesSync(file, new Date(0), new Date(0));
    writeFileAtomic(file, "same\n");
    expect(statSync(file).mtimeMs).toBe(0);
  });
});
