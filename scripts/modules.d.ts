// Types of the untyped modules the type-checked scripts load (tsconfig.scripts.json).
declare module "deno/install_api.cjs" {
  /** Links the deno binary of the npm package into place if npm did not, and returns its path. */
  export function runInstall(): string;
}
