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
        return !string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new BlobServiceClient(options.ConnectionString)
            : new BlobServiceClient(options.BlobServiceUri, Credential(options));
    }

    public static QueueServiceClient CreateQueueService(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Base64 because the Azure Functions queue trigger decodes base64 by default (host.json messageEncoding).
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        return !string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new QueueServiceClient(options.ConnectionString, queueOptions)
            : new QueueServiceClient(options.QueueServiceUri, Credential(options), queueOptions);
    }

    private static TokenCredential Credential(StorageOptions options) =>
        string.IsNullOrWhiteSpace(options.ClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ClientId));
}
