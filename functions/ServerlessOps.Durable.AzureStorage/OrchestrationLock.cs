using ServerlessOps.Durable.AzureStorage.Queues;
using ServerlessOps.Durable.AzureStorage.Tables;

namespace ServerlessOps.Durable.AzureStorage;

/// <summary>Backend state of an orchestration work item: the messages it consumes and the history it was built on.</summary>
internal sealed class OrchestrationLock
{
    public required string InstanceId { get; init; }

    public required IReadOnlyList<ReceivedMessage> Messages { get; init; }

    public required InstanceHistory Loaded { get; init; }

    /// <summary>A message handed over by a queue trigger without a pop receipt: the host deletes it.</summary>
    public bool HostOwnsMessages { get; init; }
}
