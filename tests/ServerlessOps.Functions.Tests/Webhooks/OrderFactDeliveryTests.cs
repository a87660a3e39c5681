using System.Globalization;
using System.Text.Json.Nodes;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Functions.Tests.Webhooks;

/// <summary>
/// Shopify fulfilments and refunds are partial facts of an order: folded into it by their own ids, idempotently, without
/// ever replacing its snapshot, so a newer snapshot is never lost to them and a late snapshot never loses them.
/// </summary>
public sealed class OrderFactDeliveryTests(FunctionAppFixture fixture)
{
    private const string OrderId = "shopify:" + Deliveries.ShopifyOrderId;
    private const string FulfilmentId = "5600012345699";
    private static readonly DateTimeOffset Created = DateTimeOffset.Parse("2026-11-20T14:03:12-05:00", CultureInfo.InvariantCulture);

    [Fact]
    public async Task ShopifyWebhook_FulfillmentCreateThenUpdate_ShipsTheLinesAndFollowsTheParcel()
    {
        await using var app = TestApp.Start(fixture);
        await ApplyAsync(app, Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create"));

        await ApplyAsync(app, Deliveries.Shopify(Fulfilment(Created.AddHours(20), "success", shipmentStatus: null, ("14790011223301", 2), ("14790011223302", 1)), "fulfillments/create"));
        var shipped = (await app.Client.WaitForOrderAsync(OrderId, o => o.GetProperty("order").Str("status") == "Fulfilled")).GetProperty("order");
        Assert.All(shipped.Items("lines"), l => Assert.Equal(l.Number("quantity"), l.Number("quantityShipped")));
        var parcel = Assert.Single(shipped.GetProperty("shipping").Items("shipments"));
        Assert.Equal(FulfilmentId, parcel.Str("id"));
        Assert.Equal("UPS", parcel.Str("carrier"));
        Assert.Equal("1Z999AA10123456799", parcel.Str("trackingNumber"));

        await ApplyAsync(app, Deliveries.Shopify(Fulfilment(Created.AddDays(3), "success", "delivered", ("14790011223301", 2), ("14790011223302", 1)), "fulfillments/update"));
        var delivered = await app.Client.WaitForOrderAsync(OrderId, o => o.GetProperty("order").Str("status") == "Delivered");

        // The snapshot is still the orders/create one: facts never replace it.
        Assert.Equal(Created, delivered.GetProperty("order").GetProperty("version").Time("updatedAt"));
        Assert.Single(delivered.GetProperty("order").GetProperty("shipping").Items("shipments"));
        Assert.Equal(3, delivered.Items("deliveries").Length);
    }

    [Fact]
    public async Task ShopifyWebhook_RefundsCreateTwiceAndInALaterSnapshot_CountsTheRefundOnce()
    {
        await using var app = TestApp.Start(fixture);
        await ApplyAsync(app, Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create"));
        var refund = Deliveries.ShopifyBody("shopify-refunds-create.json");

        Assert.Equal("Applied", await ApplyAsync(app, Deliveries.Shopify(refund, "refunds/create")));
        Assert.Equal("Stale", await ApplyAsync(app, Deliveries.Shopify(refund, "refunds/create")));

        // orders/updated after the refund carries it in refunds[] too: same id, still one refund.
        var updated = Deliveries.ShopifyUpdated(Created.AddDays(5), node =>
        {
            node["financial_status"] = "partially_refunded";
            node["refunds"] = new JsonArray(ChannelSamples.Load("shopify-refunds-create.json"));
        });
        await ApplyAsync(app, Deliveries.Shopify(updated, "orders/updated"));

        var order = (await app.Client.WaitForOrderAsync(OrderId, o => o.GetProperty("order").GetProperty("version").Time("updatedAt") == Created.AddDays(5))).GetProperty("order");
        var stored = Assert.Single(order.Items("refunds"));
        Assert.Equal("9300012345612", stored.Str("id"));
        Assert.Equal(13.83m, order.Dec("refundedAmount"));
        var mug = order.Items("lines").Single(l => l.Str("sku") == "ACME-MUG-12OZ");
        Assert.Equal(13.83m, mug.Dec("refundedAmount"));
        Assert.Equal(1, mug.Number("quantityRefunded"));
        Assert.Equal("PartiallyRefunded", order.Str("status"));
        Assert.False(order.GetProperty("pricesIncludeTax").GetBoolean());
    }

    [Fact]
    public async Task ShopifyWebhook_OlderSnapshotAfterARefund_KeepsTheNewerSnapshotAndTheRefund()
    {
        await using var app = TestApp.Start(fixture);
        await ApplyAsync(app, Deliveries.Shopify(Deliveries.ShopifyUpdated(Created.AddDays(2)), "orders/updated"));
        await ApplyAsync(app, Deliveries.Shopify(Deliveries.ShopifyBody("shopify-refunds-create.json"), "refunds/create"));

        // The original orders/create arrives a day late.
        Assert.Equal("Stale", await ApplyAsync(app, Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create")));

        var order = (await app.Client.WaitForOrderAsync(OrderId)).GetProperty("order");
        Assert.Equal(Created.AddDays(2), order.GetProperty("version").Time("updatedAt"));
        Assert.Single(order.Items("refunds"));
    }

    [Fact]
    public async Task ShopifyWebhook_FulfillmentBeforeItsOrder_IsRetriedAndLandsOnceTheOrderIsThere()
    {
        await using var app = TestApp.Start(fixture);
        var early = await app.Client.SendAcceptedAsync(
            Deliveries.Shopify(Fulfilment(Created.AddHours(20), "success", shipmentStatus: null, ("14790011223301", 2)), "fulfillments/create"));

        await ApplyAsync(app, Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create"));

        // The queue brings the fulfilment back after its visibility timeout (10 s in tests).
        var entry = await app.Client.WaitForEventAsync(early.DeliveryKey, timeout: TimeSpan.FromSeconds(90));
        Assert.Equal("Applied", entry.Str("outcome"));
        var order = (await app.Client.WaitForOrderAsync(OrderId, o => o.GetProperty("order").Str("status") == "PartiallyFulfilled")).GetProperty("order");
        Assert.Equal(2, order.Items("lines").Single(l => l.Str("sku") == "ACME-TEE-BLK-M").Number("quantityShipped"));
        Assert.Empty(await app.Client.QuarantineAsync());
    }

    private static async Task<string> ApplyAsync(TestApp app, Testing.Webhooks.SignedWebhook webhook)
    {
        var ack = await app.Client.SendAcceptedAsync(webhook);
        return (await app.Client.WaitForEventAsync(ack.DeliveryKey)).Str("outcome");
    }

    private static byte[] Fulfilment(DateTimeOffset updatedAt, string status, string? shipmentStatus, params (string LineItemId, int Quantity)[] lines) =>
        Deliveries.Utf8(ChannelSamples.Write(new JsonObject
        {
            ["id"] = long.Parse(FulfilmentId, CultureInfo.InvariantCulture),
            ["order_id"] = long.Parse(Deliveries.ShopifyOrderId, CultureInfo.InvariantCulture),
            ["name"] = "#1043.1",
            ["status"] = status,
            ["shipment_status"] = shipmentStatus,
            ["created_at"] = ChannelSamples.ShopifyTime(Created.AddHours(20)),
            ["updated_at"] = ChannelSamples.ShopifyTime(updatedAt),
            ["tracking_company"] = "UPS",
            ["tracking_number"] = "1Z999AA10123456799",
            ["tracking_numbers"] = new JsonArray("1Z999AA10123456799"),
            ["line_items"] = new JsonArray([.. lines.Select(l => (JsonNode)new JsonObject
            {
                ["id"] = long.Parse(l.LineItemId, CultureInfo.InvariantCulture),
                ["quantity"] = l.Quantity,
            })]),
        }));
}
