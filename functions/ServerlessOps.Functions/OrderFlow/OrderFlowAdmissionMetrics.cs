using System.Diagnostics.Metrics;

namespace ServerlessOps.Functions.OrderFlow;

/// <summary>
/// What <see cref="OrderFlowAdmission"/> shows the on-call engineer, on meter <see cref="MeterName"/> (exported with the
/// app's other metrics): the engine backlog it last read, the starts waiting now on this instance, and the starts it held
/// back with how long each waited. A backlog reading older than <see cref="OrderFlowAdmission.StaleAfter"/> is not reported.
/// </summary>
public sealed class OrderFlowAdmissionMetrics
{
    /// <summary>One of TelemetryServiceCollectionExtensions.Sources, so the exporter picks it up.</summary>
    public const string MeterName = "ServerlessOps.Functions";

    /// <summary>Gauge: order flow starts waiting for admission on this instance.</summary>
    public const string WaitingGauge = "serverlessops.orderflows.admission.waiting";

    /// <summary>Gauge: the Durable engine's backlog admission last read (tag <c>part</c>: <c>workitems</c> or <c>control</c>).</summary>
    public const string BacklogGauge = "serverlessops.orderflows.admission.backlog";

    /// <summary>Histogram: how long each start that was held back waited, in seconds.</summary>
    public const string HeldHistogram = "serverlessops.orderflows.admission.held";

    private readonly Meter _meter;
    private readonly Histogram<double> _held;

    public OrderFlowAdmissionMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        _held = _meter.CreateHistogram<double>(HeldHistogram, "s", "How long each order flow start held back by admission waited.");
    }

    /// <summary>Registers the gauges over the admission's own state (called once by it).</summary>
    internal void Observe(Func<int> waiting, Func<EngineBacklog?> backlog)
    {
        _meter.CreateObservableGauge(WaitingGauge, waiting, "{flow}", "Order flow starts waiting for admission on this instance.");
        _meter.CreateObservableGauge(BacklogGauge, () => backlog() is { } b
            ? [new Measurement<int>(b.WorkItems, new KeyValuePair<string, object?>("part", "workitems")), new Measurement<int>(b.VisibleControlMessages, new KeyValuePair<string, object?>("part", "control"))]
            : Array.Empty<Measurement<int>>(), "{message}", "The Durable engine's backlog order flow admission last read: work items, and control-queue messages due.");
    }

    /// <summary>Records one start that waited.</summary>
    public void Held(TimeSpan waited) => _held.Record(waited.TotalSeconds);
}
