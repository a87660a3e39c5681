using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Push;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Functions.Tests.Pushes;

/// <summary>The app's push queue behind a <see cref="FailingQueueRequests"/>.</summary>
internal static class PushQueueFaults
{
    /// <summary>Gives the app a push queue whose requests go through <paramref name="faults"/>.</summary>
    public static void InstallOnPushQueue(this FailingQueueRequests faults, IServiceCollection services) => services.AddSingleton(sp =>
    {
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        queueOptions.AddPolicy(faults, Azure.Core.HttpPipelinePosition.PerCall);
        return new InventoryPushHandOff(
            new QueueServiceClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString, queueOptions),
            sp.GetRequiredService<IOptions<InventoryPushOptions>>());
    });
}
