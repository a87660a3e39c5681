using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Ingestion;

/// <summary>A Cosmos server and an Azurite for the ingestion tests that record outcomes in both; each test makes its own database and container.</summary>
[CollectionDefinition(Name)]
public sealed class SharedIngestionEmulators : ICollectionFixture<CosmosServerFixture>, ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Ingestion emulators";
}
