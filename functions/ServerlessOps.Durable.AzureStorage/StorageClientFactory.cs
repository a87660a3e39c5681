using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ServerlessOps.Durable.AzureStorage.Http;

namespace ServerlessOps.Durable.AzureStorage;

/// <summary>Creates the Table, Queue and Blob service clients from the options, each with the request counter.</summary>
internal static class StorageClientFactory
{
    public static (TableServiceClient Tables, QueueServiceClient Queues, BlobServiceClient Blobs) Create(
        AzureStorageTaskHubOptions options, StorageRequestCounter counter)
    {
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(new StorageRequestCountingPolicy(counter, StorageService.Table), HttpPipelinePosition.PerRetry);
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        queueOptions.AddPolicy(new StorageRequestCountingPolicy(counter, StorageService.Queue), HttpPipelinePosition.PerRetry);
        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(new StorageRequestCountingPolicy(counter, StorageService.Blob), HttpPipelinePosition.PerRetry);
        Tune(tableOptions);
        Tune(queueOptions);
        Tune(blobOptions);

        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return (new TableServiceClient(options.ConnectionString, tableOptions),
                new QueueServiceClient(options.ConnectionString, queueOptions),
                new BlobServiceClient(options.ConnectionString, blobOptions));
        }

        if (options.TableServiceUri is null || options.QueueServiceUri is null || options.BlobServiceUri is null)
        {
            throw new InvalidOperationException(
                $"{AzureStorageTaskHubOptions.SectionName}: set ConnectionString, or all of TableServiceUri, QueueServiceUri and BlobServiceUri.");
        }

        var credential = options.Credential ?? CreateCredential(options.ManagedIdentityClientId);
        return (new TableServiceClient(options.TableServiceUri, credential, tableOptions),
            new QueueServiceClient(options.QueueServiceUri, credential, queueOptions),
            new BlobServiceClient(options.BlobServiceUri, credential, blobOptions));
    }

    private static TokenCredential CreateCredential(string? managedIdentityClientId) =>
        string.IsNullOrWhiteSpace(managedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(managedIdentityClientId));

    private static void Tune(ClientOptions options)
    {
        // Storage calls are small and latency-bound: fail over quickly rather than wait on the 100 s default.
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        options.Retry.MaxRetries = 5;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Diagnostics.IsLoggingEnabled = false;
    }
}
