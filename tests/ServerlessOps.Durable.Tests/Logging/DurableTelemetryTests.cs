using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ServerlessOps.Durable.Logging;
using ServerlessOps.Durable.Tests.TestSupport;

namespace ServerlessOps.Durable.Tests.Logging;

/// <summary>Spans per orchestration step and activity, latency histograms and the backlog gauge.</summary>
public sealed class DurableTelemetryTests
{
    [Fact]
    public async Task Telemetry_OneInstance_EmitsStepAndActivitySpansTaggedWithInstanceIdAndRecordsMetrics()
    {
        var spans = new ConcurrentBag<Activity>();
        var instruments = new ConcurrentBag<string>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = s => s.Name == DurableTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(activities);
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == DurableTelemetry.SourceName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<double>((instrument, _, _, _) => instruments.Add(instrument.Name));
        meters.SetMeasurementEventCallback<long>((instrument, _, _, _) => instruments.Add(instrument.Name));
        meters.Start();
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddActivityFunc<int, int>("Inc", (_, n) => n + 1)
            .AddOrchestratorFunc<int, int>("Traced", (ctx, n) => ctx.CallActivityAsync<int>("Inc", n)));

        await host.RunAsync("Traced", 1, "traced-1");
        meters.RecordObservableInstruments();

        var mine = spans.Where(s => Equals(s.GetTagItem(DurableTelemetry.InstanceIdTag), "traced-1")).Select(s => s.DisplayName).ToList();
        Assert.Contains("orchestration.step Traced", mine);
        Assert.Contains("activity Inc", mine);
        Assert.Contains("durable.orchestration.step.duration", instruments);
        Assert.Contains("durable.activity.duration", instruments);
        Assert.Contains("durable.backlog", instruments);
    }
}
