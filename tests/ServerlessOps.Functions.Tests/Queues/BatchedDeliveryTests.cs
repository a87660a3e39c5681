using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Queues;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Functions.Tests.Queues;

/// <summary>
/// Bundles of several deliveries (the edge's group commit), driven as the Functions host would: the function class's
/// <c>[QueueTrigger]</c> wrapper, activated from the app's services. Each delivery keeps its own fate whatever else
/// shares its bundle. The tests re-bundle what the edge stored, so which deliveries share a bundle is up to them.
/// </summary>
public sealed class BatchedDeliveryTests(FunctionAppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProcessWebhookDelivery_BatchWithAFailingDelivery_AppliesTheOthersAndRequeuesTheFailedOneAloneAfterTheRetryDelay()
    {
        await using var marketplace = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = TestApp.Start(
            fixture,
            TestApp.TriggersOff(new Dictionary<string, string>
            {
                ["Queues:VisibilityTimeout"] = "00:00:05",
                ["Channels:Walmart:MaxRetries"] = "0",
            }),
            marketplace: marketplace);
        var purchaseOrderId = Deliveries.NewWalmartPurchaseOrderId();
        marketplace.PutWalmartOrder(purchaseOrderId, Deliveries.WalmartOrder(purchaseOrderId));
        marketplace.FailNext(SalesChannel.Walmart, 1, 503);
        var eventId = Deliveries.NewId();
        var shopify = await app.Client.SendAcceptedAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create"));
        var walmart = await app.Client.SendAcceptedAsync(Deliveries.Walmart(Deliveries.WalmartPoCreated(purchaseOrderId, eventId), eventId));
        var queue = app.Services.GetRequiredService<DeliveryQueues>().Queue;
        var bundle = await StoredDeliveries.RebundleAsync(app, await StoredDeliveries.TakeAsync(app, 2));

        // The bundle is done with: what failed in it now travels on its own.
        await FunctionInvoker.QueueAsync<ProcessWebhookDelivery>(app, bundle.ToJson());

        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(shopify.DeliveryKey)).Str("outcome"));
        await app.Client.WaitForOrderAsync("shopify:" + Deliveries.ShopifyOrderId);
        Assert.Null(await app.Client.GetOrderAsync($"walmart:{purchaseOrderId}"));
        Assert.Empty((await queue.PeekMessagesAsync(32, Token)).Value);
        Assert.Null(await app.Services.GetRequiredService<RawDeliveryBundles>().ReadAsync(bundle.BundleBlobName, Token));

        var retry = await Poll.UntilAsync(
            async ct => (await queue.ReceiveMessageAsync(TimeSpan.FromMinutes(5), ct)).Value,
            "the failed delivery back on the queue after the 5 s retry delay",
            TimeSpan.FromSeconds(20));
        Assert.Equal(walmart.DeliveryKey, DeliveryMessage.Parse(retry.Body.ToString()).DeliveryKey);

        await FunctionInvoker.QueueAsync<ProcessWebhookDelivery>(app, retry.Body.ToString());

        await app.Client.WaitForOrderAsync($"walmart:{purchaseOrderId}");
        Assert.Equal(2, WalmartCalls.OrderReads(marketplace).Count);
    }

    [Fact]
    public async Task ProcessPoisonDelivery_Batch_QuarantinesEachUnfinishedDeliveryAndLeavesProcessedOnesAlone()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var processed = await app.Client.SendAcceptedAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create"));
        var first = await StoredDeliveries.TakeAsync(app, 1);
        await FunctionInvoker.QueueAsync<ProcessWebhookDelivery>(app, (await StoredDeliveries.RebundleAsync(app, first)).ToJson());

        var unfinished = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => app.Client.SendAcceptedAsync(
            Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create", webhookId: Deliveries.NewId()))));
        var bundle = await StoredDeliveries.RebundleAsync(app, [.. first, .. await StoredDeliveries.TakeAsync(app, 2)]);

        await FunctionInvoker.QueueAsync<ProcessPoisonDelivery>(app, bundle.ToJson());

        foreach (var ack in unfinished)
        {
            var entry = await app.Client.WaitForQuarantineAsync(ack.DeliveryKey);
            Assert.Contains("failed 5 times", entry.Str("reason"), StringComparison.Ordinal);
        }

        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(processed.DeliveryKey)).Str("outcome"));
        Assert.DoesNotContain(await app.Client.QuarantineAsync(), q => q.Str("deliveryKey") == processed.DeliveryKey);
        Assert.Null(await app.Services.GetRequiredService<RawDeliveryBundles>().ReadAsync(bundle.BundleBlobName, Token));
    }

    [Fact]
    public async Task ProcessWebhookDelivery_BatchOfSix_NeverProcessesMoreThanMaxConcurrentDeliveriesAtOnce()
    {
        await using var marketplace = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff(new Dictionary<string, string> { ["Ingestion:MaxConcurrentDeliveries"] = "2" }), marketplace: marketplace);
        var orders = await StoredDeliveries.SendWalmartOrdersAsync(app, marketplace, 6);

        // Each order read from Walmart's API takes a second, so deliveries in progress together overlap there.
        marketplace.StallNext(SalesChannel.Walmart, orders.Count, TimeSpan.FromSeconds(1));
        var bundle = await StoredDeliveries.RebundleAsync(app, await StoredDeliveries.TakeAsync(app, orders.Count));
        await FunctionInvoker.QueueAsync<ProcessWebhookDelivery>(app, bundle.ToJson());

        // Four would start at once within one message; the instance-wide budget of two holds them back.
        var reads = WalmartCalls.OrderReads(marketplace).Select(r => r.ReceivedAt).Order().ToList();
        Assert.Equal(orders.Count, reads.Count);
        Assert.All(reads, at => Assert.True(reads.Count(other => other <= at && other > at - TimeSpan.FromSeconds(0.9)) <= 2, $"order reads started at {string.Join(", ", reads.Select(r => r.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)))}"));
        foreach (var order in orders)
        {
            await app.Client.WaitForOrderAsync($"walmart:{order}");
        }
    }
}
