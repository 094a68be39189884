// JupyterLab's page configuration for this checkout, written only inside it (beside the kernel
// specs, scripts/kernel-spec.js):
//   <root>/.jupyter/labconfig/page_config.json     on JUPYTER_CONFIG_PATH for every Jupyter the
//                                                  project starts (scripts/jupyter-env.js)
//   <root>/.venv/etc/jupyter/labconfig/page_config.json   found by the checkout's own Jupyter
//                                                  when started by hand (`.venv/bin/jupyter lab`)
// It switches off two JupyterLab plugins:
//   - the "official Jupyter news" prompt (@jupyterlab/apputils-extension:announcements), which
//     asks every new user whether to fetch news from a website;
//   - the debugger (@jupyterlab/debugger-extension): neither tslab nor Deno's kernel offers a
//     debugger, yet JupyterLab 4's notebook handler asks the debugger service for the kernel's
//     modules after every executed cell, which throws "No active debugger session" in the page.
"use strict";
const { mkdirSync, writeFileSync, existsSync } = require("node:fs");
const { join } = require("node:path");

/** The plugins and extensions this checkout's JupyterLab leaves out (see the header). */
const DISABLED = ["@jupyterlab/apputils-extension:announcements", "@jupyterlab/debugger-extension"];

/**
 * The config folders (holding labconfig/) of the checkout at `root`.
 * @param {string} root
 * @returns {string[]}
 */
function labConfigDirs(root) {
  const dirs = [join(root, ".jupyter")];
  if (existsSync(join(root, ".venv", "bin", "python"))) dirs.push(join(root, ".venv", "etc", "jupyter"));
  return dirs;
}

/**
 * Writes the page configuration (see the header) into each config folder.
 * @param {string} root the checkout
 * @returns {string[]} the files written
 */
function writeLabConfig(root) {
  const text = JSON.stringify({ disabledExtensions: Object.fromEntries(DISABLED.map((id) => [id, true])) }, null, 2) + "\n";
  return labConfigDirs(root).map((dir) => {
    const file = join(dir, "labconfig", "page_config.json");
    mkdirSync(join(dir, "labconfig"), { recursive: true });
    writeFileSync(file, text);
    return file;
  });
}

module.exports = { DISABLED, labConfigDirs, writeLabConfig };
