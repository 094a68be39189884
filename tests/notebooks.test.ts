/**
 * Executes every notebook in notebooks/ with the real tslab kernel under real Jupyter (nbclient,
 * through scripts/execute_notebooks.py --check, which writes nothing) and fails on a failed cell
 * (tslab reports failures only as stderr output) or on a chart output that lacks one of its MIME
 * types. Needs Jupyter and the tslab kernel spec: `npm run setup`.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ROOT, requireJupyterWithKernel, jupyterEnv } = require("../scripts/jupyter-env") as {
  ROOT: string;
  requireJupyterWithKernel: () => string;
  jupyterEnv: () => NodeJS.ProcessEnv;
};

const VEGA_LITE = "application/vnd.vegalite.v5+json";
const notebooks = readdirSync(join(ROOT, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort();

interface Summary {
  displays: { cell: number; mimetypes: string[] }[];
  stderr: string[];
}

describe("notebooks execute under Jupyter with the tslab kernel", () => {
  test("there are notebooks, numbered in SPEC order", () => {
    expect(notebooks.length).toBeGreaterThan(0);
    expect(notebooks[0]).toBe("01-poisson-spike-trains.ipynb");
    for (const nb of notebooks) expect(nb).toMatch(/^\d\d-[a-z0-9-]+\.ipynb$/);
  });

  test.each(notebooks)("%s runs without a failed cell and every chart has Vega-Lite, SVG and PNG", (nb) => {
    const python = requireJupyterWithKernel();
    const r = spawnSync(python, [join(ROOT, "scripts", "execute_notebooks.py"), "--check", "--timeout", "600", join("notebooks", nb)], {
      cwd: ROOT,
      encoding: "utf8",
      env: jupyterEnv(),
    });
    if (r.status !== 0) throw new Error(`${nb} failed:\n${r.stderr}\n${r.stdout}`);
    const summary = (JSON.parse(r.stdout.trim().split("\n").pop()!) as Record<string, Summary>)[nb];
    const charts = summary.displays.filter((d) => d.mimetypes.includes(VEGA_LITE) || d.mimetypes.includes("image/svg+xml"));
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) {
      expect({ cell: chart.cell, mimetypes: chart.mimetypes }).toEqual({
        cell: chart.cell,
        mimetypes: expect.arrayContaining([VEGA_LITE, "image/svg+xml", "image/png", "text/plain"]),
      });
    }
    // stderr output in an executed cell is tslab's way of reporting an error
    expect(summary.stderr.filter((s) => /Error/.test(s))).toEqual([]);
  }, 900_000);
});
