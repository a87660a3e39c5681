using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using ServerlessOps.Infrastructure.Telemetry;

namespace ServerlessOps.Infrastructure.Tests.Telemetry;

/// <summary>The operator instruments on their own: gauges fall silent when their sampler stops, counters count only what they are for.</summary>
public sealed class OperatorMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));

    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    [Fact]
    public void Gauge_ReportsItsLatestSample_UntilItGoesStale_ThenNothing()
    {
        var metrics = new OperatorMetrics(Meters, _time);
        using var gauge = new MetricCollector<long>(Meters, OperatorSignalNames.MeterName, OperatorSignalNames.PoisonQueueDepth);
        metrics.Report(OperatorSignalNames.PoisonQueueDepth, [GaugeReading.Of(3, ("queue", "a-poison")), GaugeReading.Of(0, ("queue", "b-poison"))], TimeSpan.FromMinutes(15));

        gauge.RecordObservableInstruments();
        Assert.Equal([("a-poison", 3L), ("b-poison", 0L)], gauge.GetMeasurementSnapshot().Select(m => ((string)m.Tags["queue"]!, m.Value)).Order());

        _time.Advance(TimeSpan.FromMinutes(15));
        gauge.Clear();
        gauge.RecordObservableInstruments();
        Assert.Empty(gauge.GetMeasurementSnapshot());
    }

    [Fact]
    public void Report_OfANameThatIsNoGauge_IsRefused()
    {
        var metrics = new OperatorMetrics(Meters, _time);
        var refused = Assert.Throws<ArgumentException>(() => metrics.Report(OperatorSignalNames.CosmosThrottled, [], TimeSpan.FromMinutes(1)));
        Assert.Contains(OperatorSignalNames.CosmosThrottled, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WebhookAnswered_Counts401And5xxByChannel_AndNothingElse()
    {
        var metrics = new OperatorMetrics(Meters, _time);
        using var unauthorized = new MetricCollector<long>(Meters, OperatorSignalNames.MeterName, OperatorSignalNames.WebhookUnauthorized);
        using var serverErrors = new MetricCollector<long>(Meters, OperatorSignalNames.MeterName, OperatorSignalNames.WebhookServerErrors);

        foreach (var status in new[] { 200, 400, 401, 401, 413, 503, 500 })
        {
            metrics.WebhookAnswered("walmart", status);
        }

        Assert.Equal(2, unauthorized.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.All(unauthorized.GetMeasurementSnapshot(), m => Assert.Equal("walmart", m.Tags["channel"]));
        Assert.Equal([500, 503], serverErrors.GetMeasurementSnapshot().Select(m => (int)m.Tags["status"]!).Order());
    }

    [Fact]
    public async Task CosmosThrottleCounter_CountsA429ThatReachesIt_AndLetsOtherAnswersPass()
    {
        var metrics = new OperatorMetrics(Meters, _time);
        using var throttled = new MetricCollector<long>(Meters, OperatorSignalNames.MeterName, OperatorSignalNames.CosmosThrottled);
        var statuses = new Queue<HttpStatusCode>([HttpStatusCode.TooManyRequests, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests]);
        var counter = new CosmosThrottleCounter(metrics) { InnerHandler = new Answering(statuses) };

        var answered = new List<HttpStatusCode>();
        while (statuses.Count > 0)
        {
            using var response = await counter.SendAsync(new RequestMessage(), TestContext.Current.CancellationToken);
            answered.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], answered);
        Assert.Equal(2, throttled.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    public void Dispose() => _services.Dispose();

    /// <summary>Stands in for the rest of the SDK's pipeline: answers the next status.</summary>
    private sealed class Answering(Queue<HttpStatusCode> statuses) : RequestHandler
    {
        public override Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new ResponseMessage(statuses.Dequeue()));
    }
}
