// Preload (`node --require ./request-counter.js server.js ...`) that counts the HTTP requests a local emulator
// serves, for benchmarks that report store requests per unit of work (the app under test is its own process, so
// the count is taken where the requests land). Off unless SO_REQUEST_COUNTS_DIR names a folder: then the running
// counts by method and resource are written every half second to <folder>/<service>-<pid>.json (service: Azurite's
// blob, queue or table, or the script's name, e.g. cosmos-server; a service's total is their sum). Ids inside a
// resource path are dropped, except a Cosmos document id's kind (the part before its "|", e.g. "GET
// inventoryLedger/docs/{push|…}"); Cosmos containers, queues, blob containers and tables are kept, so the keys stay few.
// Writing them costs nothing measurable next to a request.
"use strict";

const dir = process.env.SO_REQUEST_COUNTS_DIR;

if (dir) {
  const fs = require("fs");
  const http = require("http");
  const https = require("https");
  const path = require("path");

  let requests = 0;
  const byResource = new Map();
  for (const Server of [http.Server, https.Server]) {
    const emit = Server.prototype.emit;
    Server.prototype.emit = function emitCountingRequests(event, ...args) {
      if (event === "request") {
        requests++;
        const key = resourceOf(args[0]);
        byResource.set(key, (byResource.get(key) || 0) + 1);
      }
      return emit.call(this, event, ...args);
    };
  }

  // A document id's kind, the part before its first "|" ("balance|…", "push|…"): the ledger container holds entries,
  // balances and listing push states side by side, and requests per order mean little until they are told apart.
  // A kind is a short word; a "|" further in belongs to the id itself (a SKU, an order number), which counts as "id",
  // so the keys stay few.
  function kindOf(encodedId) {
    let id = encodedId;
    try { id = decodeURIComponent(encodedId); } catch { /* counted under its raw form */ }
    const bar = id.indexOf("|");
    return bar > 0 && bar <= 16 ? `${id.slice(0, bar)}|…` : "id";
  }

  // "POST orders/docs query", "GET control-00", "PUT History": the method and what was asked of, without ids.
  function resourceOf(request) {
    const url = (request.url || "").split("?")[0];
    const parts = url.split("/").filter(Boolean);
    const colls = parts.indexOf("colls");
    if (colls >= 0) {
      const rest = parts.slice(colls + 2);
      const query = request.headers["x-ms-documentdb-isquery"] ? " query" : "";
      return `${request.method} ${parts[colls + 1]}${rest.length ? "/" + rest[0] : ""}${rest.length > 1 ? `/{${kindOf(rest[1])}}` : ""}${query}`;
    }
    // Azurite: /<account>/<queue, container or table(keys)>/...
    const name = (parts[1] || "").replace(/\(.*$/, "").replace(/^[a-z0-9]+-(?=control-|workitems)/, "{hub}-");
    return `${request.method} ${name}${parts.length > 2 ? "/…" : ""}`;
  }

  const script = process.argv[1] || "node";
  const service = path.basename(script) === "main.js" ? path.basename(path.dirname(script)) : path.basename(script, ".js");
  const file = path.join(dir, `${service}-${process.pid}.json`);
  let written = -1;
  // Written aside and renamed over the file, so a reader never sees it half-written (an empty read crashed a benchmark).
  const write = () => {
    if (requests !== written) {
      fs.writeFileSync(`${file}.tmp`, JSON.stringify(Object.fromEntries(byResource)));
      fs.renameSync(`${file}.tmp`, file);
      written = requests;
    }
  };
  write();
  setInterval(write, 500).unref();
}
