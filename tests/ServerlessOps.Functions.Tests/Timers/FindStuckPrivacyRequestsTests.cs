using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Privacy;
using ServerlessOps.Functions.Tests.Api.Privacy;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Privacy;
using ServerlessOps.Standalone.Timers;

namespace ServerlessOps.Functions.Tests.Timers;

/// <summary>
/// Shopify gives 30 days to act on a privacy request. One that cannot complete (its delivery poisoned, or failing before
/// it was even recorded) is raised to the brand's data owner, once, well before that deadline, and let go once the
/// request completes or its delivery is replayed successfully.
/// </summary>
public sealed class FindStuckPrivacyRequestsTests(FunctionAppFixture fixture)
{
    private const string TimerName = "FindStuckPrivacyRequests";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RequestLeftReceivedPastTheThreshold_RaisesOnePrivacyRequestStuckAlertToTheDataOwner_ResolvedOnceCompleted()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var store = app.Services.GetRequiredService<IPrivacyRequestStore>();
        var received = DateTimeOffset.UtcNow.AddHours(-25);
        var created = await store.CreateAsync(Request("customers-redact-stuck", received), Token);
        var timer = app.Services.GetServices<ITimerFunction>().SingleOrDefault(t => t.Name == TimerName);
        Assert.NotNull(timer);

        await timer.RunAsync(Token);
        await timer.RunAsync(Token);

        var alert = Assert.Single(await AlertsAsync(app));
        Assert.Equal(("Open", "privacy-request", "customers-redact-stuck", 2), (alert.Str("state"), alert.GetProperty("subject").Str("type"), alert.GetProperty("subject").Str("id"), alert.Number("occurrences")));
        Assert.Equal(("Data", "Critical", "ops@acme-outfitters.example"), (alert.Str("signal"), alert.Str("severity"), alert.Str("owner")));
        var message = alert.Str("message");
        Assert.Contains("customers-redact-stuck", message, StringComparison.Ordinal);
        Assert.Contains("customers/redact", message, StringComparison.Ordinal);
        Assert.Contains(received.ToString("u", System.Globalization.CultureInfo.InvariantCulture), message, StringComparison.Ordinal);
        Assert.Contains(PrivacyDeadlines.DueBy(received).ToString("u", System.Globalization.CultureInfo.InvariantCulture), message, StringComparison.Ordinal);

        // As the processor leaves it once a retry or a replay finishes it.
        await store.ReplaceAsync(created.Value with { State = PrivacyRequestState.Completed, CompletedAt = DateTimeOffset.UtcNow }, created.ETag, Token);
        await timer.RunAsync(Token);

