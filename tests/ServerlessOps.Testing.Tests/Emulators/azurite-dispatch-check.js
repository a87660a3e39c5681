// Run by AzuriteStoreFixesTests, from infra/local, with and without `--require azurite-store-fixes.js`: asks each of
// Azurite's three services which operation a set of requests are, through its own dispatch middleware and through its
// URI template match over every template its operations use, twice in a row (a cached template must not remember the
// last match), and prints the answers as one JSON line.
"use strict";

const path = require("path");

const source = path.join(process.cwd(), "node_modules", "azurite", "dist", "src");

// [method, dispatch path, query, headers] per service; paths as the services' context middlewares hand them over.
const requests = {
  blob: [
    ["PUT", "/container/blob", {}, { "x-ms-blob-type": "BlockBlob", "content-length": "3" }],
    ["PUT", "/container/blob", { comp: "tags" }, {}],
    ["PUT", "/container/blob", { comp: "metadata" }, {}],
    ["GET", "/container/blob", { comp: "tags" }, {}],
    ["HEAD", "/container/blob", {}, {}],
    ["GET", "/container/blob", {}, {}],
    ["DELETE", "/container/blob", {}, {}],
    ["PUT", "/container", { restype: "container" }, {}],
    ["GET", "/container", { restype: "container", comp: "list" }, {}],
    ["GET", "/", { comp: "blobs", where: "state='received'" }, {}],
    ["GET", "/", { comp: "list" }, {}],
    ["GET", "/container/blob", { comp: "unknown" }, {}],
  ],
  queue: [
    ["PUT", "/queue", {}, {}],
    ["POST", "/queue/messages", {}, {}],
    ["GET", "/queue/messages", {}, {}],
    ["GET", "/queue/messages", { peekonly: "true" }, {}],
    ["DELETE", "/queue/messages/0f0e", { popreceipt: "r" }, {}],
    ["PUT", "/queue/messages/0f0e", { popreceipt: "r", visibilitytimeout: "30" }, {}],
    ["DELETE", "/queue/messages", {}, {}],
    ["GET", "/queue", { comp: "metadata" }, {}],
    ["GET", "/", { comp: "list" }, {}],
  ],
  table: [
    ["POST", "/Tables", {}, {}],
    ["GET", "/Tables", {}, {}],
    ["DELETE", "/Tables('history')", {}, {}],
    ["POST", "/$batch", {}, {}],
    ["GET", "/history()", {}, {}],
    ["POST", "/history", {}, {}],
    ["GET", "/history(PartitionKey='a',RowKey='b')", {}, {}],
    ["PUT", "/history(PartitionKey='a',RowKey='')", {}, {}],
    ["PATCH", "/history(PartitionKey='a',RowKey='b')", {}, {}],
    ["DELETE", "/history(PartitionKey='o''brien',RowKey='1')", {}, {}],
  ],
};

// Paths to match against every template, including empty segments, which a match must refuse.
const paths = [
  "/", "", "/container", "/container/blob", "/container/a/b/c", "/$logs", "/container/",
  "/queue/messages", "/queue/messages/id", "/queue/messages/", "/Tables", "/$batch", "/Tables('t')", "/t()",
  "/t(PartitionKey='a',RowKey='b')", "/t(PartitionKey='',RowKey='')", "/t(PartitionKey='a',RowKey='b'", "/%24logs/x",
];

const answers = {};
for (const service of Object.keys(requests)) {
  const generated = path.join(source, service, "generated");
  const Operation = require(path.join(generated, "artifacts", "operation.js")).default;
  const specifications = require(path.join(generated, "artifacts", "specifications.js")).default;
  const dispatch = require(path.join(generated, "middleware", "dispatch.middleware.js")).default;
  const { isURITemplateMatch } = require(path.join(generated, "utils", "utils.js"));
  const templates = [...new Set(Object.values(specifications).map((spec) => spec.path
    ? (spec.path.startsWith("/") ? spec.path : `/${spec.path}`)
    : "/"))];
  const logger = { verbose() {}, info() {}, error() {} };

  const pass = () => ({
    operations: requests[service].map(([method, dispatchPath, query, headers]) => {
      const request = {
        getMethod: () => method,
        getPath: () => dispatchPath,
        getQuery: (name) => query[name],
        getHeader: (name) => headers[name.toLowerCase()],
      };
      const context = { dispatchPattern: dispatchPath };
      let error;
      dispatch(context, request, (e) => { error = e; }, logger);
      return `${method} ${dispatchPath}?${new URLSearchParams(query)}: ${error ? error.constructor.name : Operation[context.operation]}`;
    }),
    matches: Object.fromEntries(templates.map((template) => [template, paths.filter((p) => isURITemplateMatch(p, template))])),
  });
  answers[service] = [pass(), pass()];
}

const uriTemplates = require(require.resolve("uri-templates", { paths: [source] }));
console.log(JSON.stringify({
  cached: uriTemplates.compiledTemplates instanceof Map,
  templatesCompiled: uriTemplates.compiledTemplates?.size ?? 0,
  answers,
}));
