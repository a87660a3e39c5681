using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ServerlessOps.Functions.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics for the app and the durable runtime; exported to Azure Monitor when
/// APPLICATIONINSIGHTS_CONNECTION_STRING is set (in Azure), otherwise collected and not exported.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The ActivitySource and Meter names of our own code.</summary>
    public static readonly string[] Sources = ["ServerlessOps.Functions", "ServerlessOps.Durable", "ServerlessOps.Infrastructure"];

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        var telemetry = services.AddOpenTelemetry()
            .WithTracing(tracing =>
            {
                tracing.AddSource(Sources).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (!string.IsNullOrWhiteSpace(connectionString))
                {
                    tracing.AddAzureMonitorTraceExporter(o => o.ConnectionString = connectionString);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Sources).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (!string.IsNullOrWhiteSpace(connectionString))
                {
                    metrics.AddAzureMonitorMetricExporter(o => o.ConnectionString = connectionString);
                }
            });
        _ = telemetry;
        return services;
    }
}
