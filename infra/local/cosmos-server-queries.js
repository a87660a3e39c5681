// Two fixes to how @vercel/cosmosdb-server runs a query, so a page costs what it costs on Cosmos DB (the documents of
// one partition) and not the square of the container's size. Required by cosmos-server.js BEFORE the server itself,
// because the server's router keeps the query handler it finds at load.
//
// 1. Partition scope. A query sent with a partition key (header x-ms-documentdb-partitionkey, what the SDK sends for
//    QueryRequestOptions.PartitionKey) only sees that partition on Cosmos DB. The server handed the whole container to
//    the query and let the WHERE clause find the partition, so every page of every query walked every document of
//    every brand (measured: a monthly review's order stream, pages of 100, at ~100 order lines/s on 13,000 orders).
//    Here the container's documents are narrowed to the request's partition first; a cross-partition query (no key)
//    still sees all of them. The documents of each partition are kept in an index beside the container's own map,
//    updated on every write and delete, so narrowing costs the partition's size, not the container's (scanning the
//    container per page made the review's raw read fall from 681 to 360 lines/s between 20,000 and 60,000 lines).
// 2. Linear FROM. @zeit/cosmosdb-query compiles `FROM c` to `$c.reduce(($, c) => [...$, { c }], [])`, which copies
//    the growing array once per document: quadratic in the documents handed to it. The same list is built in one pass.
"use strict";

const { AsyncLocalStorage } = require("async_hooks");
const queryDocuments = require("@vercel/cosmosdb-server/lib/handler/query-documents");
const Items = require("@vercel/cosmosdb-server/lib/account/items").default;

const requestPartition = new AsyncLocalStorage();

// The partition key value of a request, or undefined when it has none or one this scoping does not handle (a
// hierarchical key, the "none" key): those queries see the whole container, as before.
function partitionOf(req) {
  const header = req.headers["x-ms-documentdb-partitionkey"];
  if (typeof header !== "string") {
    return undefined;
  }
  try {
    const key = JSON.parse(header);
    return Array.isArray(key) && key.length === 1 && (typeof key[0] === "string" || typeof key[0] === "number") ? key[0] : undefined;
  } catch {
    return undefined;
  }
}

const handle = queryDocuments.default;
queryDocuments.default = (account, req, res, params) => {
  const partition = partitionOf(req);
  return partition === undefined ? handle(account, req, res, params) : requestPartition.run({ partition }, () => handle(account, req, res, params));
};

// partition key value -> Map(rid -> item), per container; every write goes through _set, every removal through
// delete (replace is a delete then a _set).
function partitionsOf(items) {
  if (!items._byPartition) {
    items._byPartition = new Map();
  }
  return items._byPartition;
}

const set = Items.prototype._set;
Items.prototype._set = function setAndIndex(data) {
  const stored = set.call(this, data);
  const partitions = partitionsOf(this);
  const key = this._getPartition(stored);
  let members = partitions.get(key);
  if (!members) {
    members = new Map();
    partitions.set(key, members);
  }
  members.set(stored._rid, this._data.get(stored._rid));
  return stored;
};

const remove = Items.prototype.delete;
Items.prototype.delete = function deleteAndUnindex(idOrRid, partition) {
  const data = this._item("/id", idOrRid, partition).read();
  remove.call(this, idOrRid, partition);
  const key = this._getPartition(data);
  const members = partitionsOf(this).get(key);
  if (members) {
    members.delete(data._rid);
    if (members.size === 0) {
      partitionsOf(this).delete(key);
    }
  }
};

const noDocuments = new Map();

const query = Items.prototype.query;
Items.prototype.query = function queryInRequestPartition(params, options) {
  const scope = requestPartition.getStore();
  if (!scope) {
    return query.call(this, params, options);
  }
  const all = this._data;
  this._data = partitionsOf(this).get(scope.partition) || noDocuments;
  try {
    return query.call(this, params, options);
  } finally {
    this._data = all;
  }
};

// `$c.reduce(($, c) => typeof c !== "undefined" ? [...$, { c: c }] : $, [])`, as @babel/generator prints it.
const quadraticFrom = /\$c\.reduce\(\(\$, (\w+)\) => typeof \1 !== "undefined" \? \[\.\.\.\$, \{\s*(\w+): \1\s*\}\] : \$, \[\]\)/g;

const getQuery = Items.prototype._getQuery;
Items.prototype._getQuery = function getLinearQuery(sql) {
  const q = getQuery.call(this, sql);
  if (!q._linearFrom) {
    q._code = q.code.replace(quadraticFrom, (_, doc, alias) => `$c.filter(${doc} => typeof ${doc} !== "undefined").map(${doc} => ({ ${alias}: ${doc} }))`);
    q._linearFrom = true;
  }
  return q;
};
