using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Storage;

/// <summary>
/// One webhook call as it arrived: the body bytes exactly as received plus the headers worth keeping
/// (credential headers are dropped before storage: they are secrets, and verification already happened).
/// </summary>
public sealed record RawDelivery(
    string DeliveryKey,
    string BrandId,
    SalesChannel Channel,
    string AccountId,
    string DeliveryId,
    string Topic,
    string? EventId,
    DateTimeOffset ReceivedAt,
    string PathAndQuery,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body,
    RawDeliveryState State = RawDeliveryState.Received,
    string? Reason = null)
{
    /// <summary>The blob's ETag when this copy was read from storage; lets a state change skip a re-read.</summary>
    public string? StoredETag { get; init; }

    /// <summary>Blob name: deterministic from the key, so a retried delivery meets its first copy.</summary>
    public string BlobName => BlobNameFor(BrandId, Channel, DeliveryKey);

    public static string BlobNameFor(string brandId, SalesChannel channel, string deliveryKey) =>
        $"{brandId}/{channel.Slug()}/{deliveryKey}";

    /// <summary>
    /// This delivery with only the headers its blob's metadata can hold (<see cref="RawDeliveryMetadata.StorableHeaders"/>).
    /// The edge applies it before acknowledging, so every processing attempt reads the same headers: the first from the
    /// bundle, a later one from the blob.
    /// </summary>
    public RawDelivery WithStorableHeaders() => this with { Headers = RawDeliveryMetadata.StorableHeaders(this) };

    /// <summary>The delivery key of a blob named by <see cref="BlobNameFor"/>.</summary>
    public static string DeliveryKeyOf(string blobName) => blobName[(blobName.LastIndexOf('/') + 1)..];
}
