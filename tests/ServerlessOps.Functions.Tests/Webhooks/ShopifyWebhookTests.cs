using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Functions.Tests.Webhooks;

public sealed class ShopifyWebhookTests(FunctionAppFixture fixture)
{
    private const string OrderId = "shopify:" + Deliveries.ShopifyOrderId;
    private static readonly ScenarioAccounts Accounts = ScenarioAccounts.Default;

    [Fact]
    public async Task ShopifyWebhook_ValidSignature_IsAcceptedAndOrderLandsWithSampleValues()
    {
        await using var app = TestApp.Start(fixture);
        var webhook = Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create");

        var ack = await app.Client.SendAcceptedAsync(webhook);

        Assert.Equal(DeliveryKey.For(SalesChannel.Shopify, Accounts.ShopifyShopDomain, webhook.DeliveryId), ack.DeliveryKey);
        Assert.Equal("accepted", ack.Status);
        var entry = await app.Client.WaitForEventAsync(ack.DeliveryKey);
        Assert.Equal("Applied", entry.Str("outcome"));
        Assert.Equal(OrderId, entry.Str("orderId"));
        Assert.Equal("orders/create", entry.Str("topic"));
        Assert.Equal(1, entry.Number("arrivals"));

        var stored = await app.Client.WaitForOrderAsync(OrderId);
        var order = stored.GetProperty("order");
        Assert.Equal("acme", order.Str("brandId"));
        Assert.Equal("Shopify", order.Str("channel"));
        Assert.Equal(Accounts.ShopifyShopDomain, order.Str("channelAccountId"));
        Assert.Equal("#1043", order.Str("displayNumber"));
        Assert.Equal("AwaitingFulfilment", order.Str("status"));
        Assert.Equal("USD", order.Str("currency"));
        Assert.Equal(65.61m, order.Dec("total"));
        var lines = order.Items("lines").ToDictionary(l => l.Str("sku"));
        Assert.Equal(2, lines.Count);
        Assert.Equal(2, lines["ACME-TEE-BLK-M"].Number("quantity"));
        Assert.Equal(24.00m, lines["ACME-TEE-BLK-M"].Dec("unitPrice"));
        Assert.Equal(1, lines["ACME-MUG-12OZ"].Number("quantity"));
        Assert.Equal(14.50m, lines["ACME-MUG-12OZ"].Dec("unitPrice"));
        var reference = Assert.Single(stored.Items("deliveries"));
        Assert.Equal(ack.DeliveryKey, reference.Str("deliveryKey"));

        // The order is listed on its UTC placement day, and the raw delivery is kept byte for byte.
        Assert.Contains(await app.Client.OrdersForDayAsync(new DateOnly(2026, 11, 20)), o => o.GetProperty("order").Str("id") == OrderId);
        using var raw = await app.Client.GetRawDeliveryAsync(SalesChannel.Shopify, ack.DeliveryKey);
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        var view = Json.Parse(await raw.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(ChannelSamples.Text("shopify-orders-create.json"), view.Str("body"));
        Assert.Equal("Processed", view.Str("state"));
    }

    [Fact]
    public async Task ShopifyWebhook_TamperedBody_IsRejectedAndNothingStored()
    {
        await using var app = TestApp.Start(fixture);
        var original = Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create");
        var tamperedText = ChannelSamples.Text("shopify-orders-create.json");
        var at = tamperedText.IndexOf("\"quantity\": 2,", StringComparison.Ordinal);
        tamperedText = string.Concat(tamperedText.AsSpan(0, at), "\"quantity\": 3,", tamperedText.AsSpan(at + "\"quantity\": 2,".Length));
        var tampered = original with { Body = Deliveries.Utf8(tamperedText) };

        using var response = await app.Client.SendAsync(tampered);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, Accounts.ShopifyShopDomain);
        var key = DeliveryKey.For(SalesChannel.Shopify, Accounts.ShopifyShopDomain, original.DeliveryId);
        await app.Client.AssertNothingStoredAsync(SalesChannel.Shopify, key);
        Assert.Null(await app.Client.GetOrderAsync(OrderId));
    }

    [Fact]
    public async Task ShopifyWebhook_WrongSignature_IsRejectedAndNothingStored()
    {
        await using var app = TestApp.Start(fixture);
        var forged = Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create", accounts: Accounts with { ShopifySecret = "not-the-shop-secret" });

        using var response = await app.Client.SendAsync(forged);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        await app.Client.AssertNothingStoredAsync(SalesChannel.Shopify, DeliveryKey.For(SalesChannel.Shopify, Accounts.ShopifyShopDomain, forged.DeliveryId));

        // The same delivery properly signed is then processed: the app was working, it refused only the forgery.
        var genuine = Deliveries.Shopify(forged.Body.ToArray(), "orders/create", forged.DeliveryId);
        var ack = await app.Client.SendAcceptedAsync(genuine);
        Assert.Equal("accepted", ack.Status);
        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));
        Assert.Single(await app.Client.ChannelEventsAsync());
    }

    [Fact]
    public async Task ShopifyWebhook_SignedWithPreviousSecretDuringRotation_IsAccepted()
    {
        await using var app = TestApp.Start(fixture, new Dictionary<string, string> { ["Brands:acme:Accounts:0:PreviousSecret"] = "rotated-out-shopify-secret" });
        var webhook = Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create", accounts: Accounts with { ShopifySecret = "rotated-out-shopify-secret" });

        var ack = await app.Client.SendAcceptedAsync(webhook);

        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));
        await app.Client.WaitForOrderAsync(OrderId);
    }

    [Fact]
    public async Task ShopifyWebhook_InventoryLevelsUpdate_IsAppliedAsOneLevel()
    {
        await using var app = TestApp.Start(fixture);
        var webhook = Deliveries.Shopify(Deliveries.ShopifyBody("shopify-inventory-levels-update.json"), "inventory_levels/update");

        var ack = await app.Client.SendAcceptedAsync(webhook);

        var entry = await app.Client.WaitForEventAsync(ack.DeliveryKey);
        Assert.Equal("Applied", entry.Str("outcome"));
        Assert.Equal("1 inventory level(s)", entry.Str("detail"));

        // No read API serves inventory yet, so read the store the app wrote through (real Cosmos state).
        var store = app.Services.GetRequiredService<IInventoryEventStore>();
        var level = Assert.Single(await store.ListAsync("acme", ItemKey.For(null, "47001122334455"), TestContext.Current.CancellationToken));
        Assert.Equal(37, level.Available);
        Assert.Equal("71234567890", level.LocationId);
        Assert.Equal(SalesChannel.Shopify, level.Channel);
    }
}
