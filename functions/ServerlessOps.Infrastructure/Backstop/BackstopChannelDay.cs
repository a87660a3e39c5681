using System.Security.Cryptography;
using System.Text;

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

    /// <summary>
    /// Fingerprints of the missed changes counted beyond <see cref="MaxListed"/>: a change listed again (the next run's
    /// overlap, a rerun of a failed window) is found here and not counted twice. Eight bytes of its key's SHA-256 each
    /// (14 bytes of JSON), so a brand's day document holds well over 100,000 before Cosmos DB's 2 MB item limit.
    /// </summary>
    public IReadOnlyList<string> MissedBeyondListed { get; init; } = [];

    /// <summary>As <see cref="MissedBeyondListed"/>, for <see cref="Late"/>.</summary>
    public IReadOnlyList<string> LateBeyondListed { get; init; } = [];

    /// <summary>As <see cref="MissedBeyondListed"/>, for <see cref="History"/>.</summary>
    public IReadOnlyList<string> HistoryBeyondListed { get; init; } = [];

    public int MissedCount { get; init; }

    public int LateCount { get; init; }

    public int HistoryCount { get; init; }

    /// <summary>Adds what is new; returns this when nothing is.</summary>
    public BackstopChannelDay With(IEnumerable<string> missed, IEnumerable<string> late, IEnumerable<string> history)
    {
        var m = Merge(Missed, MissedBeyondListed, MissedCount, missed);
        var l = Merge(Late, LateBeyondListed, LateCount, late);
        var h = Merge(History, HistoryBeyondListed, HistoryCount, history);
        return m.Count == MissedCount && l.Count == LateCount && h.Count == HistoryCount
            ? this
            : this with
            {
                Missed = m.List, MissedBeyondListed = m.Beyond, MissedCount = m.Count,
                Late = l.List, LateBeyondListed = l.Beyond, LateCount = l.Count,
                History = h.List, HistoryBeyondListed = h.Beyond, HistoryCount = h.Count,
            };
    }

    private static (IReadOnlyList<string> List, IReadOnlyList<string> Beyond, int Count) Merge(
        IReadOnlyList<string> list, IReadOnlyList<string> beyond, int count, IEnumerable<string> more)
    {
        var merged = list.ToList();
        var listed = new HashSet<string>(list, StringComparer.Ordinal);
        var fingerprints = beyond.ToList();
        var seen = new HashSet<string>(beyond, StringComparer.Ordinal);
        foreach (var key in more)
        {
            if (listed.Contains(key) || seen.Contains(Fingerprint(key)))
            {
                continue;
            }

            count++;
            if (merged.Count < MaxListed)
            {
                merged.Add(key);
                listed.Add(key);
            }
            else
            {
                fingerprints.Add(Fingerprint(key));
                seen.Add(fingerprints[^1]);
            }
        }

        return (merged, fingerprints, count);
    }

    private static string Fingerprint(string key) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 8)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
