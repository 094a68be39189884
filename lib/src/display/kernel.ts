import Module from "node:module";

/**
 * The one adapter between this library and a running Jupyter kernel. tslab's public
 * `display` API sends a single MIME type per output; a MIME bundle (several representations of
 * one output, from which each front end picks the richest it can render) goes through tslab's
 * internal writer `lastWriteDisplayData` of its module `tslab/dist/jupyter`, which is set while a
 * cell executes.
 *
 * The writer is taken from the copy of that module the running kernel has ALREADY loaded (found
 * in Node's module cache), never by `require("tslab")`: a require would resolve to whatever copy
 * sits next to this library, which is not the kernel's when the kernel spec points at another
 * checkout's tslab, and a second copy's writer is never set ("Not ready").
 */

/** A Jupyter MIME bundle: MIME type to content (a JSON object for JSON types, a string otherwise). */
export type MimeBundle = Record<string, unknown>;

type Writer = (
  content: { data: MimeBundle; metadata: Record<string, unknown>; transient: { display_id?: string } },
  update: boolean,
) => void;

const TSLAB_JUPYTER_MODULE = /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/;

type CachedModule = { exports?: { lastWriteDisplayData?: Writer | null } } | undefined;
let kernelModulePath = "";

function tslabWriter(): Writer | null {
  const cache = (Module as unknown as { _cache: Record<string, CachedModule> })._cache;
  const usable = (path: string) => typeof cache[path]?.exports?.lastWriteDisplayData === "function";
  if (!usable(kernelModulePath)) {
    kernelModulePath = Object.keys(cache).find((path) => TSLAB_JUPYTER_MODULE.test(path) && usable(path)) ?? "";
  }
  return kernelModulePath ? (cache[kernelModulePath]?.exports?.lastWriteDisplayData ?? null) : null;
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
