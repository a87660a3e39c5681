using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Alerts;
using ServerlessOps.Testing.Alerts;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Alerts;

/// <summary>Raising on the real Cosmos server and Azurite queue, notifications posted to a loopback chat webhook.</summary>
[Collection(SharedAlertEmulators.Name)]
public sealed class AlertRaiserTests(CosmosServerFixture cosmos, AzuriteFixture azurite) : IAsyncLifetime
{
    private ChatWebhookReceiver _chat = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _chat = await ChatWebhookReceiver.StartAsync(Token);

    public async ValueTask DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task Raise_SameProblemTwice_OneAlertOneNotification()
    {
        await using var host = await StartAsync();

        var first = await host.Raiser.RaiseAsync(SlaMissed("shopify:1001"), Token);
        var second = await host.Raiser.RaiseAsync(SlaMissed("shopify:1001"), Token);

        Assert.Equal((AlertRaiseOutcome.Opened, true), (first.Outcome, first.Notifies));
        Assert.Equal((AlertRaiseOutcome.Repeated, false), (second.Outcome, second.Notifies));
        Assert.Equal(1, await host.QueuedAsync());
        Assert.Equal(1, await host.DrainQueueAsync());
        var post = Assert.Single(_chat.Delivered);
        var alert = await host.GetAsync(first.Alert.Id);
        Assert.Equal((2, false, 1), (alert.Occurrences, alert.Notification.Pending, alert.Notification.NotifiedSequence));
        Assert.NotNull(alert.Notification.NotifiedAt);
        Assert.Single(await host.Store.ListAsync(AlertsTestHost.BrandId, cancellationToken: Token));
        Assert.Equal("application/json; charset=utf-8", post.ContentType);
    }

    [Fact]
    public async Task Raise_TwoInstancesRaceTheSameProblem_OneAlertCountingEveryRaiseAndOneNotification()
    {
        var settings = Settings();
        await using var one = await AlertsTestHost.StartAsync(settings);
        await using var two = await AlertsTestHost.StartAsync(settings);
        using var start = new SemaphoreSlim(0);

        var raises = Enumerable.Range(0, 12).Select(async i =>
        {
            await start.WaitAsync(Token);
            return await (i % 2 == 0 ? one : two).Raiser.RaiseAsync(SlaMissed("shopify:2002"), Token);
        }).ToList();
        start.Release(raises.Count);
        var results = await Task.WhenAll(raises);

        Assert.Single(results, r => r.Outcome == AlertRaiseOutcome.Opened);
        Assert.Equal(11, results.Count(r => r.Outcome == AlertRaiseOutcome.Repeated));
        Assert.Equal(12, (await one.GetAsync(results[0].Alert.Id)).Occurrences);
        Assert.Equal(1, await one.QueuedAsync());

        // Both instances' senders and both sweeps go for it at once: the claim lets one post it.
        var drain = one.DrainQueueAsync();
        var sendTwo = two.Notifier.SendAsync(AlertsTestHost.BrandId, results[0].Alert.Id, Token);
        var sendOne = one.Notifier.SendAsync(AlertsTestHost.BrandId, results[0].Alert.Id, Token);
        await Task.WhenAll(drain, sendTwo, sendOne);

        Assert.Equal(1, await drain);
        Assert.Single(_chat.Delivered);
        Assert.Equal(1, _chat.Attempts);
    }

