namespace ServerlessOps.Infrastructure.Telemetry;

/// <summary>
/// The names of the operator signals, all on meter <see cref="MeterName"/> (exported to Azure Monitor with the app's
/// other metrics, so they land in Application Insights' <c>customMetrics</c> where the alert rules of
/// infra/azure/modules/alerts.bicep query them). README.md beside this file says what each one counts and who sets it.
/// </summary>
public static class OperatorSignalNames
{
    /// <summary>One of TelemetryServiceCollectionExtensions.Sources, so the exporter picks it up.</summary>
    public const string MeterName = "ServerlessOps.Infrastructure";

    /// <summary>Gauge: messages in each poison queue (tag <c>queue</c>).</summary>
    public const string PoisonQueueDepth = "serverlessops.queue.poison.depth";

    /// <summary>Gauge: open (not replayed) quarantine entries per brand (tag <c>brand</c>).</summary>
    public const string QuarantineOpen = "serverlessops.quarantine.open";

    /// <summary>Gauge: messages in the Durable task hub's control and work-item queues (tag <c>queue</c>).</summary>
    public const string TaskHubBacklog = "serverlessops.taskhub.backlog";

    /// <summary>Gauge: orchestrations the engine failed, created within the look-back window (tag <c>orchestration</c>).</summary>
    public const string OrchestrationsFailed = "serverlessops.orchestrations.failed";

    /// <summary>Gauge: order flows the stuck-flow finder found stuck or failed on its last run (tag <c>brand</c>).</summary>
    public const string OrderFlowsStuck = "serverlessops.orderflows.stuck";

    /// <summary>Gauge: 1 for a channel account whose webhooks the backstop found stopped on its last run, else 0 (tags <c>brand</c>, <c>channel</c>, <c>account</c>).</summary>
    public const string WebhooksStopped = "serverlessops.webhooks.stopped";

    /// <summary>Counter: webhook deliveries answered 401 (tag <c>channel</c>).</summary>
    public const string WebhookUnauthorized = "serverlessops.webhooks.unauthorized";

    /// <summary>Counter: webhook deliveries answered 5xx (tags <c>channel</c>, <c>status</c>).</summary>
    public const string WebhookServerErrors = "serverlessops.webhooks.server_errors";

    /// <summary>Counter: Cosmos DB requests still throttled (429) after the SDK's own retries.</summary>
    public const string CosmosThrottled = "serverlessops.cosmos.throttled";

    /// <summary>The gauges, each reported from its latest sample while that sample is fresh.</summary>
    public static IReadOnlyList<string> Gauges { get; } =
        [PoisonQueueDepth, QuarantineOpen, TaskHubBacklog, OrchestrationsFailed, OrderFlowsStuck, WebhooksStopped];

    /// <summary>Every operator signal, gauges and counters.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Gauges, WebhookUnauthorized, WebhookServerErrors, CosmosThrottled];
}
