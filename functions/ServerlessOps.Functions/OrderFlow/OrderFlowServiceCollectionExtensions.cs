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
    /// <c>TaskHubQueueNames</c> and queue client), <see cref="DurableOrderFlowStarter"/> as the <see cref="IOrderFlowStarter"/> the converger calls,
    /// <see cref="DurableOrderFlowInstances"/> (the alert sweep asks it whether an old order's flow is gone), and the stuck-flow timer.
    /// </summary>
    public static IServiceCollection AddOrderFlow(this IServiceCollection services)
    {
        services.AddOptions<OrderFlowOptions>().BindConfiguration(OrderFlowOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOrderFlowStores();
        // Not the app's queue client: it decodes Base64 and threw on every visible control message of the engine's.
        services.TryAddSingleton(sp => EngineBacklogGauge.For(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetRequiredService<TaskHubQueueNames>()));
        services.TryAddSingleton<OrderFlowAdmissionMetrics>();
        services.TryAddSingleton(sp => new OrderFlowAdmission(
            sp.GetRequiredService<EngineBacklogGauge>(),
            sp.GetRequiredService<IOptionsMonitor<OrderFlowOptions>>(),
            sp.GetRequiredService<OrderFlowAdmissionMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OrderFlowAdmission>>()));
        services.TryAddSingleton<DurableOrderFlowStarter>();
        services.Replace(ServiceDescriptor.Singleton<IOrderFlowStarter>(sp => sp.GetRequiredService<DurableOrderFlowStarter>()));
        services.Replace(ServiceDescriptor.Singleton<IOrderFlowInstances, DurableOrderFlowInstances>());
        services.AddSingleton<Standalone.Timers.ITimerFunction, Timers.FindStuckOrderFlows>();
        return services;
    }
}
