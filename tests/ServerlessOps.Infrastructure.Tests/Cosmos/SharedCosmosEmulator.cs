using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Cosmos;

/// <summary>One Cosmos emulator for every store test class; each class makes its own database.</summary>
[CollectionDefinition(Name)]
public sealed class SharedCosmosEmulator : ICollectionFixture<CosmosServerFixture>
{
    public const string Name = "Cosmos emulator";
}
