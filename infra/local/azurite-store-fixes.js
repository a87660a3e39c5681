// Preload (`node --require ./azurite-store-fixes.js node_modules/azurite/dist/src/<service>/main.js ...`) that
// fixes six paths of Azurite 3.37.0's in-memory store whose cost grew with everything stored, and one cost its dispatch
// paid on every request. None changes what is stored, removed or returned, only what it costs. All were found measuring
// the order-flow benchmark and Azurite under it (tests/ServerlessOps.Benchmarks/OrderFlow/README.md).
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
// 4. A table point read scanned the table. Reading, inserting, replacing, merging or deleting one entity starts with
//    LokiJS findOne({ RowKey, PartitionKey }), which narrows through the first key's index only. The engine's Instances
//    rows all have the RowKey "" and its History rows share RowKeys across instances, so each point operation went
//    through every instance's rows. Here the same findOne asks PartitionKey first (its index pins one partition).
// 5. A table query scanned the table. Every $filter ran as an interpreted predicate over every entity of the table, also
//    when it pins one partition (the engine reads an instance's history with PartitionKey eq '<instance>'). Here a
//    filter that requires PartitionKey eq '<constant>' (alone or in an and, at any depth) first narrows to that
//    partition through its index; the full filter, paging and order then apply as before.
// 6. A queue's message lookups scanned every queue's messages. Receive, peek, delete, update, count and clear ask LokiJS
//    for { accountName, queueName, ... }; LokiJS narrows through the first key's index only, and every message has the
//    same account, so the queueName test ran over all messages held by the service (a receive or delete did it twice:
//    once to clear expired messages, once to find its own). Measured in-process with the other fixes, one send +
//    receive + delete on a queue cost 72-86 µs alone, 180 µs with 500 messages held in another queue, 298 with 2,000
//    and 1,043 with 5,000; with this fix 119, 125 and 142. (A profile of the order-flow benchmark falling behind at
//    20/s put 14 % of the queue service's time in the expired-message sweep; right after a 100/s load, with every
//    flow's SLA timer held as a message, the engine ran 137-138 activities/s with the fix, 84-103 without.) Here such
//    a query names the queue first (its index pins the queue's messages); the other keys then filter those, and
//    results Azurite sorts itself (receive and peek order by visibility time, then insertion) come out the same.
// 7. Every request compiled the URI templates of the operations it could be. Azurite's dispatch finds a request's
//    operation by testing its path against the URI template of every operation with its HTTP method, and each test
//    built the template anew with uri-templates (split, parse, a closure per part) before matching it. A profile of the
//    blob service under Put Blob, Set Blob Metadata, Set Blob Tags and Get Blob Properties (16 concurrent, --silent)
//    put 8 % of its CPU in building templates, plus the garbage they left. Here each template is built once and the
//    same compiled template is handed back; it holds no state between matches (fromUri and fill read only what the
//    constructor built), and the templates are the services' fixed operation paths, so the cache stays small.
// The on-disk store (start-stack.sh without SO_INMEMORY) appends to a few shared extent files, so its sweeps stay
// small; the other fixes help it too.
"use strict";

const path = require("path");

// The Azurite installed next to this file (package.json pins it), whichever of its services is being started.
const azuriteSource = path.join(__dirname, "node_modules", "azurite", "dist", "src");
const memoryExtentStorePath = path.join(azuriteSource, "common", "persistence", "MemoryExtentStore.js");
const tablePersistence = path.join(azuriteSource, "table", "persistence");

// Before any of Azurite's modules load: they take uri-templates' export when they are loaded.
compileEachUriTemplateOnce();

// If Azurite's layout moved (another version), nothing is patched and the reason is printed.
const loaded = loadAzuriteModules();
if (loaded) {
  skipEmptyRemovals(loaded.lokijs);
  updateSmallBatchesInPlace(loaded.lokijs);
  sweepExtentsInOneBatch(loaded.MemoryExtentStore);
  findThroughTheNarrowerKeyFirst(loaded.lokijs);
  queryPinnedPartitionsThroughTheIndex(loaded.LokiTableMetadataStore, loaded.tableQuery);
}

function loadAzuriteModules() {
  try {
    return {
      lokijs: require(require.resolve("lokijs", { paths: [azuriteSource] })),
      MemoryExtentStore: require(memoryExtentStorePath).default,
      LokiTableMetadataStore: require(path.join(tablePersistence, "LokiTableMetadataStore.js")).default,
      tableQuery: {
        parse: require(path.join(tablePersistence, "QueryInterpreter", "QueryParser.js")).default,
        AndNode: require(path.join(tablePersistence, "QueryInterpreter", "QueryNodes", "AndNode.js")).default,
        EqualsNode: require(path.join(tablePersistence, "QueryInterpreter", "QueryNodes", "EqualsNode.js")).default,
        IdentifierNode: require(path.join(tablePersistence, "QueryInterpreter", "QueryNodes", "IdentifierNode.js")).default,
        ConstantNode: require(path.join(tablePersistence, "QueryInterpreter", "QueryNodes", "ConstantNode.js")).default,
      },
    };
  } catch (error) {
    console.error(`azurite-store-fixes: nothing patched, Azurite's modules did not load from ${azuriteSource} (${error.message})`);
    return null;
  }
}

