using Microsoft.Extensions.Logging;

namespace ServerlessOps.Standalone.Durable;

/// <summary>The engine's log events (hosting range, 2100-2199). Inputs, outputs and connection strings are never logged.</summary>
internal static partial class DurableTaskEngineLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information,
        Message = "Durable Task engine starting on task hub {TaskHub} as worker {WorkerId}: {PartitionCount} partitions, {OrchestratorCount} orchestrators, {ActivityCount} activities")]
    internal static partial void EngineStarting(this ILogger logger, string taskHub, string workerId, int partitionCount, int orchestratorCount, int activityCount);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information,
        Message = "Durable Task engine started on task hub {TaskHub} as worker {WorkerId} in {ElapsedMs} ms")]
    internal static partial void EngineStarted(this ILogger logger, string taskHub, string workerId, long elapsedMs);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Error,
        Message = "Durable Task engine failed to start on task hub {TaskHub} as worker {WorkerId}")]
    internal static partial void EngineStartFailed(this ILogger logger, Exception exception, string taskHub, string workerId);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information,
        Message = "Durable Task engine stopping on task hub {TaskHub} (worker {WorkerId}): letting running work finish")]
    internal static partial void EngineStopping(this ILogger logger, string taskHub, string workerId);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning,
        Message = "Durable Task engine on task hub {TaskHub} (worker {WorkerId}) did not stop within the shutdown timeout; stopped forcibly, unfinished work returns to its queue after the visibility timeout")]
    internal static partial void EngineStopForced(this ILogger logger, string taskHub, string workerId);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Information,
        Message = "Durable Task engine stopped on task hub {TaskHub} (worker {WorkerId}) in {ElapsedMs} ms")]
    internal static partial void EngineStopped(this ILogger logger, string taskHub, string workerId, long elapsedMs);

    [LoggerMessage(EventId = 2110, Level = LogLevel.Information,
        Message = "Durable Task settings for task hub {TaskHub}: storage {Connection} via '{ConnectionName}', polling up to {MaxQueuePollingInterval}, extended sessions {ExtendedSessions}, at most {MaxOrchestrations} orchestrations and {MaxActivities} activities at once")]
    internal static partial void SettingsLoaded(this ILogger logger, string taskHub, string connection, string connectionName, TimeSpan maxQueuePollingInterval, bool extendedSessions, int maxOrchestrations, int maxActivities);

    [LoggerMessage(EventId = 2109, Level = LogLevel.Warning,
        Message = "Durable Task engine could not create its task hub (attempt {Attempt} failed: {Reason}); trying again in {Delay}")]
    internal static partial void TaskHubCreationRetried(this ILogger logger, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Warning,
        Message = "Instance {InstanceId} (execution {ExecutionId}) runs, but the engine had left its status at Pending after its first commit failed half-way; set to Running")]
    internal static partial void PendingRowRepaired(this ILogger logger, string instanceId, string executionId);

    [LoggerMessage(EventId = 2112, Level = LogLevel.Warning,
        Message = "Instance {InstanceId} (execution {ExecutionId}) runs, but the engine left its status at Pending after its first commit failed half-way, and setting it to Running failed; it corrects itself when the instance finishes")]
    internal static partial void PendingRowRepairFailed(this ILogger logger, Exception exception, string instanceId, string executionId);
}
