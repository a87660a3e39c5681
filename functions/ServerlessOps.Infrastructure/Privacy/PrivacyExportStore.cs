using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Infrastructure.Privacy;

/// <summary>
/// Buyers' data exports (<c>customers/data_request</c>) in a private blob container (<see cref="PrivacyOptions.ExportContainer"/>),
/// one JSON blob per request, <c>{brandId}/{requestId}.json</c>: written again identically when an activity runs twice,
/// read back only through the API, by a caller with the brand in scope.
/// </summary>
public sealed class PrivacyExportStore
{
    private readonly BlobContainerClient _container;

    public PrivacyExportStore(BlobServiceClient blobService, IOptions<PrivacyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(blobService);
        ArgumentNullException.ThrowIfNull(options);
        _container = blobService.GetBlobContainerClient(options.Value.ExportContainer);
    }

    public static string BlobNameFor(string brandId, string requestId) => $"{brandId}/{requestId}.json";

    /// <summary>Writes (or overwrites) the export; returns its blob name.</summary>
    public Task<string> WriteAsync(string brandId, string requestId, byte[] json, CancellationToken cancellationToken = default) =>
        StorageErrors.TranslateAsync(async () =>
        {
            // Private: no public access level. Created here because exports are rare and the container may not exist yet.
            await _container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
            var name = BlobNameFor(brandId, requestId);
            await _container.GetBlobClient(name).UploadAsync(
                BinaryData.FromBytes(json),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
                cancellationToken);
            return name;
        }, cancellationToken);

    /// <summary>The export's bytes, or null when it does not exist.</summary>
    public Task<byte[]?> ReadAsync(string blobName, CancellationToken cancellationToken = default) =>
        StorageErrors.TranslateAsync(async () =>
        {
            try
            {
                var download = await _container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
                return download.Value.Content.ToArray();
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return null;
            }
        }, cancellationToken);
}
