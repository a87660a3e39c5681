using System.Text.Json.Serialization;
using ServerlessOps.Functions.CustomHandler;
using ServerlessOps.Functions.Durable;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Queues;
using ServerlessOps.Functions.Timers;
using ServerlessOps.Functions.Webhooks;
using ServerlessOps.Infrastructure.Ingestion;

namespace ServerlessOps.Functions.Hosting;

/// <summary>Everything the function app registers, whichever driver (Functions host or standalone) runs it.</summary>
public static class FunctionAppServiceCollectionExtensions
{
    public static IServiceCollection AddFunctionApp(this IServiceCollection services, IConfiguration configuration)
    {
        var mode = HostingMode.From(configuration);
        services.AddSingleton(mode);
        services.AddIngestion(configuration);
        services.AddSingleton<WebhookReceiver>();
        // Bound in both modes: the processor's retry delay for a delivery split out of a batch comes from it.
        services.AddOptions<QueueListenerOptions>().BindConfiguration(QueueListenerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IQueueFunction, ProcessWebhookDeliveryFunction>();
        services.AddSingleton<IQueueFunction, ProcessPoisonDeliveryFunction>();
        services.AddSingleton<ITimerFunction, RecoverStrandedDeliveriesTimer>();
        services.AddDurableRuntime(mode);

        services.AddProblemDetails();
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi();
        services.AddTelemetry(configuration);

        if (mode.RunsOwnTriggers(configuration))
        {
            services.AddHostedService<QueueListenerService>();
            services.AddHostedService<TimerSchedulerService>();
        }

        return services;
    }
}
