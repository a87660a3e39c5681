namespace ServerlessOps.Infrastructure.Backstop;

/// <summary>
/// What the backstop found for one channel on one UTC day (the day of the channel's change): orders whose change no
/// webhook had brought (<see cref="Missed"/>, recovered by the backstop), orders a webhook brought later than
/// <see cref="BackstopOptions.LateAfter"/> (<see cref="Late"/>), and of the missed, those placed before go-live
/// (<see cref="History"/>). Each as <c>{order id}@{version}</c>, so the overlap of two runs counts a change once.
/// </summary>
public sealed record BackstopChannelDay
{
    /// <summary>Order changes kept per list; counts beyond it go on in <see cref="MissedCount"/> and <see cref="LateCount"/>.</summary>
    public const int MaxListed = 500;

    public IReadOnlyList<string> Missed { get; init; } = [];

    public IReadOnlyList<string> Late { get; init; } = [];

    public IReadOnlyList<string> History { get; init; } = [];

    public int MissedCount { get; init; }

    public int LateCount { get; init; }

    public int HistoryCount { get; init; }

    /// <summary>Adds what is new; returns this when nothing is.</summary>
    public BackstopChannelDay With(IEnumerable<string> missed, IEnumerable<string> late, IEnumerable<string> history)
    {
        var (m, mc) = Merge(Missed, MissedCount, missed);
        var (l, lc) = Merge(Late, LateCount, late);
        var (h, hc) = Merge(History, HistoryCount, history);
        return mc == MissedCount && lc == LateCount && hc == HistoryCount
            ? this
            : this with { Missed = m, MissedCount = mc, Late = l, LateCount = lc, History = h, HistoryCount = hc };
    }

    private static (IReadOnlyList<string> List, int Count) Merge(IReadOnlyList<string> list, int count, IEnumerable<string> more)
    {
        var merged = list.ToList();
        foreach (var key in more.Distinct(StringComparer.Ordinal))
        {
            if (merged.Contains(key, StringComparer.Ordinal))
            {
                continue;
            }

            count++;
            if (merged.Count < MaxListed)
            {
                merged.Add(key);
            }
        }

        return (merged, count);
    }
}
