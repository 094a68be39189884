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

/**
 * What the library reads of Node's process: the environment of its limits (core/limits.ts), empty
 * so that its defaults or the explorer's options apply; and cpuUsage, which times the simulation
 * loop's CPU (network/run.ts). A page has no CPU clock: the elapsed time stands in (in a Web
 * Worker that runs nothing else, the loop's CPU time and its wall time are close).
 */
export const process = {
  env: {} as Record<string, string | undefined>,
  /**
   * Elapsed microseconds as Node's { user, system } (all as user), since `previous` when given.
   * @param previous an earlier reading.
   * @returns the reading.
   */
  cpuUsage(previous?: { user: number; system: number }): { user: number; system: number } {
    const now = performance.now() * 1e3;
    return { user: previous === undefined ? now : now - previous.user - previous.system, system: 0 };
  },
};
