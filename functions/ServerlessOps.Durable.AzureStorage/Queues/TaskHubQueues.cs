using Azure.Storage.Queues;
using ServerlessOps.Durable.Backend;

namespace ServerlessOps.Durable.AzureStorage.Queues;

/// <summary>The queue clients of one task hub and the routing of an instance to its control queue.</summary>
internal sealed class TaskHubQueues
{
    public TaskHubQueues(QueueServiceClient service, TaskHubNames names)
    {
        Control = names.ControlQueues.Select(service.GetQueueClient).ToArray();
        WorkItems = service.GetQueueClient(names.WorkItemQueue);
    }

    public IReadOnlyList<QueueClient> Control { get; }

    public QueueClient WorkItems { get; }

    public IEnumerable<QueueClient> All => Control.Append(WorkItems);

    public QueueClient ControlFor(string instanceId) => Control[PartitionHash.PartitionOf(instanceId, Control.Count)];

    public QueueClient ControlFor(TaskMessage message) => ControlFor(message.Instance.InstanceId);

    /// <summary>The queue with that name, or null when it is not one of this hub's.</summary>
    public QueueClient? Find(string queueName) =>
        All.FirstOrDefault(q => string.Equals(q.Name, queueName, StringComparison.OrdinalIgnoreCase));
}
