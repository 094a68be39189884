/**
 * Kernel specs belong to their checkout: set-up writes the `tslab` spec only inside the
 * checkout (scripts/kernel-spec.js: .jupyter/ and .venv/), so a second checkout's set-up on the
 * same machine leaves the first one's kernels, and every kernel spec folder of Jupyter's (the
 * user's, the virtualenv's, the machine's), as they were. Needs this checkout's Jupyter
 * (`npm run setup`).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const env = require("../scripts/jupyter-env") as {
  ROOT: string;
  TSLAB_BIN: string;
  requireJupyterWithKernel: () => string;
  resolvedKernelArgv: (python: string, env?: NodeJS.ProcessEnv) => string[] | null;
  jupyterEnv: () => NodeJS.ProcessEnv;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writeKernelSpecs } = require("../scripts/kernel-spec") as { writeKernelSpecs: (root: string) => string[] };

/** Every kernel.json in the kernel folders `python`'s Jupyter searches (with `jupyterPath` on JUPYTER_PATH): path -> content. */
function kernelFiles(python: string, jupyterPath: string): Record<string, string> {
  const r = spawnSync(python, ["-c", "import json; from jupyter_core.paths import jupyter_path; print(json.dumps(jupyter_path('kernels')))"], {
    encoding: "utf8",
    env: { ...process.env, JUPYTER_PATH: jupyterPath },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  const files: Record<string, string> = {};
  for (const dir of JSON.parse(r.stdout) as string[]) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const file = join(dir, name, "kernel.json");
      if (existsSync(file)) files[file] = readFileSync(file, "utf8");
    }
  }
  return files;
}

describe("kernel specs belong to their checkout", () => {
  let second = "";
  afterAll(() => {
    if (second) rmSync(second, { recursive: true, force: true });
  });

  test("a second checkout's set-up leaves this checkout's kernels and Jupyter's kernel folders unchanged", () => {
    const python = env.requireJupyterWithKernel();
    const ours = join(env.ROOT, ".jupyter");
    const before = { resolved: env.resolvedKernelArgv(python), files: kernelFiles(python, ours) };
    expect(before.resolved?.[0]).toBe(env.TSLAB_BIN);

    // a second checkout: its own tslab and virtualenv (placeholders: only paths are written)
    second = mkdtempSync(join(tmpdir(), "second-checkout-"));
    mkdirSync(join(second, "node_modules", ".bin"), { recursive: true });
    writeFileSync(join(second, "node_modules", ".bin", "tslab"), "");
    mkdirSync(join(second, ".venv", "bin"), { recursive: true });
    writeFileSync(join(second, ".venv", "bin", "python"), "");
    const written = writeKernelSpecs(second);

    expect(written.length).toBe(2);
    expect(written.filter((f) => !f.startsWith(second + "/"))).toEqual([]);
    expect({ resolved: env.resolvedKernelArgv(python), files: kernelFiles(python, ours) }).toEqual(before);
    // and the second checkout's Jupyter runs the second checkout's tslab
    const theirs = env.resolvedKernelArgv(python, { ...process.env, JUPYTER_PATH: join(second, ".jupyter") });
    expect(theirs?.[0]).toBe(join(second, "node_modules", ".bin", "tslab"));
  }, 60_000);

  test("a checkout registers its TypeScript kernels only: tslab, and Deno's beside it (no jslab, no Python)", () => {
    env.requireJupyterWithKernel();
    const kernels = readdirSync(join(env.ROOT, ".jupyter", "kernels"));
    expect(kernels.filter((k) => k !== "deno")).toEqual(["tslab"]);
    const spec = JSON.parse(readFileSync(join(env.ROOT, ".jupyter", "kernels", "tslab", "kernel.json"), "utf8")) as { argv: string[]; display_name: string };
    expect({ argv0: spec.argv[0], name: spec.display_name }).toEqual({ argv0: env.TSLAB_BIN, name: "TypeScript" });
  });
});
