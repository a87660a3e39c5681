using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Testing.LocalStack;

/// <summary>
/// App settings that point the function app at emulators started by the fixtures, with names unique to one
/// run (container, queue, database, task hub) so tests sharing an emulator never see each other's data.
/// </summary>
public static class LocalStackSettings
{
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
            ["Ingestion:QueueName"] = $"deliveries-{name}",
            ["Cosmos:ConnectionString"] = cosmos.ConnectionString,
            ["Cosmos:DatabaseName"] = $"db-{name}",
            ["Cosmos:CreateIfMissing"] = "true",
            ["Cosmos:AcceptEmulatorCertificate"] = "true",
            ["Durable:TaskHubName"] = $"hub{name.Replace("-", string.Empty, StringComparison.Ordinal)}",
            ["Queues:MinPollingInterval"] = "00:00:00.020",
            ["Queues:MaxPollingInterval"] = "00:00:00.200",
        };
    }

    /// <summary>A short id usable in storage names (lower case letters and digits).</summary>
    public static string NewRunId() => Guid.NewGuid().ToString("N")[..12];
}
