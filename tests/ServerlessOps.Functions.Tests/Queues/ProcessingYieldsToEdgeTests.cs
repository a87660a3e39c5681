using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessOps.Functions.Queues;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Ingestion;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Functions.Tests.Queues;

/// <summary>Processing and the webhook edge share an instance: processing gives way while the edge is busy.</summary>
public sealed class ProcessingYieldsToEdgeTests(FunctionAppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProcessWebhookDelivery_WhileAnEighthOfTheEdgesTurnsAreTaken_WaitsAndStartsOnceTheEdgeQuietens()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var ack = await app.Client.SendAcceptedAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create"));
        var queue = app.Services.GetRequiredService<DeliveryQueues>().Queue;
        var message = await Poll.UntilAsync(async ct => (await queue.ReceiveMessageAsync(TimeSpan.FromMinutes(5), ct)).Value, "the edge's bundle message");
        Assert.True(DeliveryBundleMessage.TryParse(message.Body.ToString(), out var bundle));
        var delivery = Assert.Single((await app.Services.GetRequiredService<RawDeliveryBundles>().ReadAsync(bundle!.BundleBlobName, Token))!.Deliveries);

        // Webhooks in flight at the edge: an eighth of its write turns, held until released.
        var gate = app.Services.GetRequiredService<EdgeWriteGate>();
        var busy = app.Services.GetRequiredService<IOptions<IngestionOptions>>().Value.EdgeMaxConcurrentWrites / 8;
        var release = new TaskCompletionSource();
        var held = Enumerable.Range(0, busy).Select(_ => gate.RunAsync(_ => release.Task, Token)).ToList();
        Assert.True(gate.IsBusy);

        var processing = FunctionInvoker.QueueAsync<ProcessWebhookDelivery>(app, message.Body.ToString());
        var processor = app.Services.GetRequiredService<DeliveryBatchProcessor>();
        await Poll.UntilAsync(ct => Task.FromResult(processor.WaitingForEdge > 0 ? processor : null), "processing waiting for the edge");

        // Not even spread into its own blob while the edge is busy.
        Assert.Null(await app.Services.GetRequiredService<RawDeliveryStore>().GetAsync(delivery.BlobName, Token));
        release.SetResult();
        await Task.WhenAll(held);
        await processing;

        Assert.Equal("Applied", (await app.Client.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));
        Assert.Equal(0, processor.WaitingForEdge);
    }
}
