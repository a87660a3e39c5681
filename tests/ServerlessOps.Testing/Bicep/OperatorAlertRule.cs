using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ServerlessOps.Testing.Bicep;

/// <summary>
/// One operator alert rule of infra/azure/modules/alerts.bicep, as the compiled template carries it, with what its KQL
/// query needs from Application Insights' <c>customMetrics</c>: the metric it filters on (<c>name == "..."</c>), the
/// tags it reads (<c>customDimensions["..."]</c>) and the value columns it aggregates (<c>valueMax</c>, <c>valueSum</c>, ...,
/// or <c>count()</c> of rows). Read from the template, so renaming a metric or a tag on either side fails whoever compares.
/// </summary>
public sealed partial record OperatorAlertRule(
    string Name, string Query, string Metric, IReadOnlyList<string> Dimensions, IReadOnlyList<string> ValueColumns)
{
    /// <summary>The alerts module, relative to the repository root.</summary>
    public static readonly string ModulePath = Path.Combine("infra", "azure", "modules", "alerts.bicep");

    /// <summary>Compiles the alerts module (<c>bicep build --stdout</c>: nothing is written) and reads its <c>rules</c> variable.</summary>
    public static async Task<IReadOnlyList<OperatorAlertRule>> LoadAsync(CancellationToken cancellationToken = default)
    {
        var module = Path.Combine(RepositoryPaths.Root, ModulePath);
        var result = await BicepCli.RunAsync(Path.GetDirectoryName(module)!, ["build", Path.GetFileName(module), "--stdout"], cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build {ModulePath} failed:\n{result.Output}");
        }

        var rules = JsonNode.Parse(result.StandardOutput)!["variables"]?["rules"]?.AsArray()
            ?? throw new InvalidOperationException($"{ModulePath} has no 'rules' variable any more; the operator alerts are read from it.");
        return [.. rules.Select(r => Parse((string)r!["name"]!, (string)r["query"]!))];
    }

    /// <summary>Reads the metric, tags and value columns out of <paramref name="query"/>.</summary>
    public static OperatorAlertRule Parse(string name, string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var metric = MetricFilter().Match(query);
        if (!metric.Success)
        {
            throw new ArgumentException($"Rule {name}: its query filters on no metric name (name == \"...\"): {query}", nameof(query));
        }

        return new OperatorAlertRule(
            name,
            query,
            metric.Groups[1].Value,
            [.. Dimension().Matches(query).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)],
            [.. ValueColumn().Matches(query).Select(m => m.Value).Distinct(StringComparer.Ordinal)]);
    }

    [GeneratedRegex(@"\bname\s*==\s*""([^""]+)""")]
    private static partial Regex MetricFilter();

    [GeneratedRegex(@"customDimensions\s*\[\s*""([^""]+)""\s*\]")]
    private static partial Regex Dimension();

    [GeneratedRegex(@"\bvalue(?:Sum|Max|Min|Count|StdDev)\b|\bcount\(\)")]
    private static partial Regex ValueColumn();
}
