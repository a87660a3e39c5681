using System.Globalization;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;

namespace ServerlessOps.Functions.Tests.Webhooks;

public sealed class OutOfOrderDeliveryTests(FunctionAppFixture fixture)
{
    private const string OrderId = "shopify:" + Deliveries.ShopifyOrderId;

    /// <summary>The create sample's updated_at (2026-11-20T14:03:12-05:00).</summary>
    private static readonly DateTimeOffset CreatedVersion = DateTimeOffset.Parse("2026-11-20T19:03:12Z", CultureInfo.InvariantCulture);

    [Fact]
    public async Task ShopifyWebhook_UpdateAndCancelArriveBeforeCreate_OrderEndsCancelledAtNewestVersion()
    {
        await using var app = TestApp.Start(fixture);
        var updatedAt = CreatedVersion.AddHours(2);
        var cancelledAt = CreatedVersion.AddHours(3);

        // Each is processed before the next is sent, so the processor really sees them in this (wrong) order.
        var updated = await app.Client.SendAcceptedAsync(Deliveries.Shopify(Deliveries.ShopifyUpdated(updatedAt), "orders/updated"));
        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(updated.DeliveryKey)).Str("outcome"));
        var cancelled = await app.Client.SendAcceptedAsync(Deliveries.Shopify(Deliveries.ShopifyCancelled(cancelledAt), "orders/cancelled"));
        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(cancelled.DeliveryKey)).Str("outcome"));
        var created = await app.Client.SendAcceptedAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create"));
        Assert.Equal("Stale", (await app.Client.WaitForEventAsync(created.DeliveryKey)).Str("outcome"));

        var stored = await app.Client.WaitForOrderAsync(OrderId);
        var order = stored.GetProperty("order");
        Assert.Equal("Cancelled", order.Str("status"));
        Assert.Equal("customer", order.Str("cancelReason"));
        Assert.Equal(cancelledAt, order.GetProperty("version").Time("updatedAt"));
        var references = stored.Items("deliveries");
        Assert.Equal(
            new[] { created.DeliveryKey, cancelled.DeliveryKey, updated.DeliveryKey },
            references.Select(r => r.Str("deliveryKey")).ToArray());
        Assert.Equal(new[] { "Stale", "Applied", "Applied" }, references.Select(r => r.Str("outcome")).ToArray());
    }

    [Fact]
    public async Task ShopifyWebhook_CancelAndCreateSentTogether_OrderEndsCancelled()
    {
        await using var app = TestApp.Start(fixture);
        var cancelledAt = CreatedVersion.AddHours(1);

        var acks = await Task.WhenAll(
            app.Client.SendAcceptedAsync(Deliveries.Shopify(Deliveries.ShopifyCancelled(cancelledAt), "orders/cancelled")),
            app.Client.SendAcceptedAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create")));

        foreach (var ack in acks)
        {
            await app.Client.WaitForEventAsync(ack.DeliveryKey);
        }

        var order = (await app.Client.GetOrderAsync(OrderId))!.Value.GetProperty("order");
        Assert.Equal("Cancelled", order.Str("status"));
        Assert.Equal(cancelledAt, order.GetProperty("version").Time("updatedAt"));
    }

    [Fact]
    public async Task WalmartWebhook_SignalWhenApiAlreadyHasNewerVersion_ConvergesOnApiVersion()
    {
        await using var app = TestApp.Start(fixture);
        var purchaseOrderId = Deliveries.NewWalmartPurchaseOrderId();
        var cancelledAt = DateTimeOffset.FromUnixTimeMilliseconds(1795201530000).AddHours(5);
        fixture.Marketplace.PutWalmartOrder(purchaseOrderId, Deliveries.WalmartOrder(purchaseOrderId, cancelledAt));
        var eventId = Deliveries.NewId();

        // PO_CREATED says "created", but by the time it is processed the order was cancelled: the API version wins.
        var ack = await app.Client.SendAcceptedAsync(Deliveries.Walmart(Deliveries.WalmartPoCreated(purchaseOrderId, eventId), eventId));

        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));
        var order = (await app.Client.WaitForOrderAsync($"walmart:{purchaseOrderId}")).GetProperty("order");
        Assert.Equal("Cancelled", order.Str("status"));
        Assert.Equal(cancelledAt, order.GetProperty("version").Time("updatedAt"));
    }

    [Fact]
    public async Task TikTokShopWebhook_SignalWhenApiAlreadyHasNewerVersion_ConvergesOnApiVersion()
    {
        await using var app = TestApp.Start(fixture);
        var orderId = Deliveries.NewTikTokOrderId();
        var cancelledAt = DateTimeOffset.FromUnixTimeSeconds(1795201538).AddHours(2);
        fixture.Marketplace.PutTikTokOrder(orderId, Deliveries.TikTokOrder(orderId, cancelledAt));
        var notificationId = Deliveries.Digits(19);

        var ack = await app.Client.SendAcceptedAsync(Deliveries.TikTok(Deliveries.TikTokStatusChange(orderId, notificationId), notificationId));

        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));
        var order = (await app.Client.WaitForOrderAsync($"tiktok:{orderId}")).GetProperty("order");
        Assert.Equal("Cancelled", order.Str("status"));
        Assert.Equal(cancelledAt, order.GetProperty("version").Time("updatedAt"));
    }
}
