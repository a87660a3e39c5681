using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.History;
using ServerlessOps.Durable.Logging;
using ServerlessOps.Durable.Orchestration;

namespace ServerlessOps.Durable.Worker;

/// <summary>Running one activity invocation in its own DI scope and reporting the result.</summary>
public sealed partial class TaskHubWorker
{
    private async Task<WorkItemOutcome> ProcessActivityAsync(ActivityWorkItem workItem, CancellationToken cancellationToken)
    {
        var scheduled = workItem.TaskScheduled;
        var instanceId = workItem.Message.Instance.InstanceId;
        using var span = DurableTelemetry.ActivitySource.StartActivity($"activity {scheduled.Name}", ActivityKind.Internal);
        span?.SetTag(DurableTelemetry.InstanceIdTag, instanceId);
        span?.SetTag("durable.activity", scheduled.Name);
        var started = Stopwatch.GetTimestamp();
        HistoryEvent response;
        await using (var scope = _services.CreateAsyncScope())
        {
            var activity = _registry.CreateActivity(scheduled.Name, scope.ServiceProvider);
            if (activity is null)
            {
                _logger.ActivityNotFound(scheduled.Name, instanceId);
                response = Failed(scheduled, new TaskFailureDetails(
                    typeof(InvalidOperationException).FullName!,
                    $"No activity named '{scheduled.Name}' is registered with this worker (registered: {string.Join(", ", _registry.ActivityNames)})."));
            }
            else
            {
                try
                {
                    var input = _converter.Deserialize(scheduled.Input, activity.InputType);
                    var output = await activity.RunAsync(new WorkerActivityContext(scheduled.Name, instanceId, cancellationToken), input);
                    response = new TaskCompletedEvent { Timestamp = _time.GetUtcNow().UtcDateTime, TaskScheduledId = scheduled.EventId, Result = _converter.Serialize(output) };
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    _logger.ActivityAbandonedOnShutdown(scheduled.Name, scheduled.EventId, instanceId);
                    await _backend.AbandonActivityWorkItemAsync(workItem, null, CancellationToken.None);
                    return WorkItemOutcome.Abandoned;
                }
                catch (Exception ex)
                {
                    var details = TaskFailureDetails.FromException(ex);
                    _logger.ActivityFailed(scheduled.Name, scheduled.EventId, instanceId, details.ErrorType, details.ErrorMessage);
                    span?.SetStatus(ActivityStatusCode.Error, details.ErrorMessage);
                    response = Failed(scheduled, details);
                }
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        DurableTelemetry.ActivityDuration.Record(elapsed, new("durable.activity", scheduled.Name), new("durable.outcome", response is TaskCompletedEvent ? "completed" : "failed"));
        var message = new TaskMessage { MessageId = $"{workItem.Message.MessageId}:result", Instance = workItem.Message.Instance, Event = response };
        try
        {
            await _backend.CompleteActivityWorkItemAsync(workItem, message, CancellationToken.None);
        }
        catch (Exception ex)
        {
            _logger.ActivityCompleteFailed(scheduled.Name, scheduled.EventId, instanceId, ex);
            await _backend.AbandonActivityWorkItemAsync(workItem, TimeSpan.FromSeconds(1), CancellationToken.None);
            return WorkItemOutcome.Abandoned;
        }

        _signal.SignalOrchestrations();
        _logger.ActivityCompleted(scheduled.Name, scheduled.EventId, instanceId, elapsed);
        return WorkItemOutcome.Completed;
    }

    private TaskFailedEvent Failed(TaskScheduledEvent scheduled, TaskFailureDetails details) =>
        new() { Timestamp = _time.GetUtcNow().UtcDateTime, TaskScheduledId = scheduled.EventId, FailureDetails = details };

    private sealed class WorkerActivityContext(string name, string instanceId, CancellationToken cancellationToken) : TaskActivityContext
    {
        public override string Name { get; } = name;

        public override string InstanceId { get; } = instanceId;

        public override CancellationToken CancellationToken { get; } = cancellationToken;
    }
}
