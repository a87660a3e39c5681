using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;

namespace ServerlessOps.Functions.Tests.Webhooks;

public sealed class DuplicateDeliveryTests(FunctionAppFixture fixture)
{
    private const string OrderId = "shopify:" + Deliveries.ShopifyOrderId;

    [Fact]
    public async Task ShopifyWebhook_SameDeliverySentTwice_OneOrderOneEventCountingBothArrivals()
    {
        await using var app = TestApp.Start(fixture);
        var webhook = Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create");

        var first = await app.Client.SendAcceptedAsync(webhook);
        await app.Client.WaitForEventAsync(first.DeliveryKey);
        var second = await app.Client.SendAcceptedAsync(webhook);

        // Both answered "accepted" (stored); telling the repeat apart is processing's work, seen in the arrivals.
        Assert.Equal(["accepted", "accepted"], [first.Status, second.Status]);
        Assert.Equal(first.DeliveryKey, second.DeliveryKey);
        var entry = await app.Client.WaitForEventAsync(first.DeliveryKey, e => e.Number("arrivals") == 2 && AppClient.FinalOutcomes.Contains(e.Str("outcome")));
        Assert.Equal("Applied", entry.Str("outcome"));
        Assert.Single(await app.Client.ChannelEventsAsync());
        var order = await app.Client.WaitForOrderAsync(OrderId);
        Assert.Single(order.Items("deliveries"));
        Assert.Single(await app.Client.OrdersForDayAsync(new DateOnly(2026, 11, 20)));
    }

    [Fact]
    public async Task ShopifyWebhook_SameDeliverySentFiveTimesConcurrently_OneOrderOneEventCountingEveryArrival()
    {
        await using var app = TestApp.Start(fixture);
        var webhook = Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create");

        var acks = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => app.Client.SendAcceptedAsync(webhook)));

        Assert.Single(acks.Select(a => a.DeliveryKey).Distinct());
        Assert.All(acks, a => Assert.Equal("accepted", a.Status));
        var key = acks[0].DeliveryKey;
        var entry = await app.Client.WaitForEventAsync(key, e => e.Number("arrivals") == 5 && AppClient.FinalOutcomes.Contains(e.Str("outcome")));
        Assert.Equal("Applied", entry.Str("outcome"));
        var order = await app.Client.WaitForOrderAsync(OrderId);
        Assert.Equal(key, Assert.Single(order.Items("deliveries")).Str("deliveryKey"));
        Assert.Single(await app.Client.ChannelEventsAsync());
        Assert.Single(await app.Client.OrdersForDayAsync(new DateOnly(2026, 11, 20)));
    }
}
