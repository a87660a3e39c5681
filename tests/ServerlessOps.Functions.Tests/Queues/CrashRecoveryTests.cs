using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Local;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Storage;
using ServerlessOps.Testing.LocalStack;
using ServerlessOps.Testing.Webhooks;
using Microsoft.Extensions.Options;

namespace ServerlessOps.Functions.Tests.Queues;

/// <summary>The app as a real process: SIGKILLed after acknowledging but before processing, then restarted.</summary>
public sealed class CrashRecoveryTests(FunctionAppFixture fixture)
{
    [Fact]
    public async Task FunctionApp_KilledAfterAcknowledgingBeforeProcessing_NextProcessProcessesEveryDeliveryOnce()
    {
        var settings = fixture.Settings(LocalStackSettings.NewRunId());
        var walmartOrder = Deliveries.NewWalmartPurchaseOrderId();
        var tiktokOrder = Deliveries.NewTikTokOrderId();
        var amazonOrder = Deliveries.NewAmazonOrderId();
        fixture.Marketplace.PutWalmartOrder(walmartOrder, Deliveries.WalmartOrder(walmartOrder));
        fixture.Marketplace.PutTikTokOrder(tiktokOrder, Deliveries.TikTokOrder(tiktokOrder));
        Deliveries.PutAmazonOrder(fixture.Marketplace, amazonOrder, 70.24m);
        var walmartEvent = Deliveries.NewId();
        var tiktokNotification = Deliveries.Digits(19);
        var amazonNotification = Deliveries.NewId();
        var shopify = Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create");
        SignedWebhook[] webhooks =
        [
            shopify,
            Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-cancelled.json"), "orders/cancelled"),
            Deliveries.Walmart(Deliveries.WalmartPoCreated(walmartOrder, walmartEvent), walmartEvent),
            Deliveries.TikTok(Deliveries.TikTokStatusChange(tiktokOrder, tiktokNotification), tiktokNotification),
            Deliveries.Amazon(Deliveries.AmazonOrderChange(amazonOrder, amazonNotification, Deliveries.AmazonShape.EventBridge), amazonNotification),
            shopify,
        ];
        string[] orderIds = ["shopify:6120001122334", "shopify:6120001122345", $"walmart:{walmartOrder}", $"tiktok:{tiktokOrder}", $"amazon:{amazonOrder}"];

        var shopifyKey = ServerlessOps.Domain.Ingestion.DeliveryKey.For(SalesChannel.Shopify, "acme-outfitters.myshopify.com", shopify.DeliveryId);
        var keys = new HashSet<string>();
        await using (var first = await FunctionAppProcess.StartAsync(With(settings, StandaloneTriggers.RunTriggersKey, "false"), TestContext.Current.CancellationToken))
        {
            using var client = new AppClient(new HttpClient { BaseAddress = first.BaseAddress });
            foreach (var webhook in webhooks)
            {
                keys.Add((await client.SendAcceptedAsync(webhook)).DeliveryKey);
            }

            // Acknowledged once stored; the premise here is stored and queued, so wait for the handed-off sends.
            // (A crash before a hand-off leaves the delivery to the recovery sweep: RecoverStrandedDeliveriesTests.)
            var queue = new QueueClient(fixture.Azurite.ConnectionString, settings["Ingestion:QueueName"], new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
            var bundles = new RawDeliveryBundles(
                new BlobServiceClient(fixture.Azurite.ConnectionString),
                Options.Create(new IngestionOptions { RawContainer = settings["Ingestion:RawContainer"] }));
            await Poll.UntilAsync(
                async ct => await QueuedDeliveriesAsync(queue, bundles, ct) >= webhooks.Length ? queue : null,
                $"all {webhooks.Length} deliveries on the queue");

            // Acknowledged, stored, queued, not processed: then the process dies without any shutdown code running.
            Assert.All(await client.ChannelEventsAsync(), e => Assert.NotEqual("Applied", e.Str("outcome")));
            first.Kill();
            Assert.True(first.HasExited);
        }

        await using var second = await FunctionAppProcess.StartAsync(settings, TestContext.Current.CancellationToken);
        using var recovered = new AppClient(new HttpClient { BaseAddress = second.BaseAddress });
        foreach (var key in keys)
        {
            Assert.Equal("Applied", (await recovered.WaitForEventAsync(key, e => e.Str("outcome") == "Applied" && e.Number("arrivals") == (key == shopifyKey ? 2 : 1))).Str("outcome"));
        }

        foreach (var orderId in orderIds)
        {
            var order = await recovered.WaitForOrderAsync(orderId);
            Assert.Single(order.Items("deliveries"));
        }

        Assert.Equal(keys.Count, (await recovered.ChannelEventsAsync()).Length);
        Assert.Equal($"walmart:{walmartOrder}", Assert.Single(await recovered.ChannelEventsAsync(SalesChannel.Walmart)).Str("orderId"));

        // All five were placed on 2026-11-20 (UTC): the day's list has each once, newest placement first.
        var day = await recovered.OrdersForDayAsync(new DateOnly(2026, 11, 20));
        Assert.Equal(orderIds.Order(), day.Select(o => o.GetProperty("order").Str("id")).Order());
        var placed = day.Select(o => o.GetProperty("order").Time("placedAt")).ToList();
        Assert.Equal(placed.OrderDescending(), placed);
        Assert.Equal(5, keys.Count);
        Assert.Empty(await recovered.QuarantineAsync());
    }

    /// <summary>
    /// Killed while its own listener is working through 20 updates of one order: some are done, some half done
    /// (order written, event or blob state not yet), some untouched. Wherever the kill lands, the restart must
    /// end with the newest version and every delivery counted exactly once.
    /// </summary>
    [Fact]
    public async Task FunctionApp_KilledWhileProcessing_RestartEndsOnNewestVersionWithEveryDeliveryOnce()
    {
        // Acknowledged only once queued, so every delivery is on the queue whenever the kill lands: this test is
        // about a crash in the middle of processing, not before a hand-off (that one is the recovery sweep's).
        var settings = fixture.Settings(LocalStackSettings.NewRunId(), overrides: new Dictionary<string, string> { ["Ingestion:AcknowledgeAfter"] = "Queued" });
        var baseline = DateTimeOffset.Parse("2026-11-21T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var versions = Enumerable.Range(1, 20).Select(i => baseline.AddMinutes(i)).OrderBy(_ => Random.Shared.Next()).ToArray();
        var keys = new HashSet<string>();
        await using (var first = await FunctionAppProcess.StartAsync(settings, TestContext.Current.CancellationToken))
        {
            using var client = new AppClient(new HttpClient { BaseAddress = first.BaseAddress });
            var acks = await Task.WhenAll(versions.Select(at => client.SendAcceptedAsync(Deliveries.Shopify(Deliveries.ShopifyUpdated(at), "orders/updated"))));
            keys.UnionWith(acks.Select(a => a.DeliveryKey));

            // Kill once processing has begun, so the crash meets work in progress rather than an idle queue.
            await Poll.UntilAsync(async _ => (await client.ChannelEventsAsync()).Length > 0 ? keys : null, "processing to start");
            first.Kill();
        }

        await using var second = await FunctionAppProcess.StartAsync(settings, TestContext.Current.CancellationToken);
        using var recovered = new AppClient(new HttpClient { BaseAddress = second.BaseAddress });
        foreach (var key in keys)
        {
            var outcome = (await recovered.WaitForEventAsync(key)).Str("outcome");
            Assert.True(outcome is "Applied" or "Stale", $"Delivery {key} ended {outcome}");
        }

        var stored = await recovered.WaitForOrderAsync("shopify:" + Deliveries.ShopifyOrderId);
        Assert.Equal(versions.Max(), stored.GetProperty("order").GetProperty("version").Time("updatedAt"));
        var referenced = stored.Items("deliveries").Select(d => d.Str("deliveryKey")).ToList();
        Assert.Equal(20, referenced.Count);
        Assert.True(keys.SetEquals(referenced));
        var events = await recovered.ChannelEventsAsync();
        Assert.Equal(20, events.Length);
        Assert.All(events, e => Assert.Equal(1, e.Number("arrivals")));
    }

    private static Dictionary<string, string> With(Dictionary<string, string> settings, string key, string value) =>
        new(settings) { [key] = value };

    /// <summary>How many deliveries the bundles on the queue hold (inside their messages, or in the blobs they name).</summary>
    private static async Task<int> QueuedDeliveriesAsync(QueueClient queue, RawDeliveryBundles bundles, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var message in (await queue.PeekMessagesAsync(32, cancellationToken)).Value)
        {
            Assert.True(DeliveryBundleMessage.TryParse(message.Body.ToString(), out var bundle));
            count += (bundle.Inline ?? await bundles.ReadAsync(bundle.BundleBlobName, cancellationToken))?.Deliveries.Count ?? 0;
        }

        return count;
    }
}
