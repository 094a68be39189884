/** The types shared by the kernel adapters (tslab-kernel.ts, deno-kernel.ts) and kernel.ts. */

/** A Jupyter MIME bundle: MIME type to content (a JSON object for JSON types, a string otherwise). */
export type MimeBundle = Record<string, unknown>;

/** The content of a display_data or update_display_data message (Jupyter messaging protocol). */
export interface DisplayContent {
  data: MimeBundle;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}

/**
 * One kernel's way of sending a display: `update` false sends display_data, true sends
 * update_display_data (which replaces the output whose `transient.display_id` is the same).
 */
export type DisplaySender = (content: DisplayContent, update: boolean) => void;
