import { denoSender } from "./deno-kernel";
import type { MimeBundle } from "./kernel-types";
import { tslabSender } from "./tslab-kernel";

/**
 * The one adapter between this library and a running Jupyter kernel, for both TypeScript kernels
 * the notebooks run on: tslab (through its internal writer, tslab-kernel.ts) and Deno's built-in
 * kernel (through `Deno.jupyter.broadcast`, deno-kernel.ts). Both send the same messages: one
 * display_data per MIME bundle, update_display_data for a display id (progress bars).
 */

export type { MimeBundle } from "./kernel-types";

/** The sender of the kernel running this code (Deno's checked first: it is one property look-up). */
function kernelSender() {
  return denoSender() ?? tslabSender();
}

/** Whether code is running inside a kernel cell, tslab's or Deno's (so a display reaches a notebook). */
export function inKernel(): boolean {
  return kernelSender() !== null;
}

/**
 * Sends a MIME bundle as one `display_data` message (or `update_display_data` when `update` is
 * true and `displayId` names an earlier display), to whichever kernel runs this code. Returns
 * false, sending nothing, outside a kernel.
 *
 * @param bundle MIME type to content
 * @param options.displayId a display id, so that a later update replaces this output
 * @param options.update true to replace the output with display id `displayId`
 * @returns true when the bundle was sent to a kernel
 */
export function sendDisplay(bundle: MimeBundle, options: { displayId?: string; update?: boolean } = {}): boolean {
  const send = kernelSender();
  if (!send) return false;
  const transient = options.displayId === undefined ? {} : { display_id: options.displayId };
  send({ data: bundle, metadata: {}, transient }, options.update === true);
  return true;
}
