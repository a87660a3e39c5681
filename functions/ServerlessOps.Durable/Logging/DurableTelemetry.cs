using System.Diagnostics;
using System.Diagnostics.Metrics;
using ServerlessOps.Durable.Backend;

namespace ServerlessOps.Durable.Logging;

/// <summary>
/// OpenTelemetry sources of the runtime. Subscribe with <c>AddSource(DurableTelemetry.SourceName)</c> and
/// <c>AddMeter(DurableTelemetry.SourceName)</c>. Spans: <c>orchestration.step {name}</c> per orchestration
/// step and <c>activity {name}</c> per activity execution, tagged <c>durable.instance_id</c>. Instruments
/// listed on their properties.
/// </summary>
public static class DurableTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> and the <see cref="Meter"/>.</summary>
    public const string SourceName = "ServerlessOps.Durable";

    /// <summary>Span tag carrying the instance id.</summary>
    public const string InstanceIdTag = "durable.instance_id";

    private static BacklogSnapshot? _lastBacklog;

    /// <summary>Spans for orchestration steps and activity executions.</summary>
    public static ActivitySource ActivitySource { get; } = new(SourceName);

    /// <summary>The runtime's meter.</summary>
    public static Meter Meter { get; } = new(SourceName);

    /// <summary><c>durable.orchestration.step.duration</c> (ms): replay plus commit, tagged by orchestrator name and resulting status.</summary>
    public static Histogram<double> StepDuration { get; } =
        Meter.CreateHistogram<double>("durable.orchestration.step.duration", "ms", "Time to replay and commit one orchestration step");

    /// <summary><c>durable.activity.duration</c> (ms): one activity execution, tagged by activity name and outcome.</summary>
    public static Histogram<double> ActivityDuration { get; } =
        Meter.CreateHistogram<double>("durable.activity.duration", "ms", "Time to run one activity");

    /// <summary><c>durable.orchestration.conflicts</c>: steps that lost an ETag race and were retried.</summary>
    public static Counter<long> StepConflicts { get; } =
        Meter.CreateCounter<long>("durable.orchestration.conflicts", description: "Orchestration steps abandoned after an ETag conflict");

    /// <summary><c>durable.backlog</c>: approximate queued messages, tagged <c>queue</c> = orchestration | activity;
    /// reported only when the backend implements <see cref="IBacklogReporter"/>.</summary>
    public static ObservableGauge<long> Backlog { get; } = Meter.CreateObservableGauge(
        "durable.backlog",
        ObserveBacklog,
        description: "Approximate messages waiting in the task hub's queues");

    /// <summary>Records the latest backlog sample (the worker calls it periodically).</summary>
    /// <param name="snapshot">The sample.</param>
    internal static void ReportBacklog(BacklogSnapshot snapshot) => _lastBacklog = snapshot;

    private static IEnumerable<Measurement<long>> ObserveBacklog()
    {
        if (_lastBacklog is not { } backlog)
        {
            yield break;
        }

        yield return new Measurement<long>(backlog.OrchestrationMessages, new KeyValuePair<string, object?>("queue", "orchestration"));
        yield return new Measurement<long>(backlog.ActivityMessages, new KeyValuePair<string, object?>("queue", "activity"));
    }
}
