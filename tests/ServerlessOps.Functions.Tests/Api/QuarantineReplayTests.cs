using System.Net;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Functions.Tests.Api;

public sealed class QuarantineReplayTests(FunctionAppFixture fixture)
{
    [Fact]
    public async Task WalmartWebhook_OrderUnknownToApi_IsQuarantinedThenReplayedOnceFixed()
    {
        await using var app = TestApp.Start(fixture);
        var purchaseOrderId = Deliveries.NewWalmartPurchaseOrderId();
        var eventId = Deliveries.NewId();

        var ack = await app.Client.SendAcceptedAsync(Deliveries.Walmart(Deliveries.WalmartPoCreated(purchaseOrderId, eventId), eventId));

        Assert.Equal("Quarantined", (await app.Client.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));
        var entry = await app.Client.WaitForQuarantineAsync(ack.DeliveryKey);
        Assert.Equal("Open", entry.Str("state"));
        Assert.Contains(purchaseOrderId, entry.Str("reason"), StringComparison.Ordinal);
        Assert.Contains("404", entry.Str("reason"), StringComparison.Ordinal);
        Assert.Null(await app.Client.GetOrderAsync($"walmart:{purchaseOrderId}"));

        // The cause is fixed (Walmart now knows the order); the operator replays the delivery.
        fixture.Marketplace.PutWalmartOrder(purchaseOrderId, Deliveries.WalmartOrder(purchaseOrderId));
        using (var replay = await app.Client.ReplayAsync(ack.DeliveryKey))
        {
            Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
            var accepted = Json.Parse(await replay.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal(1, accepted.Number("replayCount"));
        }

        var order = (await app.Client.WaitForOrderAsync($"walmart:{purchaseOrderId}")).GetProperty("order");
        Assert.Equal(2, order.Items("lines").Length);
        var resolved = await app.Client.WaitForQuarantineAsync(ack.DeliveryKey, q => q.Str("state") == "Resolved");
        Assert.Equal(1, resolved.Number("replayCount"));
        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(ack.DeliveryKey, e => e.Str("outcome") == "Applied")).Str("outcome"));
        Assert.Empty(await app.Client.QuarantineAsync("open"));

        using var again = await app.Client.ReplayAsync(ack.DeliveryKey);
        await Problem.AssertAsync(again, HttpStatusCode.Conflict, "already replayed");
    }

    [Fact]
    public async Task ReplayApi_UnknownDeliveryKey_Is404Problem()
    {
        await using var app = TestApp.Start(fixture);

        using var response = await app.Client.ReplayAsync("walmart-00000000000000000000000000000000");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "walmart-00000000000000000000000000000000");
    }

    [Fact]
    public async Task ShopifyWebhook_AuthenticatedButUnsupportedTopic_Is422AndRawBodyKeptInQuarantine()
    {
        await using var app = TestApp.Start(fixture);
        var body = Deliveries.ShopifyBody("shopify-orders-create.json");
        var webhook = Deliveries.Shopify(body, "carts/create");

        using var response = await app.Client.SendAsync(webhook);

        await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "carts/create");
        var entry = Assert.Single(await app.Client.QuarantineAsync());
        Assert.Equal("Open", entry.Str("state"));
        Assert.Contains("carts/create", entry.Str("reason"), StringComparison.Ordinal);

        // Acceptance run gap: a well-formed delivery of a topic we do not handle was labelled "(unreadable)".
        Assert.Equal("carts/create", entry.Str("topic"));
        Assert.Equal("carts/create", Assert.Single(await app.Client.ChannelEventsAsync()).Str("topic"));
        using var raw = await app.Client.GetRawDeliveryAsync(SalesChannel.Shopify, entry.Str("deliveryKey"));
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        var view = Json.Parse(await raw.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(ChannelSamples.Text("shopify-orders-create.json"), view.Str("body"));
        Assert.Equal("Quarantined", view.Str("state"));
        Assert.Null(await app.Client.GetOrderAsync("shopify:" + Deliveries.ShopifyOrderId));
    }
}
