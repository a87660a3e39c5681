namespace ServerlessOps.Infrastructure.Telemetry;

/// <summary>
/// The Durable task hub's queues as DurableTask.AzureStorage names them: <c>{hub}-control-00</c> to
/// <c>{hub}-control-NN</c> (one per partition) and <c>{hub}-workitems</c>, the hub name lower-cased (queue names
/// must be). The same names infra/azure/settings.bicep's storageLayout creates.
/// </summary>
public sealed record TaskHubQueueNames(IReadOnlyList<string> Names)
{
    public static TaskHubQueueNames For(string hubName, int partitionCount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hubName);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        var hub = hubName.ToLowerInvariant();
        return new([.. Enumerable.Range(0, partitionCount).Select(i => $"{hub}-control-{i:00}"), $"{hub}-workitems"]);
    }
}
