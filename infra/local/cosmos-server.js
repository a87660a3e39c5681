#!/usr/bin/env node
// Starts @vercel/cosmosdb-server on 127.0.0.1 only (its own CLI binds every interface).
// Usage: node cosmos-server.js [--port N]   (default 8081)
// Exits on SIGTERM/SIGINT, and when stdin closes if stdin is a pipe: a test host that dies
// closes the pipe, so no orphaned server keeps its port.
"use strict";

// Counts requests when a benchmark asks (SO_REQUEST_COUNTS_DIR); nothing otherwise.
require("./request-counter.js");

// Queries scoped to the request's partition and linear in its documents (see the file); before the server loads.
require("./cosmos-server-queries.js");

const { createHttpsServer } = require("@vercel/cosmosdb-server");
const Items = require("@vercel/cosmosdb-server/lib/account/items").default;

// A resource id is base64 and may hold '/'; in a URL the SDK writes it as '-', as the real service expects.
// The server looks the id up as written, so every database or collection whose id holds '/' (the 63rd
// database, for one) answered 404 to the SDK's partition-key-range read, which every query makes. Looked up
// as written first; only a miss is retried with '/' restored.
const toRid = Items.prototype._toRid;
Items.prototype._toRid = function toRidAcceptingUrlForm(keyPath, idOrRid, partition) {
  const rid = toRid.call(this, keyPath, idOrRid, partition);
  if (typeof rid === "string" && rid.includes("-") && !this._data.has(rid)) {
    const slashed = rid.replace(/-/g, "/");
    if (this._data.has(slashed)) {
      return slashed;
    }
  }
  return rid;
};

function parsePort(argv) {
  const i = argv.indexOf("--port");
  if (i < 0) {
    return 8081;
  }
  const port = Number.parseInt(argv[i + 1], 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`cosmos-server: --port needs a number 0-65535, got '${argv[i + 1]}'`);
    process.exit(2);
  }
  return port;
}

const port = parsePort(process.argv.slice(2));
// keepAlive: the server answers "connection: close" by default, so every request the Cosmos SDK sends would
// open a new TCP connection and pay a full TLS handshake (measured: ~125 new connections/s and ~10 ms of
// app CPU per processed webhook at 100 webhooks/s). Real Cosmos DB keeps connections open; so do we.
const server = createHttpsServer({ keepAlive: true });

server.on("error", (err) => {
  console.error(`cosmos-server: ${err.message}`);
  process.exit(1);
});

server.listen(port, "127.0.0.1", () => {
  console.log(`cosmos listening on https://127.0.0.1:${server.address().port}`);
});

function shutdown() {
  server.close();
  process.exit(0);
}

process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);

// Exit when a parent that started us with a piped stdin closes it (see exit-with-parent.js).
require("./exit-with-parent.js");
