using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ServerlessOps.Domain.Alerts;

namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>
/// The gauge <c>serverlessops.alerts.open</c> on meter <c>ServerlessOps.Infrastructure</c>: unresolved alerts per
/// brand, kind (slug) and state (<c>open</c>, <c>acknowledged</c>), for the operators' alert rules. It reports the
/// latest counts this instance knows: set by every rollup write here and re-read from each brand's rollup record by
/// <see cref="AlertMetricsRefresher"/>, so every instance reports the same numbers within a refresh interval. Every
/// kind is reported for every known brand, zeros included, so a count that falls to zero is seen to fall.
/// </summary>
public sealed class AlertMetrics
{
    /// <summary>One of TelemetryServiceCollectionExtensions.Sources, so the exporter picks it up.</summary>
    public const string MeterName = "ServerlessOps.Infrastructure";

    public const string OpenAlertsGauge = "serverlessops.alerts.open";

    private static readonly AlertState[] _unresolved = [AlertState.Open, AlertState.Acknowledged];

    private readonly ConcurrentDictionary<string, IReadOnlyList<AlertCount>> _byBrand = new(StringComparer.Ordinal);

    public AlertMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge(OpenAlertsGauge, Observe, unit: "{alert}", description: "Unresolved business alerts by brand, kind and state (open or acknowledged).");
    }

    /// <summary>Replaces what is reported for <paramref name="brandId"/>.</summary>
    public void Set(string brandId, IReadOnlyList<AlertCount> counts)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        ArgumentNullException.ThrowIfNull(counts);
        _byBrand[brandId] = counts;
    }

    /// <summary>What the gauge reports now for one brand, kind and state.</summary>
    public int Current(string brandId, AlertKind kind, AlertState state) =>
        _byBrand.TryGetValue(brandId, out var counts) ? counts.FirstOrDefault(c => c.Kind == kind && c.State == state)?.Count ?? 0 : 0;

    private IEnumerable<Measurement<int>> Observe()
    {
        foreach (var (brandId, counts) in _byBrand)
        {
            foreach (var kind in AlertKinds.All)
            {
                foreach (var state in _unresolved)
                {
                    var count = counts.FirstOrDefault(c => c.Kind == kind.Kind && c.State == state)?.Count ?? 0;
                    yield return new Measurement<int>(
                        count,
                        new KeyValuePair<string, object?>("brand", brandId),
                        new KeyValuePair<string, object?>("kind", kind.Slug),
                        new KeyValuePair<string, object?>("state", state == AlertState.Open ? "open" : "acknowledged"));
                }
            }
        }
    }
}
