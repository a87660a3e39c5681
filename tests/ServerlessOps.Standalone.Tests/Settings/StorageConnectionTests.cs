using Microsoft.Extensions.Configuration;
using ServerlessOps.Standalone.Durable;

namespace ServerlessOps.Standalone.Tests.Settings;

public sealed class StorageConnectionTests
{
    [Fact]
    public void Find_PrefixedAndPlainSettings_PrefixedWinsAsInTheFunctionsHost()
    {
        var configuration = Configuration(("AzureWebJobsOrders", "UseDevelopmentStorage=true;prefixed"), ("Orders", "UseDevelopmentStorage=true;plain"));

        Assert.Equal("UseDevelopmentStorage=true;prefixed", StorageConnection.Find(configuration, "Orders")?.Value);
    }

    [Fact]
    public void Find_ConnectionStringsSection_Found()
    {
        var configuration = Configuration(("ConnectionStrings:Orders", "UseDevelopmentStorage=true"));

        Assert.Equal("UseDevelopmentStorage=true", StorageConnection.Find(configuration, "Orders")?.Value);
    }

    [Fact]
    public void ServiceUri_AccountNameOnly_PublicCloudEndpointPerService()
    {
        var section = Configuration(("AzureWebJobsStorage:accountName", "soprod")).GetSection("AzureWebJobsStorage");

        Assert.Equal(new Uri("https://soprod.queue.core.windows.net"), StorageConnection.ServiceUri(section, "AzureWebJobsStorage", "queue"));
    }

    [Fact]
    public void ServiceUri_ExplicitServiceUri_WinsOverAccountName()
    {
        var section = Configuration(
            ("AzureWebJobsStorage:accountName", "soprod"),
            ("AzureWebJobsStorage:tableServiceUri", "https://tables.example.net")).GetSection("AzureWebJobsStorage");

        Assert.Equal(new Uri("https://tables.example.net"), StorageConnection.ServiceUri(section, "AzureWebJobsStorage", "table"));
    }

    [Fact]
    public void CreateProvider_IdentityConnectionWithManagedIdentity_BuildsWithoutContactingStorage()
    {
        var configuration = Configuration(
            ("AzureWebJobsStorage:accountName", "soprod"),
            ("AzureWebJobsStorage:credential", "managedidentity"),
            ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001"));

        var provider = StorageConnection.CreateProvider(configuration, "AzureWebJobsStorage");

        Assert.Equal(new Uri("https://soprod.queue.core.windows.net"), provider.Queue.CreateClient(provider.Queue.CreateOptions()).Uri);
        Assert.StartsWith("identity (soprod", StorageConnection.Describe(configuration, "AzureWebJobsStorage"), StringComparison.Ordinal);
    }

    [Fact]
    public void CreateProvider_IdentityConnectionWithoutAccount_FailsNamingTheSettingsToSet()
    {
        var configuration = Configuration(("AzureWebJobsStorage:credential", "managedidentity"));

        var error = Assert.Throws<DurableTaskSettingsException>(() => StorageConnection.CreateProvider(configuration, "AzureWebJobsStorage"));

        Assert.Contains("AzureWebJobsStorage__accountName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateProvider_NoSuchConnection_FailsNamingItAndBothForms()
    {
        var error = Assert.Throws<DurableTaskSettingsException>(() => StorageConnection.CreateProvider(Configuration(), "DurableStorage"));

        Assert.Contains("'DurableStorage'", error.Message, StringComparison.Ordinal);
        Assert.Contains("DurableStorage__accountName", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
