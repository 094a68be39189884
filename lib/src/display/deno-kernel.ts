import type { DisplayContent, DisplaySender } from "./kernel-types";

/**
 * Deno's side of the display adapter. Deno's Jupyter kernel (`deno jupyter`) offers
 * `Deno.jupyter.broadcast(msgType, content)`, which sends one message on the IOPub channel: a
 * whole MIME bundle as one display_data, or an update_display_data for a display id. In Deno
 * 2.9 (the version this project pins) it sends synchronously, so the message keeps its place
 * among the cell's other outputs (stdout written before and after stays in order).
 */

type Broadcast = (msgType: string, content: DisplayContent) => void;

/**
 * The sender of the Deno kernel running this code, or null outside Deno's kernel (`Deno.jupyter`
 * exists only there).
 *
 * @returns a function sending one display_data (update false) or update_display_data (update true)
 */
export function denoSender(): DisplaySender | null {
  const jupyter = (globalThis as { Deno?: { jupyter?: { broadcast?: Broadcast } } }).Deno?.jupyter;
  const broadcast = jupyter?.broadcast;
  if (typeof broadcast !== "function") return null;
  return (content, update) => broadcast.call(jupyter, update ? "update_display_data" : "display_data", content);
}
