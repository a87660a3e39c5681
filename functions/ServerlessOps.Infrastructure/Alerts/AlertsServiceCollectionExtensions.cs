using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.OrderFlow;

namespace ServerlessOps.Infrastructure.Alerts;

public static class AlertsServiceCollectionExtensions
{
    /// <summary>
    /// Registers business alerts: <see cref="AlertOptions"/> from section <c>Alerts</c> (validated at start), the
    /// Cosmos store (<see cref="IAlertStore"/>; call <c>AddCosmosStores</c> too), <see cref="IAlertRaiser"/>,
    /// <see cref="ConfigurationAlertOwnerResolver"/> unless an <see cref="IAlertOwnerResolver"/> is registered first,
    /// the notification queue (on the app's background <see cref="QueueServiceClient"/>), sender, sweep (which reads
    /// <see cref="IOrderFlowEndStore"/>, the orders, and <see cref="PurgedOrderFlows"/> over <see cref="IOrderFlowInstances"/>:
    /// the app registers the engine's, else <see cref="UnknownOrderFlowInstances"/>; the app's flow starter asks it too), metrics and
    /// their refresher, and the chat webhook's HttpClient behind <see cref="AlertWebhookResilience"/>.
    /// </summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(AlertRaiser)))
        {
            return services;
        }

        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();

        services.TryAddSingleton<IAlertOwnerResolver>(sp => new ConfigurationAlertOwnerResolver(configuration, sp));
        services.AddSingleton<AlertMetrics>();
        services.AddSingleton<AlertBrandIds>();
        services.TryAddSingleton<IAlertStore, CosmosAlertStore>();
        services.TryAddSingleton<IOrderFlowEndStore, CosmosOrderFlowEndStore>();
        services.TryAddSingleton<IOrderFlowInstances>(UnknownOrderFlowInstances.Instance);
        services.TryAddSingleton<PurgedOrderFlows>();
        services.AddSingleton(sp => new AlertNotificationHandOff(sp.GetRequiredService<QueueServiceClient>(), sp.GetRequiredService<IOptions<AlertOptions>>()));
        services.AddSingleton<AlertUpdater>();
        services.AddSingleton<AlertRaiser>();
        services.AddSingleton<IAlertRaiser>(sp => sp.GetRequiredService<AlertRaiser>());
        services.AddSingleton<AlertNotifier>();
        services.AddSingleton<AlertSweep>();
        services.AddHostedService<AlertsInitializer>();
        services.AddHostedService<AlertMetricsRefresher>();

        // The webhook URL's path is its secret (Slack, Teams): the factory's request logging, which writes the
        // full URL, is removed for this client; the sender logs the outcome by alert id instead.
        services
            .AddHttpClient<AlertWebhookClient>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            .AddResilienceHandler("alerts-webhook", (builder, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<AlertOptions>>().CurrentValue;
                var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AlertWebhookResilience).FullName!);
                AlertWebhookResilience.Configure(builder, options, logger);
            });
        return services;
    }
}
