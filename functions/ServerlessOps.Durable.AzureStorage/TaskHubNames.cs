using System.Globalization;

namespace ServerlessOps.Durable.AzureStorage;

/// <summary>
/// Names of the storage resources of one task hub, following the Durable Functions Azure Storage provider:
/// tables keep the hub's case, queues and containers are lower case (storage rules).
/// </summary>
internal sealed class TaskHubNames
{
    public TaskHubNames(string taskHubName, int partitionCount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskHubName);
        TaskHub = taskHubName;
        var lower = taskHubName.ToLowerInvariant();
        HistoryTable = taskHubName + "History";
        InstancesTable = taskHubName + "Instances";
        WorkItemQueue = lower + "-workitems";
        LargeMessagesContainer = lower + "-largemessages";
        ControlQueues = Enumerable.Range(0, partitionCount)
            .Select(i => lower + "-control-" + i.ToString("00", CultureInfo.InvariantCulture))
            .ToArray();
    }

    /// <summary>The task hub name as configured.</summary>
    public string TaskHub { get; }

    /// <summary><c>{hub}History</c>: one partition per instance.</summary>
    public string HistoryTable { get; }

    /// <summary><c>{hub}Instances</c>: one row per instance, for queries.</summary>
    public string InstancesTable { get; }

    /// <summary><c>{hub}-workitems</c>: activity messages.</summary>
    public string WorkItemQueue { get; }

    /// <summary><c>{hub}-largemessages</c>: payloads over the queue or table size limits.</summary>
    public string LargeMessagesContainer { get; }

    /// <summary><c>{hub}-control-00</c> .. <c>-NN</c>: orchestration messages by instance-id hash.</summary>
    public IReadOnlyList<string> ControlQueues { get; }
}