        var resolved = Assert.Single(await AlertsAsync(app));
        Assert.Equal(("Resolved", "system"), (resolved.Str("state"), resolved.Str("resolvedBy")));
        Assert.Contains("completed", resolved.Str("resolution"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestReceivedLessThanTheThresholdAgo_IsNotRaised()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        await app.Services.GetRequiredService<IPrivacyRequestStore>().CreateAsync(Request("customers-redact-young", DateTimeOffset.UtcNow.AddHours(-1)), Token);
        var timer = app.Services.GetServices<ITimerFunction>().SingleOrDefault(t => t.Name == TimerName);
        Assert.NotNull(timer);

        await timer.RunAsync(Token);

        Assert.Empty(await AlertsAsync(app));
    }

    [Fact]
    public async Task PrivacyDeliveryPoisonedBeforeItWasRecorded_RaisesOneAlertOnTheQuarantinedDelivery_ResolvedOnceReplayed()
    {
        var down = new PrivacyStoreDown();
        await using var app = StartWithPrivacyStore(down);
        var buyer = PrivacyBuyer.New();
        var ack = await app.Client.SendAcceptedAsync(Deliveries.Shopify(buyer.Redact(Deliveries.Digits(13)), "customers/redact"));
        await app.Client.WaitForQuarantineAsync(ack.DeliveryKey, q => q.Str("reason").Contains("failed 2 times", StringComparison.Ordinal), TimeSpan.FromSeconds(40));
        var timer = app.Services.GetServices<ITimerFunction>().SingleOrDefault(t => t.Name == TimerName);
        Assert.NotNull(timer);

        await timer.RunAsync(Token);
        await timer.RunAsync(Token);

        var alert = Assert.Single(await AlertsAsync(app));
        Assert.Equal(("Open", "quarantined-delivery", ack.DeliveryKey), (alert.Str("state"), alert.GetProperty("subject").Str("type"), alert.GetProperty("subject").Str("id")));
        Assert.Equal(("Data", "Critical"), (alert.Str("signal"), alert.Str("severity")));
        Assert.Contains("customers/redact", alert.Str("message"), StringComparison.Ordinal);
        PrivacyApp.AssertFreeOf(alert.GetRawText(), buyer.PersonalValues, "the alert");

        down.IsDown = false;
        using (var replay = await app.Client.ReplayAsync(ack.DeliveryKey))
        {
            Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        }

        await app.Client.WaitForQuarantineAsync(ack.DeliveryKey, q => q.Str("state") == "Resolved");
        await timer.RunAsync(Token);

        var alerts = await AlertsAsync(app);
        var resolved = Assert.Single(alerts, a => a.GetProperty("subject").Str("type") == "quarantined-delivery");
        Assert.Equal(("Resolved", "system"), (resolved.Str("state"), resolved.Str("resolvedBy")));
        Assert.Equal("Completed", Assert.Single(await PrivacyApp.RequestsAsync(app)).Str("state"));
    }

    [Fact]
    public async Task QuarantinedPrivacyDeliveryWhoseRequestAResendCompleted_IsNotRaised_AndItsAlertIsResolved()
    {
        var down = new PrivacyStoreDown();
        await using var app = StartWithPrivacyStore(down);
        var buyer = PrivacyBuyer.New();
        var orderId = Deliveries.Digits(13);
        var first = await app.Client.SendAcceptedAsync(Deliveries.Shopify(buyer.Redact(orderId), "customers/redact"));
        await app.Client.WaitForQuarantineAsync(first.DeliveryKey, q => q.Str("reason").Contains("failed 2 times", StringComparison.Ordinal), TimeSpan.FromSeconds(40));
        var timer = app.Services.GetServices<ITimerFunction>().SingleOrDefault(t => t.Name == TimerName);
        Assert.NotNull(timer);
        await timer.RunAsync(Token);
        Assert.Equal("Open", Assert.Single(await AlertsAsync(app)).Str("state"));

        // Shopify sends the same request again as a new event; it completes the request, the first copy stays in quarantine.
        down.IsDown = false;
        await PrivacyApp.DeliverAsync(app, Deliveries.Shopify(buyer.Redact(orderId), "customers/redact"));
        var request = Assert.Single(await PrivacyApp.RequestsAsync(app));
        Assert.Equal("Completed", request.Str("state"));
        Assert.Equal("Open", (await app.Client.WaitForQuarantineAsync(first.DeliveryKey)).Str("state"));

        await timer.RunAsync(Token);
        await timer.RunAsync(Token);

        var alert = Assert.Single(await AlertsAsync(app));
        Assert.Equal(("Resolved", "system", 1), (alert.Str("state"), alert.Str("resolvedBy"), alert.Number("occurrences")));
        Assert.Contains(request.Str("id"), alert.Str("resolution"), StringComparison.Ordinal);
        Assert.Contains("completed", alert.Str("resolution"), StringComparison.Ordinal);
    }

    private static PrivacyRequest Request(string id, DateTimeOffset receivedAt) => new()
    {
        Id = id,
        BrandId = "acme",
        Channel = SalesChannel.Shopify,
        AccountId = "acme-outfitters.myshopify.com",
        Kind = PrivacyRequestKind.CustomerRedact,
        CustomerId = Deliveries.Digits(13),
        DeliveryKeys = [$"shopify:{Deliveries.NewId()}"],
        ReceivedAt = receivedAt,
        DueBy = PrivacyDeadlines.DueBy(receivedAt),
    };

    [Fact]
    public async Task HourlyRun_AmongManyCompletedRequests_ReadsOnlyTheRequestsNotCompleted()
    {
        var listed = new PrivacyRequestsListed();
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff(), testServices: s =>
        {
            s.AddSingleton<CosmosPrivacyRequestStore>();
            s.Replace(ServiceDescriptor.Singleton<IPrivacyRequestStore>(sp => listed.Wrap(sp.GetRequiredService<CosmosPrivacyRequestStore>())));
        });
        var store = app.Services.GetRequiredService<IPrivacyRequestStore>();
        for (var i = 0; i < 40; i++)
        {
            var done = await store.CreateAsync(Request($"customers-redact-done-{i}", DateTimeOffset.UtcNow.AddDays(-40)), Token);
            await store.ReplaceAsync(done.Value with { State = PrivacyRequestState.Completed, CompletedAt = DateTimeOffset.UtcNow.AddDays(-39) }, done.ETag, Token);
        }

        await store.CreateAsync(Request("customers-redact-stuck-among-done", DateTimeOffset.UtcNow.AddHours(-25)), Token);
        var timer = app.Services.GetServices<ITimerFunction>().SingleOrDefault(t => t.Name == TimerName);
        Assert.NotNull(timer);

        await timer.RunAsync(Token);

        Assert.Equal(1, listed.Documents);
        var alert = Assert.Single(await AlertsAsync(app));
        Assert.Equal(("Open", "customers-redact-stuck-among-done"), (alert.Str("state"), alert.GetProperty("subject").Str("id")));
    }

    /// <summary>The app with its privacy request store behind <paramref name="down"/>; a delivery is poisoned after 2 attempts.</summary>
    private TestApp StartWithPrivacyStore(PrivacyStoreDown down) => TestApp.Start(
        fixture,
        new Dictionary<string, string>
        {
            ["Ingestion:MaxDequeueCount"] = "2",
            ["Queues:VisibilityTimeout"] = "00:00:05",
            ["Backstop:TimerEnabled"] = "false",
        },
        testServices: s =>
        {
            s.AddSingleton<CosmosPrivacyRequestStore>();
            s.Replace(ServiceDescriptor.Singleton<IPrivacyRequestStore>(sp => down.Wrap(sp.GetRequiredService<CosmosPrivacyRequestStore>())));
        });

    private static async Task<JsonElement[]> AlertsAsync(TestApp app) =>
        (await app.Client.GetOkBodyAsync("api/brands/acme/alerts?kind=privacy-request-stuck")).EnumerateArray().ToArray();
}
