import Module from "node:module";
import type { DisplayContent, DisplaySender } from "./kernel-types";

/**
 * tslab's side of the display adapter. tslab's public `display` API sends a single MIME type per
 * output; a MIME bundle goes through tslab's internal writer `lastWriteDisplayData` of its module
 * `tslab/dist/jupyter`, which is set while a cell executes.
 *
 * The writer is taken from the copy of that module the running kernel has ALREADY loaded (found
 * in Node's module cache), never by `require("tslab")`: a require would resolve to whatever copy
 * sits next to this library, which is not the kernel's when the kernel spec points at another
 * checkout's tslab, and a second copy's writer is never set ("Not ready").
 */

type Writer = (content: DisplayContent, update: boolean) => void;
type CachedModule = { exports?: { lastWriteDisplayData?: Writer | null } } | undefined;

const TSLAB_JUPYTER_MODULE = /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/;
let kernelModulePath = "";

/**
 * The sender of the tslab kernel running this code (its writer, while a cell executes), or null
 * outside tslab.
 *
 * @returns a function sending one display_data (update false) or update_display_data (update true)
 */
export function tslabSender(): DisplaySender | null {
  const cache = (Module as unknown as { _cache: Record<string, CachedModule> })._cache;
  const usable = (path: string) => typeof cache[path]?.exports?.lastWriteDisplayData === "function";
  if (!usable(kernelModulePath)) {
    kernelModulePath = Object.keys(cache).find((path) => TSLAB_JUPYTER_MODULE.test(path) && usable(path)) ?? "";
  }
  return kernelModulePath ? (cache[kernelModulePath]?.exports?.lastWriteDisplayData ?? null) : null;
}
