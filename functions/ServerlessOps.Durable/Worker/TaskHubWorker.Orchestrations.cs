using System.Diagnostics;
using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.Execution;
using ServerlessOps.Durable.Logging;

namespace ServerlessOps.Durable.Worker;

/// <summary>Running one orchestration step: replay, commit, abandon on conflict or error.</summary>
public sealed partial class TaskHubWorker
{
    /// <summary>Delay before a step that failed unexpectedly (not a conflict) is retried.</summary>
    private static readonly TimeSpan _stepErrorRetry = TimeSpan.FromSeconds(1);

    /// <summary>Delay before a work item without a start is offered again.</summary>
    private static readonly TimeSpan _noStartRetry = TimeSpan.FromSeconds(30);

    private Task<WorkItemOutcome> ProcessAsync(WorkItem workItem, CancellationToken cancellationToken) => workItem switch
    {
        OrchestrationWorkItem orchestration => ProcessOrchestrationAsync(orchestration, cancellationToken),
        ActivityWorkItem activity => ProcessActivityAsync(activity, cancellationToken),
        _ => throw new InvalidOperationException($"Unknown work item type {workItem.GetType().Name}."),
    };

    private async Task<WorkItemOutcome> ProcessOrchestrationAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken)
    {
        using var span = DurableTelemetry.ActivitySource.StartActivity("orchestration.step", ActivityKind.Internal);
        span?.SetTag(DurableTelemetry.InstanceIdTag, workItem.InstanceId);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var runner = new OrchestrationStepRunner(_registry, _services, _converter, _loggerFactory);
            var step = runner.Run(workItem, _time.GetUtcNow().UtcDateTime);
            if (step is null)
            {
                _logger.WorkItemWithoutStart(workItem.InstanceId, _noStartRetry);
                await _backend.AbandonOrchestrationWorkItemAsync(workItem, _noStartRetry, CancellationToken.None);
                return WorkItemOutcome.Abandoned;
            }

            span?.SetTag("durable.orchestrator", step.OrchestratorName);
            span?.DisplayName = $"orchestration.step {step.OrchestratorName}";
            await _backend.CompleteOrchestrationWorkItemAsync(workItem, step.Commit, cancellationToken);
            if (step.Commit.ActivityMessages.Count > 0)
            {
                _signal.SignalActivities();
            }

            if (step.Commit.OrchestratorMessages.Count > 0)
            {
                _signal.SignalOrchestrations();
            }
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            DurableTelemetry.StepDuration.Record(elapsed, new("durable.orchestrator", step.OrchestratorName), new("durable.status", step.Status.ToString()));
            var messages = step.Commit.ActivityMessages.Count + step.Commit.TimerMessages.Count + step.Commit.OrchestratorMessages.Count;
            _logger.StepCommitted(workItem.InstanceId, step.OrchestratorName, step.Status, step.NewActionCount, messages, elapsed);
            ReportFinish(workItem, step);
            return WorkItemOutcome.Completed;
        }
        catch (OrchestrationConcurrencyException)
        {
            DurableTelemetry.StepConflicts.Add(1);
            _logger.StepConflict(workItem.InstanceId);
            await _backend.AbandonOrchestrationWorkItemAsync(workItem, null, CancellationToken.None);
            return WorkItemOutcome.Abandoned;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _logger.StepAbandonedOnShutdown(workItem.InstanceId);
            await _backend.AbandonOrchestrationWorkItemAsync(workItem, null, CancellationToken.None);
            return WorkItemOutcome.Abandoned;
        }
        catch (Exception ex)
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.Message);
            _logger.StepError(workItem.InstanceId, _stepErrorRetry, ex);
            await _backend.AbandonOrchestrationWorkItemAsync(workItem, _stepErrorRetry, CancellationToken.None);
            return WorkItemOutcome.Abandoned;
        }
    }

    private void ReportFinish(OrchestrationWorkItem workItem, StepRunResult step)
    {
        if (!step.Status.IsTerminal() || workItem.Instance?.RuntimeStatus == step.Status)
        {
            return;
        }

        if (step.Commit.Instance.FailureDetails is { } failure)
        {
            _logger.OrchestrationFailed(workItem.InstanceId, step.OrchestratorName, failure.ErrorType, failure.ErrorMessage);
        }
        else
        {
            _logger.OrchestrationFinished(workItem.InstanceId, step.OrchestratorName, step.Status);
        }
    }
}