    /// <summary>
    /// One activity run twice at once by two processes sharing a task hub (they rebalance; an activity runs at least once):
    /// both bring the raise's occurrence key. The loser of the create re-reads, finds the key and counts nothing. It used to
    /// count itself in: occurrences 2 for a problem seen once (the oversell test's CI flake).
    /// </summary>
    [Fact]
    public async Task Raise_SameOccurrenceKeyFromTwoInstancesAtOnce_CountsOnceAndNotifiesOnce()
    {
        var settings = Settings();
        await using var one = await AlertsTestHost.StartAsync(settings);
        await using var two = await AlertsTestHost.StartAsync(settings);
        var raise = SlaMissed("shopify:7007") with { OccurrenceKey = "flow-7007:raise-1" };
        using var start = new SemaphoreSlim(0);

        var raises = new[] { one, two }.Select(async host =>
        {
            await start.WaitAsync(Token);
            return await host.Raiser.RaiseAsync(raise, Token);
        }).ToList();
        start.Release(raises.Count);
        var results = await Task.WhenAll(raises);

        Assert.Equal([AlertRaiseOutcome.Opened, AlertRaiseOutcome.AlreadyCounted], results.Select(r => r.Outcome).Order());
        var alert = await one.GetAsync(results[0].Alert.Id);
        Assert.Equal((1, 1), (alert.Occurrences, alert.Notification.Sequence));
        Assert.Equal(1, await one.QueuedAsync());
        Assert.Equal(1, await one.DrainQueueAsync());
        Assert.Single(_chat.Delivered);
    }

    [Fact]
    public async Task Raise_SameOccurrenceKeyTwiceOnAnOpenAlert_CountsItOnce()
    {
        var settings = Settings();
        await using var one = await AlertsTestHost.StartAsync(settings);
        await using var two = await AlertsTestHost.StartAsync(settings);
        var opened = await one.Raiser.RaiseAsync(SlaMissed("shopify:7008") with { OccurrenceKey = "flow-7008:raise-1" }, Token);
        var again = SlaMissed("shopify:7008") with { OccurrenceKey = "flow-7008:raise-2" };

        var results = await Task.WhenAll(one.Raiser.RaiseAsync(again, Token), two.Raiser.RaiseAsync(again, Token));

        Assert.Equal([AlertRaiseOutcome.Repeated, AlertRaiseOutcome.AlreadyCounted], results.Select(r => r.Outcome).Order());
        var alert = await one.GetAsync(opened.Alert.Id);
        Assert.Equal((2, 1), (alert.Occurrences, alert.Notification.Sequence));
        Assert.Equal(["flow-7008:raise-1", "flow-7008:raise-2"], alert.CountedKeys);
    }

