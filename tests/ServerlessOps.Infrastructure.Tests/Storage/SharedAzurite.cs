using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Storage;

/// <summary>One Azurite for every storage test class; each test makes its own queue.</summary>
[CollectionDefinition(Name)]
public sealed class SharedAzurite : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
