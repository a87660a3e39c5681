using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Infrastructure.Tests.Channels;

public sealed class ChannelApiConfigurationTests
{
    [Fact]
    public void Options_NothingConfigured_UseDocumentedDefaults()
    {
        var options = Resolve([]);

        Assert.Equal("https://sellingpartnerapi-na.amazon.com", options.Amazon.BaseUrl);
        Assert.Equal("https://marketplace.walmartapis.com", options.Walmart.BaseUrl);
        Assert.Equal("https://open-api.tiktokglobalshop.com", options.TikTokShop.BaseUrl);
        Assert.All([options.Amazon, options.Walmart, options.TikTokShop], o =>
        {
            Assert.Equal(10, o.TimeoutSeconds);
            Assert.Equal(3, o.MaxRetries);
        });
    }

    [Fact]
    public void Options_RelativeBaseUrl_FailValidationNamingTheKey()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Channels:Walmart:BaseUrl"] = "marketplace.example" }));

        Assert.Contains("Channels:Walmart:BaseUrl", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_RetriesOutOfRange_FailValidation() =>
        Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Channels:Amazon:MaxRetries"] = "50" }));

    [Fact]
    public async Task CredentialSource_ScenarioLayout_FindsEachAccountsToken()
    {
        var accounts = ScenarioAccounts.Default;
        var source = new ConfigurationChannelApiCredentialSource(new ConfigurationBuilder().AddInMemoryCollection(accounts.ToConfiguration()).Build());

        Assert.Equal(accounts.AmazonAccessToken, (await source.GetAsync(accounts.Account(SalesChannel.Amazon), TestContext.Current.CancellationToken)).AccessToken);
        Assert.Equal(accounts.WalmartAccessToken, (await source.GetAsync(accounts.Account(SalesChannel.Walmart), TestContext.Current.CancellationToken)).AccessToken);
        var tiktok = await source.GetAsync(accounts.Account(SalesChannel.TikTokShop), TestContext.Current.CancellationToken);
        Assert.Equal(
            new ChannelApiCredential(accounts.TikTokAccessToken, accounts.TikTokAppKey, accounts.TikTokAppSecret, accounts.TikTokShopCipher),
            tiktok);
        Assert.DoesNotContain(accounts.TikTokAccessToken, tiktok.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CredentialSource_AccountIdInOtherCase_Matches()
    {
        var accounts = ScenarioAccounts.Default;
        var source = new ConfigurationChannelApiCredentialSource(new ConfigurationBuilder().AddInMemoryCollection(accounts.ToConfiguration()).Build());

        Assert.Equal(accounts.AmazonAccessToken, (await source.GetAsync(new ChannelAccount("acme", SalesChannel.Amazon, "a2examplesellr1"), TestContext.Current.CancellationToken)).AccessToken);
    }

    [Fact]
    public async Task CredentialSource_NoAccessToken_NamesTheMissingKey()
    {
        var settings = ScenarioAccounts.Default.ToConfiguration().Where(p => p.Key != "Brands:acme:Accounts:2:AccessToken");
        var source = new ConfigurationChannelApiCredentialSource(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

        var ex = await Assert.ThrowsAsync<ChannelApiCredentialMissingException>(
            async () => await source.GetAsync(ScenarioAccounts.Default.Account(SalesChannel.Walmart), TestContext.Current.CancellationToken));

        Assert.Contains("Brands:acme:Accounts:2:AccessToken", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CredentialSource_UnknownAccount_Throws()
    {
        var source = new ConfigurationChannelApiCredentialSource(new ConfigurationBuilder().AddInMemoryCollection(ScenarioAccounts.Default.ToConfiguration()).Build());

        await Assert.ThrowsAsync<ChannelApiCredentialMissingException>(
            async () => await source.GetAsync(new ChannelAccount("acme", SalesChannel.Amazon, "ANOTHERSELLER"), TestContext.Current.CancellationToken));
    }

    private static ChannelApiOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddLogging().AddChannelApiClients(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<ChannelApiOptions>>().Value;
    }

    [Fact]
    public void AddChannelApiClients_CalledTwice_StillOneReaderPerChannel()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(ScenarioAccounts.Default.ToConfiguration()).Build();
        using var provider = new ServiceCollection().AddLogging()
            .AddChannelApiClients(configuration).AddChannelApiClients(configuration).BuildServiceProvider();

        var readers = provider.GetRequiredService<ChannelOrderReaders>();

        Assert.Equal(SalesChannel.Amazon, readers.For(SalesChannel.Amazon).Channel);
        Assert.Equal(3, provider.GetServices<IChannelOrderReader>().Count());
    }
}
