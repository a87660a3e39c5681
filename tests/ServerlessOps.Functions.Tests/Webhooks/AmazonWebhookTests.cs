using System.Net;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Functions.Tests.Webhooks;

public sealed class AmazonWebhookTests(FunctionAppFixture fixture)
{
    private static readonly ScenarioAccounts Accounts = ScenarioAccounts.Default;

    [Theory]
    [InlineData(Deliveries.AmazonShape.EventBridge, 70.24)]
    [InlineData(Deliveries.AmazonShape.Pipe, 81.37)]
    public async Task AmazonWebhook_OrderChangeInEitherBodyShape_OrderAndMoneyComeFromOrdersApi(Deliveries.AmazonShape shape, decimal apiTotal)
    {
        await using var app = TestApp.Start(fixture);
        var orderId = Deliveries.NewAmazonOrderId();
        Deliveries.PutAmazonOrder(fixture.Marketplace, orderId, apiTotal);
        var notificationId = Deliveries.NewId();
        var webhook = Deliveries.Amazon(Deliveries.AmazonOrderChange(orderId, notificationId, shape), notificationId);

        var ack = await app.Client.SendAcceptedAsync(webhook);

        Assert.Equal(DeliveryKey.For(SalesChannel.Amazon, Accounts.AmazonSellerId, notificationId), ack.DeliveryKey);
        Assert.Equal("accepted", ack.Status);
        var entry = await app.Client.WaitForEventAsync(ack.DeliveryKey);
        Assert.Equal("Applied", entry.Str("outcome"));
        Assert.Equal("ORDER_CHANGE", entry.Str("topic"));

        var order = (await app.Client.WaitForOrderAsync($"amazon:{orderId}")).GetProperty("order");
        Assert.Equal(Accounts.AmazonSellerId, order.Str("channelAccountId"));
        Assert.Equal(apiTotal, order.Dec("total"));
        Assert.Equal("USD", order.Str("currency"));
        Assert.Equal("AwaitingFulfilment", order.Str("status"));
        var lines = order.Items("lines").ToDictionary(l => l.Str("sku"));
        Assert.Equal(2, lines["ACME-TEE-BLK-M"].Number("quantity"));
        Assert.Equal(23.99m, lines["ACME-TEE-BLK-M"].Dec("unitPrice"));
        Assert.Equal(2.88m, lines["ACME-TEE-BLK-M"].Dec("tax"));
        Assert.Equal(1, lines["ACME-MUG-12OZ"].Number("quantity"));
        Assert.Equal(14.99m, lines["ACME-MUG-12OZ"].Dec("unitPrice"));
        Assert.Contains(fixture.Marketplace.Requests(SalesChannel.Amazon), r => r.Path == $"/orders/v0/orders/{orderId}" && r.StatusCode == 200);
    }

