using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;

namespace ServerlessOps.Infrastructure.Storage;

/// <summary>
/// Raw deliveries in blob storage. The blob is written before the channel gets its 2xx, with a
/// create-if-absent condition: that condition is the de-duplication, so two concurrent copies of one
/// delivery cannot both be "first" (no check-then-insert race).
/// </summary>
public sealed class RawDeliveryStore
{
    private const int MetadataUpdateAttempts = 5;

    private readonly BlobContainerClient _container;

    public RawDeliveryStore(BlobServiceClient blobService, IOptions<IngestionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(blobService);
        ArgumentNullException.ThrowIfNull(options);
        _container = blobService.GetBlobContainerClient(options.Value.RawContainer);
    }

    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        StorageErrors.TranslateAsync(() => _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken), cancellationToken);

    /// <summary>Stores the delivery unless the same delivery key is already stored.</summary>
    public Task<RawDeliveryCreateResult> TryCreateAsync(RawDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return StorageErrors.TranslateAsync(async () =>
        {
            var blob = _container.GetBlobClient(delivery.BlobName);
            var options = new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                Metadata = RawDeliveryMetadata.From(delivery),
                Tags = RawDeliveryTags.For(delivery.State, delivery.ReceivedAt),
                HttpHeaders = new BlobHttpHeaders { ContentType = delivery.Headers.TryGetValue("Content-Type", out var type) ? type : "application/json" },
            };
            try
            {
                var written = await blob.UploadAsync(BinaryData.FromBytes(delivery.Body), options, cancellationToken);
                return new RawDeliveryCreateResult(true, delivery.ReceivedAt, written.Value.ETag.ToString());
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
                var firstReceivedAt = RawDeliveryMetadata.ReadReceivedAt(properties.Value.Metadata);

                // The SDK retries an upload whose answer was lost (a timeout after the service stored it); the retry
                // then meets our own blob. Same receipt time to the tick means it is ours, not an earlier copy.
                var ours = firstReceivedAt == delivery.ReceivedAt;
                return new RawDeliveryCreateResult(ours, firstReceivedAt);
            }
        }, cancellationToken);
    }

    /// <summary>Reads a delivery back (body, metadata and state); null when the blob does not exist.</summary>
    public Task<RawDelivery?> GetAsync(string blobName, CancellationToken cancellationToken = default) =>
        StorageErrors.TranslateAsync(async () =>
        {
            var blob = _container.GetBlobClient(blobName);
            try
            {
                var download = (await blob.DownloadContentAsync(cancellationToken)).Value;
                var state = await RawDeliveryTags.ReadStateAsync(blob, download.Details.TagCount, download.Details.Metadata, cancellationToken);
                var delivery = RawDeliveryMetadata.ToDelivery(RawDelivery.DeliveryKeyOf(blobName), download.Details.Metadata, download.Content.ToMemory(), state);
                return (RawDelivery?)(delivery with { StoredETag = download.Details.ETag.ToString() });
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return null;
            }
        }, cancellationToken);

    /// <summary>
    /// Records the delivery's state in its tags: one request, last writer wins (a replay and a processor finishing the same
    /// delivery both end it processed). A reason (a quarantine's) goes into the metadata first, starting from the copy the
    /// caller read when nobody changed the blob since, else read-modify-write under the blob's ETag, so the metadata the
    /// delivery arrived with is kept; a crash between the two leaves the reason with the state before, and the caller's
    /// retry writes both again.
    /// </summary>
    public Task SetStateAsync(RawDelivery delivery, RawDeliveryState state, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return StorageErrors.TranslateAsync(async () =>
        {
            var blob = _container.GetBlobClient(delivery.BlobName);
            if (reason is not null)
            {
                await WriteReasonAsync(blob, delivery, reason, cancellationToken);
            }

            await blob.SetTagsAsync(RawDeliveryTags.For(state, delivery.ReceivedAt), cancellationToken: cancellationToken);
        }, cancellationToken);
    }

    private static async Task WriteReasonAsync(BlobClient blob, RawDelivery delivery, string reason, CancellationToken cancellationToken)
    {
        if (delivery.StoredETag is { } read)
        {
            try
            {
                await blob.SetMetadataAsync(RawDeliveryMetadata.From(delivery with { Reason = reason }), new BlobRequestConditions { IfMatch = new ETag(read) }, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Changed since the caller's read (a redaction, another reason): read-modify-write below.
            }
        }

        for (var attempt = 1; ; attempt++)
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            var metadata = new Dictionary<string, string>(properties.Value.Metadata, StringComparer.OrdinalIgnoreCase)
            {
                [RawDeliveryMetadata.Reason] = RawDeliveryMetadata.EncodeReason(reason),
            };

            // A blob written before the state moved to tags: its old state would only mislead someone reading the metadata.
            metadata.Remove(RawDeliveryMetadata.State);
            try
            {
                await blob.SetMetadataAsync(metadata, new BlobRequestConditions { IfMatch = properties.Value.ETag }, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < MetadataUpdateAttempts)
            {
                // Someone else updated the metadata between our read and write: read again.
            }
        }
    }

    /// <summary>
    /// Deliveries still in <see cref="RawDeliveryState.Received"/> that arrived before <paramref name="receivedBefore"/>:
    /// acknowledged but never processed (a lost queue message). Bounded by <paramref name="max"/> per call.
    /// The blob index tags, the state's home, find them (the service answers from its index, however many deliveries
    /// are stored); each one's metadata names its brand.
    /// </summary>
    public async IAsyncEnumerable<RawDeliveryListing> ListStrandedAsync(
        DateTimeOffset receivedBefore,
        int max,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var found = 0;
        var candidates = _container.FindBlobsByTagsAsync(RawDeliveryTags.StrandedQuery(receivedBefore), cancellationToken);
        await foreach (var candidate in candidates.WithCancellation(cancellationToken))
        {
            var metadata = await ReadMetadataAsync(candidate.BlobName, cancellationToken);
            if (metadata is null)
            {
                continue;
            }

            var receivedAt = RawDeliveryMetadata.ReadReceivedAt(metadata);
            if (receivedAt >= receivedBefore)
            {
                continue;
            }

            yield return new RawDeliveryListing(candidate.BlobName, RawDeliveryMetadata.ReadBrand(metadata), RawDelivery.DeliveryKeyOf(candidate.BlobName), receivedAt);
            if (++found >= max)
            {
                yield break;
            }
        }
    }

    private Task<IDictionary<string, string>?> ReadMetadataAsync(string blobName, CancellationToken cancellationToken) =>
        StorageErrors.TranslateAsync(async () =>
        {
            try
            {
                return (IDictionary<string, string>?)(await _container.GetBlobClient(blobName).GetPropertiesAsync(cancellationToken: cancellationToken)).Value.Metadata;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return null;
            }
        }, cancellationToken);
}
