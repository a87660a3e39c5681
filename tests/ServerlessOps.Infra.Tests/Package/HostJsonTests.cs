using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ServerlessOps.Infra.Tests.Bicep;
using ServerlessOps.Testing;

namespace ServerlessOps.Infra.Tests.Package;

/// <summary>
/// host.json's production values where they meet the deployment (the task hub, its storage connection and partitions,
/// poison handling), and infra/azure/README.md ("host.json") explaining every value.
/// </summary>
public sealed partial class HostJsonTests(BicepFixture bicep)
{
    private static JsonObject Host =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "functions", "ServerlessOps.Functions", "host.json")))!.AsObject();

    private static JsonNode DurableTask => Host["extensions"]?["durableTask"] ?? throw new InvalidOperationException("host.json has no extensions.durableTask.");

    [Fact]
    public void IsolatedWorker_HasNoCustomHandlerAndNoExtensionBundle()
    {
        var host = Host;
        Assert.Equal("2.0", (string?)host["version"]);
        Assert.Null(host["customHandler"]);
        // The isolated worker's extensions come with the package (.azurefunctions/), not from a bundle.
        Assert.Null(host["extensionBundle"]);
    }

    [Fact]
    public void TaskHub_IsTheDurableTaskHubNameSetting_TheTemplateSetsAndNamesItsStorageAfter()
    {
        Assert.Equal("%DurableTaskHubName%", (string?)DurableTask["hubName"]);
        Assert.True(bicep.Dev.AppSettings.ContainsKey("DurableTaskHubName"));
    }

    [Fact]
    public void StorageProvider_IsAzureStorage_OnTheIdentityBasedHostStorage()
    {
        var provider = DurableTask["storageProvider"]!;
        Assert.Equal("AzureStorage", (string?)provider["type"] ?? "AzureStorage");
        var connection = (string?)provider["connectionName"] ?? (string?)provider["connectionStringName"] ?? "AzureWebJobsStorage";
        Assert.Equal("AzureWebJobsStorage", connection);
        Assert.Equal("managedidentity", bicep.Dev.AppSettings[$"{connection}__credential"]);
    }

    [Fact]
    public void PartitionCount_IsTheTemplatesDefault()
    {
        // Azure overrides it from the partitionCount parameter; host.json's value is what a local run uses, and a
        // task hub's partition count is fixed once created, so both start equal.
        Assert.Equal(
            int.Parse(bicep.Dev.AppSettings[AppSettingsTests.PartitionCountSetting], CultureInfo.InvariantCulture),
            (int?)DurableTask["storageProvider"]!["partitionCount"] ?? 4);
    }

    [Fact]
    public void Polling_AndVisibility_KeepProductionValues()
    {
        // The local host polls faster and recovers faster through app settings; host.json must not carry those
        // values into Azure, where an idle app pays per storage request and a short visibility re-runs live work.
        var provider = DurableTask["storageProvider"]!;
        Assert.True(Duration(provider["maxQueuePollingInterval"], "00:00:30") >= TimeSpan.FromSeconds(10), "maxQueuePollingInterval below 10 s in production.");
        Assert.True(Duration(provider["controlQueueVisibilityTimeout"], "00:05:00") >= TimeSpan.FromMinutes(1), "controlQueueVisibilityTimeout below 1 min in production.");
        Assert.True(Duration(provider["workItemQueueVisibilityTimeout"], "00:05:00") >= TimeSpan.FromMinutes(1), "workItemQueueVisibilityTimeout below 1 min in production.");
    }

    [Fact]
    public void Queues_PoisonAfterTheIngestionMaxDequeueCount()
    {
        var queues = Host["extensions"]?["queues"];
        Assert.NotNull(queues);
        Assert.Equal(int.Parse(bicep.Dev.AppSettings["Ingestion__MaxDequeueCount"], CultureInfo.InvariantCulture), (int?)queues["maxDequeueCount"]);
    }

    [Fact]
    public void EverySetting_IsExplainedInTheReadme()
    {
        var readme = File.ReadAllLines(Path.Combine(BicepFixture.InfraDirectory, "README.md"))
            .SkipWhile(line => line != "## host.json")
            .TakeWhile((line, i) => i == 0 || !line.StartsWith("## ", StringComparison.Ordinal))
            .Select(line => HostTableRow().Match(line))
            .Where(m => m.Success)
            .Select(m => m.Groups["path"].Value)
            .ToList();
        // A row explains a setting when it names it or one of its parents (e.g. samplingSettings covers .isEnabled).
        var unexplained = LeafPaths(Host, "")
            .Where(path => !readme.Any(row => path == row || path.StartsWith(row + ".", StringComparison.Ordinal)))
            .ToList();
        Assert.True(unexplained.Count == 0, "host.json settings missing from the README's host.json table: " + string.Join(", ", unexplained));
    }

    private static TimeSpan Duration(JsonNode? value, string extensionDefault) =>
        TimeSpan.Parse((string?)value ?? extensionDefault, CultureInfo.InvariantCulture);

    private static IEnumerable<string> LeafPaths(JsonNode? node, string path) => node switch
    {
        JsonObject obj when obj.Count > 0 => obj.SelectMany(p => LeafPaths(p.Value, path.Length == 0 ? p.Key : $"{path}.{p.Key}")),
        _ => [path],
    };

    [GeneratedRegex(@"^\|\s*`(?<path>[A-Za-z0-9_.]+)`\s*\|")]
    private static partial Regex HostTableRow();
}
