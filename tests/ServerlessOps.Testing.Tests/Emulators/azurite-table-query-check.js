// Run by AzuriteStoreFixesTests, from infra/local, with and without `--require azurite-store-fixes.js`: drives Azurite's
// own table store with queries and point reads over several partitions and prints what each returned, as one JSON line.
"use strict";

const path = require("path");

const persistence = path.join(process.cwd(), "node_modules", "azurite", "dist", "src", "table", "persistence");
const LokiTableMetadataStore = require(path.join(persistence, "LokiTableMetadataStore.js")).default;
const context = { contextID: "check" };
const account = "devstoreaccount1";

const partitions = ["instance-a", "instance-b", "1", "01", "o'brien", "", "ünïcode", "PartitionKey"];
const filters = [
  undefined,
  "PartitionKey eq 'instance-a'",
  "PartitionKey eq 'instance-b' and RowKey ge '0000000000000003'",
  "RowKey lt '0000000000000002' and PartitionKey eq '1'",
  "(PartitionKey eq '01') and (Kind eq 'event' or Kind eq 'sentinel')",
  "PartitionKey eq 'o''brien'",
  "PartitionKey eq ''",
  "PartitionKey eq 'ünïcode' and not (RowKey eq '0000000000000000')",
  "PartitionKey eq 'instance-a' or PartitionKey eq '1'",
  "not (PartitionKey eq 'instance-a')",
  "PartitionKey ne 'instance-a' and Kind eq 'sentinel'",
  "PartitionKey ge 'instance' and PartitionKey lt 'instance-c'",
  "PartitionKey eq 'instance-a' and PartitionKey eq 'instance-b'",
  "'instance-b' eq PartitionKey",
  "PartitionKey eq 'missing'",
  "Kind eq 'event'",
];

(async () => {
  const store = new LokiTableMetadataStore("table-check", true);
  await store.init();
  await store.createTable(context, { account, table: "History" });
  for (const partitionKey of partitions) {
    for (let row = 0; row < 6; row++) {
      const rowKey = row === 5 ? "sentinel" : String(row).padStart(16, "0");
      await store.insertTableEntity(context, "History", account, {
        PartitionKey: partitionKey,
        RowKey: rowKey,
        properties: { PartitionKey: partitionKey, RowKey: rowKey, Kind: row === 5 ? "sentinel" : "event", Row: row },
        lastModifiedTime: new Date(0).toISOString(),
        eTag: `W/"${partitionKey}-${rowKey}"`,
      }, "");
    }
  }

  const keysOf = (entities) => entities.map((entity) => `${entity.PartitionKey}/${entity.RowKey}`);
  const queries = {};
  for (const filter of filters) {
    const pages = [];
    let next = [undefined, undefined];
    do {
      const [entities, nextPartitionKey, nextRowKey] = await store.queryTableEntities(context, account, "History", { filter, top: 4 }, ...next);
      pages.push(keysOf(entities));
      next = [nextPartitionKey, nextRowKey];
    } while (next[0] !== undefined || next[1] !== undefined);
    queries[filter ?? "(no filter)"] = pages;
  }

  const pointReads = {};
  for (const partitionKey of [...partitions, "missing"]) {
    for (const rowKey of ["0000000000000000", "0000000000000004", "sentinel", "absent"]) {
      const entity = await store.queryTableEntitiesWithPartitionAndRowKey(context, "History", account, partitionKey, rowKey, "");
      pointReads[`${partitionKey}/${rowKey}`] = entity ? entity.properties.Row : null;
    }
  }

  const fixed = LokiTableMetadataStore.prototype.queryTableEntities.name === "queryTableEntitiesOfPinnedPartition";
  console.log(JSON.stringify({ fixed, queries, pointReads }));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
