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
        var bundle = await RebundleAsync(app, await TakeDeliveriesAsync(app, 2));

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
        Assert.Equal(2, marketplace.RequestCount(SalesChannel.Walmart));
    }

    [Fact]
    public async Task ProcessPoisonDelivery_Batch_QuarantinesEachUnfinishedDeliveryAndLeavesProcessedOnesAlone()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var processed = await app.Client.SendAcceptedAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create"));
        var first = await TakeDeliveriesAsync(app, 1);
        await FunctionInvoker.QueueAsync<ProcessWebhookDelivery>(app, (await RebundleAsync(app, first)).ToJson());

        var unfinished = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => app.Client.SendAcceptedAsync(
            Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create", webhookId: Deliveries.NewId()))));
        var bundle = await RebundleAsync(app, [.. first, .. await TakeDeliveriesAsync(app, 2)]);

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
        var orders = Enumerable.Range(0, 6).Select(_ => Deliveries.NewWalmartPurchaseOrderId()).ToList();
        foreach (var order in orders)
        {
            marketplace.PutWalmartOrder(order, Deliveries.WalmartOrder(order));
            var eventId = Deliveries.NewId();
            await app.Client.SendAcceptedAsync(Deliveries.Walmart(Deliveries.WalmartPoCreated(order, eventId), eventId));
        }

        // Each order read from Walmart's API takes a second, so deliveries in progress together overlap there.
        marketplace.StallNext(SalesChannel.Walmart, orders.Count, TimeSpan.FromSeconds(1));
        var bundle = await RebundleAsync(app, await TakeDeliveriesAsync(app, orders.Count));
        await FunctionInvoker.QueueAsync<ProcessWebhookDelivery>(app, bundle.ToJson());

        // Four would start at once within one message; the instance-wide budget of two holds them back.
        var reads = marketplace.Requests(SalesChannel.Walmart).Select(r => r.ReceivedAt).Order().ToList();
        Assert.Equal(orders.Count, reads.Count);
        Assert.All(reads, at => Assert.True(reads.Count(other => other <= at && other > at - TimeSpan.FromSeconds(0.9)) <= 2, $"order reads started at {string.Join(", ", reads.Select(r => r.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)))}"));
        foreach (var order in orders)
        {
            await app.Client.WaitForOrderAsync($"walmart:{order}");
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> deliveries the edge stored (however it bundled them), with their queue messages
    /// and bundles removed. Waited for: the edge acknowledges once a bundle is written and queues it just after.
    /// </summary>
    private static async Task<List<RawDelivery>> TakeDeliveriesAsync(TestApp app, int count)
    {
        var queue = app.Services.GetRequiredService<DeliveryQueues>().Queue;
        var bundles = app.Services.GetRequiredService<RawDeliveryBundles>();
        var deliveries = new List<RawDelivery>();
        await Poll.UntilAsync(
            async ct =>
            {
                foreach (var message in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5), ct)).Value)
                {
                    Assert.True(DeliveryBundleMessage.TryParse(message.Body.ToString(), out var bundle));
                    deliveries.AddRange((await bundles.ReadAsync(bundle!.BundleBlobName, ct))!.Deliveries);
                    await bundles.DeleteAsync(bundle.BundleBlobName, ct);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
                }

                return deliveries.Count >= count ? deliveries : null;
            },
            $"{count} deliveries on the queue",
            lastSeen: () => $"{deliveries.Count} taken");
        return deliveries;
    }

    /// <summary>Stores <paramref name="deliveries"/> as one bundle, as the edge does when they arrive together; returns its message.</summary>
    private static async Task<DeliveryBundleMessage> RebundleAsync(TestApp app, IReadOnlyList<RawDelivery> deliveries)
    {
        var bundle = new RawDeliveryBundle(RawDeliveryBundle.NewBlobName(DateTimeOffset.UtcNow), deliveries);
        await app.Services.GetRequiredService<RawDeliveryBundles>().WriteAsync(bundle, Token);
        return new DeliveryBundleMessage(bundle.BlobName);
    }
}
