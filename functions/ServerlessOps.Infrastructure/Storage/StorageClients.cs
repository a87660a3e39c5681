using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace ServerlessOps.Infrastructure.Storage;

/// <summary>Builds the blob and queue service clients from <see cref="StorageOptions"/>: a connection string or identity.</summary>
public static class StorageClients
{
    public static BlobServiceClient CreateBlobService(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var blobOptions = new BlobClientOptions();
        Bound(blobOptions.Retry);
        return !string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new BlobServiceClient(options.ConnectionString, blobOptions)
            : new BlobServiceClient(options.BlobServiceUri, Credential(options), blobOptions);
    }

    public static QueueServiceClient CreateQueueService(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Base64 because the Azure Functions queue trigger decodes base64 by default (host.json messageEncoding).
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        Bound(queueOptions.Retry);
        return !string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new QueueServiceClient(options.ConnectionString, queueOptions)
            : new QueueServiceClient(options.QueueServiceUri, Credential(options), queueOptions);
    }

    /// <summary>
    /// The SDK default (6 tries, up to a minute) outlives every channel's patience: Shopify and EventBridge give
    /// up after 5 s. Two tries of at most 2 s each answer a 503 within about 4.2 s, so the channel retries
    /// instead of timing out; the processor's own retries come from the queue. A retried upload can meet its
    /// own first attempt: <see cref="RawDeliveryStore.TryCreateAsync"/> recognises that case.
    /// </summary>
    private static void Bound(RetryOptions retry)
    {
        retry.MaxRetries = 1;
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.MaxDelay = TimeSpan.FromMilliseconds(200);
        retry.NetworkTimeout = TimeSpan.FromSeconds(2);
    }

    private static TokenCredential Credential(StorageOptions options) =>
        string.IsNullOrWhiteSpace(options.ClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ClientId));
}
