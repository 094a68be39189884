/**
 * The one adapter between this library and a running Jupyter kernel. tslab's public
 * `display` API sends a single MIME type per output; a MIME bundle (several representations of
 * one output, from which each front end picks the richest it can render) goes through tslab's
 * internal writer `require("tslab/dist/jupyter").lastWriteDisplayData`, which is set while a cell
 * executes. It must be the very copy of tslab that runs the kernel: this project has exactly one.
 */

/** A Jupyter MIME bundle: MIME type to content (a JSON object for JSON types, a string otherwise). */
export type MimeBundle = Record<string, unknown>;

type Writer = (
  content: { data: MimeBundle; metadata: Record<string, unknown>; transient: { display_id?: string } },
  update: boolean,
) => void;

function tslabWriter(): Writer | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: Writer | null };
    return jupyter.lastWriteDisplayData ?? null;
  } catch {
    return null;
  }
}

/** Whether code is running inside a tslab kernel cell (so a display reaches a notebook). */
export function inKernel(): boolean {
  return tslabWriter() !== null;
}

/**
 * Sends a MIME bundle as one `display_data` message (or `update_display_data` when `update` is
 * true and `displayId` names an earlier display). Returns false, sending nothing, outside a kernel.
 */
export function sendDisplay(bundle: MimeBundle, options: { displayId?: string; update?: boolean } = {}): boolean {
  const write = tslabWriter();
  if (!write) return false;
  const transient = options.displayId === undefined ? {} : { display_id: options.displayId };
  write({ data: bundle, metadata: {}, transient }, options.update === true);
  return true;
}
