using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Tests.Cosmos;

public sealed class CosmosOptionsTests
{
    private const string EmulatorConnectionString = "AccountEndpoint=https://127.0.0.1:8081/;AccountKey=a2V5;";

    [Fact]
    public void Validate_BothConnectionStringAndEndpoint_FailsNamingBoth()
    {
        var error = ValidateAtStart(new()
        {
            ["Cosmos:ConnectionString"] = EmulatorConnectionString,
            ["Cosmos:AccountEndpoint"] = "https://acct.documents.azure.com:443/",
        });

        Assert.Contains("not both", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NeitherConnectionStringNorEndpoint_FailsNamingBothSettings()
    {
        var error = ValidateAtStart(new() { ["Cosmos:DatabaseName"] = "serverlessops" });

        Assert.Contains("Cosmos__ConnectionString", error, StringComparison.Ordinal);
        Assert.Contains("Cosmos__AccountEndpoint", error, StringComparison.Ordinal);
        Assert.Contains("neither", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyStrings_CountAsUnset()
    {
        var error = ValidateAtStart(new() { ["Cosmos:ConnectionString"] = "", ["Cosmos:AccountEndpoint"] = " " });

        Assert.Contains("neither", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://acct.documents.azure.com/")]
    [InlineData("acct.documents.azure.com")]
    public void Validate_EndpointNotAbsoluteHttps_Fails(string endpoint)
    {
        var error = ValidateAtStart(new() { ["Cosmos:AccountEndpoint"] = endpoint });

        Assert.Contains("absolute https", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ConnectionStringWithoutEndpoint_Fails()
    {
        var error = ValidateAtStart(new() { ["Cosmos:ConnectionString"] = "AccountKey=a2V5;" });

        Assert.Contains("AccountEndpoint", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DirectModeWithEmulatorCertificate_Fails()
    {
        var error = ValidateAtStart(new()
        {
            ["Cosmos:ConnectionString"] = EmulatorConnectionString,
            ["Cosmos:AcceptEmulatorCertificate"] = "true",
            ["Cosmos:ConnectionMode"] = "Direct",
        });

        Assert.Contains("Gateway only", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PageSizeOutOfRange_Fails()
    {
        var error = ValidateAtStart(new() { ["Cosmos:ConnectionString"] = EmulatorConnectionString, ["Cosmos:QueryPageSize"] = "0" });

        Assert.Contains("QueryPageSize", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_ManagedIdentitySettings_AreValidWithDefaults()
    {
        using var provider = Provider(new()
        {
            ["Cosmos:AccountEndpoint"] = "https://acct.documents.azure.com:443/",
            ["Cosmos:ClientId"] = "00000000-0000-0000-0000-000000000001",
        });

        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptions<CosmosOptions>>().Value;

        Assert.Equal("serverlessops", options.DatabaseName);
        Assert.False(options.CreateIfMissing);
        Assert.False(options.AcceptEmulatorCertificate);
        Assert.Equal(Microsoft.Azure.Cosmos.ConnectionMode.Gateway, options.ConnectionMode);
        Assert.Equal(6, options.RequestTimeoutSeconds);
        Assert.Equal(9, options.MaxRetryAttemptsOnRateLimit);
        Assert.Equal(100, options.QueryPageSize);
    }

    [Fact]
    public void CreateClient_ManagedIdentity_UsesEndpointAndGateway()
    {
        var options = new CosmosOptions { AccountEndpoint = "https://acct.documents.azure.com:443/", ClientId = "00000000-0000-0000-0000-000000000001" };

        using var client = CosmosClientFactory.Create(options);

        Assert.Equal(new Uri("https://acct.documents.azure.com:443/"), client.Endpoint);
        Assert.Equal(Microsoft.Azure.Cosmos.ConnectionMode.Gateway, client.ClientOptions.ConnectionMode);
        Assert.False(client.ClientOptions.LimitToEndpoint);
        Assert.Null(client.ClientOptions.HttpClientFactory);
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddCosmosStores(configuration).BuildServiceProvider();
    }

    private static string ValidateAtStart(Dictionary<string, string?> settings)
    {
        using var provider = Provider(settings);
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        return ex.Message;
    }
}
