// Preload (`node --require ./request-counter.js server.js ...`) that counts the HTTP requests a local emulator
// serves, for benchmarks that report store requests per unit of work (the app under test is its own process, so
// the count is taken where the requests land). Off unless SO_REQUEST_COUNTS_DIR names a folder: then the running
// total is written every half second to <folder>/<service>-<pid>.count (service: Azurite's blob, queue or table,
// or the script's name, e.g. cosmos-server). Writing a number costs nothing measurable next to a request.
"use strict";

const dir = process.env.SO_REQUEST_COUNTS_DIR;

if (dir) {
  const fs = require("fs");
  const http = require("http");
  const https = require("https");
  const path = require("path");

  let requests = 0;
  for (const Server of [http.Server, https.Server]) {
    const emit = Server.prototype.emit;
    Server.prototype.emit = function emitCountingRequests(event, ...args) {
      if (event === "request") {
        requests++;
      }
      return emit.call(this, event, ...args);
    };
  }

  const script = process.argv[1] || "node";
  const service = path.basename(script) === "main.js" ? path.basename(path.dirname(script)) : path.basename(script, ".js");
  const file = path.join(dir, `${service}-${process.pid}.count`);
  let written = -1;
  const write = () => {
    if (requests !== written) {
      fs.writeFileSync(file, String(requests));
      written = requests;
    }
  };
  write();
  setInterval(write, 500).unref();
}