    [Fact]
    public async Task Raise_AfterResolution_NotifiesTheNewEpisode()
    {
        await using var host = await StartAsync();
        var opened = await host.Raiser.RaiseAsync(SlaMissed("shopify:3003"), Token);
        await host.DrainQueueAsync();

        var cleared = await host.Raiser.ClearAsync(AlertsTestHost.BrandId, AlertKind.SlaMissed, AlertSubject.Order("shopify:3003"), "shipped", Token);
        var clearedAgain = await host.Raiser.ClearAsync(AlertsTestHost.BrandId, AlertKind.SlaMissed, AlertSubject.Order("shopify:3003"), "shipped", Token);
        var reopened = await host.Raiser.RaiseAsync(SlaMissed("shopify:3003"), Token);
        await host.DrainQueueAsync();

        Assert.Equal((AlertState.Resolved, "system", "shipped"), (cleared!.State, cleared.ResolvedBy, cleared.Resolution));
        Assert.Null(clearedAgain);
        Assert.Equal((AlertRaiseOutcome.Reopened, 2, opened.Alert.Id), (reopened.Outcome, reopened.Alert.Episode, reopened.Alert.Id));
        Assert.Equal(2, _chat.Delivered.Count);
        Assert.Contains("raised again after it was resolved", _chat.Delivered[1].Text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Someone acknowledges an alert before its notification went out (the queue is slow, the chat was down): the
    /// message is not posted, by the queue or later by the sweep. It used to be posted anyway, telling the owner of a
    /// problem a colleague had already taken.
    /// </summary>
    [Fact]
    public async Task Acknowledged_BeforeItsNotificationWentOut_IsNeverPosted()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        await using var host = await AlertsTestHost.StartAsync(Settings(), clock);
        var raised = await host.Raiser.RaiseAsync(SlaMissed("shopify:4114"), Token);

        var acknowledged = await host.Updater.AcknowledgeAsync(AlertsTestHost.BrandId, raised.Alert.Id, "ana@acme.example", Token);
        await host.DrainQueueAsync();
        clock.Advance(TimeSpan.FromMinutes(10));
        await host.Sweep.RunAsync(Token);

        Assert.Null(acknowledged.Refusal);
        Assert.Equal(0, _chat.Attempts);
        var alert = await host.GetAsync(raised.Alert.Id);
        Assert.Equal((AlertState.Acknowledged, false, 0), (alert.State, alert.Notification.Pending, alert.Notification.NotifiedSequence));
    }

    [Fact]
    public async Task Send_ChatAnswers500Then200_RetriesWithinTheSendAndRecordsDelivery()
    {
        await using var host = await StartAsync();
        _chat.FailNext(500);

        var raised = await host.Raiser.RaiseAsync(SlaMissed("shopify:4004"), Token);
        await host.DrainQueueAsync();

        Assert.Equal([500, 200], _chat.All.Select(p => p.Status));
        var alert = await host.GetAsync(raised.Alert.Id);
        Assert.Equal((false, 0, (string?)null), (alert.Notification.Pending, alert.Notification.Attempts, alert.Notification.LastError));
        Assert.NotNull(alert.Notification.NotifiedAt);
    }

    [Fact]
    public async Task Send_ChatDown_AlertStaysRecordedAndTheSweepSendsItOnceTheChatIsBack()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        await using var host = await AlertsTestHost.StartAsync(Settings(), clock, new Dictionary<string, string?> { ["Alerts:MaxRetries"] = "0" });
        _chat.Down = true;

        var raised = await host.Raiser.RaiseAsync(SlaMissed("shopify:5005"), Token);
        await host.DrainQueueAsync();

        var failed = await host.GetAsync(raised.Alert.Id);
        Assert.Equal((AlertState.Open, true, 1), (failed.State, failed.Notification.Pending, failed.Notification.Attempts));
        Assert.Contains("503", failed.Notification.LastError, StringComparison.Ordinal);
        Assert.Equal(1, _chat.Attempts);
        Assert.Empty(_chat.Delivered);

        // Too early: the sweep leaves it until RetryAfter has passed since the failure.
        Assert.Equal(new AlertSweepResult(0, 0, 0, 0), await host.Sweep.RunAsync(Token));

        _chat.Down = false;
        clock.Advance(TimeSpan.FromMinutes(2));
        var swept = await host.Sweep.RunAsync(Token);

        Assert.Equal(1, swept.Sent);
        Assert.Single(_chat.Delivered);
        var sent = await host.GetAsync(raised.Alert.Id);
        Assert.Equal((false, clock.GetUtcNow()), (sent.Notification.Pending, sent.Notification.NotifiedAt!.Value));
        Assert.Equal(new AlertSweepResult(0, 0, 0, 0), await host.Sweep.RunAsync(Token));
    }

    [Fact]
    public async Task Raise_QueueMissing_AlertStillRecordedAndTheSweepSendsIt()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        await using var host = await AlertsTestHost.StartAsync(Settings(), clock, createQueue: false);

        var raised = await host.Raiser.RaiseAsync(SlaMissed("shopify:6006"), Token);

