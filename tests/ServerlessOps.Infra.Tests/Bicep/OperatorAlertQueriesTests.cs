using System.Text.Json.Nodes;

namespace ServerlessOps.Infra.Tests.Bicep;

/// <summary>
/// The operator alerts' KQL, as the dev, prod and probe deployments would create the rules, run through Kusto's own parser
/// and binder against Application Insights' <c>customMetrics</c> table: each must bind with no diagnostic and return the
/// numeric <c>value</c> column the rule measures (<c>metricMeasureColumn</c>) and a string column for each dimension the
/// rule splits by. Nothing here reaches Azure: this proves the queries are valid KQL over that schema, not what they return.
/// </summary>
public sealed class OperatorAlertQueriesTests(BicepFixture bicep)
{
    /// <summary>
    /// Application Insights' classic <c>customMetrics</c> table, the table a scheduled query rule scoped to the component
    /// queries (columns and types as Azure Monitor's table reference lists them).
    /// </summary>
    public const string CustomMetricsSchema =
        "(timestamp:datetime, name:string, value:real, valueCount:int, valueSum:real, valueMin:real, valueMax:real, valueStdDev:real, " +
        "customDimensions:dynamic, operation_Name:string, operation_Id:string, operation_ParentId:string, " +
        "operation_SyntheticSource:string, session_Id:string, user_Id:string, user_AuthenticatedId:string, user_AccountId:string, " +
        "application_Version:string, client_Type:string, client_Model:string, client_OS:string, client_IP:string, client_City:string, " +
        "client_StateOrProvince:string, client_CountryOrRegion:string, client_Browser:string, cloud_RoleName:string, " +
        "cloud_RoleInstance:string, appId:string, appName:string, iKey:string, sdkVersion:string, itemId:string, itemType:string, itemCount:int)";

    private static readonly HashSet<string> _numeric = new(StringComparer.Ordinal) { "real", "long", "int", "decimal" };

    [Fact]
    public async Task EveryRuleQuery_BindsAgainstCustomMetrics_AndReturnsItsMeasureAndDimensions()
    {
        foreach (var snapshot in bicep.All)
        {
            var rules = snapshot.OfType("Microsoft.Insights/scheduledQueryRules")
                .ToDictionary(r => (string)r["name"]!, r => r["properties"]!["criteria"]!["allOf"]![0]!.AsObject(), StringComparer.Ordinal);
            Assert.NotEmpty(rules);
            var results = await KqlCheck.RunAsync(
                "customMetrics", CustomMetricsSchema, rules.ToDictionary(r => r.Key, r => (string)r.Value["query"]!), TestContext.Current.CancellationToken);

            Assert.Equal(rules.Count, results.Count);
            foreach (var result in results)
            {
                var criterion = rules[result.Name];
                var columns = result.Columns.ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
                Assert.True(result.Diagnostics.Count == 0, $"{snapshot.Name} {result.Name}: {string.Join("; ", result.Diagnostics)}\n{criterion["query"]}");
                var measure = (string)criterion["metricMeasureColumn"]!;
                Assert.True(
                    columns.TryGetValue(measure, out var type) && _numeric.Contains(type),
                    $"{snapshot.Name} {result.Name}: no numeric '{measure}' column among {string.Join(", ", result.Columns)}");
                foreach (var dimension in Dimensions(criterion))
                {
                    Assert.True(
                        columns.TryGetValue(dimension, out var dimensionType) && dimensionType == "string",
                        $"{snapshot.Name} {result.Name}: dimension '{dimension}' is not a string column among {string.Join(", ", result.Columns)}");
                }
            }
        }
    }

    [Fact]
    public async Task KqlCheck_ReportsAnUnknownColumn_SoAPassingRuleMeansSomething()
    {
        var results = await KqlCheck.RunAsync(
            "customMetrics",
            CustomMetricsSchema,
            new Dictionary<string, string> { ["typo"] = "customMetrics | summarize value = max(valueMaximum)" },
            TestContext.Current.CancellationToken);

        Assert.Contains(Assert.Single(results).Diagnostics, d => d.Contains("valueMaximum", StringComparison.Ordinal));
    }

    private static IEnumerable<string> Dimensions(JsonObject criterion) =>
        criterion["dimensions"]!.AsArray().Select(d => (string)d!["name"]!);
}
