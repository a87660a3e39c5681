using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Testing.LocalStack;

/// <summary>
/// App settings that point the function app at emulators started by the fixtures, with names unique to one
/// run (container, queue, database, task hub) so tests sharing an emulator never see each other's data.
/// </summary>
public static class LocalStackSettings
{
    /// <summary>
    /// The API key every local run and test app accepts, with every role and every brand (Access:ApiKeys:0). Local
    /// only, like Azurite's well-known account key; Azure has no API keys.
    /// </summary>
    public const string ApiKey = "local-operator-key-7f3a9c2e51d84b06";

    /// <summary>The header that carries <see cref="ApiKey"/>.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    public static Dictionary<string, string> For(AzuriteFixture azurite, CosmosServerFixture cosmos, string runId)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        ArgumentNullException.ThrowIfNull(cosmos);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        var name = runId.ToLowerInvariant();
        return new Dictionary<string, string>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Ingestion:RawContainer"] = $"raw-{name}",

            // Review work blobs are named by brand and month, report blobs by brand and period: tests running at once
            // review the same brand and month, so each run has its own containers.
            ["MonthlyReview:WorkContainer"] = $"review-work-{name}",
            ["Reports:BlobContainer"] = $"reports-{name}",
            ["Ingestion:QueueName"] = $"deliveries-{name}",
            ["Alerts:QueueName"] = $"alerts-{name}",
            ["InventoryPush:QueueName"] = $"push-{name}",
            ["Cosmos:ConnectionString"] = cosmos.ConnectionString,
            ["Cosmos:DatabaseName"] = $"db-{name}",
            ["Cosmos:CreateIfMissing"] = "true",
            ["Cosmos:AcceptEmulatorCertificate"] = "true",
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["DurableTaskHubName"] = $"hub{name.Replace("-", string.Empty, StringComparison.Ordinal)}",

            // host.json's production polling (30 s when idle) is for cost; a local run wants answers in a second.
            ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:01",
            ["Access:ApiKeys:0:Name"] = "local-operator",
            ["Access:ApiKeys:0:Key"] = ApiKey,
            ["Access:ApiKeys:0:Roles"] = "operations,finance,admin",
            ["Access:ApiKeys:0:Brands"] = "*",
            ["Queues:MinPollingInterval"] = "00:00:00.020",
            ["Queues:MaxPollingInterval"] = "00:00:00.200",
        };
    }

    /// <summary>A short id usable in storage names (lower case letters and digits).</summary>
    public static string NewRunId() => Guid.NewGuid().ToString("N")[..12];
}
