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
                return new RawDeliveryCreateResult(true, RawDeliveryState.Received, delivery.ReceivedAt, written.Value.ETag.ToString());
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
                var firstReceivedAt = RawDeliveryMetadata.ReadReceivedAt(properties.Value.Metadata);

                // The SDK retries an upload whose answer was lost (a timeout after the service stored it); the retry
                // then meets our own blob. Same receipt time to the tick means it is ours, not an earlier copy.
                var ours = firstReceivedAt == delivery.ReceivedAt;
                return new RawDeliveryCreateResult(ours, RawDeliveryMetadata.ReadState(properties.Value.Metadata), firstReceivedAt);
            }
        }, cancellationToken);
    }

    /// <summary>Reads a delivery back (body and metadata); null when the blob does not exist.</summary>
    public Task<RawDelivery?> GetAsync(string blobName, CancellationToken cancellationToken = default) =>
        StorageErrors.TranslateAsync(async () =>
        {
            try
            {
                var download = await _container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
                var deliveryKey = RawDelivery.DeliveryKeyOf(blobName);
                var delivery = RawDeliveryMetadata.ToDelivery(deliveryKey, download.Value.Details.Metadata, download.Value.Content.ToMemory());
                return (RawDelivery?)(delivery with { StoredETag = download.Value.Details.ETag.ToString() });
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return null;
            }
        }, cancellationToken);

    /// <summary>
    /// Records the delivery's state (and reason) in its metadata, starting from the copy the caller read: one
    /// request when nobody changed the blob since (the common case). If someone did (the processor and a replay
    /// can set it at the same moment), it falls back to a read-modify-write guarded by the blob's ETag.
    /// </summary>
    public Task SetStateAsync(RawDelivery delivery, RawDeliveryState state, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (delivery.StoredETag is null)
        {
            return SetStateCoreAsync(delivery.BlobName, state, reason, cancellationToken);
        }

        return StorageErrors.TranslateAsync(async () =>
        {
            var metadata = RawDeliveryMetadata.From(delivery with { State = state, Reason = reason ?? delivery.Reason });
            var blob = _container.GetBlobClient(delivery.BlobName);
            try
            {
                await blob.SetMetadataAsync(metadata, new BlobRequestConditions { IfMatch = new ETag(delivery.StoredETag) }, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Changed since our read (a duplicate's processing, a replay): fall back to read-modify-write.
                await SetStateCoreAsync(delivery.BlobName, state, reason, cancellationToken);
                return;
            }

            await blob.SetTagsAsync(RawDeliveryTags.For(state, delivery.ReceivedAt), cancellationToken: cancellationToken);
        }, cancellationToken);
    }

    private Task SetStateCoreAsync(string blobName, RawDeliveryState state, string? reason, CancellationToken cancellationToken) =>
        StorageErrors.TranslateAsync(async () =>
        {
            var blob = _container.GetBlobClient(blobName);
            for (var attempt = 1; ; attempt++)
            {
                var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
                var metadata = new Dictionary<string, string>(properties.Value.Metadata, StringComparer.OrdinalIgnoreCase)
                {
                    [RawDeliveryMetadata.State] = state.ToString(),
                };
                if (reason is not null)
                {
                    metadata[RawDeliveryMetadata.Reason] = RawDeliveryMetadata.EncodeReason(reason);
                }

                try
                {
                    await blob.SetMetadataAsync(metadata, new BlobRequestConditions { IfMatch = properties.Value.ETag }, cancellationToken);
                    await blob.SetTagsAsync(RawDeliveryTags.For(state, RawDeliveryMetadata.ReadReceivedAt(metadata)), cancellationToken: cancellationToken);
                    return;
                }
                catch (RequestFailedException e) when (e.Status == 412 && attempt < MetadataUpdateAttempts)
                {
                    // Someone else updated the metadata between our read and write: read again.
                }
            }
        }, cancellationToken);

    /// <summary>
    /// Deliveries still in <see cref="RawDeliveryState.Received"/> that arrived before <paramref name="receivedBefore"/>:
    /// acknowledged but never processed (a lost queue message). Bounded by <paramref name="max"/> per call.
    /// The blob index tags find the candidates (the service answers from its index, however many deliveries
    /// are stored); each candidate's metadata has the last word, and a tag found stale is corrected.
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

            var state = RawDeliveryMetadata.ReadState(metadata);
            var receivedAt = RawDeliveryMetadata.ReadReceivedAt(metadata);
            if (state != RawDeliveryState.Received)
            {
                // The state was written but its tag write failed: repair the index, nothing to recover.
                await StorageErrors.TranslateAsync(() => _container.GetBlobClient(candidate.BlobName)
                    .SetTagsAsync(RawDeliveryTags.For(state, receivedAt), cancellationToken: cancellationToken), cancellationToken);
                continue;
            }

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
