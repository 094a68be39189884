#!/usr/bin/env node
// `npm run explore`: builds the explorer page (scripts/build-explorer.js) and serves it on
// 127.0.0.1 at a free port (printed; the page is also a file that opens from disk,
// lib/dist/explorer.html). Ctrl+C stops the server. `--port N` picks the port.
"use strict";
const { createServer } = require("node:http");
const { readFileSync } = require("node:fs");
const { execFileSync } = require("node:child_process");
const { join } = require("node:path");
const { scriptOptions, runScript } = require("./args");

const PAGE = join(__dirname, "..", "lib", "dist", "explorer.html");

function main() {
  const port = scriptOptions("explore", ["port"]).number("port", 0);
  execFileSync(process.execPath, [join(__dirname, "build-explorer.js")], { stdio: "inherit" });
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    if (path !== "/" && path !== "/explorer.html") {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found: the explorer is at /\n");
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(readFileSync(PAGE));
  });
  server.listen(port, "127.0.0.1", () => {
    const address = server.address();
    console.log(`explorer: http://127.0.0.1:${typeof address === "object" && address ? address.port : port}/  (Ctrl+C stops)`);
  });
  process.on("SIGINT", () => {
    server.closeAllConnections(); // a browser's kept-alive connection must not hold the exit
    server.close(() => process.exit(0));
  });
}

runScript(main);
