namespace ServerlessOps.Benchmarks.Durable;

/// <summary>The first and last moment (UTC wall clock, as the engine's instance timestamps) a set of activities ran.</summary>
internal sealed class ActivityTimeline
{
    private long _first = long.MaxValue;
    private long _last = long.MinValue;

    public DateTimeOffset First => new(Interlocked.Read(ref _first), TimeSpan.Zero);

    public DateTimeOffset Last => new(Interlocked.Read(ref _last), TimeSpan.Zero);

    public void Reset()
    {
        Interlocked.Exchange(ref _first, long.MaxValue);
        Interlocked.Exchange(ref _last, long.MinValue);
    }

    public void Ran()
    {
        var now = DateTime.UtcNow.Ticks;
        long seen;
        while (now < (seen = Interlocked.Read(ref _first)) && Interlocked.CompareExchange(ref _first, now, seen) != seen)
        {
        }

        while (now > (seen = Interlocked.Read(ref _last)) && Interlocked.CompareExchange(ref _last, now, seen) != seen)
        {
        }
    }
}
