using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ServerlessOps.Infrastructure.Telemetry;

/// <summary>
/// The instruments behind <see cref="OperatorSignalNames"/>. Counters are added to where the event happens (one
/// increment, no allocation unless a tag must be built). Gauges report the latest readings their sampler handed to
/// <see cref="Report"/>, and only until those go stale: the samplers are timers that run on one instance at a time, so
/// an instance that stopped sampling (scaled in, or the timer moved elsewhere) falls silent instead of repeating an
/// old depth for ever, and an alert sees the fresh value of whichever instance sampled last.
/// </summary>
public sealed class OperatorMetrics
{
    private readonly ConcurrentDictionary<string, Snapshot> _latest = new(StringComparer.Ordinal);
    private readonly Counter<long> _unauthorized;
    private readonly Counter<long> _serverErrors;
    private readonly Counter<long> _throttled;
    private readonly TimeProvider _time;

    public OperatorMetrics(IMeterFactory meters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _time = time;
        var meter = meters.Create(OperatorSignalNames.MeterName);
        _unauthorized = meter.CreateCounter<long>(OperatorSignalNames.WebhookUnauthorized, "{request}", "Webhook deliveries answered 401 (missing or wrong signature or credential), by channel.");
        _serverErrors = meter.CreateCounter<long>(OperatorSignalNames.WebhookServerErrors, "{request}", "Webhook deliveries answered 5xx (503: store unavailable, 500: unexpected), by channel and status.");
        _throttled = meter.CreateCounter<long>(OperatorSignalNames.CosmosThrottled, "{request}", "Cosmos DB requests still answered 429 after the SDK's own rate-limit retries.");
        Gauge(meter, OperatorSignalNames.PoisonQueueDepth, "{message}", "Messages waiting in each poison queue.");
        Gauge(meter, OperatorSignalNames.QuarantineOpen, "{delivery}", "Open quarantine entries per brand.");
        Gauge(meter, OperatorSignalNames.TaskHubBacklog, "{message}", "Messages in the Durable task hub's control and work-item queues.");
        Gauge(meter, OperatorSignalNames.OrchestrationsFailed, "{instance}", "Orchestrations failed by the engine within the look-back window, by orchestration name.");
        Gauge(meter, OperatorSignalNames.OrderFlowsStuck, "{instance}", "Order flows the stuck-flow finder found stuck or failed on its last run, by brand.");
        Gauge(meter, OperatorSignalNames.WebhooksStopped, "{account}", "1 for a channel account whose webhooks the backstop found stopped on its last run, else 0.");
    }

    /// <summary>Counts a webhook answer when it is a 401 or a 5xx; every other status costs one comparison.</summary>
    /// <param name="channel">The channel's slug (shopify, amazon, walmart, tiktok-shop).</param>
    public void WebhookAnswered(string channel, int status)
    {
        if (status == 401)
        {
            _unauthorized.Add(1, new KeyValuePair<string, object?>("channel", channel));
        }
        else if (status >= 500)
        {
            _serverErrors.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("status", status));
        }
    }

    /// <summary>Counts one request the Cosmos SDK gave up on with 429.</summary>
    public void CosmosThrottled() => _throttled.Add(1);

    /// <summary>
    /// Replaces what <paramref name="gauge"/> reports with <paramref name="readings"/> for the next <paramref name="freshFor"/>
    /// (after that it reports nothing until the next sample). Readings of zero are reported too, so a value is seen to fall.
    /// </summary>
    public void Report(string gauge, IEnumerable<GaugeReading> readings, TimeSpan freshFor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(gauge);
        ArgumentNullException.ThrowIfNull(readings);
        if (!OperatorSignalNames.Gauges.Contains(gauge, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{gauge}' is not one of the operator gauges (OperatorSignalNames.Gauges).", nameof(gauge));
        }

        _latest[gauge] = new Snapshot([.. readings], _time.GetUtcNow() + freshFor);
    }

    /// <summary>What <paramref name="gauge"/> reports now (empty when never sampled or stale).</summary>
    public IReadOnlyList<GaugeReading> Current(string gauge) =>
        _latest.TryGetValue(gauge, out var snapshot) && snapshot.ExpiresAt > _time.GetUtcNow() ? snapshot.Readings : [];

    private void Gauge(Meter meter, string name, string unit, string description) =>
        meter.CreateObservableGauge(name, () => Current(name).Select(r => new Measurement<long>(r.Value, r.Tags)), unit, description);

    private sealed record Snapshot(IReadOnlyList<GaugeReading> Readings, DateTimeOffset ExpiresAt);
}
