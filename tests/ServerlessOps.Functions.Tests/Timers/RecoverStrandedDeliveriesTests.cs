using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Timers;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Storage;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Functions.Tests.Timers;

public sealed class RecoverStrandedDeliveriesTests(FunctionAppFixture fixture)
{
    [Fact]
    public async Task RecoverStrandedDeliveries_RawDeliveryStoredWithoutQueueMessage_IsRequeuedAndProcessed()
    {
        await using var app = TestApp.Start(fixture, new Dictionary<string, string> { ["Ingestion:StrandedAfter"] = "00:01:00" });
        var accounts = ScenarioAccounts.Default;
        var webhook = Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create");
        var key = DeliveryKey.For(SalesChannel.Shopify, accounts.ShopifyShopDomain, webhook.DeliveryId);
        var headers = new Dictionary<string, string>(webhook.Headers, StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = webhook.ContentType };

        // As if the process died between the blob write and the queue send, five minutes before the last UTC midnight:
        // its event is filed under the day it was received, not the day it is recovered.
        var stranded = new RawDelivery(
            key, accounts.BrandId, SalesChannel.Shopify, accounts.ShopifyShopDomain, webhook.DeliveryId, "orders/create",
            headers["X-Shopify-Event-Id"], BeforeLastMidnight(), webhook.Path, headers, webhook.Body);
        var raw = app.Services.GetRequiredService<RawDeliveryStore>();
        Assert.True((await raw.TryCreateAsync(stranded, TestContext.Current.CancellationToken)).Created);
        app.Client.AlsoReadDayOf(stranded.ReceivedAt);

        // A fresh one is not stranded yet and must be left alone.
        var fresh = Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-cancelled.json"), "orders/cancelled");
        var freshKey = DeliveryKey.For(SalesChannel.Shopify, accounts.ShopifyShopDomain, fresh.DeliveryId);
        var freshHeaders = new Dictionary<string, string>(fresh.Headers, StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = fresh.ContentType };
        await raw.TryCreateAsync(
            stranded with { DeliveryKey = freshKey, DeliveryId = fresh.DeliveryId, Topic = "orders/cancelled", ReceivedAt = DateTimeOffset.UtcNow, Headers = freshHeaders, Body = fresh.Body },
            TestContext.Current.CancellationToken);

        await FunctionInvoker.TimerAsync<RecoverStrandedDeliveries>(app);

        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(key)).Str("outcome"));
        var order = await app.Client.WaitForOrderAsync("shopify:" + Deliveries.ShopifyOrderId);
        Assert.Equal(key, Assert.Single(order.Items("deliveries")).Str("deliveryKey"));
        Assert.Null(await app.Client.GetOrderAsync("shopify:6120001122345"));
        Assert.Equal("Received", (await raw.GetAsync(RawDelivery.BlobNameFor("acme", SalesChannel.Shopify, freshKey), TestContext.Current.CancellationToken))!.State.ToString());
    }

    [Fact]
    public async Task RecoverStrandedDeliveries_BundleWrittenWithoutQueueMessage_IsRequeuedSpreadProcessedAndDeleted()
    {
        await using var app = TestApp.Start(fixture, new Dictionary<string, string> { ["Ingestion:StrandedAfter"] = "00:01:00" });
        var accounts = ScenarioAccounts.Default;
        var webhook = Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create");
        var key = DeliveryKey.For(SalesChannel.Shopify, accounts.ShopifyShopDomain, webhook.DeliveryId);
        var headers = new Dictionary<string, string>(webhook.Headers, StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = webhook.ContentType };
        var receivedAt = BeforeLastMidnight();
        var delivery = new RawDelivery(
            key, accounts.BrandId, SalesChannel.Shopify, accounts.ShopifyShopDomain, webhook.DeliveryId, "orders/create",
            headers["X-Shopify-Event-Id"], receivedAt, webhook.Path, headers, webhook.Body);

        // As if the edge wrote the bundle and acknowledged, then died before queueing it, before midnight; and a
        // bundle written just now, whose queue message may still be on its way, which must be left alone.
        var bundles = app.Services.GetRequiredService<RawDeliveryBundles>();
        var stranded = new RawDeliveryBundle(RawDeliveryBundle.NewBlobName(receivedAt), [delivery]);
        var fresh = new RawDeliveryBundle(RawDeliveryBundle.NewBlobName(DateTimeOffset.UtcNow), [delivery with { ReceivedAt = DateTimeOffset.UtcNow }]);
        await bundles.WriteAsync(stranded, TestContext.Current.CancellationToken);
        await bundles.WriteAsync(fresh, TestContext.Current.CancellationToken);
        app.Client.AlsoReadDayOf(receivedAt);

        await FunctionInvoker.TimerAsync<RecoverStrandedDeliveries>(app);

        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(key)).Str("outcome"));
        Assert.Equal(key, Assert.Single((await app.Client.WaitForOrderAsync("shopify:" + Deliveries.ShopifyOrderId)).Items("deliveries")).Str("deliveryKey"));
        await Poll.UntilAsync(
            async ct => await bundles.ReadAsync(stranded.BlobName, ct) is null ? stranded : null,
            "the recovered bundle deleted once spread");
        Assert.NotNull(await bundles.ReadAsync(fresh.BlobName, TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// Five minutes before the last UTC midnight: stranded whenever the test runs, and always on the day before, so the
    /// tests prove recovery across midnight every run instead of only in the five minutes after it (where they failed).
    /// </summary>
    private static DateTimeOffset BeforeLastMidnight() => new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddMinutes(-5);
}
