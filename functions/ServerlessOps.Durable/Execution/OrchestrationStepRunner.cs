using Microsoft.Extensions.Logging;
using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;
using ServerlessOps.Durable.Orchestration;

namespace ServerlessOps.Durable.Execution;

/// <summary>
/// Runs one orchestration step: sorts the work item's messages (start, duplicate, stale, terminate), replays
/// the execution with <see cref="OrchestrationExecutor"/> (looping through continue-as-new), and builds the
/// <see cref="OrchestrationWorkItemResult"/> the backend commits. Pure apart from creating the orchestrator.
/// </summary>
internal sealed class OrchestrationStepRunner(DurableTaskRegistry registry, IServiceProvider services, DataConverter converter, ILoggerFactory loggerFactory)
{
    /// <summary>Continue-as-new executions one step may run before it fails the instance (an orchestrator
    /// that continues as new without waiting for anything would otherwise loop forever).</summary>
    internal const int MaxContinueAsNewPerStep = 100;

    /// <summary>Runs the step at <paramref name="now"/> (UTC); null when the work item has no start to run
    /// (the backend broke its promise to hold such messages; the caller abandons with a delay).</summary>
    public StepRunResult? Run(OrchestrationWorkItem workItem, DateTime now)
    {
        var inbox = StepInbox.Sort(workItem);
        if (inbox.Start is null)
        {
            return null;
        }

        var start = inbox.Start;
        if (inbox.IsTerminal)
        {
            var unchanged = workItem.Instance ?? Metadata(start, workItem, OrchestrationRuntimeStatus.Completed, now, null, null);
            return new StepRunResult(new OrchestrationWorkItemResult { NewHistory = [], Instance = unchanged }, start.Name, unchanged.RuntimeStatus, 0);
        }

        var orchestratorStarted = new OrchestratorStartedEvent { Timestamp = now };
        var outbound = new OutboundMessages(workItem.InstanceId, start, now);
        if (inbox.Terminate is { } terminate)
        {
            return Terminate(workItem, inbox, orchestratorStarted, terminate, outbound, now);
        }

        var orchestrator = registry.CreateOrchestrator(start.Name, services);
        var past = inbox.History;
        var fresh = new List<HistoryEvent> { orchestratorStarted };
        fresh.AddRange(inbox.NewEvents);
        var replaces = inbox.ReplacesHistory;
        for (var execution = 0; ; execution++)
        {
            if (orchestrator is null)
            {
                var names = string.Join(", ", registry.OrchestratorNames);
                var missing = new TaskFailureDetails(
                    typeof(InvalidOperationException).FullName!,
                    $"No orchestrator named '{start.Name}' is registered with this worker (registered: {names}). Register it with DurableTaskRegistry.AddOrchestrator.");
                return Finish(workItem, start, fresh, outbound, replaces, new OrchestrationOutcome(OrchestrationRuntimeStatus.Failed, FailureDetails: missing), null, now, 0);
            }

            var result = new OrchestrationExecutor(orchestrator, start, converter, loggerFactory).Execute(past, fresh);
            var newHistory = result.RecordedNewEvents.ToList();
            newHistory.AddRange(result.NewActions.Select(outbound.Add));
            if (result.Outcome is not { Status: OrchestrationRuntimeStatus.ContinuedAsNew } continued)
            {
                var nothingHappened = past.Count > 0 && newHistory.Count == 1 && result.Outcome is null && workItem.Instance is not null
                    && workItem.Instance.RuntimeStatus == (result.IsSuspended ? OrchestrationRuntimeStatus.Suspended : OrchestrationRuntimeStatus.Running);
                if (nothingHappened)
                {
                    return new StepRunResult(new OrchestrationWorkItemResult { NewHistory = [], Instance = workItem.Instance! }, start.Name, workItem.Instance!.RuntimeStatus, 0);
                }

                return Finish(workItem, start, newHistory, outbound, replaces, result.Outcome, result, now, result.NewActions.Count);
            }

            if (execution + 1 >= MaxContinueAsNewPerStep)
            {
                var loop = new TaskFailureDetails(
                    typeof(InvalidOperationException).FullName!,
                    $"Orchestration '{start.Name}' continued as new {MaxContinueAsNewPerStep} times in one step without waiting for anything; an eternal orchestration must await a timer or an event before ContinueAsNew.");
                return Finish(workItem, start, newHistory, outbound, replaces, new OrchestrationOutcome(OrchestrationRuntimeStatus.Failed, FailureDetails: loop), result, now, 0);
            }

            var previousExecution = start.OrchestrationInstance.ExecutionId!;
            start = start with
            {
                Timestamp = now,
                Input = continued.Output,
                ScheduledStartTime = null,
                OrchestrationInstance = new OrchestrationInstance(
                    workItem.InstanceId,
                    DeterministicGuid.Create(DeterministicGuid.OrchestrationNamespace, $"{previousExecution}:continue-as-new").ToString("N")),
            };
            outbound.Started = start;
            past = [];
            fresh = [new OrchestratorStartedEvent { Timestamp = now }, start, new ContinueAsNewEvent { Timestamp = now, PreviousExecutionId = previousExecution }];
            fresh.AddRange(continued.CarryOverEvents ?? []);
            replaces = true;
            orchestrator = registry.CreateOrchestrator(start.Name, services);
        }
    }

