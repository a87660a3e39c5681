using Microsoft.Extensions.Options;
using ServerlessOps.Durable;
using ServerlessOps.Durable.AzureStorage;
using ServerlessOps.Durable.Worker;
using ServerlessOps.Functions.CustomHandler;
using ServerlessOps.Functions.Hosting;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Functions.Durable;

/// <summary>
/// Hosts the durable runtime in the function app on the same storage account as ingestion. Under the
/// Functions host the worker does not poll (the host's queue triggers deliver each message); standalone it
/// polls its control and work-item queues itself.
/// </summary>
public static class DurableHosting
{
    /// <summary>Control queues the function.json files declare; must equal Durable:AzureStorage:PartitionCount in Azure.</summary>
    public const int PartitionCount = 4;

    /// <summary>The task hub the function.json files declare; must equal Durable:TaskHubName in Azure.</summary>
    public const string TaskHubName = "serverlessops";

    /// <summary>Where the management API is mounted (routePrefix is empty, so this is also the function route).</summary>
    public const string ManagementPrefix = "/api/durabletask";

    public static IReadOnlyList<(string FunctionName, string QueueName)> Queues { get; } =
    [
        .. Enumerable.Range(0, PartitionCount).Select(i => ($"DurableControlQueue{i:00}", $"{TaskHubName}-control-{i:00}")),
        ("DurableWorkItems", $"{TaskHubName}-workitems"),
    ];

    public static IServiceCollection AddDurableRuntime(this IServiceCollection services, HostingMode mode)
    {
        services.AddDurableTask(durable => durable
            .AddAzureStorageTaskHub()
            .Configure(o => o.PollingEnabled &= !mode.IsFunctionsHost));

        // Default the task hub's storage to the app's own account, so one setting serves both.
        services.AddOptions<AzureStorageTaskHubOptions>().PostConfigure<IOptions<StorageOptions>>((hub, storage) =>
        {
            if (!string.IsNullOrWhiteSpace(hub.ConnectionString) || hub.QueueServiceUri is not null)
            {
                return;
            }

            hub.ConnectionString = storage.Value.ConnectionString;
            hub.BlobServiceUri = storage.Value.BlobServiceUri;
            hub.QueueServiceUri = storage.Value.QueueServiceUri;
            hub.TableServiceUri = storage.Value.TableServiceUri;
            hub.ManagedIdentityClientId = storage.Value.ClientId;
        });

        foreach (var (functionName, queueName) in Queues)
        {
            services.AddSingleton<IQueueFunction>(sp => new DurableQueueFunction(
                functionName, QueueNameFor(sp, queueName), sp.GetRequiredService<TaskHubWorker>()));
        }

        return services;
    }

    private static string QueueNameFor(IServiceProvider services, string declared)
    {
        var hub = services.GetRequiredService<IOptions<DurableTaskOptions>>().Value.TaskHubName.ToLowerInvariant();
        return hub + declared[TaskHubName.Length..];
    }
}
