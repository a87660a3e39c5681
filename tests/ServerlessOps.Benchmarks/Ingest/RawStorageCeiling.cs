using System.Diagnostics;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;

namespace ServerlessOps.Benchmarks.Ingest;

/// <summary>
/// The physical limits of the acknowledgement path on this machine, Azurite alone from many concurrent callers with no
/// app in between: what one webhook stored on its own costs (a conditional 8.7 KB blob upload with metadata, then a
/// queue send; the path before bundles), and what one webhook travelling inline costs (one queue send carrying it; the
/// path since 2026-12-05, before bundling shares a send among several).
/// </summary>
internal static class RawStorageCeiling
{
    public static async Task<double> MeasurePairsPerSecondAsync(string connectionString, byte[] body, TimeSpan duration, int concurrency, CancellationToken cancellationToken)
    {
        var container = new BlobServiceClient(connectionString).GetBlobContainerClient("ceiling-" + Guid.NewGuid().ToString("N")[..8]);
        var queue = new QueueClient(connectionString, "ceiling-" + Guid.NewGuid().ToString("N")[..8], new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await container.CreateAsync(cancellationToken: cancellationToken);
        await queue.CreateAsync(cancellationToken: cancellationToken);
        var metadata = new Dictionary<string, string> { ["channel"] = "shopify", ["state"] = "Received", ["headers"] = Convert.ToBase64String(new byte[600]) };
        var done = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            for (var i = 0; clock.Elapsed < duration; i++)
            {
                var options = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All }, Metadata = metadata };
                await container.GetBlobClient($"w{worker}/{i}").UploadAsync(BinaryData.FromBytes(body), options, cancellationToken);
                await queue.SendMessageAsync($"{{\"blobName\":\"w{worker}/{i}\"}}", cancellationToken);
                Interlocked.Increment(ref done);
            }
        }));
        var rate = done / clock.Elapsed.TotalSeconds;
        await container.DeleteAsync(cancellationToken: cancellationToken);
        await queue.DeleteAsync(cancellationToken);
        return rate;
    }

    /// <summary>Queue sends per second, each carrying one delivery of <paramref name="body"/> inside the message.</summary>
    public static async Task<double> MeasureInlineSendsPerSecondAsync(string connectionString, byte[] body, TimeSpan duration, int concurrency, CancellationToken cancellationToken)
    {
        var queue = new QueueClient(connectionString, "ceiling-" + Guid.NewGuid().ToString("N")[..8], new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateAsync(cancellationToken: cancellationToken);
        var message = $"{{\"inlineBundle\":\"ceiling\",\"lines\":[\"{Convert.ToBase64String(body)}\"]}}";
        var done = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                await queue.SendMessageAsync(message, cancellationToken);
                Interlocked.Increment(ref done);
            }
        }));
        var rate = done / clock.Elapsed.TotalSeconds;
        await queue.DeleteAsync(cancellationToken);
        return rate;
    }
}
