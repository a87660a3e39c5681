using ServerlessOps.Standalone.Queues;
using ServerlessOps.Standalone.Timers;
using ServerlessOps.Workflows;

namespace ServerlessOps.Functions.Local;

/// <summary>
/// What the Functions host would drive, driven here: the Durable Task engine running the
/// <see cref="WorkflowCatalog"/> (the Durable Task Framework's Azure Storage engine, as under the Durable extension,
/// configured from the same host.json and setting names), and the queue triggers and timers of the registered
/// <see cref="IQueueFunction"/>s and <see cref="ITimerFunction"/>s. <c>Hosting:RunTriggers=false</c> leaves the
/// queue triggers and timers off, for tests that drive processing by hand.
/// </summary>
public static class StandaloneTriggers
{
    public const string RunTriggersKey = "Hosting:RunTriggers";

    public static IServiceCollection AddStandaloneTriggers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddStandaloneDurableTask(configuration, WorkflowCatalog.Register);
        if (!string.Equals(configuration[RunTriggersKey], "false", StringComparison.OrdinalIgnoreCase))
        {
            services.AddHostedService<QueueListenerService>();
            services.AddHostedService<TimerSchedulerService>();
        }

        return services;
    }
}