        Assert.True(raised.Notifies);
        Assert.Contains(host.Logs, l => l.Id.Id == 4602);
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, (await host.Sweep.RunAsync(Token)).Sent);
        Assert.Single(_chat.Delivered);
    }

    [Fact]
    public async Task Notification_Text_NamesOwnerBrandKindSubjectMoneyAndLinksTheAlert()
    {
        await using var host = await StartAsync();

        var raised = await host.Raiser.RaiseAsync(
            new AlertRaise(AlertsTestHost.BrandId, AlertKind.PriceBelowFloor, AlertSubject.Listing(SalesChannel.Walmart, "TEE-RED-M"), "TEE-RED-M sells at 17.50, under its floor of 19.99.")
            {
                Channel = SalesChannel.Walmart,
                MoneyAtStake = new MoneyAtStake(1234.5m, "USD"),
                Evidence = new Dictionary<string, string> { ["floor"] = "19.99", ["price"] = "17.50" },
            },
            Token);
        await host.DrainQueueAsync();

        var text = Assert.Single(_chat.Delivered).Text;
        Assert.Contains("*Price below floor* (Warning, new) for brand *acme*", text, StringComparison.Ordinal);
        Assert.Contains($"Owner: {AlertsTestHost.Owner}", text, StringComparison.Ordinal);
        Assert.Contains("Subject: listing walmart:TEE-RED-M on walmart", text, StringComparison.Ordinal);
        Assert.Contains("Money at stake: 1,234.50 USD", text, StringComparison.Ordinal);
        Assert.Contains("Evidence: floor=19.99, price=17.50", text, StringComparison.Ordinal);
        Assert.EndsWith($"/api/brands/acme/alerts/{raised.Alert.Id}", text, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs, l => l.Message.Contains("test-secret-0001", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Notification_ChannelTextWithChatControlSequences_IsPostedWithoutLiveMentionsOrLinks()
    {
        await using var host = await StartAsync();

        await host.Raiser.RaiseAsync(
            new AlertRaise(AlertsTestHost.BrandId, AlertKind.PriceBelowFloor, AlertSubject.Listing(SalesChannel.Walmart, "<!channel>"), "<!channel> sells under its floor; @here see <http://evil.example|click> & <@U123>")
            {
                Channel = SalesChannel.Walmart,
                Evidence = new Dictionary<string, string> { ["title"] = "<!here> @channel <@U123>" },
            },
            Token);
        await host.DrainQueueAsync();

        var text = Assert.Single(_chat.Delivered).Text;
        foreach (var live in new[] { "<!channel>", "<!here>", "<@U123>", "<http://evil.example|click>", "@here", "@channel" })
        {
            Assert.DoesNotContain(live, text, StringComparison.Ordinal);
        }

        Assert.Contains("Subject: listing walmart:&lt;!channel&gt; on walmart", text, StringComparison.Ordinal);
        Assert.Contains("see &lt;http://evil.example|click&gt; &amp; &lt;@", text, StringComparison.Ordinal);
        Assert.Contains("*Price below floor* (Warning, new) for brand *acme*", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raise_NoWebhookConfigured_RecordsWithoutQueueingAnything()
    {
        await using var host = await AlertsTestHost.StartAsync(AlertsTestHost.NewSettings(cosmos, azurite, webhook: null));

        var raised = await host.Raiser.RaiseAsync(SlaMissed("shopify:7007"), Token);

        Assert.False(raised.Notifies);
        Assert.Equal(AlertsTestHost.Owner, raised.Alert.Owner);
        Assert.Equal(0, await host.QueuedAsync());
        Assert.Empty(await host.Store.ListPendingNotificationsAsync(AlertsTestHost.BrandId, Token));
    }

    [Fact]
    public async Task Raise_Invalid_IsRefusedBeforeAnythingIsStored()
    {
        await using var host = await StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => host.Raiser.RaiseAsync(SlaMissed("shopify:8008") with { Message = " " }, Token));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Raiser.RaiseAsync(SlaMissed("shopify:8008") with { BrandId = "Not A Brand" }, Token));

        Assert.Empty(await host.Store.ListAsync(AlertsTestHost.BrandId, cancellationToken: Token));
    }

    private AlertsTestHostSettings Settings() => AlertsTestHost.NewSettings(cosmos, azurite, _chat.Url);

    private Task<AlertsTestHost> StartAsync() => AlertsTestHost.StartAsync(Settings());

    private static AlertRaise SlaMissed(string orderId) =>
        new(AlertsTestHost.BrandId, AlertKind.SlaMissed, AlertSubject.Order(orderId), $"Order {orderId} was due to ship by 14:00 UTC and has not shipped.")
        {
            Channel = SalesChannel.Shopify,
            Evidence = new Dictionary<string, string> { ["shipBy"] = "2026-12-03T14:00:00Z" },
        };
}
