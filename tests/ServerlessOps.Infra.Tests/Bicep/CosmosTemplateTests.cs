using System.Text.Json.Nodes;

namespace ServerlessOps.Infra.Tests.Bicep;

/// <summary>The database, containers, partition keys and indexing the app's Cosmos code relies on (SETTINGS.md).</summary>
public sealed class CosmosTemplateTests(BicepFixture bicep)
{
    private const string ContainerType = "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers";

    private static readonly string[] _containers = ["orders", "channelEvents", "quarantine", "inventoryEvents", "priceChanges", "leases"];

    [Fact]
    public void Database_IsServerlessops_WithTheSixContainers()
    {
        foreach (var snapshot in bicep.All)
        {
            Assert.Equal(["serverlessops"], snapshot.NamesOf("Microsoft.DocumentDB/databaseAccounts/sqlDatabases"));
            Assert.Equal(_containers.Order(), snapshot.NamesOf(ContainerType).Order());
        }
    }

    [Fact]
    public void EveryContainer_IsPartitionedOnPk()
    {
        foreach (var container in bicep.Dev.OfType(ContainerType))
        {
            var partitionKey = container["properties"]!["resource"]!["partitionKey"]!;
            Assert.Equal(["/pk"], partitionKey["paths"]!.AsArray().Select(p => (string)p!));
            Assert.Equal("Hash", (string?)partitionKey["kind"]);
        }
    }

    [Fact]
    public void EveryContainer_IndexesConsistently_ExceptRawPayloadsAndLineTaxes()
    {
        foreach (var container in bicep.Dev.OfType(ContainerType))
        {
            var policy = container["properties"]!["resource"]!["indexingPolicy"]!;
            Assert.Equal("consistent", (string?)policy["indexingMode"]);
            Assert.Equal(["/*"], Paths(policy["includedPaths"]));
            var excluded = Paths(policy["excludedPaths"]);
            Assert.Contains("/raw/*", excluded);
            Assert.Contains("/lines/*/taxes/*", excluded);
        }
    }

    [Fact]
    public void Orders_HasCompositeIndex_PkOrderDayAscending_CreatedAtDescending()
    {
        var composites = ContainerNamed("orders")["properties"]!["resource"]!["indexingPolicy"]!["compositeIndexes"]!.AsArray();
        var index = Assert.Single(composites)!.AsArray()
            .Select(part => $"{(string)part!["path"]!} {(string)part["order"]!}");
        Assert.Equal(["/pk ascending", "/orderDay ascending", "/placedAt descending"], index);

        foreach (var other in _containers.Where(c => c != "orders"))
        {
            Assert.Null(ContainerNamed(other)["properties"]!["resource"]!["indexingPolicy"]!["compositeIndexes"]);
        }
    }

    [Fact]
    public void Default_IsServerless_WithoutThroughput()
    {
        var account = bicep.Dev.SingleOf("Microsoft.DocumentDB/databaseAccounts");
        Assert.Contains("EnableServerless", account["properties"]!["capabilities"]!.AsArray().Select(c => (string)c!["name"]!));
        var options = bicep.Dev.SingleOf("Microsoft.DocumentDB/databaseAccounts/sqlDatabases")["properties"]!["options"]!.AsObject();
        Assert.Empty(options);
    }

    [Fact]
    public void ProvisionedAutoscale_SharesMaxThroughputAtTheDatabase_AndDropsServerless()
    {
        var account = bicep.Probe.SingleOf("Microsoft.DocumentDB/databaseAccounts");
        Assert.Empty(account["properties"]!["capabilities"]!.AsArray());
        var options = bicep.Probe.SingleOf("Microsoft.DocumentDB/databaseAccounts/sqlDatabases")["properties"]!["options"]!;
        Assert.Equal(4000, (int)options["autoscaleSettings"]!["maxThroughput"]!);
    }

    private static List<string> Paths(JsonNode? paths) => paths!.AsArray().Select(p => (string)p!["path"]!).ToList();

    private JsonObject ContainerNamed(string name) =>
        bicep.Dev.OfType(ContainerType).Single(c => ((string)c["name"]!).EndsWith("/" + name, StringComparison.Ordinal));
}
