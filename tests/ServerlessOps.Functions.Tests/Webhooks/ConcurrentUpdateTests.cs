using System.Globalization;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;

namespace ServerlessOps.Functions.Tests.Webhooks;

public sealed class ConcurrentUpdateTests(FunctionAppFixture fixture)
{
    private const string OrderId = "shopify:" + Deliveries.ShopifyOrderId;
    private const int Updates = 20;

    [Fact]
    public async Task ShopifyWebhook_TwentyConcurrentUpdatesOfOneOrder_EndOnHighestUpdatedAtWithEveryDeliveryReferenced()
    {
        await using var app = TestApp.Start(fixture);
        var baseline = DateTimeOffset.Parse("2026-11-21T09:00:00Z", CultureInfo.InvariantCulture);

        // Distinct versions, sent in shuffled order all at once: arrival order must not decide the winner.
        var versions = Enumerable.Range(1, Updates).Select(i => baseline.AddMinutes(i)).OrderBy(_ => Random.Shared.Next()).ToArray();
        var webhooks = versions.Select(at => Deliveries.Shopify(Deliveries.ShopifyUpdated(at), "orders/updated")).ToArray();
        var acks = await Task.WhenAll(webhooks.Select(app.Client.SendAcceptedAsync));

        Assert.All(acks, a => Assert.Equal("accepted", a.Status));
        var keys = acks.Select(a => a.DeliveryKey).ToHashSet();
        Assert.Equal(Updates, keys.Count);
        foreach (var key in keys)
        {
            var outcome = (await app.Client.WaitForEventAsync(key, timeout: TimeSpan.FromSeconds(90))).Str("outcome");
            Assert.True(outcome is "Applied" or "Stale", $"Delivery {key} ended {outcome}");
        }

        var stored = await app.Client.WaitForOrderAsync(OrderId);
        Assert.Equal(versions.Max(), stored.GetProperty("order").GetProperty("version").Time("updatedAt"));
        var referenced = stored.Items("deliveries").Select(d => d.Str("deliveryKey")).ToList();
        Assert.Equal(Updates, referenced.Count);
        Assert.True(keys.SetEquals(referenced), "Every delivery is referenced exactly once from the order.");
        var events = await app.Client.ChannelEventsAsync();
        Assert.Equal(Updates, events.Length);
        Assert.All(events, e => Assert.Equal(1, e.Number("arrivals")));
    }
}
