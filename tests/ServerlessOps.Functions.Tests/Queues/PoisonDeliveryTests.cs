using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Queues;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Cosmos.Stores;
using ServerlessOps.Infrastructure.Ingestion;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Functions.Tests.Queues;

public sealed class PoisonDeliveryTests(FunctionAppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WalmartWebhook_ChannelApiDownOnEveryAttempt_IsRetriedQuarantinedAndReplayableOnceItRecovers()
    {
        // Faults are per channel on a stub: a private one keeps this outage away from every other test.
        await using var marketplace = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = WalmartOutage.StartApp(fixture, marketplace, maxDequeueCount: 2);
        var purchaseOrderId = Deliveries.NewWalmartPurchaseOrderId();
        marketplace.PutWalmartOrder(purchaseOrderId, Deliveries.WalmartOrder(purchaseOrderId));
        // Down for exactly the two attempts MaxDequeueCount allows (no client retries): then it recovers.
        marketplace.FailNext(SalesChannel.Walmart, 2, 503);
        var eventId = Deliveries.NewId();

        var ack = await app.Client.SendAcceptedAsync(Deliveries.Walmart(Deliveries.WalmartPoCreated(purchaseOrderId, eventId), eventId));

        // An outage is not the payload's fault: it must be retried (2 attempts), and only then quarantined.
        var entry = await app.Client.WaitForQuarantineAsync(ack.DeliveryKey, q => q.Str("reason").Contains("failed 2 times", StringComparison.Ordinal), TimeSpan.FromSeconds(40));
        Assert.Equal("Open", entry.Str("state"));
        Assert.Equal("Quarantined", (await app.Client.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));
        Assert.Equal(2, WalmartCalls.OrderReads(marketplace).Count);
        Assert.Null(await app.Client.GetOrderAsync($"walmart:{purchaseOrderId}"));

        using (var replay = await app.Client.ReplayAsync(ack.DeliveryKey))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, replay.StatusCode);
        }

        await app.Client.WaitForOrderAsync($"walmart:{purchaseOrderId}");
        await app.Client.WaitForQuarantineAsync(ack.DeliveryKey, q => q.Str("state") == "Resolved");
        Assert.Equal(3, WalmartCalls.OrderReads(marketplace).Count);
    }

    [Fact]
    public async Task QuarantinedWalmartWebhook_ReplayFailingOnEveryAttempt_IsQuarantinedAgainForTheReplaysFailure()
    {
        await using var marketplace = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = WalmartOutage.StartApp(fixture, marketplace, maxDequeueCount: 2);
        var purchaseOrderId = Deliveries.NewWalmartPurchaseOrderId();
        var eventId = Deliveries.NewId();
        var ack = await app.Client.SendAcceptedAsync(Deliveries.Walmart(Deliveries.WalmartPoCreated(purchaseOrderId, eventId), eventId));
        await app.Client.WaitForQuarantineAsync(ack.DeliveryKey, q => q.Str("reason").Contains("404", StringComparison.Ordinal));

        // The entry is the first of the attempt's writes and the delivery's own state the last: until that one, a copy of
        // the message run again (at least once: a lapsed lease on a busy machine) would read the order once more.
        await WaitForRawStateAsync(app, ack.DeliveryKey, "Quarantined");

        // The first cause is fixed, but the channel is down for as long as the replay keeps trying: an outage, not a
        // number of failed calls, so a stray call cannot use up the failures meant for the replay.
        marketplace.PutWalmartOrder(purchaseOrderId, Deliveries.WalmartOrder(purchaseOrderId));
        var outageFrom = DateTimeOffset.UtcNow;
        marketplace.FailFor(SalesChannel.Walmart, TimeSpan.FromMinutes(2), 503);
        using (var replay = await app.Client.ReplayAsync(ack.DeliveryKey))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, replay.StatusCode);
        }

        // The entry must say why the replay failed, not why the delivery failed before it.
        var entry = await WalmartCalls.ExplainTimeoutAsync(
            marketplace,
            () => app.Client.WaitForQuarantineAsync(ack.DeliveryKey, q => q.Str("reason").Contains("failed 2 times", StringComparison.Ordinal), TimeSpan.FromSeconds(40)));
        Assert.DoesNotContain("404", entry.Str("reason"), StringComparison.Ordinal);
        Assert.Equal("Open", entry.Str("state"));
        Assert.Equal(1, entry.Number("replayCount"));
        Assert.Equal(2, WalmartCalls.OrderReads(marketplace).Count(r => r.ReceivedAt >= outageFrom));

        marketplace.Recover(SalesChannel.Walmart);
        using (var again = await app.Client.ReplayAsync(ack.DeliveryKey))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, again.StatusCode);
        }

        await app.Client.WaitForOrderAsync($"walmart:{purchaseOrderId}");
        Assert.Equal(2, (await app.Client.WaitForQuarantineAsync(ack.DeliveryKey, q => q.Str("state") == "Resolved")).Number("replayCount"));
    }

    private static Task<string> WaitForRawStateAsync(TestApp app, string deliveryKey, string state) =>
        Poll.UntilAsync(
            async _ =>
            {
                using var raw = await app.Client.GetRawDeliveryAsync(SalesChannel.Walmart, deliveryKey);
                if (!raw.IsSuccessStatusCode)
                {
                    return null;
                }

                using var view = JsonDocument.Parse(await raw.Content.ReadAsStringAsync(Token));
                return view.RootElement.Str("state") == state ? state : null;
            },
            $"raw delivery {deliveryKey} in state {state}");

    [Fact]
    public async Task ProcessPoisonDelivery_RepeatOfAnUnfinishedDelivery_QuarantinesItAndCountsItsArrival()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var webhook = Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create", webhookId: Deliveries.NewId());
        var ack = await app.Client.SendAcceptedAsync(webhook);

        // The first copy has its own blob and is still unfinished (its attempts keep failing) when the channel sends it again.
        var first = new RawDeliveryBundle(RawDeliveryBundle.NewBlobName(DateTimeOffset.UtcNow), await StoredDeliveries.TakeAsync(app, 1));
        await app.Services.GetRequiredService<DeliveryBatchProcessor>().SpreadAsync(first, Token);
        await app.Client.SendAcceptedAsync(webhook);
        var repeat = StoredDeliveries.InlineBundle(await StoredDeliveries.TakeAsync(app, 1)).ToJson();

        // The repeat's attempts failed too (counting nothing), so its message ends in the poison queue.
        await FunctionInvoker.QueueAsync<ProcessPoisonDelivery>(app, repeat);

        var entry = await app.Client.WaitForEventAsync(ack.DeliveryKey);
        Assert.Equal("Quarantined", entry.Str("outcome"));
        Assert.Equal(2, entry.Number("arrivals"));
    }

    [Fact]
    public async Task ProcessPoisonDelivery_RepeatWhoseFirstCopyWasQuarantinedMeanwhile_CountsItsArrival()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var ack = await app.Client.SendAcceptedAsync(
            Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create", webhookId: Deliveries.NewId()));
        var first = await StoredDeliveries.TakeAsync(app, 1);

        // Both copies failed every attempt; the first copy's poison message is handled first, so the repeat meets it quarantined.
        await FunctionInvoker.QueueAsync<ProcessPoisonDelivery>(app, StoredDeliveries.InlineBundle(first).ToJson());
        var repeat = new DeliveryMessage(first[0].BlobName, first[0].BrandId, ack.DeliveryKey, DeliveryMessageKind.Duplicate);
        await FunctionInvoker.QueueAsync<ProcessPoisonDelivery>(app, repeat.ToJson());

        var entry = await app.Client.WaitForEventAsync(ack.DeliveryKey);
        Assert.Equal("Quarantined", entry.Str("outcome"));
        Assert.Equal(2, entry.Number("arrivals"));
    }

    /// <summary>
    /// A poisoned bundle holds a repeat of an unfinished delivery, then a new delivery whose quarantine write fails: the
    /// handler counts the repeat, throws on the second, and runs again. The repeat is counted once: the handler used to
    /// count it again on every run, so arrivals (and duplicates suppressed) overcounted.
    /// </summary>
    [Fact]
    public async Task ProcessPoisonDelivery_RunAgainAfterCountingARepeat_CountsItsArrivalOnce()
    {
        string? failing = null;
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff(), testServices: s =>
        {
            s.AddSingleton<CosmosQuarantineStore>();
            s.Replace(ServiceDescriptor.Singleton<IQuarantineStore>(sp => new QuarantineCreateDies(sp.GetRequiredService<CosmosQuarantineStore>(), () => failing)));
        });
        var webhook = Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create", webhookId: Deliveries.NewId());
        var ack = await app.Client.SendAcceptedAsync(webhook);
        var first = new RawDeliveryBundle(RawDeliveryBundle.NewBlobName(DateTimeOffset.UtcNow), await StoredDeliveries.TakeAsync(app, 1));
        await app.Services.GetRequiredService<DeliveryBatchProcessor>().SpreadAsync(first, Token);
        await app.Client.SendAcceptedAsync(webhook);
        failing = (await app.Client.SendAcceptedAsync(
            Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create", webhookId: Deliveries.NewId()))).DeliveryKey;
        var repeatFirst = (await StoredDeliveries.TakeAsync(app, 2)).OrderBy(d => d.DeliveryKey == ack.DeliveryKey ? 0 : 1).ToList();
        var poisoned = StoredDeliveries.InlineBundle(repeatFirst).ToJson();

        await Assert.ThrowsAnyAsync<Exception>(() => FunctionInvoker.QueueAsync<ProcessPoisonDelivery>(app, poisoned, dequeueCount: 1));
        await FunctionInvoker.QueueAsync<ProcessPoisonDelivery>(app, poisoned, dequeueCount: 2);

        Assert.Equal(2, (await app.Client.WaitForEventAsync(ack.DeliveryKey)).Number("arrivals"));
        Assert.Equal("Quarantined", (await app.Client.WaitForEventAsync(failing)).Str("outcome"));
    }
}
