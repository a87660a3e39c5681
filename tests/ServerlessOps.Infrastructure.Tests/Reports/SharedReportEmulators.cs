using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Reports;

/// <summary>A Cosmos server and an Azurite for the report archive tests; each test class makes its own database, each test its own blob container.</summary>
[CollectionDefinition(Name)]
public sealed class SharedReportEmulators : ICollectionFixture<CosmosServerFixture>, ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Report emulators";
}
