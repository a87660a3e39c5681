using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Infrastructure;
using ServerlessOps.Infrastructure.Storage;
using ServerlessOps.Testing.Webhooks;

namespace ServerlessOps.Benchmarks.Ingest;

/// <summary>
/// The latency floor of the acknowledgement path on this machine right now: Azurite alone, driven open loop
/// at the benchmark's rate with the app's own storage code and the edge's clients doing exactly what an
/// acknowledgement waits for (<see cref="DeliveryBundler.StoreAsync"/>: the queue send of a bundle small enough to travel
/// inside its message; for a bigger one, the blob write, and its queue send when acknowledging after the queue), with no
/// HTTP and no app process in between. The app's p99 cannot be lower
/// than this one; the machine's speed swings, so it is measured in every run.
/// </summary>
internal static class AckPathFloor
{
    /// <returns>Latencies of every call, failed ones included (they count at the time they failed), and how many failed.</returns>
    public static async Task<(LatencyRecorder Latencies, int Failures)> MeasureAsync(
        string connectionString, IReadOnlyList<SignedWebhook> webhooks, int rate, bool withQueueSend, CancellationToken cancellationToken)
    {
        var storage = new StorageOptions { ConnectionString = connectionString };
        var ingestion = Options.Create(new IngestionOptions { RawContainer = "floor-" + Guid.NewGuid().ToString("N")[..8], QueueName = "floor-" + Guid.NewGuid().ToString("N")[..8] });
        var blobs = StorageClients.CreateBlobService(storage, StorageProfile.Edge);
        var queues = new DeliveryQueues(StorageClients.CreateQueueService(storage, StorageProfile.Edge), ingestion);
        await Task.WhenAll(new RawDeliveryStore(blobs, ingestion).EnsureCreatedAsync(cancellationToken), queues.EnsureCreatedAsync(cancellationToken));
        await using var bundler = new DeliveryBundler(new RawDeliveryBundles(blobs, ingestion), queues, ingestion, TimeProvider.System, NullLogger<DeliveryBundler>.Instance);
        var latencies = new LatencyRecorder();
        var failures = 0;
        var calls = new List<Task>(webhooks.Count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < webhooks.Count; i++)
        {
            var scheduled = await OpenLoop.WaitForTurnAsync(clock, i, rate, cancellationToken);

            var delivery = RawDeliveryOf(webhooks[i]);
            calls.Add(Task.Run(
                async () =>
                {
                    try
                    {
                        await bundler.StoreAsync(delivery, withQueueSend, cancellationToken);
                    }
                    catch (StoreUnavailableException)
                    {
                        // The edge's clients gave up (2 tries of 2 s): the run goes on, the failure is counted.
                        Interlocked.Increment(ref failures);
                    }

                    latencies.Add(scheduled, (clock.Elapsed - scheduled).TotalMilliseconds);
                },
                cancellationToken));
        }

        await Task.WhenAll(calls);
        return (latencies, failures);
    }

    private static RawDelivery RawDeliveryOf(SignedWebhook webhook)
    {
        var shop = webhook.Headers["X-Shopify-Shop-Domain"];

        // As the edge stores them: the credential header is verified, never kept.
        var headers = webhook.Headers.Where(h => h.Key != "X-Shopify-Hmac-Sha256").ToDictionary(StringComparer.OrdinalIgnoreCase);
        headers["Content-Type"] = webhook.ContentType;
        return new RawDelivery(
            DeliveryKey.For(SalesChannel.Shopify, shop, webhook.DeliveryId), "floor", SalesChannel.Shopify, shop, webhook.DeliveryId,
            webhook.Headers["X-Shopify-Topic"], webhook.Headers["X-Shopify-Event-Id"], DateTimeOffset.UtcNow, webhook.Path, headers, webhook.Body);
    }
}
