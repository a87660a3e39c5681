namespace ServerlessOps.Testing.Tests;

public sealed class RepositoryPathsTests
{
    [Fact]
    public void Root_HoldsSolutionFile() =>
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "ServerlessOps.sln")));

    [Fact]
    public void LocalStack_HoldsCosmosServerScript() =>
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.LocalStack, "cosmos-server.js")));

    [Fact]
    public void ChannelSample_KnownFile_ReturnsExistingPathUnderSharedChannels()
    {
        var path = RepositoryPaths.ChannelSample("shopify-orders-create.json");

        Assert.True(File.Exists(path));
        Assert.StartsWith(RepositoryPaths.SharedChannels, path, StringComparison.Ordinal);
    }

    [Fact]
    public void ChannelSample_UnknownFile_ThrowsNamingThePath()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => RepositoryPaths.ChannelSample("no-such-sample.json"));

        Assert.Contains("no-such-sample.json", ex.Message, StringComparison.Ordinal);
    }
}
