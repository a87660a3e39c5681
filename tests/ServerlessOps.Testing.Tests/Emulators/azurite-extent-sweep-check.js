// Run by AzuriteStoreFixesTests: `node --require infra/local/azurite-store-fixes.js <this file>` from infra/local.
// Drives Azurite's own in-memory extent store and prints what a sweep left behind, as one JSON line.
"use strict";

const path = require("path");

const persistence = path.join(process.cwd(), "node_modules", "azurite", "dist", "src", "common", "persistence");
const LokiExtentMetadataStore = require(path.join(persistence, "LokiExtentMetadataStore.js")).default;
const memory = require(path.join(persistence, "MemoryExtentStore.js"));
const quiet = { info() {}, debug() {}, warn() {}, error() {} };

async function readText(store, extent) {
  let text = "";
  for await (const chunk of await store.readExtent(extent)) {
    text += chunk;
  }
  return text;
}

(async () => {
  const metadata = new LokiExtentMetadataStore("sweep-check", true);
  const chunks = new memory.MemoryExtentChunkStore(1e9);
  const store = new memory.default("queue", chunks, metadata, quiet, (status, code, message) => new Error(message));
  await store.init();

  const extents = [];
  for (let i = 0; i < 1500; i++) {
    extents.push(await store.appendExtent(Buffer.from(`message ${i}`)));
  }
  const unreferenced = new Set(extents.filter((_, i) => i % 3 === 0).map((extent) => extent.id));
  const deleted = await store.deleteExtents(unreferenced);

  const [left] = await metadata.listExtents(undefined, 10000, -1);
  const late = await store.appendExtent(Buffer.from("after the sweep"));
  console.log(JSON.stringify({
    sweep: memory.default.prototype.deleteExtents.name,
    deleted,
    metadataLeft: left.length,
    unreferencedLeft: left.filter((extent) => unreferenced.has(extent.id)).length,
    chunksOfUnreferencedLeft: [...unreferenced].filter((id) => chunks.get("queue", id) !== undefined).length,
    keptReads: await readText(store, extents[1]),
    lateFound: (await metadata.listExtents(late.id, 10, -1))[0].length,
    lateReads: await readText(store, late),
  }));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});

