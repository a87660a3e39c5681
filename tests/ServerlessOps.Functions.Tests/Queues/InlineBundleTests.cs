using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Functions.Queues;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Functions.Tests.Queues;

/// <summary>
/// Bundles that travel inside their queue message (the edge's bundles small enough for one), driven as the Functions
/// host would: the function classes' <c>[QueueTrigger]</c> wrappers, activated from the app's services. Processing spreads
/// them into the deliveries' own blobs as it does a bundle blob, so de-duplication, quarantine and replay are the same.
/// </summary>
public sealed class InlineBundleTests(FunctionAppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProcessWebhookDelivery_SameInlineBundleTwice_StoresEachDeliveryOnceAndRecordsItOnce()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var acks = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => app.Client.SendAcceptedAsync(
            Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create", webhookId: Deliveries.NewId()))));
        var message = StoredDeliveries.InlineBundle(await StoredDeliveries.TakeAsync(app, 2)).ToJson();

        // At least once: the queue may hand the same message out again (a lost completion, or the send's own retry).
        await FunctionInvoker.QueueAsync<ProcessWebhookDelivery>(app, message);
        var once = await EventsAsync(app, acks);
        await FunctionInvoker.QueueAsync<ProcessWebhookDelivery>(app, message);
        var twice = await EventsAsync(app, acks);

        // Each delivery has one event, one arrival, and the second pass changed none of them.
        Assert.Equal(acks.Length, once.Count);
        Assert.All(once, e => Assert.Equal(1, e.Arrivals));
        Assert.Equal(once, twice);

        // One blob per delivery, its own; no bundle blob, since the bundle was the message.
        var blobs = await BlobNamesAsync(app);
        Assert.Equal(acks.Select(a => a.DeliveryKey).Order(), blobs.Select(b => b.DeliveryKey ?? b.Name).Order());
        Assert.DoesNotContain(blobs, b => b.Name.StartsWith(RawDeliveryBundle.Prefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProcessPoisonDelivery_InlineBundle_QuarantinesItsDeliveriesFromTheMessageSoTheyCanBeReplayed()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var ack = await app.Client.SendAcceptedAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create", webhookId: Deliveries.NewId()));
        var message = StoredDeliveries.InlineBundle(await StoredDeliveries.TakeAsync(app, 1)).ToJson();

        // The message is all there is of the delivery (no blob yet): poisoned, it must still reach quarantine.
        await FunctionInvoker.QueueAsync<ProcessPoisonDelivery>(app, message);

        var entry = await app.Client.WaitForQuarantineAsync(ack.DeliveryKey);
        Assert.Contains("failed 5 times", entry.Str("reason"), StringComparison.Ordinal);
        using (var replay = await app.Client.ReplayAsync(ack.DeliveryKey))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, replay.StatusCode);
        }

        // The replay is a message naming the delivery's own blob, which spreading the poisoned bundle wrote.
        var queue = app.Services.GetRequiredService<DeliveryQueues>().Queue;
        var replayed = await Poll.UntilAsync(async ct => (await queue.ReceiveMessageAsync(TimeSpan.FromMinutes(5), ct)).Value, "the replay on the queue");
        Assert.Equal(DeliveryMessageKind.Replay, DeliveryMessage.Parse(replayed.Body.ToString()).Kind);
        await FunctionInvoker.QueueAsync<ProcessWebhookDelivery>(app, replayed.Body.ToString());

        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(ack.DeliveryKey, e => e.Str("outcome") == "Applied")).Str("outcome"));
        await app.Client.WaitForQuarantineAsync(ack.DeliveryKey, q => q.Str("state") == "Resolved");
    }

    private static async Task<List<(string DeliveryKey, string Outcome, int Arrivals)>> EventsAsync(TestApp app, IReadOnlyList<AppClient.Acknowledgement> acks)
    {
        var events = await app.Client.ChannelEventsAsync();
        return [.. acks.Select(a => Assert.Single(events, e => e.Str("deliveryKey") == a.DeliveryKey)).Select(e => (e.Str("deliveryKey"), e.Str("outcome"), e.Number("arrivals")))];
    }

    private static async Task<List<(string Name, string? DeliveryKey)>> BlobNamesAsync(TestApp app)
    {
        var raw = app.Services.GetRequiredService<RawDeliveryStore>();
        var blobs = new List<(string, string?)>();
        foreach (var name in await StoredDeliveries.RawBlobNamesAsync(app))
        {
            var isBundle = name.StartsWith(RawDeliveryBundle.Prefix, StringComparison.Ordinal);
            blobs.Add((name, isBundle ? null : (await raw.GetAsync(name, Token))?.DeliveryKey));
        }

        return blobs;
    }
}
