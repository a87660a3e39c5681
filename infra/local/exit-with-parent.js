// Preload (`node --require ./exit-with-parent.js server.js ...`) that ends the process when its
// parent goes away: a parent that starts us with a piped stdin closes that pipe when it exits or
// crashes, so a dead test host never leaves an emulator holding its ports.
// With stdin from a terminal or /dev/null (start-stack.sh) it does nothing.
"use strict";

const fs = require("fs");

let stat = null;
try {
  stat = fs.fstatSync(0);
} catch {
  stat = null;
}

if (stat && (stat.isFIFO() || stat.isSocket())) {
  const exit = () => process.exit(0);
  process.stdin.on("end", exit);
  process.stdin.on("error", exit);
  process.stdin.resume();
  // Reading stdin must not be what keeps the process alive.
  process.stdin.unref();
}
