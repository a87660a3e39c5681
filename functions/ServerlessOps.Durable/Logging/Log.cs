using Microsoft.Extensions.Logging;
using ServerlessOps.Durable.Client;

namespace ServerlessOps.Durable.Logging;

/// <summary>
/// Every log message of the runtime (event ids 2000-2499, catalogue below by area). Each carries the
/// instance id where there is one; payloads are never logged.
/// 2000s worker lifecycle · 2010s orchestration steps · 2030s activities · 2050s polling and delivered
/// messages · 2070s client operations.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Task hub worker started on hub {TaskHub}: up to {MaxOrchestrations} orchestration steps and {MaxActivities} activities at once, polling {MinPoll}-{MaxPoll}")]
    public static partial void WorkerStarted(this ILogger logger, string taskHub, int maxOrchestrations, int maxActivities, TimeSpan minPoll, TimeSpan maxPoll);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Task hub worker stopping: waiting up to {Timeout} for {InFlight} work item(s) in flight")]
    public static partial void WorkerStopping(this ILogger logger, TimeSpan timeout, int inFlight);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Task hub worker stopped with {Remaining} work item(s) still in flight after the shutdown timeout; they are abandoned and will be redelivered")]
    public static partial void WorkerStoppedWithAbandonedWork(this ILogger logger, int remaining);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Task hub worker polling is disabled (Durable:PollingEnabled=false); only delivered messages are processed")]
    public static partial void PollingDisabled(this ILogger logger);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Creating task hub {TaskHub} failed; retrying in {RetryAfter}")]
    public static partial void TaskHubCreateFailed(this ILogger logger, string taskHub, TimeSpan retryAfter, Exception exception);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Debug, Message = "Orchestration {InstanceId} ({Name}) step committed: status {Status}, {NewActions} new action(s), {Messages} message(s), {ElapsedMs:0.0} ms")]
    public static partial void StepCommitted(this ILogger logger, string instanceId, string name, OrchestrationRuntimeStatus status, int newActions, int messages, double elapsedMs);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "Orchestration {InstanceId} ({Name}) finished with status {Status}")]
    public static partial void OrchestrationFinished(this ILogger logger, string instanceId, string name, OrchestrationRuntimeStatus status);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Warning, Message = "Orchestration {InstanceId} ({Name}) failed: {ErrorType}: {ErrorMessage}")]
    public static partial void OrchestrationFailed(this ILogger logger, string instanceId, string name, string errorType, string errorMessage);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Information, Message = "Orchestration {InstanceId} step lost an ETag race (another worker committed first); abandoned for a retry on the new history")]
    public static partial void StepConflict(this ILogger logger, string instanceId);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Error, Message = "Orchestration {InstanceId} step failed unexpectedly; abandoned for retry in {RetryAfter}")]
    public static partial void StepError(this ILogger logger, string instanceId, TimeSpan retryAfter, Exception exception);

    [LoggerMessage(EventId = 2015, Level = LogLevel.Warning, Message = "Orchestration {InstanceId} work item has neither history nor an ExecutionStarted message; abandoned for {RetryAfter} (the backend should hold such messages)")]
    public static partial void WorkItemWithoutStart(this ILogger logger, string instanceId, TimeSpan retryAfter);

    [LoggerMessage(EventId = 2016, Level = LogLevel.Information, Message = "Orchestration {InstanceId} step abandoned because the worker is shutting down")]
    public static partial void StepAbandonedOnShutdown(this ILogger logger, string instanceId);

    [LoggerMessage(EventId = 2030, Level = LogLevel.Debug, Message = "Activity {Name} (#{TaskId}) of orchestration {InstanceId} completed in {ElapsedMs:0.0} ms")]
    public static partial void ActivityCompleted(this ILogger logger, string name, int taskId, string instanceId, double elapsedMs);

    [LoggerMessage(EventId = 2031, Level = LogLevel.Warning, Message = "Activity {Name} (#{TaskId}) of orchestration {InstanceId} failed: {ErrorType}: {ErrorMessage}")]
    public static partial void ActivityFailed(this ILogger logger, string name, int taskId, string instanceId, string errorType, string errorMessage);

    [LoggerMessage(EventId = 2032, Level = LogLevel.Error, Message = "Activity {Name} called by orchestration {InstanceId} is not registered with this worker; the task fails")]
    public static partial void ActivityNotFound(this ILogger logger, string name, string instanceId);

    [LoggerMessage(EventId = 2033, Level = LogLevel.Information, Message = "Activity {Name} (#{TaskId}) of orchestration {InstanceId} abandoned because the worker is shutting down")]
    public static partial void ActivityAbandonedOnShutdown(this ILogger logger, string name, int taskId, string instanceId);

    [LoggerMessage(EventId = 2034, Level = LogLevel.Error, Message = "Activity {Name} (#{TaskId}) of orchestration {InstanceId} could not report its result; abandoned for retry")]
    public static partial void ActivityCompleteFailed(this ILogger logger, string name, int taskId, string instanceId, Exception exception);

    [LoggerMessage(EventId = 2050, Level = LogLevel.Warning, Message = "Polling for {Kind} work items failed; backing off {Delay}")]
    public static partial void PollFailed(this ILogger logger, string kind, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 2051, Level = LogLevel.Debug, Message = "Delivered message {MessageId} from queue {QueueName} needs no work (duplicate or obsolete)")]
    public static partial void DeliveredMessageIgnored(this ILogger logger, string messageId, string queueName);

    [LoggerMessage(EventId = 2052, Level = LogLevel.Warning, Message = "Sampling the backlog failed; the backlog gauge keeps its last value")]
    public static partial void BacklogSampleFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2070, Level = LogLevel.Information, Message = "Orchestration {InstanceId} ({Name}) scheduled")]
    public static partial void InstanceScheduled(this ILogger logger, string instanceId, string name);

    [LoggerMessage(EventId = 2071, Level = LogLevel.Information, Message = "Orchestration {InstanceId} already exists and is running; start request returns the existing id")]
    public static partial void InstanceAlreadyRunning(this ILogger logger, string instanceId);

    [LoggerMessage(EventId = 2072, Level = LogLevel.Information, Message = "Event {EventName} raised for orchestration {InstanceId}")]
    public static partial void EventRaised(this ILogger logger, string instanceId, string eventName);

    [LoggerMessage(EventId = 2073, Level = LogLevel.Information, Message = "Orchestration {InstanceId}: {Operation} requested")]
    public static partial void ManagementOperation(this ILogger logger, string instanceId, string operation);

    [LoggerMessage(EventId = 2074, Level = LogLevel.Information, Message = "Purged {Count} instance(s) ({Scope})")]
    public static partial void Purged(this ILogger logger, int count, string scope);
}
