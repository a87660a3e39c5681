using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;
using ServerlessOps.Testing.Scenarios;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Infrastructure.Tests.Channels;

/// <summary>A started stub marketplace and the app's channel API clients pointed at it, wired through AddChannelApiClients.</summary>
internal sealed class ChannelApiTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private ChannelApiTestHost(Marketplace stub, ServiceProvider provider, ScenarioAccounts accounts)
    {
        Stub = stub;
        _provider = provider;
        Accounts = accounts;
    }

    public Marketplace Stub { get; }

    public ScenarioAccounts Accounts { get; }

    public ChannelOrderReaders Readers => _provider.GetRequiredService<ChannelOrderReaders>();

    /// <summary>The usage-plan buckets the Amazon clients share.</summary>
    public AmazonUsagePlans UsagePlans => _provider.GetRequiredService<AmazonUsagePlans>();

    /// <summary>Every log record the clients wrote.</summary>
    public IReadOnlyList<FakeLogRecord> Logs => _provider.GetFakeLogCollector().GetSnapshot();

    public ChannelAccount Account(SalesChannel channel) => Accounts.Account(channel);

    public static async Task<ChannelApiTestHost> StartAsync(
        CancellationToken cancellationToken, int maxRetries = 3, IDictionary<string, string?>? overrides = null)
    {
        var stub = await Marketplace.StartAsync(cancellationToken);
        var accounts = ScenarioAccounts.Default;
        accounts.ExpectCredentials(stub);

        var settings = accounts.ToConfiguration(stub.BaseUrl).ToDictionary(p => p.Key, p => p.Value);
        foreach (var channel in new[] { "Amazon", "Walmart", "TikTokShop" })
        {
            // Fast back-off keeps retry tests short; Retry-After, when sent, still decides the wait.
            settings[$"Channels:{channel}:RetryBaseDelayMilliseconds"] = "20";
            settings[$"Channels:{channel}:MaxRetries"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Debug))
            .AddChannelApiClients(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _ = provider.GetRequiredService<IOptions<ChannelApiOptions>>().Value;
        return new ChannelApiTestHost(stub, provider, accounts);
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await Stub.DisposeAsync();
    }
}
