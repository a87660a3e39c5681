using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Text.Json.Serialization;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Audit;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Functions.OrderFlow;
using ServerlessOps.Functions.Queues;
using ServerlessOps.Functions.Timers;
using ServerlessOps.Functions.Webhooks;
using ServerlessOps.Infrastructure.Alerts;
using ServerlessOps.Infrastructure.Audit;
using ServerlessOps.Infrastructure.Backstop;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Infrastructure.Drift;
using ServerlessOps.Infrastructure.Ingestion;
using ServerlessOps.Infrastructure.Inventory;
using ServerlessOps.Infrastructure.Pricing;
using ServerlessOps.Infrastructure.Privacy;
using ServerlessOps.Infrastructure.Push;
using ServerlessOps.Infrastructure.Reports;
using ServerlessOps.Infrastructure.Review.Operations;
using ServerlessOps.Infrastructure.Review.Data;
using ServerlessOps.Infrastructure.Settlements;
using ServerlessOps.Infrastructure.Storage;
using ServerlessOps.Infrastructure.Telemetry;
using ServerlessOps.Infrastructure.Tokens;
using ServerlessOps.Standalone.Queues;
using ServerlessOps.Standalone.Timers;

namespace ServerlessOps.Functions.Hosting;

/// <summary>Everything the app registers in either host: the same handlers, access rules and stores.</summary>
public static class FunctionAppServiceCollectionExtensions
{
    public static IServiceCollection AddFunctionApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIngestion(configuration);
        services.AddAlerts(configuration);
        services.AddPrivacy();
        services.AddSingleton<ITimerFunction, FindStuckPrivacyRequests>();

        // Obtained tokens replace entered ones in every outbound call; the token endpoints' URLs and bodies carry app
        // secrets (TikTok's in the query string), so their client is neither logged (AddChannelTokens) nor traced.
        services.AddChannelTokens();
        services.AddHttpClient(TokenEndpoint.HttpClientName).AddHttpMessageHandler(() => new UntracedHttpHandler());
        services.AddSingleton<WebhookReceiver>();

        // Bound in both hosts: the processor's retry delay for a delivery split out of a batch is the queue's
        // visibility timeout, and the poison limit is Ingestion:MaxDequeueCount (host.json says the same for Azure).
        services.AddOptions<QueueListenerOptions>().BindConfiguration(QueueListenerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart()
            .PostConfigure<Microsoft.Extensions.Options.IOptions<IngestionOptions>>((queues, ingestion) => queues.MaxDequeueCount = ingestion.Value.MaxDequeueCount);
        services.AddSingleton<IQueueFunction, ProcessWebhookDelivery>();
        services.AddSingleton<IQueueFunction, ProcessPoisonDelivery>();
        services.AddSingleton<ITimerFunction, RecoverStrandedDeliveries>();
        services.AddOptions<OrchestrationHistoryOptions>().BindConfiguration(OrchestrationHistoryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ITimerFunction, PurgeOrchestrationHistory>();
        services.AddSingleton<IQueueFunction, SendAlertNotification>();
        services.AddSingleton<ITimerFunction, SweepAlerts>();
        services.AddBackstop(configuration);
        services.AddInventoryLedger(configuration);
        services.AddSingleton<ITimerFunction, RunMissedWebhookBackstop>();
        services.AddOrderFlow();
        services.AddCatalog(configuration);
        services.AddSingleton<ITimerFunction, FindStuckImports>();
        services.AddReviewData(configuration);
        services.AddInventoryPush(configuration);
        services.AddSingleton<IQueueFunction, PushInventory>();
        services.AddPricing(configuration);
        services.AddListingDrift(configuration);
        services.AddSingleton<ITimerFunction, RepairListingDrift>();
        services.AddReports();
        services.AddMonthlyReview();
        services.AddSingleton<MonthlyReviewStarter>();
        services.AddSingleton<ITimerFunction, StartMonthlyReviews>();
        services.AddSingleton<ITimerFunction, WatchReviewCadence>();
        services.AddSingleton<ITimerFunction, WriteDailyReports>();
        services.AddSingleton<ITimerFunction, WriteWeeklyReports>();
        services.AddSettlements(configuration);
        services.AddSingleton<ITimerFunction, ImportSettlements>();

        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CallerResolver>();
        services.AddSingleton<HttpRouteDispatcher>();
        services.AddHumanActionLog();
        services.AddSingleton<HumanActionRecorder>();
        services.AddSingleton<OpenApiDocumentWriter>();
        services.AddSingleton<UnresolvedSecretReferences>();
        services.AddHostedService<StartupChecks>();
        services.TryAddSingleton(new EdgeWarmUp.Options(OverHttp: false));
        services.AddSingleton<WebhookPathWarmUp>();
        services.AddSingleton<EdgeStoreWarmUp>();
        services.AddSingleton<EdgeWarmUp>();
        services.AddHostedService(provider => provider.GetRequiredService<EdgeWarmUp>());
        foreach (var route in HttpRoutes.All)
        {
            services.AddTransient(route.Function);
        }

        services.AddProblemDetails();
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddTelemetry(configuration);

        // Operator signals (Infrastructure/Telemetry/README.md): the task hub's queues are named after the Durable settings
        // this host runs with (the standalone host registers them; under the Functions host they are read as it reads them).
        services.AddOperatorSignals();
        services.AddSingleton(sp =>
        {
            var durable = sp.GetService<ServerlessOps.Standalone.Durable.DurableTaskSettings>() ?? ServerlessOps.Standalone.Durable.DurableTaskSettingsReader.Read(configuration);
            return TaskHubQueueNames.For(durable.HubName, durable.PartitionCount);
        });
        services.AddSingleton<ITimerFunction, SampleOperatorSignals>();
        return services;
    }
}
