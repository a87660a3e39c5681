using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;

namespace ServerlessOps.Infrastructure.Storage;

/// <summary>
/// The bundle blobs of the raw-delivery container (<see cref="RawDeliveryBundle"/>): written by the webhook edge,
/// read and deleted by processing, listed by the recovery sweep when one outlives its queue message.
/// </summary>
public sealed class RawDeliveryBundles
{
    /// <summary>Where <see cref="WarmUpAsync"/> writes: no brand id starts with '_', and the sweep lists only bundles.</summary>
    public const string WarmUpPrefix = "_warmup/";

    private readonly BlobContainerClient _container;

    public RawDeliveryBundles(BlobServiceClient blobService, IOptions<IngestionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(blobService);
        ArgumentNullException.ThrowIfNull(options);
        _container = blobService.GetBlobContainerClient(options.Value.RawContainer);
    }

    /// <summary>Writes a new bundle; its name is new, so the write never replaces anything.</summary>
    public Task WriteAsync(RawDeliveryBundle bundle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return StorageErrors.TranslateAsync(async () =>
        {
            try
            {
                await UploadAsNewAsync(_container.GetBlobClient(bundle.BlobName), bundle, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // The SDK retried an upload whose answer was lost: the service stored our bundle the first time.
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Writes and deletes <paramref name="bundle"/> under <see cref="WarmUpPrefix"/> the way a bundle is written
    /// (<see cref="UploadAsNewAsync"/>, same client), so a new instance's first bundle finds its connection open and its code compiled.
    /// </summary>
    public Task WarmUpAsync(RawDeliveryBundle bundle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return StorageErrors.TranslateAsync(async () =>
        {
            var blob = _container.GetBlobClient($"{WarmUpPrefix}{Guid.NewGuid():N}");
            await UploadAsNewAsync(blob, bundle, cancellationToken);
            await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }, cancellationToken);
    }

    /// <summary>The one way a bundle is uploaded: only if no blob has that name yet, as JSON Lines.</summary>
    private static Task<Response<BlobContentInfo>> UploadAsNewAsync(BlobClient blob, RawDeliveryBundle bundle, CancellationToken cancellationToken) =>
        blob.UploadAsync(
            BinaryData.FromBytes(bundle.ToBytes()),
            new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" },
            },
            cancellationToken);

    /// <summary>The bundle, or null once processing has spread and deleted it.</summary>
    public Task<RawDeliveryBundle?> ReadAsync(string blobName, CancellationToken cancellationToken = default) =>
        StorageErrors.TranslateAsync(async () =>
        {
            try
            {
                var download = await _container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
                return (RawDeliveryBundle?)RawDeliveryBundle.Parse(blobName, download.Value.Content.ToMemory().Span);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return null;
            }
        }, cancellationToken);

    public Task DeleteAsync(string blobName, CancellationToken cancellationToken = default) =>
        StorageErrors.TranslateAsync(() => _container.GetBlobClient(blobName).DeleteIfExistsAsync(cancellationToken: cancellationToken), cancellationToken);

    /// <summary>
    /// Bundles written before <paramref name="writtenBefore"/>, oldest first, at most <paramref name="max"/>: their
    /// queue message was lost or their processing keeps failing. Bundles are deleted once spread, so the listing
    /// stays short however many deliveries the container holds.
    /// </summary>
    public async IAsyncEnumerable<string> ListWrittenBeforeAsync(
        DateTimeOffset writtenBefore,
        int max,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var found = 0;
        await foreach (var blob in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, RawDeliveryBundle.Prefix, cancellationToken))
        {
            var written = RawDeliveryBundle.WrittenAt(blob.Name) ?? blob.Properties.CreatedOn;
            if (written is { } at && at >= writtenBefore)
            {
                continue;
            }

            yield return blob.Name;
            if (++found >= max)
            {
                yield break;
            }
        }
    }
}
