using Microsoft.Extensions.Logging;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;
using ServerlessOps.Durable.Orchestration;

namespace ServerlessOps.Durable.Execution;

/// <summary>
/// The replay engine for one execution: feeds past history (replaying) and then new events to the
/// orchestrator, running its code on an <see cref="OrchestrationScheduler"/> after each event, matches every
/// recorded action against the code's action with the same sequence number, and reports new actions and the
/// outcome. Pure: it never touches storage or the clock (time comes from OrchestratorStarted events).
/// </summary>
internal sealed class OrchestrationExecutor
{
    private readonly ITaskOrchestrator _orchestrator;
    private readonly ExecutionStartedEvent _started;
    private readonly DataConverter _converter;
    private readonly ReplayOrchestrationContext _context;
    private readonly OrchestrationScheduler _scheduler = new();
    private readonly List<HistoryEvent> _held = [];
    private Task<object?>? _run;
    private OrchestrationOutcome? _outcome;
    private bool _nonDeterministic;
    private bool _suspended;

    public OrchestrationExecutor(ITaskOrchestrator orchestrator, ExecutionStartedEvent started, DataConverter converter, ILoggerFactory loggerFactory)
    {
        _orchestrator = orchestrator;
        _started = started;
        _converter = converter;
        _context = new ReplayOrchestrationContext(started.Name, started.OrchestrationInstance.InstanceId, started.Input, converter, loggerFactory);
    }

    /// <summary>Replays <paramref name="pastHistory"/> then applies <paramref name="newEvents"/>.</summary>
    public ExecutionResult Execute(IReadOnlyList<HistoryEvent> pastHistory, IReadOnlyList<HistoryEvent> newEvents)
    {
        foreach (var past in pastHistory)
        {
            Apply(past, replaying: true);
        }

        var recorded = new List<HistoryEvent>();
        var late = new List<EventRaisedEvent>();
        foreach (var fresh in newEvents)
        {
            if (_nonDeterministic || (_outcome is not null && fresh is not OrchestratorStartedEvent))
            {
                if (fresh is EventRaisedEvent raised)
                {
                    late.Add(raised);
                }

                continue;
            }

            if (Apply(fresh, replaying: false))
            {
                recorded.Add(fresh);
            }
        }

        var actions = _nonDeterministic ? [] : _context.PendingActions.Values.ToList();
        if (_outcome is { Status: OrchestrationRuntimeStatus.ContinuedAsNew } && _context.ContinueAsNewRequest is { } next)
        {
            // Events buffered after the orchestrator asked to continue as new (or that arrived in the same batch
            // after it returned) belong to the next execution when the code asked to preserve them.
            _outcome = _outcome with { CarryOverEvents = next.PreserveEvents ? [.. _context.BufferedEvents, .. late] : [] };
        }

        return new ExecutionResult(recorded, actions, _outcome, _context.SerializedCustomStatus, _suspended && _outcome is null);
    }

    private bool Apply(HistoryEvent historyEvent, bool replaying)
    {
        if (_nonDeterministic)
        {
            return false;
        }

        _context.IsReplayingInternal = replaying;
        if (_suspended && IsHeldWhileSuspended(historyEvent))
        {
            _held.Add(historyEvent);
            return true;
        }

        switch (historyEvent)
        {
            case OrchestratorStartedEvent:
                _context.CurrentUtc = DateTime.SpecifyKind(historyEvent.Timestamp, DateTimeKind.Utc);
                return true;
            case ExecutionStartedEvent:
                return Start();
            case TaskScheduledEvent or TimerCreatedEvent or SubOrchestrationInstanceCreatedEvent or EventSentEvent:
                Match(historyEvent);
                return true;
            case TaskCompletedEvent e:
                return PumpIf(_context.TryComplete(e.TaskScheduledId, ReplayOrchestrationContext.OpenTaskKind.Activity, e.Result));
            case TaskFailedEvent e:
                return PumpIf(_context.TryFail(e.TaskScheduledId, ReplayOrchestrationContext.OpenTaskKind.Activity, e.FailureDetails));
            case SubOrchestrationInstanceCompletedEvent e:
                return PumpIf(_context.TryComplete(e.TaskScheduledId, ReplayOrchestrationContext.OpenTaskKind.SubOrchestration, e.Result));
            case SubOrchestrationInstanceFailedEvent e:
                return PumpIf(_context.TryFail(e.TaskScheduledId, ReplayOrchestrationContext.OpenTaskKind.SubOrchestration, e.FailureDetails));
            case TimerFiredEvent e:
                return PumpIf(_context.TryComplete(e.TimerId, ReplayOrchestrationContext.OpenTaskKind.Timer, null));
            case EventRaisedEvent e:
                _context.DeliverEvent(e);
                return PumpIf(true);
            case ExecutionSuspendedEvent:
                _suspended = true;
                return true;
            case ExecutionResumedEvent:
                return Resume(replaying);
            default:
                return historyEvent is OrchestratorCompletedEvent or ContinueAsNewEvent;
        }
    }

