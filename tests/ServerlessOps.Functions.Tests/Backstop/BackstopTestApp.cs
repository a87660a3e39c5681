using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Backstop;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Testing.StubMarketplace;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Functions.Tests.Backstop;

/// <summary>
/// An app with its own stub marketplace (orders and faults of one test only) and the backstop's timer off, so only the
/// test runs it: a one-day first window, a 2-minute settle delay, no pause between pages unless asked.
/// </summary>
internal sealed class BackstopTestApp : IAsyncDisposable
{
    private BackstopTestApp(TestApp app, Marketplace marketplace)
    {
        App = app;
        Marketplace = marketplace;
    }

    public TestApp App { get; }

    public Marketplace Marketplace { get; }

    public static ChannelAccount Account(SalesChannel channel) =>
        new(ScenarioAccounts.Default.BrandId, channel, ScenarioAccounts.Default.AccountId(channel));

    public static Dictionary<string, string> Settings(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Backstop:TimerEnabled"] = "false",
            ["Backstop:InitialLookback"] = "1.00:00:00",
            ["Backstop:SettleDelay"] = "00:02:00",
            ["Backstop:MinListInterval"] = "00:00:00",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <param name="connectable">Whether the stub's marketplace apps are configured, so accounts can be connected by OAuth.</param>
    public static async Task<BackstopTestApp> StartAsync(
        FunctionAppFixture fixture, IReadOnlyDictionary<string, string>? overrides = null, Action<IServiceCollection>? testServices = null, bool connectable = false)
    {
        var marketplace = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        var settings = connectable ? new Dictionary<string, string>(StubApps.Default.Settings(marketplace.BaseUrl)) : [];
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return new BackstopTestApp(TestApp.Start(fixture, Settings(settings), marketplace: marketplace, testServices: testServices), marketplace);
    }

    public Task<BackstopRunReport> RunAsync() =>
        App.Services.GetRequiredService<MissedWebhookBackstop>().RunAsync("acme", TestContext.Current.CancellationToken);

    public static BackstopAccountReport For(BackstopRunReport report, SalesChannel channel) =>
        Assert.Single(report.Accounts, a => a.Channel == channel);

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Marketplace.DisposeAsync();
    }
}
