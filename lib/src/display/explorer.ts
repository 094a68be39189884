import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sendDisplay } from "./kernel";
import type { MimeBundle } from "./kernel-types";

/**
 * The network explorer as a notebook output: the E/I/X network simulated in the
 * reader's browser, with no kernel, by the library's own code bundled into the output.
 */

/** The explorer's notebook fragment, written by `npm run build:explorer` (and `npm run build`) beside the compiled library. */
export const EXPLORER_CELL_FILE = join(__dirname, "..", "..", "dist", "explorer-cell.html");

/** The note shown where the output's scripts do not run (GitHub, an untrusted notebook, a text front end). */
export const EXPLORER_NOTE =
  "Interactive network explorer: it runs in the browser where outputs may run scripts (JupyterLab with the notebook " +
  "trusted, Notebook 7, VS Code, the exported HTML); elsewhere open lib/dist/explorer.html, or run `npm run explore`.";

/**
 * The explorer as a MIME bundle: `text/html` (the explorer's element, its styles and its script,
 * about 90 KiB, with the simulation in a Web Worker; the note where scripts do not run; the
 * element records its build, the SHA-256 of the script, by which the export recognizes it intact)
 * and `text/markdown` / `text/plain` with {@link EXPLORER_NOTE}.
 * @returns the bundle.
 * @throws Error when the explorer has not been built (run `npm run build:explorer`).
 */
export function explorerBundle(): MimeBundle {
  if (!existsSync(EXPLORER_CELL_FILE)) {
    throw new Error(`explorerBundle: ${EXPLORER_CELL_FILE} does not exist: build it with \`npm run build:explorer\``);
  }
  return { "text/html": readFileSync(EXPLORER_CELL_FILE, "utf8"), "text/markdown": EXPLORER_NOTE, "text/plain": EXPLORER_NOTE };
}

/**
 * Displays the explorer ({@link explorerBundle}) as one output of the running cell.
 * @returns undefined when it was displayed in a kernel, the bundle otherwise (in a script or a test).
 * @throws Error when the explorer has not been built.
 */
export function showExplorer(): MimeBundle | undefined {
  const bundle = explorerBundle();
  return sendDisplay(bundle) ? undefined : bundle;
}