    private static StepRunResult Terminate(OrchestrationWorkItem workItem, StepInbox inbox, OrchestratorStartedEvent started, ExecutionTerminatedEvent terminate, OutboundMessages outbound, DateTime now)
    {
        var history = new List<HistoryEvent> { started };
        history.AddRange(inbox.NewEvents.OfType<ExecutionStartedEvent>());
        history.Add(terminate);
        var outcome = new OrchestrationOutcome(OrchestrationRuntimeStatus.Terminated, terminate.Input);
        return Finish(workItem, inbox.Start!, history, outbound, inbox.ReplacesHistory, outcome, null, now, 0);
    }

    private static StepRunResult Finish(
        OrchestrationWorkItem workItem,
        ExecutionStartedEvent start,
        List<HistoryEvent> history,
        OutboundMessages outbound,
        bool replaces,
        OrchestrationOutcome? outcome,
        ExecutionResult? result,
        DateTime now,
        int newActions)
    {
        OrchestrationRuntimeStatus status;
        if (outcome is null)
        {
            status = result is { IsSuspended: true } ? OrchestrationRuntimeStatus.Suspended : OrchestrationRuntimeStatus.Running;
        }
        else
        {
            status = outcome.Status;
            history.Add(new ExecutionCompletedEvent { Timestamp = now, OrchestrationStatus = status, Result = outcome.Output, FailureDetails = outcome.FailureDetails });
            outbound.NotifyParent(status == OrchestrationRuntimeStatus.Completed
                ? new SubOrchestrationInstanceCompletedEvent { Timestamp = now, TaskScheduledId = start.ParentInstance?.TaskScheduledId ?? -1, Result = outcome.Output }
                : new SubOrchestrationInstanceFailedEvent
                {
                    Timestamp = now,
                    TaskScheduledId = start.ParentInstance?.TaskScheduledId ?? -1,
                    FailureDetails = outcome.FailureDetails
                        ?? new TaskFailureDetails("ServerlessOps.Durable.OrchestrationTerminated", $"Sub-orchestration '{workItem.InstanceId}' was terminated: {outcome.Output}"),
                });
        }

        history.Add(new OrchestratorCompletedEvent { Timestamp = now });
        var metadata = Metadata(start, workItem, status, now, outcome, result);
        var commit = new OrchestrationWorkItemResult
        {
            NewHistory = history,
            ReplacesHistory = replaces,
            Instance = metadata,
            ActivityMessages = outbound.Activities,
            TimerMessages = outbound.Timers,
            OrchestratorMessages = outbound.Orchestrators,
        };
        return new StepRunResult(commit, start.Name, status, newActions);
    }

    private static OrchestrationMetadata Metadata(
        ExecutionStartedEvent start,
        OrchestrationWorkItem workItem,
        OrchestrationRuntimeStatus status,
        DateTime now,
        OrchestrationOutcome? outcome,
        ExecutionResult? result)
    {
        var nowOffset = new DateTimeOffset(DateTime.SpecifyKind(now, DateTimeKind.Utc));
        return new OrchestrationMetadata
        {
            InstanceId = workItem.InstanceId,
            Name = start.Name,
            ExecutionId = start.OrchestrationInstance.ExecutionId,
            RuntimeStatus = status,
            CreatedAt = workItem.Instance?.CreatedAt ?? nowOffset,
            LastUpdatedAt = nowOffset,
            CompletedAt = status.IsTerminal() ? nowOffset : null,
            ScheduledStartAt = start.ScheduledStartTime is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null,
            ParentInstanceId = start.ParentInstance?.Instance.InstanceId,
            SerializedInput = start.Input,
            SerializedOutput = outcome?.Status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Terminated ? outcome.Output : null,
            SerializedCustomStatus = result is not null ? result.CustomStatus : workItem.Instance?.SerializedCustomStatus,
            FailureDetails = outcome?.FailureDetails,
        };
    }
}
