using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Queues;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Functions.Tests.Webhooks;

public sealed class DuplicateDeliveryTests(FunctionAppFixture fixture)
{
    private const string OrderId = "shopify:" + Deliveries.ShopifyOrderId;

    [Fact]
    public async Task ShopifyWebhook_SameDeliverySentTwice_OneOrderOneEventCountingBothArrivals()
    {
        await using var app = TestApp.Start(fixture);
        var webhook = Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create");

        var first = await app.Client.SendAcceptedAsync(webhook);
        await app.Client.WaitForEventAsync(first.DeliveryKey);
        var second = await app.Client.SendAcceptedAsync(webhook);

        // Both answered "accepted" (stored); telling the repeat apart is processing's work, seen in the arrivals.
        Assert.Equal(["accepted", "accepted"], [first.Status, second.Status]);
        Assert.Equal(first.DeliveryKey, second.DeliveryKey);
        var entry = await app.Client.WaitForEventAsync(first.DeliveryKey, e => e.Number("arrivals") == 2 && AppClient.FinalOutcomes.Contains(e.Str("outcome")));
        Assert.Equal("Applied", entry.Str("outcome"));
        Assert.Single(await app.Client.ChannelEventsAsync());
        var order = await app.Client.WaitForOrderAsync(OrderId);
        Assert.Single(order.Items("deliveries"));
        Assert.Single(await app.Client.OrdersForDayAsync(new DateOnly(2026, 11, 20)));
    }

    [Fact]
    public async Task ShopifyWebhook_SameDeliverySentFiveTimesConcurrently_OneOrderOneEventCountingEveryArrival()
    {
        await using var app = TestApp.Start(fixture);
        var webhook = Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create");

        var acks = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => app.Client.SendAcceptedAsync(webhook)));

        Assert.Single(acks.Select(a => a.DeliveryKey).Distinct());
        Assert.All(acks, a => Assert.Equal("accepted", a.Status));
        var key = acks[0].DeliveryKey;
        var entry = await app.Client.WaitForEventAsync(key, e => e.Number("arrivals") == 5 && AppClient.FinalOutcomes.Contains(e.Str("outcome")));
        Assert.Equal("Applied", entry.Str("outcome"));
        var order = await app.Client.WaitForOrderAsync(OrderId);
        Assert.Equal(key, Assert.Single(order.Items("deliveries")).Str("deliveryKey"));
        Assert.Single(await app.Client.ChannelEventsAsync());
        Assert.Single(await app.Client.OrdersForDayAsync(new DateOnly(2026, 11, 20)));
    }

    [Fact]
    public async Task WalmartWebhook_DuplicateWhoseProcessingFailsAndIsRetried_CountsItsArrivalOnce()
    {
        // Faults are per channel on a stub: a private one keeps this outage away from every other test.
        await using var marketplace = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = WalmartOutage.StartApp(fixture, marketplace, maxDequeueCount: 20);
        var purchaseOrderId = Deliveries.NewWalmartPurchaseOrderId();
        marketplace.PutWalmartOrder(purchaseOrderId, Deliveries.WalmartOrder(purchaseOrderId));
        marketplace.FailNext(SalesChannel.Walmart, 4, 503);
        var eventId = Deliveries.NewId();
        var webhook = Deliveries.Walmart(Deliveries.WalmartPoCreated(purchaseOrderId, eventId), eventId);

        // The repeat arrives while the first copy is still failing, so it is processed too, and fails, and is retried.
        var first = await app.Client.SendAcceptedAsync(webhook);
        await Poll.UntilAsync(_ => Task.FromResult(marketplace.RequestCount(SalesChannel.Walmart) >= 1 ? "read" : null), "the first copy's failed order read");
        await app.Client.SendAcceptedAsync(webhook);
        await app.Client.WaitForOrderAsync($"walmart:{purchaseOrderId}", timeout: TimeSpan.FromSeconds(90));
        var queue = new QueueClient(fixture.Azurite.ConnectionString, app.Services.GetRequiredService<IOptions<IngestionOptions>>().Value.QueueName);
        await Poll.UntilAsync(
            async token => (await queue.GetPropertiesAsync(token)).Value.ApproximateMessagesCount == 0 ? "drained" : null,
            "every attempt of both copies to finish",
            TimeSpan.FromSeconds(90));

        Assert.True(marketplace.RequestCount(SalesChannel.Walmart) >= 5, "both copies failed before the order landed");
        var entry = await app.Client.WaitForEventAsync(first.DeliveryKey, e => AppClient.FinalOutcomes.Contains(e.Str("outcome")));
        Assert.Equal("Applied", entry.Str("outcome"));
        Assert.Equal(2, entry.Number("arrivals"));
    }

    /// <summary>
    /// A repeat's message is run again after it counted the repeat (its delete failed: a lapsed lease, a storage blip). The
    /// repeat is counted once: it used to be counted on every run, so arrivals (and duplicates suppressed) overcounted.
    /// </summary>
    [Fact]
    public async Task ProcessWebhookDelivery_RepeatsMessageRunAgainAfterCountingIt_CountsItsArrivalOnce()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var webhook = Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create", webhookId: Deliveries.NewId());
        var ack = await app.Client.SendAcceptedAsync(webhook);
        await FunctionInvoker.QueueAsync<ProcessWebhookDelivery>(app, StoredDeliveries.InlineBundle(await StoredDeliveries.TakeAsync(app, 1)).ToJson());
        await app.Client.SendAcceptedAsync(webhook);
        var repeat = StoredDeliveries.InlineBundle(await StoredDeliveries.TakeAsync(app, 1)).ToJson();

        await FunctionInvoker.QueueAsync<ProcessWebhookDelivery>(app, repeat);
        await FunctionInvoker.QueueAsync<ProcessWebhookDelivery>(app, repeat, dequeueCount: 2);

        var entry = await app.Client.WaitForEventAsync(ack.DeliveryKey);
        Assert.Equal("Applied", entry.Str("outcome"));
        Assert.Equal(2, entry.Number("arrivals"));
    }
}
