// Parses and binds KQL queries with Kusto.Language (Kusto's own parser and semantic analyser, as the portal's editor
// uses) against one table's schema, offline. Reads {"table": "customMetrics", "schema": "(col:type, ...)", "queries":
// [{"name": ..., "query": ...}]} on stdin; writes [{"name", "diagnostics": ["Error: ..."], "columns": [{"name", "type"}]}]
// on stdout: every diagnostic the analyser reports (unknown columns or functions, type errors, syntax) and the
// columns the query returns. Used by tests/ServerlessOps.Infra.Tests/Bicep/OperatorAlertQueriesTests.cs.
"use strict";
require("@kusto/language-service-next/bridge.js");
require("@kusto/language-service-next/Kusto.Language.Bridge.js");

const K = globalThis.Kusto.Language;

function list(items) {
  const out = [];
  for (let i = 0; i < items.Count; i++) {
    out.push(items.getItem(i));
  }
  return out;
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const request = JSON.parse(input);
  const table = K.Symbols.TableSymbol.From(request.schema).WithName(request.table);
  const globals = K.GlobalState.Default.WithDatabase(new K.Symbols.DatabaseSymbol.ctor("app", [table]));
  const results = request.queries.map(({ name, query }) => {
    const code = K.KustoCode.ParseAndAnalyze(query, globals);
    const result = code.ResultType;
    const columns = result && result.Columns ? list(result.Columns).map((c) => ({ name: c.Name, type: c.Type.Name })) : [];
    return {
      name,
      diagnostics: list(code.GetDiagnostics()).map((d) => `${d.Severity}: ${d.Message}`),
      columns,
    };
  });
  process.stdout.write(JSON.stringify(results));
});
