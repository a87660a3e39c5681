using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ServerlessOps.Infrastructure.Alerts;

namespace ServerlessOps.Functions.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics of the app, exported to Azure Monitor when APPLICATIONINSIGHTS_CONNECTION_STRING
/// is set (in Azure), otherwise collected and not exported. Application Insights has local (key) authentication off,
/// so the exporter signs in with the managed identity that APPLICATIONINSIGHTS_AUTHENTICATION_STRING names, as the
/// Functions host does for its own telemetry.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The ActivitySource and Meter names of our own code.</summary>
    public static readonly string[] Sources = ["ServerlessOps.Functions", "ServerlessOps.Workflows", "ServerlessOps.Infrastructure"];

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        var credential = ExporterCredential(configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        services.AddOpenTelemetry()
            .WithTracing(tracing =>
            {
                tracing.AddSource(Sources).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (!string.IsNullOrWhiteSpace(connectionString))
                {
                    tracing.AddAzureMonitorTraceExporter(o => Configure(o, connectionString, credential));
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Sources).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (!string.IsNullOrWhiteSpace(connectionString))
                {
                    metrics.AddAzureMonitorMetricExporter(o => Configure(o, connectionString, credential));
                }
            });

        // A chat incoming webhook's URL is its secret, and a client span records the full URL: its posts are not traced.
        services.AddHttpClient(nameof(AlertWebhookClient)).AddHttpMessageHandler(() => new UntracedHttpHandler());
        return services;
    }

    /// <summary>
    /// <c>Authorization=AAD;ClientId={id}</c> (the platform's format) means Entra ID with that user-assigned identity;
    /// <c>Authorization=AAD</c> alone the system-assigned one. Anything else: no credential (local runs).
    /// </summary>
    public static TokenCredential? ExporterCredential(string? authenticationString)
    {
        var parts = (authenticationString ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var kind) || !string.Equals(kind, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out var clientId) && !string.IsNullOrWhiteSpace(clientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }

    private static void Configure(AzureMonitorExporterOptions options, string connectionString, TokenCredential? credential)
    {
        options.ConnectionString = connectionString;
        options.Credential = credential;
    }
}
