using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Alerts;
using ServerlessOps.Infrastructure.Registry;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Alerts;

/// <summary>The background service that re-reads every brand's open-alert counts for the gauge.</summary>
[Collection(SharedAlertEmulators.Name)]
public sealed class AlertMetricsRefresherTests(CosmosServerFixture cosmos, AzuriteFixture azurite)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>
    /// The registry could not be read when this instance started (the registry service lets the host start anyway and
    /// answers 503 until it loads). A background service whose ExecuteAsync throws stops the whole host, so the refresher
    /// must wait for the registry like everything else, and report the counts once it has loaded.
    /// </summary>
    [Fact]
    public async Task Refresher_RegistryNotLoadedAtStart_KeepsRunningAndReportsOnceItLoads()
    {
        await using var host = await AlertsTestHost.StartAsync(AlertsTestHost.NewSettings(cosmos, azurite, webhook: null));
        await host.Raiser.RaiseAsync(new AlertRaise(AlertsTestHost.BrandId, AlertKind.SlaMissed, AlertSubject.Order("shopify:1"), "Order shopify:1 is late."), Token);
        var registry = new BrandDirectoryCache();
        await using var services = new ServiceCollection().AddMetrics().AddSingleton<IBrandDirectorySource>(registry).BuildServiceProvider();
        var metrics = new AlertMetrics(services.GetRequiredService<IMeterFactory>());
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        var options = new AlertOptions();
        var logger = new FakeLogger<AlertMetricsRefresher>();
        using var refresher = new AlertMetricsRefresher(
            host.Store, metrics, new AlertBrandIds(services), Microsoft.Extensions.Options.Options.Create(options), clock, logger);

        await refresher.StartAsync(Token);
        await WaitUntilAsync(() => logger.Collector.Count > 0, refresher, "The refresher never tried the registry before it loaded.");
        registry.Replace(new RegistrySnapshot(
            new BrandDirectory([new ChannelAccountRegistration(new ChannelAccount(AlertsTestHost.BrandId, SalesChannel.Shopify, "acme-outfitters.myshopify.com"), new ChannelCredentials(["secret"]))]),
            [],
            new Dictionary<string, string>(),
            clock.GetUtcNow()));

        await WaitUntilAsync(
            () =>
            {
                clock.Advance(options.MetricsRefreshInterval);
                return metrics.Current(AlertsTestHost.BrandId, AlertKind.SlaMissed, AlertState.Open) == 1;
            },
            refresher,
            "The refresher never reported the brand's open alert after the registry loaded.");
        await refresher.StopAsync(Token);
    }

    /// <summary>Waits for <paramref name="condition"/>, failing at once should the refresher stop (a faulted background service stops the host).</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, AlertMetricsRefresher refresher, string timeout)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (refresher.ExecuteTask is { IsFaulted: true } stopped)
            {
                Assert.Fail($"The refresher stopped, and with it the host: {stopped.Exception!.InnerException!.GetType().Name}: {stopped.Exception.InnerException.Message}");
            }

            Assert.True(DateTime.UtcNow < deadline, timeout);
            await Task.Delay(20, Token);
        }
    }
}
