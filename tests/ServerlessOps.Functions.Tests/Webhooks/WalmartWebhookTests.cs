using System.Net;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Testing.Webhooks;

namespace ServerlessOps.Functions.Tests.Webhooks;

public sealed class WalmartWebhookTests(FunctionAppFixture fixture)
{
    private static readonly ScenarioAccounts Accounts = ScenarioAccounts.Default;

    /// <summary>The signature method signs the body (and path and timestamp), so tampering is detectable.</summary>
    private static readonly ScenarioAccounts SigningAccounts = Accounts with { WalmartAuthMethod = WalmartAuthMethod.Signature };

    [Fact]
    public async Task WalmartWebhook_ValidCredential_IsAcceptedAndOrderIsReReadFromApi()
    {
        await using var app = TestApp.Start(fixture);
        var purchaseOrderId = Deliveries.NewWalmartPurchaseOrderId();
        fixture.Marketplace.PutWalmartOrder(purchaseOrderId, Deliveries.WalmartOrder(purchaseOrderId));
        var eventId = Deliveries.NewId();

        var ack = await app.Client.SendAcceptedAsync(Deliveries.Walmart(Deliveries.WalmartPoCreated(purchaseOrderId, eventId), eventId));

        Assert.Equal(DeliveryKey.For(SalesChannel.Walmart, Accounts.WalmartPartnerId, eventId), ack.DeliveryKey);
        Assert.Equal("accepted", ack.Status);
        var entry = await app.Client.WaitForEventAsync(ack.DeliveryKey);
        Assert.Equal("Applied", entry.Str("outcome"));
        Assert.Equal($"walmart:{purchaseOrderId}", entry.Str("orderId"));

        var order = (await app.Client.WaitForOrderAsync($"walmart:{purchaseOrderId}")).GetProperty("order");
        Assert.Equal(Accounts.WalmartPartnerId, order.Str("channelAccountId"));
        Assert.Equal("200012345678901", order.Str("displayNumber"));
        Assert.Equal("USD", order.Str("currency"));
        var lines = order.Items("lines").ToDictionary(l => l.Str("sku"));
        Assert.Equal(2, lines["ACME-TEE-BLK-M"].Number("quantity"));
        Assert.Equal(23.99m, lines["ACME-TEE-BLK-M"].Dec("unitPrice"));
        Assert.Equal(3.24m, lines["ACME-TEE-BLK-M"].Dec("tax"));
        Assert.Equal(1, lines["ACME-MUG-12OZ"].Number("quantity"));
        Assert.Equal(14.99m, lines["ACME-MUG-12OZ"].Dec("unitPrice"));
        Assert.Equal(67.22m, order.Dec("total"));
    }

