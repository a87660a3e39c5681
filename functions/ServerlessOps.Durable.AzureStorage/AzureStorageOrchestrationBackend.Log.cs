using Microsoft.Extensions.Logging;

namespace ServerlessOps.Durable.AzureStorage;

/// <summary>Log messages of the Azure Storage backend: event ids 2500-2999.</summary>
internal static partial class AzureStorageBackendLog
{
    [LoggerMessage(EventId = 2500, Level = LogLevel.Debug, Message = "Instance {InstanceId}: step committed ({EventCount} history event(s), {MessageCount} message(s) consumed)")]
    public static partial void StepCommitted(this ILogger logger, string instanceId, int eventCount, int messageCount);

    [LoggerMessage(EventId = 2501, Level = LogLevel.Information, Message = "Instance {InstanceId}: commit lost to another writer: {Reason}")]
    public static partial void StepConflicted(this ILogger logger, string instanceId, string reason);

    [LoggerMessage(EventId = 2502, Level = LogLevel.Information, Message = "Instance {InstanceId}: message {MessageId} was already consumed by a committed step; dropped")]
    public static partial void DuplicateMessageDropped(this ILogger logger, string instanceId, string messageId);

    [LoggerMessage(EventId = 2503, Level = LogLevel.Information, Message = "Instance {InstanceId}: message {MessageId} for execution {ExecutionId} does not match the instance; dropped")]
    public static partial void StaleMessageDropped(this ILogger logger, string instanceId, string messageId, string executionId);

    [LoggerMessage(EventId = 2504, Level = LogLevel.Debug, Message = "Instance {InstanceId}: {Count} message(s) arrived before the step they answer; held")]
    public static partial void MessagesHeld(this ILogger logger, string instanceId, int count);

    [LoggerMessage(EventId = 2505, Level = LogLevel.Debug, Message = "Instance {InstanceId}: timer message {MessageId} re-armed until {DueAt:o}")]
    public static partial void TimerRearmed(this ILogger logger, string instanceId, string messageId, DateTime dueAt);

    [LoggerMessage(EventId = 2506, Level = LogLevel.Debug, Message = "Instance {InstanceId}: message {MessageId} was already deleted or re-received (status {Status})")]
    public static partial void MessageAlreadyGone(this ILogger logger, string instanceId, string messageId, int status);

    [LoggerMessage(EventId = 2507, Level = LogLevel.Warning, Message = "Queue {QueueName}: message {QueueMessageId} is not a task message and was deleted: {Reason}")]
    public static partial void PoisonMessageDeleted(this ILogger logger, string queueName, string queueMessageId, string reason);

    [LoggerMessage(EventId = 2508, Level = LogLevel.Information, Message = "Instance {InstanceId}: replaced an existing instance in status {Status}")]
    public static partial void InstanceReplaced(this ILogger logger, string instanceId, ServerlessOps.Durable.Client.OrchestrationRuntimeStatus status);

    [LoggerMessage(EventId = 2509, Level = LogLevel.Debug, Message = "Instance {InstanceId}: sub-orchestration start dropped, the instance exists")]
    public static partial void SubOrchestrationStartDropped(this ILogger logger, string instanceId);
}