    private static bool IsHeldWhileSuspended(HistoryEvent e) =>
        e is TaskCompletedEvent or TaskFailedEvent or SubOrchestrationInstanceCompletedEvent
            or SubOrchestrationInstanceFailedEvent or TimerFiredEvent or EventRaisedEvent;

    private bool Start()
    {
        if (_run is not null)
        {
            return false;
        }

        _run = _scheduler.Start(() => _orchestrator.RunAsync(_context, _converter.Deserialize(_started.Input, _orchestrator.InputType)));
        return PumpIf(true);
    }

    private bool Resume(bool replaying)
    {
        if (!_suspended)
        {
            return false;
        }

        _suspended = false;
        var held = _held.ToList();
        _held.Clear();
        foreach (var e in held)
        {
            Apply(e, replaying);
        }

        return true;
    }

    private bool PumpIf(bool applied)
    {
        if (!applied || _run is null)
        {
            return applied;
        }

        _scheduler.RunUntilIdle();
        if (_outcome is null && _run.IsCompleted && !_nonDeterministic)
        {
            _outcome = CompleteFrom(_run);
        }

        return true;
    }

    private OrchestrationOutcome CompleteFrom(Task<object?> run)
    {
        if (run.IsCompletedSuccessfully)
        {
            if (_context.ContinueAsNewRequest is { } next)
            {
                return new OrchestrationOutcome(OrchestrationRuntimeStatus.ContinuedAsNew, next.Input);
            }

            return new OrchestrationOutcome(OrchestrationRuntimeStatus.Completed, _converter.Serialize(run.Result));
        }

        Exception error = run.Exception?.InnerException ?? new TaskCanceledException("The orchestrator's task was cancelled.");
        return new OrchestrationOutcome(OrchestrationRuntimeStatus.Failed, FailureDetails: TaskFailureDetails.FromException(error));
    }

    private void Match(HistoryEvent recorded)
    {
        var id = recorded.EventId;
        var expected = DescribeRecorded(recorded);
        if (!_context.PendingActions.Remove(id, out var produced))
        {
            var actual = _run is { IsCompleted: true } ? "no action (the orchestrator had already returned)" : "no action at that point";
            FailNonDeterministic(id, expected, actual);
            return;
        }

        var same = (recorded, produced) switch
        {
            (TaskScheduledEvent t, ScheduleTaskAction a) => string.Equals(t.Name, a.Name, StringComparison.OrdinalIgnoreCase),
            (TimerCreatedEvent, CreateTimerAction) => true,
            (SubOrchestrationInstanceCreatedEvent s, CreateSubOrchestrationAction a) => string.Equals(s.Name, a.Name, StringComparison.OrdinalIgnoreCase),
            (EventSentEvent s, SendEventAction a) => string.Equals(s.Name, a.Name, StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
        if (!same)
        {
            FailNonDeterministic(id, expected, produced.Describe());
        }
    }

    private void FailNonDeterministic(int sequence, string expected, string actual)
    {
        var message =
            $"Non-determinism detected in orchestration '{_started.Name}' (instance '{_context.InstanceId}'): at sequence {sequence} " +
            $"history has {expected} but replay produced {actual}; likely cause: orchestrator code changed while the instance was in flight " +
            "(deploy breaking changes under a new orchestrator name, or let running instances finish first).";
        _nonDeterministic = true;
        _outcome = new OrchestrationOutcome(
            OrchestrationRuntimeStatus.Failed,
            FailureDetails: new TaskFailureDetails(typeof(NonDeterministicOrchestrationException).FullName!, message));
    }

    private static string DescribeRecorded(HistoryEvent e) => e switch
    {
        TaskScheduledEvent t => $"TaskScheduled '{t.Name}'",
        TimerCreatedEvent t => $"TimerCreated (fire at {t.FireAt:O})",
        SubOrchestrationInstanceCreatedEvent s => $"SubOrchestrationInstanceCreated '{s.Name}'",
        EventSentEvent s => $"EventSent '{s.Name}' to '{s.InstanceId}'",
        _ => e.GetType().Name,
    };
}
