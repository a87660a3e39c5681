using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Alerts;

/// <summary>A Cosmos server and an Azurite for the alert tests, which need both; each test makes its own database and queue.</summary>
[CollectionDefinition(Name)]
public sealed class SharedAlertEmulators : ICollectionFixture<CosmosServerFixture>, ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Alert emulators";
}
