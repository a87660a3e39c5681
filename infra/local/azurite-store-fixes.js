// Preload (`node --require ./azurite-store-fixes.js node_modules/azurite/dist/src/<service>/main.js ...`) that
// fixes three paths of Azurite 3.37.0's in-memory store whose cost grew with everything stored. None changes what is
// stored, removed or returned, only what it costs. All were found measuring the order-flow benchmark, where they set
// the local knee (tests/ServerlessOps.Benchmarks/OrderFlow/README.md).
//
// 1. Removing nothing rebuilt every index. The queue service starts every receive, peek, update and delete by removing
//    the queue's expired messages, almost always none. LokiJS 1.5.12 handles `remove([])` like any batch: it maps
//    every stored document and then re-sorts each of the collection's binary indices (four on queue messages) over all
//    of them. So each of those requests cost O(n log n) in n = every message held, visible or not: measured in-process
//    1.1 ms with 500 messages stored, 4.8 ms with 1,700, 21 ms with 5,000. Here an empty batch returns at once.
// 2. A receive re-sorted every index too. Receiving marks the 1-32 messages it returns invisible with one batch update,
//    and LokiJS updates a batch by dropping its indices and sorting them again over all messages afterwards: 4.4 ms a
//    receive with 2,000 stored, 13 ms with 5,000. Here a batch of up to 32 (a receive's maximum) is updated one message
//    at a time, each moved within the sorted indices: 0.1-0.7 ms at 500-5,000 stored.
// 3. The 60-second extent sweep was quadratic and froze the process. With --inMemoryPersistence every queue message and
//    blob block is an extent of its own, and the blob and queue services sweep unreferenced extents every 60 s, one
//    LokiJS findAndRemove each, and each rebuilds a lookup of all extents, without yielding. Measured in-process:
//    2,000 extents 2.3 s, 5,000 16 s, 10,000 76 s; a local stack that had carried a few thousand messages answered
//    nothing for 17-44 s about a minute after it started. Here the extents leave the chunk map one by one (a Map
//    delete) and the extent metadata in one batch, which is linear: 5,000 in 7-16 ms, 100,000 in 0.11 s.
// The on-disk store (start-stack.sh without SO_INMEMORY) appends to a few shared extent files, so its sweeps stay
// small; fixes 1 and 2 help it too. Table keeps no extents and removes or updates no batch on a hot path.
"use strict";

const path = require("path");

// The Azurite installed next to this file (package.json pins it), whichever of its services is being started.
const azuriteSource = path.join(__dirname, "node_modules", "azurite", "dist", "src");
const memoryExtentStorePath = path.join(azuriteSource, "common", "persistence", "MemoryExtentStore.js");

// If Azurite's layout moved (another version), nothing is patched and the reason is printed.
const loaded = loadBoth();
if (loaded) {
  skipEmptyRemovals(loaded.lokijs);
  updateSmallBatchesInPlace(loaded.lokijs);
  sweepExtentsInOneBatch(loaded.MemoryExtentStore);
}

function loadBoth() {
  try {
    return {
      lokijs: require(require.resolve("lokijs", { paths: [azuriteSource] })),
      MemoryExtentStore: require(memoryExtentStorePath).default,
    };
  } catch (error) {
    console.error(`azurite-store-fixes: nothing patched, Azurite's modules did not load from ${azuriteSource} (${error.message})`);
    return null;
  }
}

function skipEmptyRemovals(lokijs) {
  const removeBatch = lokijs.Collection.prototype.removeBatch;
  lokijs.Collection.prototype.removeBatch = function removeBatchUnlessEmpty(batch) {
    if (batch.length === 0) {
      return;
    }
    removeBatch.call(this, batch);
  };
}

function updateSmallBatchesInPlace(lokijs) {
  const MOST_MESSAGES_A_RECEIVE_RETURNS = 32; // larger batches keep LokiJS's rebuild, which wins when most documents move
  const update = lokijs.Collection.prototype.update;
  lokijs.Collection.prototype.update = function updateSmallBatchesOneByOne(documents) {
    if (Array.isArray(documents) && documents.length <= MOST_MESSAGES_A_RECEIVE_RETURNS) {
      for (const document of documents) {
        update.call(this, document);
      }
      return;
    }
    return update.call(this, documents);
  };
}

function sweepExtentsInOneBatch(MemoryExtentStore) {
  const EXTENTS_COLLECTION = "$EXTENTS_COLLECTION$";
  const deleteOneByOne = MemoryExtentStore.prototype.deleteExtents;
  MemoryExtentStore.prototype.deleteExtents = async function deleteExtentsInOneBatch(extents) {
    const extentsCollection = this.metadataStore?.db?.getCollection?.(EXTENTS_COLLECTION);
    if (!extentsCollection) {
      return deleteOneByOne.call(this, extents); // not the LokiJS metadata store this was written against
    }
    const ids = new Set(extents);
    for (const id of ids) {
      this.chunks.delete(this.categoryName, id);
    }
    extentsCollection.removeWhere((extent) => ids.has(extent.id));
    return ids.size;
  };
}
