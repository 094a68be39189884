/**
 * The one use of Node's Buffer in the bundled library code, `Buffer.from(base64, "base64")`
 * (decoding the WebAssembly modules), for the browser; injected by scripts/build-explorer.js.
 */
export const Buffer = {
  /**
   * Decodes a base64 string into bytes.
   * @param text base64 text.
   * @returns its bytes.
   */
  from(text: string): Uint8Array {
    const raw = atob(text);
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  },
};

/** The environment of the library's limits (core/limits.ts): empty, so its defaults or the explorer's options apply. */
export const process = { env: {} as Record<string, string | undefined> };