    /// <summary>Acceptance run gap: an order cancelled while Pending was stored with 0.00 prices marked complete.</summary>
    [Fact]
    public async Task AmazonWebhook_OrderCanceledWhilePending_StoresEveryWithheldAmountAsUnknown()
    {
        await using var app = TestApp.Start(fixture);
        var orderId = Deliveries.NewAmazonOrderId();
        var order = ChannelSamples.AmazonGetOrder(
            orderId, "Canceled",
            DateTimeOffset.Parse("2026-11-20T19:01:12Z", System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse("2026-11-20T19:31:02Z", System.Globalization.CultureInfo.InvariantCulture),
            0m, itemsShipped: 0, itemsUnshipped: 0);
        var withoutTotal = System.Text.Json.Nodes.JsonNode.Parse(order)!;
        withoutTotal["payload"]!.AsObject().Remove("OrderTotal");
        var items = System.Text.Json.Nodes.JsonNode.Parse(ChannelSamples.Text("amazon-orders-api-order-items.json").Replace(Deliveries.AmazonSampleOrderId, orderId, StringComparison.Ordinal))!;
        foreach (var item in items["payload"]!["OrderItems"]!.AsArray())
        {
            foreach (var money in new[] { "ItemPrice", "ItemTax", "ShippingPrice", "ShippingTax", "ShippingDiscount", "ShippingDiscountTax", "PromotionDiscount", "PromotionDiscountTax" })
            {
                item!.AsObject().Remove(money);
            }
        }

        fixture.Marketplace.PutAmazonOrder(orderId, ChannelSamples.Write(withoutTotal), ChannelSamples.Write(items));
        var notificationId = Deliveries.NewId();

        var ack = await app.Client.SendAcceptedAsync(Deliveries.Amazon(Deliveries.AmazonOrderChange(orderId, notificationId, Deliveries.AmazonShape.EventBridge), notificationId));

        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));
        var stored = (await app.Client.WaitForOrderAsync($"amazon:{orderId}")).GetProperty("order");
        Assert.Equal("Cancelled", stored.Str("status"));
        Assert.True(stored.GetProperty("isComplete").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, stored.GetProperty("total").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, stored.GetProperty("linesNet").ValueKind);
        Assert.All(stored.Items("lines"), l =>
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Null, l.GetProperty("unitPrice").ValueKind);
            Assert.Equal(System.Text.Json.JsonValueKind.Null, l.GetProperty("tax").ValueKind);
            Assert.Equal(l.Number("quantity"), l.Number("quantityCancelled"));
        });
    }

    [Fact]
    public async Task AmazonWebhook_BasicAuthConnection_GenuineIsProcessedAndWrongPasswordIs401()
    {
        var basic = Accounts with { AmazonCredentialHeader = "Authorization", AmazonSecret = "eventbridge:test-eventbridge-basic-pass" };
        await using var app = TestApp.Start(fixture, accounts: basic);
        var orderId = Deliveries.NewAmazonOrderId();
        Deliveries.PutAmazonOrder(fixture.Marketplace, orderId, 70.24m);
        var forgedId = Deliveries.NewId();
        var forged = Deliveries.Amazon(Deliveries.AmazonOrderChange(orderId, forgedId, Deliveries.AmazonShape.EventBridge), forgedId, basic with { AmazonSecret = "eventbridge:wrong-pass" });
        var notificationId = Deliveries.NewId();

        using (var refused = await app.Client.SendAsync(forged))
        {
            await Problem.AssertAsync(refused, HttpStatusCode.Unauthorized);
        }

        var ack = await app.Client.SendAcceptedAsync(Deliveries.Amazon(Deliveries.AmazonOrderChange(orderId, notificationId, Deliveries.AmazonShape.EventBridge), notificationId, basic));

        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));
        Assert.Equal(70.24m, (await app.Client.WaitForOrderAsync($"amazon:{orderId}")).GetProperty("order").Dec("total"));
        Assert.Single(await app.Client.ChannelEventsAsync());
    }

    [Fact]
    public async Task AmazonWebhook_WrongCredential_IsRejectedAndNothingStored()
    {
        await using var app = TestApp.Start(fixture);
        var orderId = Deliveries.NewAmazonOrderId();
        var notificationId = Deliveries.NewId();
        var forged = Deliveries.Amazon(Deliveries.AmazonOrderChange(orderId, notificationId, Deliveries.AmazonShape.EventBridge), notificationId, Accounts with { AmazonSecret = "guessed-api-key" });

        using var response = await app.Client.SendAsync(forged);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, Accounts.AmazonSellerId);
        await app.Client.AssertNothingStoredAsync(SalesChannel.Amazon, DeliveryKey.For(SalesChannel.Amazon, Accounts.AmazonSellerId, notificationId));
        Assert.DoesNotContain(fixture.Marketplace.Requests(SalesChannel.Amazon), r => r.Path.Contains(orderId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AmazonWebhook_MissingCredentialHeader_IsRejectedAndNothingStored()
    {
        await using var app = TestApp.Start(fixture);
        var notificationId = Deliveries.NewId();
        var signed = Deliveries.Amazon(Deliveries.AmazonOrderChange(Deliveries.NewAmazonOrderId(), notificationId, Deliveries.AmazonShape.Pipe), notificationId);
        var unsigned = signed with { Headers = signed.Headers.Where(h => h.Key != Accounts.AmazonCredentialHeader).ToDictionary() };

        using var response = await app.Client.SendAsync(unsigned);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        await app.Client.AssertNothingStoredAsync(SalesChannel.Amazon, DeliveryKey.For(SalesChannel.Amazon, Accounts.AmazonSellerId, notificationId));
    }

    /// <summary>
    /// EventBridge does not sign the body (VECTORS.md, Amazon), so an edited body with the right credential cannot be
    /// told apart. What protects the truth is that order facts are re-read from the Orders API: the edit changes nothing.
    /// </summary>
    [Fact]
    public async Task AmazonWebhook_TamperedBodyWithValidCredential_OrderFactsStillComeFromApi()
    {
        await using var app = TestApp.Start(fixture);
        var orderId = Deliveries.NewAmazonOrderId();
        Deliveries.PutAmazonOrder(fixture.Marketplace, orderId, 70.24m);
        var notificationId = Deliveries.NewId();
        var body = Deliveries.Utf8(System.Text.Encoding.UTF8.GetString(Deliveries.AmazonOrderChange(orderId, notificationId, Deliveries.AmazonShape.EventBridge))
            .Replace("\"OrderStatus\": \"Unshipped\"", "\"OrderStatus\": \"Canceled\"", StringComparison.Ordinal)
            .Replace("\"Quantity\": 2", "\"Quantity\": 20", StringComparison.Ordinal));

        var ack = await app.Client.SendAcceptedAsync(Deliveries.Amazon(body, notificationId));

        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));
        var order = (await app.Client.WaitForOrderAsync($"amazon:{orderId}")).GetProperty("order");
        Assert.Equal("AwaitingFulfilment", order.Str("status"));
        Assert.Equal(2, order.Items("lines").Single(l => l.Str("sku") == "ACME-TEE-BLK-M").Number("quantity"));
        Assert.Equal(70.24m, order.Dec("total"));
    }
}
