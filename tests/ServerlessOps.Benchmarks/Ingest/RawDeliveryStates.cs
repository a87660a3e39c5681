using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Benchmarks.Ingest;

/// <summary>
/// How many raw deliveries ended in each state, read from the blobs themselves: the proof that a drained
/// queue means processed deliveries, not lost ones.
/// </summary>
internal static class RawDeliveryStates
{
    public static async Task<string> CountAsync(string connectionString, string container, CancellationToken cancellationToken)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var blobs = new BlobContainerClient(connectionString, container);
        await foreach (var blob in blobs.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix: null, cancellationToken))
        {
            var state = blob.Name.StartsWith(RawDeliveryBundle.Prefix, StringComparison.Ordinal) ? "bundle not yet spread"
                : blob.Metadata.TryGetValue("state", out var value) ? value : "(none)";
            counts[state] = counts.GetValueOrDefault(state) + 1;
        }

        return string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"));
    }
}
