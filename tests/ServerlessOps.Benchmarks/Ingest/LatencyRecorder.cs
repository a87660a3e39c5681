namespace ServerlessOps.Benchmarks.Ingest;

/// <summary>
/// Collects per-request latencies (ms) with the second of the run each request was scheduled in, and answers
/// percentiles over the whole run or per second (a tail made of a few stalls looks different from a tail
/// spread over the run).
/// </summary>
internal sealed class LatencyRecorder
{
    private readonly List<(TimeSpan ScheduledAt, double Milliseconds)> _samples = [];

    public void Add(TimeSpan scheduledAt, double milliseconds)
    {
        lock (_samples)
        {
            _samples.Add((scheduledAt, milliseconds));
        }
    }

    public double Percentile(double p)
    {
        lock (_samples)
        {
            return PercentileOf(_samples.Select(sample => sample.Milliseconds), p);
        }
    }

    /// <returns>The <paramref name="p"/>th percentile of each second's requests, in order.</returns>
    public IReadOnlyList<double> PercentilePerSecond(double p)
    {
        lock (_samples)
        {
            return [.. _samples.GroupBy(sample => (int)sample.ScheduledAt.TotalSeconds).OrderBy(second => second.Key)
                .Select(second => PercentileOf(second.Select(sample => sample.Milliseconds), p))];
        }
    }

    /// <returns>The <paramref name="p"/>th percentile of each <paramref name="slice"/> of the run's first
    /// <paramref name="span"/>: where in a slow first second the time went (a few cold requests, or a queue).</returns>
    public IReadOnlyList<double> PercentilePerSlice(double p, TimeSpan slice, TimeSpan span)
    {
        lock (_samples)
        {
            return [.. _samples.Where(sample => sample.ScheduledAt < span).GroupBy(sample => (int)(sample.ScheduledAt / slice)).OrderBy(group => group.Key)
                .Select(group => PercentileOf(group.Select(sample => sample.Milliseconds), p))];
        }
    }

    private static double PercentileOf(IEnumerable<double> samples, double p)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
