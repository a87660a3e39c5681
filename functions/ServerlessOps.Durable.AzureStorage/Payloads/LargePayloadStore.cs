using System.IO.Compression;
using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace ServerlessOps.Durable.AzureStorage.Payloads;

/// <summary>
/// Keeps payloads that exceed a queue message or table property in the <c>{hub}-largemessages</c> container,
/// gzip-compressed (as the DF Storage provider does), one blob per payload under the instance's folder so a
/// purge can delete them by prefix.
/// </summary>
internal sealed class LargePayloadStore(BlobContainerClient container)
{
    /// <summary>Characters above which a string table property is offloaded (a property holds 64 KiB = 32K UTF-16 chars).</summary>
    public const int MaxTablePropertyChars = 30 * 1024;

    /// <summary>UTF-8 bytes above which a queue message body is offloaded: 64 KiB after base64 leaves ~48 KiB.</summary>
    public const int MaxQueueMessageBytes = 45 * 1024;

    public BlobContainerClient Container => container;

    public async Task<string> UploadAsync(string instanceId, string kind, string payload, CancellationToken cancellationToken)
    {
        var name = $"{BlobFolder(instanceId)}/{kind}-{Guid.NewGuid():N}.json.gz";
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            var bytes = Encoding.UTF8.GetBytes(payload);
            await gzip.WriteAsync(bytes, cancellationToken);
        }

        buffer.Position = 0;
        await container.GetBlobClient(name).UploadAsync(buffer, overwrite: true, cancellationToken);
        return name;
    }

    public async Task<string> DownloadAsync(string blobName, CancellationToken cancellationToken)
    {
        var result = await container.GetBlobClient(blobName).DownloadStreamingAsync(cancellationToken: cancellationToken);
        await using var gzip = new GZipStream(result.Value.Content, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    /// <summary>Deletes every payload blob of an instance; returns how many went.</summary>
    public async Task<int> DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var deleted = 0;
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = BlobFolder(instanceId) + "/" }, cancellationToken))
        {
            await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
            deleted++;
        }

        return deleted;
    }

    private static string BlobFolder(string instanceId) => Uri.EscapeDataString(instanceId);
}
