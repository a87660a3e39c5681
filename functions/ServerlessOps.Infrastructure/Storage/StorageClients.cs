using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace ServerlessOps.Infrastructure.Storage;

/// <summary>
/// Builds the blob and queue service clients from <see cref="StorageOptions"/> (a connection string or an
/// identity), with the retry behaviour of a <see cref="StorageProfile"/>.
/// </summary>
public static class StorageClients
{
    public static BlobServiceClient CreateBlobService(StorageOptions options, StorageProfile profile = StorageProfile.Background)
    {
        ArgumentNullException.ThrowIfNull(options);
        var blobOptions = new BlobClientOptions();
        Configure(blobOptions.Retry, profile);
        return !string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new BlobServiceClient(options.ConnectionString, blobOptions)
            : new BlobServiceClient(options.BlobServiceUri, Credential(options), blobOptions);
    }

    /// <param name="options">Where the account is and how to reach it.</param>
    /// <param name="profile">The retry behaviour.</param>
    /// <param name="encoding">
    /// Base64 by default: the Azure Functions queue trigger decodes base64 (host.json messageEncoding). The Durable
    /// engine's own queues hold UTF-8 JSON, so a client that reads them needs <see cref="QueueMessageEncoding.None"/>.
    /// </param>
    public static QueueServiceClient CreateQueueService(
        StorageOptions options, StorageProfile profile = StorageProfile.Background, QueueMessageEncoding encoding = QueueMessageEncoding.Base64)
    {
        ArgumentNullException.ThrowIfNull(options);

        var queueOptions = new QueueClientOptions { MessageEncoding = encoding };
        Configure(queueOptions.Retry, profile);
        return !string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new QueueServiceClient(options.ConnectionString, queueOptions)
            : new QueueServiceClient(options.QueueServiceUri, Credential(options), queueOptions);
    }

    /// <summary>
    /// The SDK default (6 tries, up to a minute) outlives every channel's patience: Shopify and EventBridge give
    /// up after 5 s. The edge makes two tries of at most 2 s each, so a 503 is answered within about 4.2 s and
    /// the channel retries instead of timing out. A retried upload can meet its own first attempt:
    /// <see cref="RawDeliveryStore.TryCreateAsync"/> recognises that case.
    /// Behind the queue, a 2 s timeout under load was measured to fail deliveries that a little patience would
    /// have finished (each failure costs a 30 s redelivery, five of them a quarantine): four tries of up to 5 s
    /// with exponential back-off, about 24 s at worst, still inside the message's 30 s visibility.
    /// </summary>
    internal static void Configure(RetryOptions retry, StorageProfile profile)
    {
        if (profile == StorageProfile.Edge)
        {
            retry.MaxRetries = 1;
            retry.Mode = RetryMode.Fixed;
            retry.Delay = TimeSpan.FromMilliseconds(200);
            retry.MaxDelay = TimeSpan.FromMilliseconds(200);
            retry.NetworkTimeout = TimeSpan.FromSeconds(2);
            return;
        }

        retry.MaxRetries = 3;
        retry.Mode = RetryMode.Exponential;
        retry.Delay = TimeSpan.FromMilliseconds(500);
        retry.MaxDelay = TimeSpan.FromSeconds(2);
        retry.NetworkTimeout = TimeSpan.FromSeconds(5);
    }

    private static TokenCredential Credential(StorageOptions options) =>
        string.IsNullOrWhiteSpace(options.ClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ClientId));
}
