using System.Text.Json.Nodes;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infra.Tests.Bicep;

/// <summary>
/// The database, containers, partition keys and indexing Bicep deploys are cosmos-containers.json, the definition
/// the app embeds (ServerlessOps.Infrastructure's tests tie its composite index to the query that uses it).
/// </summary>
public sealed class CosmosTemplateTests(BicepFixture bicep)
{
    private const string ContainerType = "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers";

    private static readonly IReadOnlyList<string> _containers = CosmosContainers.AllNames;

    private static JsonObject Definition =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(BicepFixture.InfraDirectory, "cosmos-containers.json")))!.AsObject();

    [Fact]
    public void Database_IsServerlessops_WithTheSixContainers()
    {
        foreach (var snapshot in bicep.All)
        {
            Assert.Equal(["serverlessops"], snapshot.NamesOf("Microsoft.DocumentDB/databaseAccounts/sqlDatabases"));
            Assert.Equal(_containers.Order(StringComparer.Ordinal), snapshot.NamesOf(ContainerType).Order(StringComparer.Ordinal));
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
    public void EveryContainer_IsDeployedAsCosmosContainersJsonDefinesIt()
    {
        var definition = Definition;
        var policy = definition["indexingPolicy"]!;
        foreach (var container in definition["containers"]!.AsArray())
        {
            var name = (string)container!["name"]!;
            var deployed = ContainerNamed(name)["properties"]!["resource"]!;
            Assert.Equal([(string)definition["partitionKeyPath"]!], deployed["partitionKey"]!["paths"]!.AsArray().Select(p => (string)p!));
            Assert.Equal(2, (int)deployed["partitionKey"]!["version"]!);

            var deployedPolicy = deployed["indexingPolicy"]!.AsObject();
            var expected = policy.DeepClone().AsObject();
            if (container["compositeIndexes"]!.AsArray().Count > 0)
            {
                expected["compositeIndexes"] = container["compositeIndexes"]!.DeepClone();
            }

            Assert.True(JsonNode.DeepEquals(expected, deployedPolicy), $"{name}: deployed {deployedPolicy.ToJsonString()}, defined {expected.ToJsonString()}.");
        }
    }

    [Fact]
    public void Database_IsTheDefinedOne()
    {
        Assert.Equal([(string)Definition["databaseName"]!], bicep.Dev.NamesOf("Microsoft.DocumentDB/databaseAccounts/sqlDatabases"));
        Assert.Equal((string)Definition["databaseName"]!, bicep.Dev.AppSettings["Cosmos__DatabaseName"]);
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
