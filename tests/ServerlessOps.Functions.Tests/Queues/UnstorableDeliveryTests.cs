using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Functions.Queues;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Ingestion;
using ServerlessOps.Infrastructure.Storage;
using ServerlessOps.Testing.Webhooks;

namespace ServerlessOps.Functions.Tests.Queues;

/// <summary>
/// A delivery is acknowledged once its bundle is stored, and gets its own blob only when processing spreads the bundle:
/// what the edge accepts must be storable then, every attempt must read it the same, and one delivery that cannot be
/// stored must not take its bundle-mates down with it.
/// </summary>
public sealed class UnstorableDeliveryTests(FunctionAppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Delivery_WithAHeaderThatEscapesLong_IsStoredInItsOwnBlobAndApplied()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());

        // 3,000 '+': counted as characters they fitted the old cap; JSON-escaped and base64-encoded they were 24,000
        // bytes of metadata, which Azure Storage (8 KiB) and Azurite (Node's 16 KiB of headers) refuse.
        var ack = await app.Client.SendAcceptedAsync(WithHeader("Z-Note", new string('+', 3000)));
        await FunctionInvoker.QueueAsync<ProcessWebhookDelivery>(app, StoredDeliveries.InlineBundle(await StoredDeliveries.TakeAsync(app, 1)).ToJson());

        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));
        Assert.Contains(ack.DeliveryKey, await RawBlobKeysAsync(app));
    }

    [Fact]
    public async Task Delivery_WithAHeaderTooBigToKeep_RetriedAfterItsBlobWasWritten_ReadsTheChannelsHeadersBackAndIsApplied()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());

        // Sorts before X-Shopify-*: a cap that kept headers in name order dropped the channel's own, so an attempt that
        // read the blob back (after a crash) quarantined a delivery the first attempt would have applied.
        var ack = await app.Client.SendAcceptedAsync(WithHeader("A-Proxy-Certificate", new string('c', 7000)));
        var bundle = StoredDeliveries.InlineBundle(await StoredDeliveries.TakeAsync(app, 1));

        // The first attempt spreads the bundle into the delivery's blob, then the instance dies; the message comes back.
        await app.Services.GetRequiredService<DeliveryBatchProcessor>().SpreadAsync(bundle.Inline!, Token);
        await FunctionInvoker.QueueAsync<ProcessWebhookDelivery>(app, bundle.ToJson());

        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));
    }

    [Fact]
    public async Task Bundle_WithOneDeliveryThatCannotBeStored_StillStoresEveryOther_SoNoneDependsOnTheFailingMessage()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        for (var i = 0; i < 20; i++)
        {
            await app.Client.SendAcceptedAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create", webhookId: Deliveries.NewId()));
        }

        var good = await StoredDeliveries.TakeAsync(app, 20);

        // A topic of 20,000 characters is 26,668 bytes of metadata: refused by the store whatever the attempt (Azurite
        // answers 431). The edge bounds topics, so this stands for any delivery that cannot be stored; it goes first.
        var unstorable = good[0] with { DeliveryKey = good[0].DeliveryKey + "-unstorable", Topic = new string('t', 20_000) };
        var message = StoredDeliveries.InlineBundle([unstorable, .. good]).ToJson();

        await Assert.ThrowsAnyAsync<Exception>(() => FunctionInvoker.QueueAsync<ProcessWebhookDelivery>(app, message));

        // Every other delivery has its blob, in state Received: the stranded-delivery sweep takes it from there even if
        // the message never succeeds.
        var stored = await RawBlobKeysAsync(app);
        Assert.Empty(good.Select(d => d.DeliveryKey).Except(stored));
    }

    private static SignedWebhook WithHeader(string name, string value)
    {
        var signed = Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create", webhookId: Deliveries.NewId());
        return signed with { Headers = new Dictionary<string, string>(signed.Headers) { [name] = value } };
    }

    private static async Task<HashSet<string>> RawBlobKeysAsync(TestApp app) =>
        [.. (await StoredDeliveries.RawBlobNamesAsync(app)).Select(RawDelivery.DeliveryKeyOf)];
}
