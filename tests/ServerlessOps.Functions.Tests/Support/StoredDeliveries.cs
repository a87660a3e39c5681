using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Storage;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Functions.Tests.Support;

/// <summary>
/// What the webhook edge stored, taken off the queue so a test decides which deliveries share a bundle and when it is
/// processed.
/// </summary>
public static class StoredDeliveries
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>
    /// Sends <paramref name="count"/> Walmart PO-created signals, each for a new order the marketplace holds, so processing
    /// each one reads its order from Walmart's API; returns the purchase order ids.
    /// </summary>
    public static async Task<List<string>> SendWalmartOrdersAsync(TestApp app, Marketplace marketplace, int count)
    {
        var orders = Enumerable.Range(0, count).Select(_ => Deliveries.NewWalmartPurchaseOrderId()).ToList();
        foreach (var order in orders)
        {
            marketplace.PutWalmartOrder(order, Deliveries.WalmartOrder(order));
            var eventId = Deliveries.NewId();
            await app.Client.SendAcceptedAsync(Deliveries.Walmart(Deliveries.WalmartPoCreated(order, eventId), eventId));
        }

        return orders;
    }

    /// <summary>
    /// The next <paramref name="count"/> deliveries the edge stored (however it bundled them), with their queue messages
    /// and bundle blobs removed. Waited for: the edge acknowledges a bundle blob once written and queues it just after.
    /// </summary>
    public static async Task<List<RawDelivery>> TakeAsync(TestApp app, int count)
    {
        var queue = app.Services.GetRequiredService<DeliveryQueues>().Queue;
        var bundles = app.Services.GetRequiredService<RawDeliveryBundles>();
        var deliveries = new List<RawDelivery>();
        await Poll.UntilAsync(
            async ct =>
            {
                foreach (var message in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5), ct)).Value)
                {
                    Assert.True(DeliveryBundleMessage.TryParse(message.Body.ToString(), out var bundle));
                    if (bundle.Inline is { } inline)
                    {
                        deliveries.AddRange(inline.Deliveries);
                    }
                    else
                    {
                        deliveries.AddRange((await bundles.ReadAsync(bundle.BundleBlobName, ct))!.Deliveries);
                        await bundles.DeleteAsync(bundle.BundleBlobName, ct);
                    }

                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
                }

                return deliveries.Count >= count ? deliveries : null;
            },
            $"{count} deliveries on the queue",
            lastSeen: () => $"{deliveries.Count} taken");
        return deliveries;
    }

    /// <summary>
    /// Stores <paramref name="deliveries"/> as one bundle blob, as the edge does when they arrive together and are too big
    /// for one queue message; returns its message.
    /// </summary>
    public static async Task<DeliveryBundleMessage> RebundleAsync(TestApp app, IReadOnlyList<RawDelivery> deliveries)
    {
        var bundle = new RawDeliveryBundle(RawDeliveryBundle.NewBlobName(DateTimeOffset.UtcNow), deliveries);
        await app.Services.GetRequiredService<RawDeliveryBundles>().WriteAsync(bundle, Token);
        return new DeliveryBundleMessage(bundle.BlobName);
    }

    /// <summary>The message carrying <paramref name="deliveries"/> inline, as the edge sends a bundle small enough for one.</summary>
    public static DeliveryBundleMessage InlineBundle(IReadOnlyList<RawDelivery> deliveries) =>
        DeliveryBundleMessage.InlineOf(new RawDeliveryBundle(RawDeliveryBundle.NewBlobName(DateTimeOffset.UtcNow), deliveries));

    /// <summary>Every blob in the app's raw-delivery container: the deliveries' own blobs and any bundle blobs.</summary>
    public static async Task<List<string>> RawBlobNamesAsync(TestApp app)
    {
        var container = app.Services.GetRequiredService<BlobServiceClient>()
            .GetBlobContainerClient(app.Services.GetRequiredService<IOptions<IngestionOptions>>().Value.RawContainer);
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: Token))
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
