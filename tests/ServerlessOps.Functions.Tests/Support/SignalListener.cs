using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ServerlessOps.Infrastructure.Telemetry;

namespace ServerlessOps.Functions.Tests.Support;

/// <summary>
/// A <see cref="MeterListener"/> on one app's operator signals: only instruments of meters its own
/// <see cref="IMeterFactory"/> created (tests run apps side by side in one process, each with its own factory).
/// Counters are summed per tag set as they are recorded; gauges are read by <see cref="ReadGauges"/>.
/// </summary>
public sealed class SignalListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _counters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _gauges = new(StringComparer.Ordinal);

    public SignalListener(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Meter.Name == OperatorSignalNames.MeterName
                && OperatorSignalNames.All.Contains(instrument.Name, StringComparer.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = Key(instrument.Name, tags);
            if (OperatorSignalNames.Gauges.Contains(instrument.Name, StringComparer.Ordinal))
            {
                _gauges[key] = value;
            }
            else
            {
                _counters.AddOrUpdate(key, value, (_, sum) => sum + value);
            }
        });
        _listener.Start();
    }

    /// <summary>Sum of a counter's increments with exactly these tags.</summary>
    public long Counter(string name, params (string Name, object Value)[] tags) => _counters.GetValueOrDefault(Key(name, tags));

    /// <summary>Observes every gauge once and returns the value reported with exactly these tags, or null when none was.</summary>
    public long? Gauge(string name, params (string Name, object Value)[] tags)
    {
        ReadGauges();
        return _gauges.TryGetValue(Key(name, tags), out var value) ? value : null;
    }

    /// <summary>Every series a gauge reported on the last read, by its tags.</summary>
    public IReadOnlyDictionary<string, long> Series(string name)
    {
        ReadGauges();
        return _gauges.Where(g => g.Key.StartsWith(name + "|", StringComparison.Ordinal)).ToDictionary(g => g.Key[(name.Length + 1)..], g => g.Value, StringComparer.Ordinal);
    }

    public void ReadGauges()
    {
        _gauges.Clear();
        _listener.RecordObservableInstruments();
    }

    public void Dispose() => _listener.Dispose();

    private static string Key(string name, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var pairs = new List<string>(tags.Length);
        foreach (var tag in tags)
        {
            pairs.Add($"{tag.Key}={tag.Value}");
        }

        return Key(name, pairs);
    }

    private static string Key(string name, (string Name, object Value)[] tags) => Key(name, tags.Select(t => $"{t.Name}={t.Value}").ToList());

    private static string Key(string name, List<string> pairs) => name + "|" + string.Join(",", pairs.Order(StringComparer.Ordinal));
}
