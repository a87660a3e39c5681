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

    private int _released;

    /// <summary>True the first time only: complete and abandon may both release, the instance lock must be
    /// released once (a second release could unlock the instance's next work item).</summary>
    public bool TryMarkReleased() => Interlocked.Exchange(ref _released, 1) == 0;
}
