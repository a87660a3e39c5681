using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Paging;
using ServerlessOps.Infrastructure.Alerts;
using ServerlessOps.Testing.Alerts;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Alerts;

/// <summary>Sending a notification on the real Cosmos server and Azurite queue, posted to a loopback chat webhook.</summary>
[Collection(SharedAlertEmulators.Name)]
public sealed class AlertNotifierTests(CosmosServerFixture cosmos, AzuriteFixture azurite) : IAsyncLifetime
{
    private ChatWebhookReceiver _chat = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _chat = await ChatWebhookReceiver.StartAsync(Token);

    public async ValueTask DisposeAsync() => await _chat.DisposeAsync();

    /// <summary>
    /// The chat took the post; then the alert is raised again (and again) each time the sender writes down that it was
    /// delivered. Giving up would leave the notification pending for the retry timer, which would post it a second time.
    /// </summary>
    [Fact]
    public async Task Send_RecordingTheDeliveryLosesManyRaces_PostsOnceAndRecordsIt()
    {
        await using var host = await AlertsTestHost.StartAsync(AlertsTestHost.NewSettings(cosmos, azurite, _chat.Url));
        var raised = await host.Raiser.RaiseAsync(
            new AlertRaise(AlertsTestHost.BrandId, AlertKind.SlaMissed, AlertSubject.Order("shopify:1001"), "Order shopify:1001 has not shipped.") { Channel = SalesChannel.Shopify },
            Token);
        var store = new RaisedAgainWhileRecordingStore(host.Store, racesToLose: 12);
        var notifier = ActivatorUtilities.CreateInstance<AlertNotifier>(host.Services, (IAlertStore)store);

        var outcome = await notifier.SendAsync(AlertsTestHost.BrandId, raised.Alert.Id, Token);

        Assert.Equal(AlertNotifyOutcome.Sent, outcome);
        Assert.Equal(12, store.RacesLost);
        Assert.Single(_chat.Delivered);
        var alert = (await host.Store.GetAsync(AlertsTestHost.BrandId, raised.Alert.Id, Token))!.Value;
        Assert.Equal((false, 1, 13), (alert.Notification.Pending, alert.Notification.NotifiedSequence, alert.Occurrences));
    }

    /// <summary>
    /// An <see cref="IAlertStore"/> on which, just before each of the first <c>racesToLose</c> writes recording a delivery,
    /// another instance raises the alert again (a repeat), so the write meets a changed ETag as it would in production.
    /// </summary>
    private sealed class RaisedAgainWhileRecordingStore(IAlertStore inner, int racesToLose) : IAlertStore
    {
        public int RacesLost { get; private set; }

        public async Task<Versioned<Alert>> ReplaceAsync(Versioned<Alert> current, Alert replacement, CancellationToken cancellationToken = default)
        {
            if (RacesLost < racesToLose && replacement.Notification.NotifiedSequence > current.Value.Notification.NotifiedSequence)
            {
                RacesLost++;
                var fresh = (await inner.GetAsync(current.Value.BrandId, current.Value.Id, cancellationToken))!;
                await inner.ReplaceAsync(fresh, fresh.Value with { Occurrences = fresh.Value.Occurrences + 1 }, cancellationToken);
            }

            return await inner.ReplaceAsync(current, replacement, cancellationToken);
        }

        public Task<Versioned<Alert>?> GetAsync(string brandId, string alertId, CancellationToken cancellationToken = default) => inner.GetAsync(brandId, alertId, cancellationToken);

        public Task<Versioned<Alert>> CreateAsync(Alert alert, CancellationToken cancellationToken = default) => inner.CreateAsync(alert, cancellationToken);

        public Task<IReadOnlyList<Alert>> ListAsync(string brandId, AlertState? state = null, AlertKind? kind = null, CancellationToken cancellationToken = default) =>
            inner.ListAsync(brandId, state, kind, cancellationToken);

        public Task<Page<Alert>> ListPageAsync(string brandId, AlertState? state, AlertKind? kind, PageRequest page, CancellationToken cancellationToken = default) =>
            inner.ListPageAsync(brandId, state, kind, page, cancellationToken);

        public Task<IReadOnlyList<Alert>> ListUnresolvedSinceAsync(string brandId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
            inner.ListUnresolvedSinceAsync(brandId, at, cancellationToken);

        public Task<IReadOnlyList<Alert>> ListPendingNotificationsAsync(string brandId, CancellationToken cancellationToken = default) => inner.ListPendingNotificationsAsync(brandId, cancellationToken);

        public Task<IReadOnlyList<AlertCount>> CountUnresolvedAsync(string brandId, CancellationToken cancellationToken = default) => inner.CountUnresolvedAsync(brandId, cancellationToken);

        public Task<int> RepairCountsAsync(string brandId, CancellationToken cancellationToken = default) => inner.RepairCountsAsync(brandId, cancellationToken);
    }
}