function compileEachUriTemplateOnce() {
  let modulePath;
  try {
    modulePath = require.resolve("uri-templates", { paths: [azuriteSource] });
  } catch (error) {
    console.error(`azurite-store-fixes: URI templates not cached, uri-templates did not resolve from ${azuriteSource} (${error.message})`);
    return;
  }
  const UriTemplate = require(modulePath);
  const compiled = new Map();
  function compiledUriTemplate(template) {
    let uriTemplate = compiled.get(template);
    if (uriTemplate === undefined) {
      uriTemplate = new UriTemplate(template);
      compiled.set(template, uriTemplate);
    }
    return uriTemplate;
  }
  compiledUriTemplate.compiledTemplates = compiled; // what the check script reads to see the fix at work
  require.cache[modulePath].exports = compiledUriTemplate;
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

// Fixes 4 and 6. LokiJS narrows a query of several keys through the first key's index only. Where Azurite names first
// a key that its data makes unselective, and also asks for one that pins few documents, that key goes first: a table
// entity's PartitionKey before its RowKey (every Instances row has the RowKey ""), a message's queueName before its
// accountName (every message has the one account). The other keys then filter what it found; the result is the same.
const NARROWER_KEY_AFTER = { RowKey: "PartitionKey", accountName: "queueName" };

function findThroughTheNarrowerKeyFirst(lokijs) {
  const find = lokijs.Resultset.prototype.find;
  lokijs.Resultset.prototype.find = function findNarrowerKeyFirst(query, firstOnly) {
    if (query && typeof query === "object" && !this.filterInitialized) {
      const keys = Object.keys(query);
      const narrower = NARROWER_KEY_AFTER[keys[0]];
      if (narrower !== undefined && keys.includes(narrower)) {
        const narrowerFirst = { [narrower]: query[narrower] };
        for (const key of keys) {
          if (key !== narrower) {
            narrowerFirst[key] = query[key];
          }
        }
        return find.call(this, narrowerFirst, firstOnly);
      }
    }
    return find.call(this, query, firstOnly);
  };
}

function queryPinnedPartitionsThroughTheIndex(LokiTableMetadataStore, tableQuery) {
  const queryTableEntities = LokiTableMetadataStore.prototype.queryTableEntities;
  LokiTableMetadataStore.prototype.queryTableEntities = async function queryTableEntitiesOfPinnedPartition(context, account, table, queryOptions) {
    const partitionKey = partitionPinnedBy(queryOptions?.filter, tableQuery);
    if (partitionKey === undefined) {
      return queryTableEntities.apply(this, arguments);
    }
    // Azurite's query calls collection.chain() before its first await, so narrowing chain() for the duration of the
    // synchronous call narrows this query only (no other request runs in between; the finally runs before any await).
    const entities = this.getEntityCollection(account, table, context);
    const chainOfAllEntities = entities.chain;
    entities.chain = function chainOfOnePartition() {
      return chainOfAllEntities.call(this).find({ PartitionKey: partitionKey });
    };
    try {
      return queryTableEntities.apply(this, arguments);
    } finally {
      delete entities.chain; // the prototype's chain() again
    }
  };
}

// The string every matching entity's PartitionKey must equal, or undefined when the filter does not pin one (an or, a
// not, a range, no filter, or a filter Azurite itself refuses, which then fails as before).
function partitionPinnedBy(filter, { parse, AndNode, EqualsNode, IdentifierNode, ConstantNode }) {
  if (typeof filter !== "string" || filter === "") {
    return undefined;
  }
  let tree;
  try {
    tree = parse(filter);
  } catch {
    return undefined;
  }
  const pinned = (node) => {
    if (node instanceof AndNode) {
      return pinned(node.left) ?? pinned(node.right);
    }
    if (node instanceof EqualsNode) {
      const [identifier, constant] = node.left instanceof IdentifierNode ? [node.left, node.right] : [node.right, node.left];
      if (identifier instanceof IdentifierNode && identifier.identifier === "PartitionKey"
        && constant instanceof ConstantNode && typeof constant.value === "string") {
        return constant.value;
      }
    }
    return undefined;
  };
  return pinned(tree);
}
