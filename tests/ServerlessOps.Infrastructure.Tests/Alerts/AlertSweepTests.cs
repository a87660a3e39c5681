using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Infrastructure.Alerts;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.OrderFlow;
using ServerlessOps.Testing.Alerts;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Alerts;

/// <summary>The retry timer's sweep on the real Cosmos server and Azurite queue, posting to a loopback chat webhook.</summary>
[Collection(SharedAlertEmulators.Name)]
public sealed class AlertSweepTests(CosmosServerFixture cosmos, AzuriteFixture azurite) : IAsyncLifetime
{
    private const string OtherBrand = "zeta";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
    private ChatWebhookReceiver _chat = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _chat = await ChatWebhookReceiver.StartAsync(Token);

    public async ValueTask DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task Sweep_OneBrandsAlertUnreadable_LogsItAndStillSendsTheNextBrandsNotification()
    {
        await using var host = await AlertsTestHost.StartAsync(
            AlertsTestHost.NewSettings(cosmos, azurite, _chat.Url), _clock, otherBrands: [OtherBrand]);
        var broken = await host.Raiser.RaiseAsync(SlaMissed(AlertsTestHost.BrandId, "shopify:1001"), Token);
        var healthy = await host.Raiser.RaiseAsync(SlaMissed(OtherBrand, "shopify:2002"), Token);

        // A document this build cannot read (a newer release wrote it) in the first brand swept.
        var document = AlertDocument.FromDomain(broken.Alert);
        var future = new AlertDocument
        {
            Id = document.Id, Pk = document.Pk, BrandId = document.BrandId, DedupeKey = document.DedupeKey, Kind = document.Kind,
            State = document.State, NotifyPending = true, LastSeen = document.LastSeen, Alert = document.Alert, SchemaVersion = 99,
        };
        await host.Services.GetRequiredService<CosmosContainers>().Alerts.UpsertItemAsync(future, new PartitionKey(future.Pk), cancellationToken: Token);
        _clock.Advance(TimeSpan.FromMinutes(2));

        var swept = await host.Sweep.RunAsync(Token);

        Assert.Equal((1, 1), (swept.Sent, swept.BrandsFailed));
        Assert.Contains(OtherBrand, Assert.Single(_chat.Delivered).Text, StringComparison.Ordinal);
        Assert.False((await host.Store.GetAsync(OtherBrand, healthy.Alert.Id, Token))!.Value.Notification.Pending);
        var failure = Assert.Single(host.Logs, l => l.Id.Id == 4613);
        Assert.Equal(LogLevel.Error, failure.Level);
        Assert.Contains(AlertsTestHost.BrandId, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_ChatRefusesTheWebhookForGood_BacksOffDoublingWarnsAndKeepsTheAlertPending()
    {
        await using var host = await AlertsTestHost.StartAsync(AlertsTestHost.NewSettings(cosmos, azurite, _chat.Url), _clock);
        _chat.FailNext(404, 404, 404);

        var raised = await host.Raiser.RaiseAsync(SlaMissed(AlertsTestHost.BrandId, "shopify:3003"), Token);
        await host.DrainQueueAsync();
        Assert.Equal(1, _chat.Attempts);

        // Refused once: tried again after RetryAfter (2 min), as any failure.
        _clock.Advance(TimeSpan.FromMinutes(2));
        await host.Sweep.RunAsync(Token);
        Assert.Equal(2, _chat.Attempts);

        // Refused twice: the next try waits twice as long (4 min), so a sweep 2 min later leaves the dead URL alone.
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(new AlertSweepResult(0, 0, 0, 0), await host.Sweep.RunAsync(Token));
        Assert.Equal(2, _chat.Attempts);
        _clock.Advance(TimeSpan.FromMinutes(2));
        await host.Sweep.RunAsync(Token);
        Assert.Equal(3, _chat.Attempts);

        var refused = await host.GetAsync(raised.Alert.Id);
        Assert.Equal((true, 3), (refused.Notification.Pending, refused.Notification.Attempts));
        Assert.Contains("404", refused.Notification.LastError, StringComparison.Ordinal);
        var warnings = host.Logs.Where(l => l.Id.Id == 4614).ToList();
        Assert.Equal(3, warnings.Count);
        Assert.All(warnings, w => Assert.Equal(LogLevel.Warning, w.Level));
        Assert.Contains(raised.Alert.Id, warnings[^1].Message, StringComparison.Ordinal);
        Assert.Contains("404", warnings[^1].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs, l => l.Message.Contains("test-secret-0001", StringComparison.Ordinal));

        // Someone fixes the channel: the alert is not lost, it goes out once its back-off (8 min) has passed.
        _clock.Advance(TimeSpan.FromMinutes(8));
        Assert.Equal(1, (await host.Sweep.RunAsync(Token)).Sent);
        Assert.Single(_chat.Delivered);
        Assert.False((await host.GetAsync(raised.Alert.Id)).Notification.Pending);
    }

    /// <summary>
    /// Orders whose flows ended before a flow resolved its price alerts when it ended: their alerts would stay open for
    /// good. The sweep resolves those of ended flows only, in the brand of the end, and doing it again changes nothing.
    /// </summary>
    [Fact]
    public async Task Sweep_PriceAlertsOfOrdersWhoseFlowEnded_AreResolvedOnceAndOnlyThose()
    {
        await using var host = await AlertsTestHost.StartAsync(
            AlertsTestHost.NewSettings(cosmos, azurite, webhook: null), _clock, otherBrands: [OtherBrand]);
        var ended = await host.Raiser.RaiseAsync(OrderPrice(AlertsTestHost.BrandId, AlertKind.PriceBelowFloor, "shopify:1001"), Token);
        var endedAcknowledged = await host.Raiser.RaiseAsync(OrderPrice(AlertsTestHost.BrandId, AlertKind.ContributionNegative, "shopify:1001"), Token);
        await host.Updater.AcknowledgeAsync(AlertsTestHost.BrandId, endedAcknowledged.Alert.Id, "ana", Token);
        var running = await host.Raiser.RaiseAsync(OrderPrice(AlertsTestHost.BrandId, AlertKind.PriceBelowFloor, "shopify:2002"), Token);
        var otherBrand = await host.Raiser.RaiseAsync(OrderPrice(OtherBrand, AlertKind.PriceBelowFloor, "shopify:1001"), Token);
        var sla = await host.Raiser.RaiseAsync(SlaMissed(AlertsTestHost.BrandId, "shopify:1001"), Token);
        var flowEnds = ActivatorUtilities.CreateInstance<CosmosOrderFlowEndStore>(host.Services);
        await flowEnds.RecordAsync(new OrderFlowEnd(AlertsTestHost.BrandId, "shopify:1001", "flow-1001", "completed", _clock.GetUtcNow()), Token);
        var swept = await host.Sweep.RunAsync(Token);

        Assert.Equal(2, swept.OrderPriceAlertsResolved);
        foreach (var alert in new[] { ended, endedAcknowledged })
        {
            var resolved = await host.GetAsync(alert.Alert.Id);
            Assert.Equal((AlertState.Resolved, AlertTransitions.System, "The order's flow ended (completed)."), (resolved.State, resolved.ResolvedBy, resolved.Resolution));
        }

        Assert.Equal(AlertState.Open, (await host.GetAsync(running.Alert.Id)).State);
        Assert.Equal(AlertState.Open, (await host.GetAsync(sla.Alert.Id)).State);
        Assert.Equal(AlertState.Open, (await host.Store.GetAsync(OtherBrand, otherBrand.Alert.Id, Token))!.Value.State);
        Assert.Equal(0, (await host.Sweep.RunAsync(Token)).OrderPriceAlertsResolved);
    }

    private static AlertRaise OrderPrice(string brandId, AlertKind kind, string orderId) =>
        new(brandId, kind, AlertSubject.Order(orderId), $"Order {orderId} sold a line under its floor.") { Channel = SalesChannel.Shopify };

    private static AlertRaise SlaMissed(string brandId, string orderId) =>
        new(brandId, AlertKind.SlaMissed, AlertSubject.Order(orderId), $"Order {orderId} was due to ship by 14:00 UTC and has not shipped.")
        {
            Channel = SalesChannel.Shopify,
        };
}
