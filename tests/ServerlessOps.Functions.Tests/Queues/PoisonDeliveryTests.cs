using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;

namespace ServerlessOps.Functions.Tests.Queues;

public sealed class PoisonDeliveryTests(FunctionAppFixture fixture)
{
    [Fact]
    public async Task WalmartWebhook_ChannelApiDownOnEveryAttempt_IsRetriedQuarantinedAndReplayableOnceItRecovers()
    {
        // Faults are per channel on a stub: a private one keeps this outage away from every other test.
        await using var marketplace = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = TestApp.Start(
            fixture,
            new Dictionary<string, string>
            {
                ["Ingestion:MaxDequeueCount"] = "2",
                ["Queues:VisibilityTimeout"] = "00:00:05",
                ["Channels:Walmart:MaxRetries"] = "0",
                // The test counts Walmart calls: a backstop tick (every quarter hour) listing orders would add one.
                ["Backstop:TimerEnabled"] = "false",
            },
            marketplace: marketplace);
        var purchaseOrderId = Deliveries.NewWalmartPurchaseOrderId();
        marketplace.PutWalmartOrder(purchaseOrderId, Deliveries.WalmartOrder(purchaseOrderId));
        // Down for exactly the two attempts MaxDequeueCount allows (no client retries): then it recovers.
        marketplace.FailNext(SalesChannel.Walmart, 2, 503);
        var eventId = Deliveries.NewId();

        var ack = await app.Client.SendAcceptedAsync(Deliveries.Walmart(Deliveries.WalmartPoCreated(purchaseOrderId, eventId), eventId));

        // An outage is not the payload's fault: it must be retried (2 attempts), and only then quarantined.
        var entry = await app.Client.WaitForQuarantineAsync(ack.DeliveryKey, q => q.Str("reason").Contains("failed 2 times", StringComparison.Ordinal), TimeSpan.FromSeconds(40));
        Assert.Equal("Open", entry.Str("state"));
        Assert.Equal("Quarantined", (await app.Client.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));
        Assert.Equal(2, marketplace.RequestCount(SalesChannel.Walmart));
        Assert.Null(await app.Client.GetOrderAsync($"walmart:{purchaseOrderId}"));

        using (var replay = await app.Client.ReplayAsync(ack.DeliveryKey))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, replay.StatusCode);
        }

        await app.Client.WaitForOrderAsync($"walmart:{purchaseOrderId}");
        await app.Client.WaitForQuarantineAsync(ack.DeliveryKey, q => q.Str("state") == "Resolved");
        Assert.Equal(3, marketplace.RequestCount(SalesChannel.Walmart));
    }
}
