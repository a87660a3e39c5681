using System.Text;
using Microsoft.Azure.Cosmos;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Testing;

namespace ServerlessOps.Infrastructure.Tests.Cosmos;

/// <summary>The embedded container definition is infra/azure/cosmos-containers.json, and names exactly the app's containers.</summary>
public sealed class CosmosContainerDefinitionsTests
{
    private static string RepositoryFile => Path.Combine(RepositoryPaths.Root, "infra", "azure", "cosmos-containers.json");

    [Fact]
    public void Embedded_IsTheFileBicepDeploys()
    {
        using var embedded = typeof(CosmosContainerDefinitions).Assembly.GetManifestResourceStream(CosmosContainerDefinitions.ResourceName);
        Assert.NotNull(embedded);
        using var reader = new StreamReader(embedded);

        Assert.Equal(File.ReadAllText(RepositoryFile), reader.ReadToEnd());
    }

    [Fact]
    public void Embedded_DefinesExactlyTheAppsContainers_DatabaseAndPartitionKey()
    {
        var definitions = CosmosContainerDefinitions.Embedded;

        Assert.Equal(CosmosContainers.AllNames, definitions.Names);
        Assert.Equal(CosmosContainers.DefaultDatabaseName, definitions.DatabaseName);
        Assert.Equal(CosmosContainers.PartitionKeyPath, definitions.PartitionKeyPath);
    }

    [Fact]
    public void Describe_EveryContainer_SharesPartitionKeyAndIndexingPolicy()
    {
        foreach (var name in CosmosContainers.AllNames)
        {
            var properties = CosmosContainers.Describe(name);

            Assert.Equal(name, properties.Id);
            Assert.Equal("/pk", properties.PartitionKeyPath);
            Assert.Equal(PartitionKeyDefinitionVersion.V2, properties.PartitionKeyDefinitionVersion);
            Assert.Equal(IndexingMode.Consistent, properties.IndexingPolicy.IndexingMode);
            Assert.True(properties.IndexingPolicy.Automatic);
            Assert.Equal(["/*"], properties.IndexingPolicy.IncludedPaths.Select(p => p.Path));
            Assert.Contains("/raw/*", properties.IndexingPolicy.ExcludedPaths.Select(p => p.Path));
        }
    }

    [Fact]
    public void Describe_ChannelTokens_ExpiresOnlyDocumentsCarryingATtl_OtherContainersNever()
    {
        Assert.Equal(-1, CosmosContainers.Describe(CosmosContainers.ChannelTokensName).DefaultTimeToLive);
        foreach (var name in CosmosContainers.AllNames.Where(n => n != CosmosContainers.ChannelTokensName))
        {
            Assert.Null(CosmosContainers.Describe(name).DefaultTimeToLive);
        }
    }

    [Fact]
    public void Describe_UnknownContainer_NamesTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => CosmosContainerDefinitions.Embedded.Describe("invoices"));

        Assert.Contains("'invoices' is not one of the defined containers (orders, channelEvents", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DefinitionWithoutPartitionKey_SaysWhatIsMissing()
    {
        using var json = new MemoryStream(Encoding.UTF8.GetBytes("""{ "databaseName": "db", "indexingPolicy": {}, "containers": [] }"""));

        var error = Assert.Throws<InvalidOperationException>(() => CosmosContainerDefinitions.Parse(json));

        Assert.Equal("cosmos-containers.json: partitionKeyPath is missing.", error.Message);
    }

    [Fact]
    public void Parse_ContainerDefinedTwice_IsRejected()
    {
        using var json = new MemoryStream(Encoding.UTF8.GetBytes(
            """{ "databaseName": "db", "partitionKeyPath": "/pk", "indexingPolicy": {}, "containers": [{ "name": "a" }, { "name": "a" }] }"""));

        var error = Assert.Throws<InvalidOperationException>(() => CosmosContainerDefinitions.Parse(json));

        Assert.Equal("cosmos-containers.json: container 'a' is defined twice.", error.Message);
    }
}
