using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Infrastructure.OrderFlow;
using ServerlessOps.Infrastructure.Storage;
using ServerlessOps.Infrastructure.Telemetry;

namespace ServerlessOps.Functions.OrderFlow;

public static class OrderFlowServiceCollectionExtensions
{
    /// <summary>
    /// Order flows: <see cref="OrderFlowOptions"/> (section <c>OrderFlow</c>, validated at start), the exception store,
    /// <see cref="OrderFlowAdmission"/> over the task hub's queues (<see cref="EngineBacklogGauge"/>; needs the app's
    /// <c>TaskHubQueueNames</c> and queue client), <see cref="DurableOrderFlowStarter"/> as the <see cref="IOrderFlowStarter"/> the converger calls, and the stuck-flow timer.
    /// </summary>
    public static IServiceCollection AddOrderFlow(this IServiceCollection services)
    {
        services.AddOptions<OrderFlowOptions>().BindConfiguration(OrderFlowOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOrderFlowStores();
        // The engine's queues hold UTF-8 JSON: the app's Base64 client threw on every visible control message it peeked.
        services.TryAddSingleton(sp => new EngineBacklogGauge(
            StorageClients.CreateQueueService(sp.GetRequiredService<IOptions<StorageOptions>>().Value, StorageProfile.Background, QueueMessageEncoding.None),
            sp.GetRequiredService<TaskHubQueueNames>()));
        services.TryAddSingleton<OrderFlowAdmissionMetrics>();
        services.TryAddSingleton(sp => new OrderFlowAdmission(
            sp.GetRequiredService<EngineBacklogGauge>(),
            sp.GetRequiredService<IOptionsMonitor<OrderFlowOptions>>(),
            sp.GetRequiredService<OrderFlowAdmissionMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OrderFlowAdmission>>()));
        services.TryAddSingleton<DurableOrderFlowStarter>();
        services.Replace(ServiceDescriptor.Singleton<IOrderFlowStarter>(sp => sp.GetRequiredService<DurableOrderFlowStarter>()));
        services.AddSingleton<Standalone.Timers.ITimerFunction, Timers.FindStuckOrderFlows>();
        return services;
    }
}