    /// <summary>Acceptance run gap: a Walmart order with one line auto-cancelled reported the status of a fully open order.</summary>
    [Fact]
    public async Task WalmartWebhook_OneLineAutoCancelled_OrderIsPartiallyCancelledWithTheLinesUnits()
    {
        await using var app = TestApp.Start(fixture);
        var purchaseOrderId = Deliveries.NewWalmartPurchaseOrderId();
        var node = System.Text.Json.Nodes.JsonNode.Parse(Deliveries.WalmartOrder(purchaseOrderId))!;
        var mug = node["order"]!["orderLines"]!["orderLine"]![1]!;
        mug["statusDate"] = 1795590612000;
        mug["orderLineStatuses"]!["orderLineStatus"]![0]!["status"] = "Cancelled";
        mug["orderLineStatuses"]!["orderLineStatus"]![0]!["cancellationReason"] = "SELLER_CANCEL_FAILED_TO_SHIP";
        fixture.Marketplace.PutWalmartOrder(purchaseOrderId, ChannelSamples.Write(node));
        var eventId = Deliveries.NewId();
        var body = Deliveries.Utf8(ChannelSamples.Text("walmart-po-line-autocancelled.json")
            .Replace(Deliveries.WalmartSamplePurchaseOrderId, purchaseOrderId, StringComparison.Ordinal)
            .Replace("a91f3d70-ca8e-11f0-8b3c-7d2e1f0a9c45", eventId, StringComparison.Ordinal));

        var ack = await app.Client.SendAcceptedAsync(Deliveries.Walmart(body, eventId));

        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));
        var order = (await app.Client.WaitForOrderAsync($"walmart:{purchaseOrderId}")).GetProperty("order");
        Assert.Equal("PartiallyCancelled", order.Str("status"));
        Assert.Equal("Created,Cancelled", order.Str("channelStatus"));
        var lines = order.Items("lines").ToDictionary(l => l.Str("sku"));
        Assert.Equal(1, lines["ACME-MUG-12OZ"].Number("quantityCancelled"));
        Assert.Equal(0, lines["ACME-MUG-12OZ"].Number("quantityOpen"));
        Assert.Equal(2, lines["ACME-TEE-BLK-M"].Number("quantityOpen"));
        Assert.False(order.GetProperty("pricesIncludeTax").GetBoolean());
    }

    /// <summary>Every subscription auth method the settings allow (CHANNELS.md 3.2), end to end: genuine lands, forged is refused.</summary>
    [Theory]
    [InlineData(WalmartAuthMethod.Header, "test-walmart-webhook-secret")]
    [InlineData(WalmartAuthMethod.Basic, "walmart-hook:test-walmart-basic-pass")]
    [InlineData(WalmartAuthMethod.Hmac, "test-walmart-client-secret")]
    [InlineData(WalmartAuthMethod.Signature, "test-walmart-webhook-secret")]
    public async Task WalmartWebhook_EachAuthMethod_GenuineIsProcessedAndForgedIs401(WalmartAuthMethod method, string secret)
    {
        var accounts = Accounts with { WalmartAuthMethod = method, WalmartSecret = secret };
        await using var app = TestApp.Start(fixture, accounts: accounts);
        var purchaseOrderId = Deliveries.NewWalmartPurchaseOrderId();
        fixture.Marketplace.PutWalmartOrder(purchaseOrderId, Deliveries.WalmartOrder(purchaseOrderId));
        var forgedId = Deliveries.NewId();
        var forged = Deliveries.Walmart(Deliveries.WalmartPoCreated(purchaseOrderId, forgedId), forgedId, accounts with { WalmartSecret = "forged:" + secret });
        var eventId = Deliveries.NewId();

        using (var refused = await app.Client.SendAsync(forged))
        {
            await Problem.AssertAsync(refused, HttpStatusCode.Unauthorized);
        }

        var ack = await app.Client.SendAcceptedAsync(Deliveries.Walmart(Deliveries.WalmartPoCreated(purchaseOrderId, eventId), eventId, accounts));

        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));
        Assert.Equal(ack.DeliveryKey, Assert.Single(await app.Client.ChannelEventsAsync()).Str("deliveryKey"));
        await app.Client.WaitForOrderAsync($"walmart:{purchaseOrderId}");
    }

    [Fact]
    public async Task WalmartWebhook_TamperedBody_IsRejectedAndNothingStored()
    {
        await using var app = TestApp.Start(fixture, accounts: SigningAccounts);
        var purchaseOrderId = Deliveries.NewWalmartPurchaseOrderId();
        fixture.Marketplace.PutWalmartOrder(purchaseOrderId, Deliveries.WalmartOrder(purchaseOrderId));
        var eventId = Deliveries.NewId();
        var body = Deliveries.WalmartPoCreated(purchaseOrderId, eventId);
        var signed = Deliveries.Walmart(body, eventId, SigningAccounts);
        var tampered = signed with
        {
            Body = Deliveries.Utf8(System.Text.Encoding.UTF8.GetString(body).Replace("\"measurementValue\": \"2\"", "\"measurementValue\": \"20\"", StringComparison.Ordinal)),
        };

        using var response = await app.Client.SendAsync(tampered);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, Accounts.WalmartPartnerId);
        var key = DeliveryKey.For(SalesChannel.Walmart, Accounts.WalmartPartnerId, eventId);
        await app.Client.AssertNothingStoredAsync(SalesChannel.Walmart, key);

        // The untampered delivery with the same signature is accepted and processed.
        var ack = await app.Client.SendAcceptedAsync(signed);
        Assert.Equal(key, ack.DeliveryKey);
        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(key)).Str("outcome"));
        Assert.Single(await app.Client.ChannelEventsAsync());
    }

    [Fact]
    public async Task WalmartWebhook_WrongSecret_IsRejectedAndNothingStored()
    {
        await using var app = TestApp.Start(fixture);
        var eventId = Deliveries.NewId();
        var forged = Deliveries.Walmart(Deliveries.WalmartPoCreated(Deliveries.NewWalmartPurchaseOrderId(), eventId), eventId, Accounts with { WalmartSecret = "not-the-walmart-secret" });

        using var response = await app.Client.SendAsync(forged);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        await app.Client.AssertNothingStoredAsync(SalesChannel.Walmart, DeliveryKey.For(SalesChannel.Walmart, Accounts.WalmartPartnerId, eventId));
    }

    [Fact]
    public async Task WalmartWebhook_SignedTimestampOutsideWindow_IsRejectedAndNothingStored()
    {
        await using var app = TestApp.Start(fixture, accounts: SigningAccounts);
        var eventId = Deliveries.NewId();
        var stale = SigningAccounts.Sign(SalesChannel.Walmart, Deliveries.WalmartPoCreated(Deliveries.NewWalmartPurchaseOrderId(), eventId), eventId, at: DateTimeOffset.UtcNow.AddMinutes(-30));

        using var response = await app.Client.SendAsync(stale);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "WM_SEC.TIMESTAMP");
        await app.Client.AssertNothingStoredAsync(SalesChannel.Walmart, DeliveryKey.For(SalesChannel.Walmart, Accounts.WalmartPartnerId, eventId));
    }
}
