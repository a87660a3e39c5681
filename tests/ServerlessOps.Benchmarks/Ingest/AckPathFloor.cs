using System.Diagnostics;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;

namespace ServerlessOps.Benchmarks.Ingest;

/// <summary>
/// The latency floor of the acknowledgement path on this machine right now: Azurite alone, driven open loop
/// at the benchmark's rate with exactly the storage calls an acknowledgement waits for (the raw blob upload
/// with its metadata and index tags, then the queue send when acknowledging after the queue), no app in between.
/// The app's p99 cannot be lower than this one; the machine's speed swings, so it is measured in every run.
/// </summary>
internal static class AckPathFloor
{
    public static async Task<LatencyRecorder> MeasureAsync(
        string connectionString, byte[] body, int rate, TimeSpan duration, bool withQueueSend, CancellationToken cancellationToken)
    {
        var container = new BlobServiceClient(connectionString).GetBlobContainerClient("floor-" + Guid.NewGuid().ToString("N")[..8]);
        var queue = new QueueClient(connectionString, "floor-" + Guid.NewGuid().ToString("N")[..8], new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await container.CreateAsync(cancellationToken: cancellationToken);
        await queue.CreateAsync(cancellationToken: cancellationToken);
        var metadata = new Dictionary<string, string> { ["channel"] = "shopify", ["state"] = "Received", ["headers"] = Convert.ToBase64String(new byte[600]) };
        var latencies = new LatencyRecorder();
        var calls = new List<Task>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < rate * duration.TotalSeconds; i++)
        {
            var scheduled = TimeSpan.FromSeconds((double)i / rate);
            if (scheduled - clock.Elapsed is { } wait && wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }

            var name = $"d/{i}";
            calls.Add(Task.Run(
                async () =>
                {
                    var options = new BlobUploadOptions
                    {
                        Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                        Metadata = metadata,
                        Tags = new Dictionary<string, string> { ["state"] = "received", ["receivedat"] = DateTimeOffset.UtcNow.ToString("yyyyMMddTHHmmssZ", System.Globalization.CultureInfo.InvariantCulture) },
                    };
                    await container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(body), options, cancellationToken);
                    if (withQueueSend)
                    {
                        await queue.SendMessageAsync($"{{\"blobName\":\"{name}\"}}", cancellationToken);
                    }

                    latencies.Add(scheduled, (clock.Elapsed - scheduled).TotalMilliseconds);
                },
                cancellationToken));
        }

        await Task.WhenAll(calls);
        await container.DeleteAsync(cancellationToken: cancellationToken);
        await queue.DeleteAsync(cancellationToken);
        return latencies;
    }
}
