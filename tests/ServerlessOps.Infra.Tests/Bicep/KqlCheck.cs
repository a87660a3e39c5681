using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessOps.Testing;

namespace ServerlessOps.Infra.Tests.Bicep;

/// <summary>
/// Kusto's own parser and binder (Kusto.Language, the npm package @kusto/language-service-next) run by node over
/// infra/azure/tools/kql/check-queries.js: a query's diagnostics and result columns against one table's schema, offline.
/// Installs that folder's node_modules with <c>npm ci</c> on first use.
/// </summary>
public static class KqlCheck
{
    private static readonly TimeSpan _timeout = TimeSpan.FromMinutes(5);
    private static readonly SemaphoreSlim _install = new(1, 1);

    public static string ToolDirectory => Path.Combine(RepositoryPaths.Root, "infra", "azure", "tools", "kql");

    /// <summary>Parses and binds each of <paramref name="queries"/> (name → KQL) against table <paramref name="table"/> of <paramref name="schema"/>.</summary>
    /// <param name="schema">Kusto's schema notation, e.g. <c>(timestamp:datetime, name:string)</c>.</param>
    public static async Task<IReadOnlyList<KqlCheckResult>> RunAsync(
        string table, string schema, IReadOnlyDictionary<string, string> queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        await EnsureInstalledAsync(cancellationToken);
        var request = new JsonObject
        {
            ["table"] = table,
            ["schema"] = schema,
            ["queries"] = new JsonArray([.. queries.Select(q => new JsonObject { ["name"] = q.Key, ["query"] = q.Value })]),
        };
        var result = await RunAsync("node", ["check-queries.js"], request.ToJsonString(), cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"node check-queries.js exited {result.ExitCode}:\n{result.StandardError}");
        }

        return JsonSerializer.Deserialize<List<KqlCheckResult>>(result.StandardOutput, JsonSerializerOptions.Web)!;
    }

    private static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        var entry = Path.Combine(ToolDirectory, "node_modules", "@kusto", "language-service-next", "Kusto.Language.Bridge.js");
        await _install.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(entry))
            {
                return;
            }

            var install = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], null, cancellationToken);
            if (install.ExitCode != 0 || !File.Exists(entry))
            {
                throw new InvalidOperationException($"npm ci in {ToolDirectory} failed ({install.ExitCode}):\n{install.StandardOutput}\n{install.StandardError}");
            }
        }
        finally
        {
            _install.Release();
        }
    }

    private static Task<ToolResult> RunAsync(string program, IEnumerable<string> arguments, string? input, CancellationToken cancellationToken) =>
        ToolProcess.RunAsync(program, ToolDirectory, arguments, input, _timeout, cancellationToken);
}

/// <summary>What Kusto.Language made of one query: its diagnostics (empty when it parses and binds) and result columns.</summary>
public sealed record KqlCheckResult(string Name, IReadOnlyList<string> Diagnostics, IReadOnlyList<KqlColumn> Columns);

/// <summary>One result column: name and Kusto type (string, real, long, ...).</summary>
public sealed record KqlColumn(string Name, string Type);
